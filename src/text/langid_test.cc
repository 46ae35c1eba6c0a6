#include "text/langid.h"

#include <algorithm>
#include <filesystem>
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/resources.h"
#include "text/langid_model.h"

namespace vestnik::text {
namespace {

LangIdFeatureSettings SmallSettings() {
  LangIdFeatureSettings s;
  s.hash_bits = 10;
  return s;
}

std::vector<uint32_t> Features(std::string_view text, const LangIdCues* cues = nullptr) {
  std::vector<uint32_t> f;
  ExtractLangIdFeatures(text, SmallSettings(), cues, &f);
  return f;
}

std::vector<uint32_t> Sorted(std::vector<uint32_t> v) {
  std::sort(v.begin(), v.end());
  return v;
}

// A model of one group whose weights favour `labels[0]` on the features of `text0` and
// `labels[1]` on those of `text1`.
LangIdModel::Group TwoWayGroup(const std::string& name, const std::string& script,
                               const std::vector<std::string>& labels, std::string_view text0,
                               std::string_view text1) {
  LangIdModel::Group g;
  g.name = name;
  g.script = script;
  g.labels = labels;
  g.alphabets.assign(labels.size(), U"");
  g.cld2_bonus.assign(labels.size(), 0.0f);
  g.scale = 0.1f;
  g.bias.assign(labels.size(), 0.0f);
  const size_t k = labels.size();
  g.weights.assign((size_t{1} << SmallSettings().hash_bits) * k, 0);
  for (uint32_t f : Features(text0)) g.weights[f * k + 0] = 20;
  for (uint32_t f : Features(text1)) g.weights[f * k + 1] = 20;
  return g;
}

TEST(DominantScriptTest, CountsLettersOnly) {
  EXPECT_EQ(DominantScript("Вучич said: «ok»"), "Latn");  // 5 Cyrillic letters, 6 Latin
  EXPECT_EQ(DominantScript("Vučić је рекао"), "Cyrl");
  EXPECT_EQ(DominantScript("Čeština a slovenčina"), "Latn");
  EXPECT_EQ(DominantScript("Η Ελλάδα"), "Grek");
  EXPECT_EQ(DominantScript("123 — !"), "Zyyy");
  EXPECT_EQ(DominantScript(""), "Zyyy");
}

TEST(IdentifyLanguageTest, NoLettersIsUndetermined) {
  LanguageGuess g = IdentifyLanguage("2024-09-12 12:30 — 45%");
  EXPECT_EQ(g.lang, "und");
  EXPECT_EQ(g.script, "Zyyy");
}

TEST(IdentifyLanguageTest, Cld2AloneOnLongTexts) {
  LanguageGuess bg = IdentifyLanguage(
      "Министър-председателят заяви, че правителството ще подкрепи проекта за новия мост над "
      "река Дунав, който ще свърже Русе и Гюргево, и че строителството ще започне през есента.");
  EXPECT_EQ(bg.lang, "bg");
  EXPECT_EQ(bg.script, "Cyrl");
  LanguageGuess en = IdentifyLanguage(
      "The prime minister said the government would support the project for a new bridge over "
      "the Danube, and that construction would begin in the autumn.");
  EXPECT_EQ(en.lang, "en");
  EXPECT_EQ(en.script, "Latn");
}

TEST(FeaturesTest, FoldCaseAndSeparators) {
  EXPECT_EQ(Features("Вода"), Features("ВОДА"));
  EXPECT_EQ(Features("Čaj"), Features("čaj"));
  EXPECT_EQ(Sorted(Features("da, ne!")), Sorted(Features("ne   da")));
  EXPECT_TRUE(Features("12 345 — !").empty());
}

TEST(FeaturesTest, CountsNgramsWithinWords) {
  // A word of L letters padded with two spaces: n-grams of 1..5 code points, minus the two
  // lone spaces, plus the word itself.
  auto count = [](int letters) {
    int cps = letters + 2, n = 0;
    for (int len = 1; len <= 5; ++len) n += std::max(0, cps - len + 1);
    return n - 2 + 1;
  };
  EXPECT_EQ(Features("a").size(), static_cast<size_t>(count(1)));
  EXPECT_EQ(Features("вода").size(), static_cast<size_t>(count(4)));
  EXPECT_EQ(Features("вода вода").size(), 2 * Features("вода").size());
}

TEST(FeaturesTest, ApostropheInsideWordOnly) {
  // м'ята is one word; a quote mark before a word is not part of it.
  EXPECT_NE(Sorted(Features("м'ята")), Sorted(Features("м ята")));
  EXPECT_EQ(Features("м’ята"), Features("м'ята"));
  EXPECT_EQ(Features("'ята"), Features("ята"));
}

TEST(SampleTextTest, ShortTextIsWhole) {
  std::string buffer;
  EXPECT_EQ(SampleText("кратък текст", 100, &buffer), "кратък текст");
}

TEST(SampleTextTest, LongTextIsWindowsCutAtSpaces) {
  std::string text;
  for (int i = 0; i < 200; ++i) {
    text += 'w';
    text += std::to_string(i);
    text += ' ';
  }
  std::string buffer;
  std::string_view s = SampleText(text, 100, &buffer);
  EXPECT_LE(s.size(), 104u);  // windows plus their separators
  EXPECT_EQ(s.substr(0, 3), "w0 ");
  EXPECT_NE(s.find("w199"), std::string_view::npos);
  // Every word in the sample is a whole word of the text.
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find_first_of(" \n", start);
    if (end == std::string_view::npos) end = s.size();
    if (end > start) {
      std::string word(s.substr(start, end - start));
      std::string spaced = " ";
      spaced += word;
      spaced += ' ';
      EXPECT_NE((' ' + text).find(spaced), std::string::npos) << word;
    }
    start = end + 1;
  }
}

TEST(CuesTest, WordsAndStems) {
  LangIdCues cues;
  ASSERT_TRUE(cues.Add("ijekavian", "vrijem*").ok());
  ASSERT_TRUE(cues.Add("ijekavian", "gdje").ok());
  ASSERT_TRUE(cues.Add("ekavian", "gde").ok());
  EXPECT_EQ(cues.size(), 3u);
  auto extra = [&](std::string_view text) {
    return Features(text, &cues).size() - Features(text).size();
  };
  EXPECT_EQ(extra("Vrijeme"), 1u);
  EXPECT_EQ(extra("vrijemena gdje"), 2u);
  EXPECT_EQ(extra("gdjegod"), 0u);  // a word cue matches whole words only
  EXPECT_EQ(extra("vrije"), 0u);    // shorter than the stem
  EXPECT_EQ(extra("gde gde"), 2u);
  EXPECT_NE(Features("gdje", &cues).back(), Features("gde", &cues).back());  // two classes
}

TEST(CuesTest, RejectsBadPatterns) {
  LangIdCues cues;
  EXPECT_FALSE(cues.Add("hr", "Tisuća").ok());  // upper case
  EXPECT_FALSE(cues.Add("hr", "*").ok());
  EXPECT_FALSE(cues.Add("h r", "tisuća").ok());
  EXPECT_FALSE(cues.Add("hr", "1990").ok());
  for (int i = 0; i < 64; ++i) {
    std::string cls = std::to_string(i);
    cls.insert(cls.begin(), 'c');
    ASSERT_TRUE(cues.Add(cls, "x").ok());
  }
  EXPECT_FALSE(cues.Add("c64", "x").ok());
}

TEST(LangIdModelTest, RoundTripAndClassify) {
  std::vector<LangIdModel::Group> groups = {
      TwoWayGroup("czsk", "Latn", {"cs", "sk"}, "řeka že ještě", "ďalej ôsmy ľudia")};
  LangIdCues cues;
  ASSERT_TRUE(cues.Add("sk", "ľud*").ok());
  LangIdModel model(SmallSettings(), cues, groups, "synthetic", "2024-01-01", "test");
  ASSERT_TRUE(model.Validate().ok()) << model.Validate().message();
  std::string bytes = model.Serialize();
  auto loaded = LangIdModel::Parse(bytes, "m");
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  const LangIdModel& m = **loaded;
  EXPECT_EQ(m.Serialize(), bytes);
  EXPECT_EQ(m.training_data(), "synthetic");
  EXPECT_EQ(m.date(), "2024-01-01");
  EXPECT_EQ(m.cues().size(), 1u);
  const LangIdModel::Group* g = m.GroupFor("sk", "Latn");
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(m.GroupFor("sk", "Cyrl"), nullptr);
  EXPECT_EQ(m.GroupFor("pl", "Latn"), nullptr);
  EXPECT_EQ(m.Decide(*g, "ještě řeka", "", nullptr), "cs");
  EXPECT_EQ(m.Decide(*g, "ďalej ľudia", "", nullptr), "sk");
  EXPECT_EQ(m.Decide(*g, "123", "", nullptr), "");
}

TEST(LangIdModelTest, LoadRefusesDamage) {
  std::vector<LangIdModel::Group> groups = {TwoWayGroup("g", "Latn", {"cs", "sk"}, "a", "b")};
  std::string bytes = LangIdModel(SmallSettings(), {}, groups, "d", "t", "c").Serialize();
  std::string flipped = bytes;
  flipped[flipped.size() / 2] ^= 0x40;
  auto a = LangIdModel::Parse(flipped, "flipped.model");
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.status().message().find("flipped.model"), std::string::npos);
  EXPECT_NE(a.status().message().find("checksum"), std::string::npos);
  EXPECT_FALSE(LangIdModel::Parse(bytes.substr(0, bytes.size() - 9), "m").ok());
  std::string magic = bytes;
  magic[0] = 'X';
  EXPECT_NE(LangIdModel::Parse(magic, "m").status().message().find("magic"), std::string::npos);
  std::string version = bytes;
  version[8] = 9;
  EXPECT_NE(LangIdModel::Parse(version, "m").status().message().find("version"), std::string::npos);
  EXPECT_EQ(LangIdModel::Load("/nonexistent/langid.model").status().code(),
            Status::Code::kNotFound);
}

TEST(LangIdModelTest, CompositeLabelsNeedARefinement) {
  std::vector<LangIdModel::Group> alone = {
      TwoWayGroup("bcms", "Latn", {"sr", "hr+bs"}, "vreme deca", "vrijeme djeca")};
  EXPECT_FALSE(LangIdModel(SmallSettings(), {}, alone, "", "", "").Validate().ok());
  std::vector<LangIdModel::Group> tree = {
      TwoWayGroup("bcms", "Latn", {"sr", "hr+bs"}, "vreme deca", "vrijeme djeca"),
      TwoWayGroup("hrbs", "Latn", {"hr", "bs"}, "tisuća tjedan", "hiljada sedmica")};
  LangIdModel model(SmallSettings(), {}, tree, "", "", "");
  ASSERT_TRUE(model.Validate().ok()) << model.Validate().message();
  const LangIdModel::Group* entry = model.GroupFor("bs", "Latn");
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->name, "bcms");
  EXPECT_TRUE(model.IsEntry(*entry));
  EXPECT_FALSE(model.IsEntry(model.groups()[1]));
  EXPECT_EQ(model.Decide(*entry, "vreme deca", "", nullptr), "sr");
  EXPECT_EQ(model.Decide(*entry, "vrijeme djeca tisuća tjedan", "", nullptr), "hr");
  EXPECT_EQ(model.Decide(*entry, "vrijeme djeca hiljada sedmica", "", nullptr), "bs");
}

TEST(LangIdModelTest, AlphabetsAndCld2Bonus) {
  // The weights say bg for everything; the alphabets say a text with ѓ is not Bulgarian.
  LangIdModel::Group g = TwoWayGroup("cyrillic", "Cyrl", {"bg", "mk"}, "ова е ѓ нова", "");
  g.alphabets = {U"абвгдежзийклмнопрстуфхцчшщъьюя", U"абвгдѓежзѕијклљмнњопрстќуфхцчџш"};
  std::sort(g.alphabets[0].begin(), g.alphabets[0].end());
  std::sort(g.alphabets[1].begin(), g.alphabets[1].end());
  g.cld2_bonus = {0, 1000};
  LangIdModel model(SmallSettings(), {}, {g}, "", "", "");
  ASSERT_TRUE(model.Validate().ok()) << model.Validate().message();
  const auto& group = model.groups()[0];
  EXPECT_EQ(model.Decide(group, "ова е нова", "", nullptr), "bg");
  EXPECT_EQ(model.Decide(group, "ова е ѓ нова", "", nullptr), "mk");
  EXPECT_EQ(model.Decide(group, "ова е нова", "mk", nullptr), "mk");   // CLD2's word counts
  EXPECT_EQ(model.Decide(group, "ова е нова щ", "mk", nullptr), "bg");  // but mk has no щ
  EXPECT_TRUE(model.Fits(group, "ова е нова"));
  EXPECT_FALSE(model.Fits(group, "ова є ї"));
}

TEST(LangIdModelTest, OwnWordsDecideWhereTheLettersAllow) {
  // The weights say sr for everything; cues of a class named after a label are its own words.
  LangIdModel::Group g = TwoWayGroup("cyrillic", "Cyrl", {"sr", "mk"}, "ова је нова", "");
  g.alphabets = {U"абвгдђежзијклљмнњопрстћуфхцчџш", U"абвгдѓежзѕијклљмнњопрстќуфхцчџш"};
  std::sort(g.alphabets[0].begin(), g.alphabets[0].end());
  std::sort(g.alphabets[1].begin(), g.alphabets[1].end());
  g.cld2_bonus = {0, 0};
  LangIdCues cues;
  for (const char* w : {"дека", "тоа", "денес"}) ASSERT_TRUE(cues.Add("mk", w).ok());
  for (const char* w : {"је", "према"}) ASSERT_TRUE(cues.Add("sr", w).ok());
  LangIdModel model(SmallSettings(), std::move(cues), {g}, "", "", "");
  ASSERT_TRUE(model.Validate().ok()) << model.Validate().message();
  const auto& group = model.groups()[0];
  EXPECT_EQ(model.Decide(group, "тоа е ова", "", nullptr), "sr");  // two: not enough
  EXPECT_EQ(model.Decide(group, "денес рече дека тоа е ова", "", nullptr), "mk");
  // Serbian words against them: more than twice as many of one side are needed.
  EXPECT_EQ(model.Decide(group, "денес рече дека тоа је ова према", "", nullptr), "sr");
  // The letters still rule: ћ is no Macedonian letter.
  EXPECT_EQ(model.Decide(group, "денес рече дека тоа ће ћути", "", nullptr), "sr");
}

TEST(IdentifyLanguageTest, ScopedModelIsTheDefault) {
  // A model that calls every Latin-script Czech or Slovak text Slovak.
  LangIdModel::Group g = TwoWayGroup("czsk", "Latn", {"cs", "sk"}, "", "");
  g.bias = {0, 5};
  LangIdModel model(SmallSettings(), {}, {g}, "", "", "");
  ASSERT_TRUE(model.Validate().ok());
  const std::string czech =
      "Vláda schválila návrh zákona o státním rozpočtu na příští rok. Ministr financí řekl, že "
      "schodek se oproti letošku sníží a že daně se zvyšovat nebudou.";
  EXPECT_EQ(IdentifyLanguage(czech).lang, "cs");
  EXPECT_EQ(IdentifyLanguage(czech, {}, &model).lang, "sk");
  {
    ScopedLangIdModel scope(&model);
    EXPECT_EQ(IdentifyLanguage(czech).lang, "sk");
    EXPECT_EQ(IdentifyLanguageCld2(czech).lang, "cs");
    {
      ScopedLangIdModel none(nullptr);
      EXPECT_EQ(IdentifyLanguage(czech).lang, "cs");
    }
    EXPECT_EQ(IdentifyLanguage(czech).lang, "sk");
  }
  EXPECT_EQ(IdentifyLanguage(czech).lang, "cs");
}

TEST(IdentifyLanguageTest, ShippedModelOnShortTexts) {
  auto path = Resources::DefaultRoot() / "models" / "langid.model";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " is absent";
  auto model = LangIdModel::Load(path);
  ASSERT_TRUE(model.ok()) << model.status().message();
  const LangIdModel* m = model->get();
  struct Case {
    const char* text;
    const char* lang;
    const char* script;
  };
  const Case cases[] = {
      {"Predsednik je rekao da će se sastanak održati sledeće nedelje u Beogradu.", "sr", "Latn"},
      {"Председник је рекао да ће се састанак одржати следеће недеље у Београду.", "sr", "Cyrl"},
      {"Predsjednik je rekao da će se sastanak tijekom tjedna održati u Zagrebu.", "hr", "Latn"},
      {"Премиерът заяви, че мостът ще бъде завършен догодина.", "bg", "Cyrl"},
      {"Премиерот изјави дека мостот ќе биде завршен следната година.", "mk", "Cyrl"},
      // Macedonian's own letters (ќ, ѓ) twice rule out the languages that lack them.
      {"Владата ќе ја донесе одлуката утре, а министерот ќе ја претстави пред пратениците.", "mk", "Cyrl"},
      {"Прем'єр-міністр заявив, що міст буде завершено наступного року.", "uk", "Cyrl"},
      {"Премьер-министр заявил, что мост будет достроен в следующем году.", "ru", "Cyrl"},
      {"Premiér povedal, že most bude dokončený budúci rok.", "sk", "Latn"},
      {"Premiér řekl, že most bude dokončen příští rok.", "cs", "Latn"},
  };
  for (const auto& c : cases) {
    LanguageGuess g = IdentifyLanguage(c.text, {}, m);
    EXPECT_EQ(g.lang, c.lang) << c.text;
    EXPECT_EQ(g.script, c.script) << c.text;
  }
}

}  // namespace
}  // namespace vestnik::text
