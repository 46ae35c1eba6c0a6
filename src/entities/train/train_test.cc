// The trainer on small synthetic corpora: reading, alignment, lemma rules, scoring, and a tiny
// model trained end to end and used by the recogniser.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/resources.h"
#include "entities/kb.h"
#include "entities/recognizer.h"
#include "entities/romanize.h"
#include "entities/train/corpus.h"
#include "entities/train/lemma_learner.h"
#include "entities/train/ner_scorer.h"
#include "entities/train/ner_train.h"

namespace vestnik::entities::train {
namespace {

namespace fs = std::filesystem;

void Write(const fs::path& p, const std::string& s) {
  fs::create_directories(p.parent_path());
  std::ofstream f(p, std::ios::binary);
  f << s;
}

// A SlavicNER-shaped corpus: offsets in code points.
class SyntheticCorpus : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("vestnik_train_test_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(root_);
    std::string split;
    const char* people[][3] = {{"Иван Петров", "Петрова", "Петров"},
                               {"Мария Иванова", "Ивановой", "Иванова"},
                               {"Олег Смирнов", "Смирнова", "Смирнов"},
                               {"Анна Козлова", "Козловой", "Козлова"}};
    const char* places[] = {"Москва", "Казань", "Самара", "Тверь"};
    int n = 0;
    for (const char* topic : {"alpha", "beta"}) {
      for (int d = 0; d < 6; ++d, ++n) {
        const auto& p = people[n % 4];
        std::string title = std::string("Новости из ") + places[n % 4];
        std::string body = std::string(p[0]) + " приехал в " + places[(n + 1) % 4] +
                           ". Журналисты спросили " + p[1] + " о планах.";
        std::string text = title + "\n\n" + body + "\n";
        std::string name = "doc" + std::to_string(n);
        Write(root_ / "slavicner" / "raw" / topic / "ru" / (name + ".txt"), text);
        split += std::string("raw/") + topic + "/ru/" + name + ".txt\n";
        // Offsets in code points.
        auto cp = [&](const std::string& s) {
          size_t k = 0;
          for (unsigned char c : s) k += (c & 0xC0) != 0x80;
          return k;
        };
        std::ostringstream tsv;
        size_t t0 = cp("Новости из ");
        tsv << t0 << "\t" << t0 + cp(places[n % 4]) << "\t" << places[n % 4] << "\t" << places[n % 4]
            << "\tLOC\tGPE-" << n % 4 << "\n";
        size_t b = cp(title + "\n\n");
        tsv << b << "\t" << b + cp(p[0]) << "\t" << p[0] << "\t" << p[0] << "\tPER\tPER-" << n % 4 << "\n";
        size_t c = b + cp(std::string(p[0]) + " приехал в ");
        tsv << c << "\t" << c + cp(places[(n + 1) % 4]) << "\t" << places[(n + 1) % 4] << "\t"
            << places[(n + 1) % 4] << "\tLOC\tGPE-" << (n + 1) % 4 << "\n";
        size_t e = b + cp(std::string(p[0]) + " приехал в " + places[(n + 1) % 4] + ". Журналисты спросили ");
        tsv << e << "\t" << e + cp(p[1]) << "\t" << p[1] << "\t" << p[2] << "\tPER\tPER-" << n % 4 << "\n";
        Write(root_ / "slavicner" / "ner" / topic / "ru" / (name + ".tsv"), tsv.str());
      }
    }
    Write(root_ / "slavicner" / "split.txt", split);
  }
  void TearDown() override { fs::remove_all(root_); }
  fs::path root_;
};

TEST_F(SyntheticCorpus, ReadsTopicsAndConvertsCodePointOffsets) {
  auto all = ReadSlavicNer(root_, "ru", {}, {});
  ASSERT_TRUE(all.ok()) << all.status().message();
  EXPECT_EQ(all->size(), 12u);
  auto beta = ReadSlavicNer(root_, "ru", {"beta"}, {});
  ASSERT_TRUE(beta.ok());
  EXPECT_EQ(beta->size(), 6u);
  auto not_beta = ReadSlavicNer(root_, "ru", {}, {"beta"});
  ASSERT_TRUE(not_beta.ok());
  EXPECT_EQ(not_beta->size(), 6u);
  for (const CorpusDoc& d : *all) {
    for (const GoldMention& m : d.gold) EXPECT_EQ(d.doc.Text(m.span), m.surface);
  }
  EXPECT_EQ(SlavicNerTopics(root_), (std::vector<std::string>{"alpha", "beta"}));
}

TEST_F(SyntheticCorpus, GoldSpansBecomeBilouLabelsOnVestnikTokens) {
  auto res = Resources::Load(Resources::DefaultRoot());
  ASSERT_TRUE(res.ok());
  auto docs = ReadSlavicNer(root_, "ru", {}, {});
  ASSERT_TRUE(docs.ok());
  CorpusDoc& d = (*docs)[0];
  PrepareText(**res, "ru", &d.doc);
  AlignmentStats stats;
  auto labels = GoldLabels(d.doc, d.gold, &stats);
  EXPECT_EQ(stats.spans, 4u);
  EXPECT_EQ(stats.misaligned, 0u);
  int spans = 0;
  for (uint8_t l : labels) spans += PartOf(l) == 0 || PartOf(l) == 3;
  EXPECT_EQ(spans, 4);
}

TEST_F(SyntheticCorpus, TrainsAModelTheRecognizerUses) {
  auto res = Resources::Load(Resources::DefaultRoot());
  ASSERT_TRUE(res.ok());
  auto kb = KnowledgeBase::Load(Resources::DefaultRoot() / "data" / "kb" / "entities.tsv");
  ASSERT_TRUE(kb.ok());
  NerTrainOptions o;
  o.lang = "ru";
  o.data_root = root_;
  o.holdout_topics = {"beta"};
  o.epochs = 5;
  o.min_feature_count = 1;
  std::ostringstream log;
  auto data = TrainNer(**res, *kb, o, log);
  ASSERT_TRUE(data.ok()) << data.status().message();
  EXPECT_NE(data->header_json.find("\"holdout_topics\":[\"beta\"]"), std::string::npos);
  auto path = root_ / "ner-ru.model";
  ASSERT_TRUE(NerModel::Save(*data, path).ok());
  auto models = LoadNerModels(root_);
  ASSERT_TRUE(models.ok()) << models.status().message();
  ASSERT_EQ(models->count("ru"), 1u);

  Romanizer romanizer(**res);
  EntityRecognizer rec(*kb, romanizer, std::move(models.value()));
  ASSERT_NE(rec.ModelFor("ru"), nullptr);
  Document doc;
  doc.body = "Новости\n\nИван Петров приехал в Казань. Журналисты спросили Петрова о планах.\n";
  PrepareText(**res, "ru", &doc);
  rec.Annotate((*res)->Lang("ru"), &doc);
  // Петрова joins Иван Петров and is lemmatised by the learned rule.
  int petrov = -1;
  for (const Mention& m : doc.mentions) {
    if (m.text == "Иван Петров") petrov = m.entity;
  }
  ASSERT_GE(petrov, 0) << "the person is found";
  bool joined = false;
  for (const Mention& m : doc.mentions) {
    if (m.text == "Петрова") {
      EXPECT_EQ(m.entity, petrov);
      EXPECT_EQ(m.lemma, "Петров");
      joined = true;
    }
  }
  EXPECT_TRUE(joined);
  EXPECT_EQ(doc.entities[petrov].type, EntityType::kPer);
}

TEST(MiscType, EventsByTheirWords) {
  EXPECT_EQ(MiscType({"World", "Cup"}), EntityType::kEvt);
  EXPECT_EQ(MiscType({"U.S.", "OPEN"}), EntityType::kEvt);
  EXPECT_EQ(MiscType({"Windows", "95"}), EntityType::kPro);
  EXPECT_EQ(MiscType({"German"}), EntityType::kPro);
}

TEST(Conll, ArticlesStartBeforeTheirDateline) {
  auto dir = fs::temp_directory_path() / "vestnik_conll_test";
  fs::create_directories(dir);
  Write(dir / "eng.x",
        "EU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP B-MISC\n\n"
        "BRUSSELS NNP B-NP B-LOC\n1996-08-22 CD I-NP O\n\n"
        "Peter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\nsaid VBD B-VP O\n\n"
        "World NNP B-NP B-MISC\nCup NNP I-NP I-MISC\n\n"
        "LONDON NNP B-NP B-LOC\n1996-08-23 CD I-NP O\n\n");
  auto docs = ReadConll(dir / "eng.x");
  fs::remove_all(dir);
  ASSERT_TRUE(docs.ok()) << docs.status().message();
  ASSERT_EQ(docs->size(), 2u);
  const CorpusDoc& a = (*docs)[0];
  ASSERT_EQ(a.gold.size(), 4u);
  EXPECT_EQ(a.gold[0].surface, "EU");
  EXPECT_EQ(a.gold[1].type, EntityType::kPro);  // German: MISC, not an event
  EXPECT_EQ(a.gold[3].surface, "Peter Blackburn");
  EXPECT_EQ((*docs)[1].gold[0].type, EntityType::kEvt);  // World Cup
}

TEST(LemmaLearner, LearnsSuffixRulesPerType) {
  EXPECT_EQ(DeriveRule("Вучича", "Вучич"), (LemmaRule{1, ""}));
  EXPECT_EQ(DeriveRule("Европейския", "Европейски"), (LemmaRule{1, ""}));
  EXPECT_EQ(DeriveRule("Republike", "Republika"), (LemmaRule{1, "a"}));
  LemmaLearner l;
  for (const char* s : {"Путина|Путин", "Лаврова|Лавров", "Медведева|Медведев", "Шойгу|Шойгу",
                        "Навального|Навальный", "Песков|Песков"}) {
    std::string x(s);
    size_t bar = x.find('|');
    l.Add(x.substr(0, bar), x.substr(bar + 1), EntityType::kPer);
  }
  for (const char* s : {"Москва|Москва", "Украина|Украина", "Казань|Казань"}) {
    std::string x(s);
    size_t bar = x.find('|');
    l.Add(x.substr(0, bar), x.substr(bar + 1), EntityType::kLoc);
  }
  l.Add("Европейского союза", "Европейский союз", EntityType::kOrg);
  NameLemmatizer lem = l.Build(1);
  EXPECT_EQ(lem.LemmatizeWord("Путина", EntityType::kPer, WordPosition::kSingle), "Путин");
  EXPECT_EQ(lem.LemmatizeWord("Смирнова", EntityType::kPer, WordPosition::kSingle), "Смирнов");
  EXPECT_EQ(lem.LemmatizeWord("Украина", EntityType::kLoc, WordPosition::kSingle), "Украина");
  EXPECT_EQ(lem.LemmatizeWord("Навального", EntityType::kPer, WordPosition::kSingle), "Навальный");
  EXPECT_EQ(lem.LemmatizeWord("Европейского", EntityType::kOrg, WordPosition::kFirst), "Европейский");
}

// Lemma accuracy (issue 4): a rewrite confirmed by the document, or by a known lemma word,
// wins over the first rule ("Флорида" is no genitive of "Флорид"; "Иванову" may be "Иванова").
TEST(LemmaLearner, EvidenceFromTheDocumentAndKnownLemmas) {
  LemmaLearner l;
  for (const char* s : {"Лондона|Лондон", "Берлина|Берлин", "Парижа|Парижа", "Киева|Киев",
                        "Мадрида|Мадрид", "Вашингтона|Вашингтон", "Москва|Москва"}) {
    std::string x(s);
    size_t bar = x.find('|');
    l.Add(x.substr(0, bar), x.substr(bar + 1), EntityType::kLoc);
  }
  NameLemmatizer lem = l.Build(1);
  // Without evidence the first rule: a masculine genitive.
  EXPECT_EQ(lem.LemmatizeWord("Флорида", EntityType::kLoc, WordPosition::kSingle), "Флорид");
  NameLemmatizer::DocumentWords doc;
  for (const char* w : {"флорида", "флориде", "трамп", "трампа"}) doc.Insert(HashBytes(w), 1);
  // "Трамп" is written in the document: the genitive rule is confirmed.
  EXPECT_EQ(lem.LemmatizeWord("Трампа", EntityType::kLoc, WordPosition::kSingle, &doc), "Трамп");
  // "Флорид" is written nowhere and no other rule is confirmed: the first rule stays...
  EXPECT_EQ(lem.LemmatizeWord("Флорида", EntityType::kLoc, WordPosition::kSingle, &doc), "Флорид");
  // ...but a word known as a lemma ("Москва") keeps its form.
  EXPECT_EQ(lem.LemmatizeWord("Москва", EntityType::kLoc, WordPosition::kSingle, &doc), "Москва");
}

// Issue 4: the language's known names and ending rewrites (NameLemmatizer::LemmaHints).
TEST(LemmaLearner, KnownNamesAndLanguageRewrites) {
  LemmaLearner l;
  // Locatives: "-е" of a feminine ("Москве") mostly, "-де" of a masculine ("Мадриде").
  for (const char* s : {"Лондона|Лондон", "Берлина|Берлин", "Киева|Киев", "Мадрида|Мадрид",
                        "Москве|Москва", "Москве|Москва", "Москве|Москва", "Казани|Казань",
                        "Москва|Москва", "Мадриде|Мадрид", "Мадриде|Мадрид"}) {
    std::string x(s);
    size_t bar = x.find('|');
    l.Add(x.substr(0, bar), x.substr(bar + 1), EntityType::kLoc);
  }
  l.Add("Бял дом", "Бял дом", EntityType::kLoc);
  l.Add("Европейския съюз", "Европейски съюз", EntityType::kOrg);
  l.Add("Британския съвет", "Британски съвет", EntityType::kOrg);
  NameLemmatizer lem = l.Build(1);
  NameLemmatizer::DocumentWords doc, names;
  for (const char* w : {"до", "biden"}) doc.Insert(HashBytes(w), 1);
  auto name = [&](const char* w, uint8_t how) { names.Insert(HashBytes(w), how); };
  name("флорида", NameLemmatizer::kNameMixedCase | NameLemmatizer::kNameHead);
  name("вашингтон", NameLemmatizer::kNameMixedCase | NameLemmatizer::kNameHead);
  name("дом", NameLemmatizer::kNameMixedCase | NameLemmatizer::kNameLater);
  name("европейския", NameLemmatizer::kNameMixedCase | NameLemmatizer::kNameHead);
  name("америке", NameLemmatizer::kNameMixedCase | NameLemmatizer::kNameLater);
  NameLemmatizer::LemmaHints hints;
  hints.names = &names;
  // Without the names, "Флорида" is a masculine genitive and "Флориде" a masculine locative;
  // a known name keeps the one and is the lemma of the other.
  EXPECT_EQ(lem.LemmatizeWord("Флорида", EntityType::kLoc, WordPosition::kSingle, &doc), "Флорид");
  EXPECT_EQ(lem.LemmatizeWord("Флориде", EntityType::kLoc, WordPosition::kSingle, &doc), "Флорид");
  EXPECT_EQ(lem.LemmatizeWord("Флорида", EntityType::kLoc, WordPosition::kSingle, &doc, &hints),
            "Флорида");
  EXPECT_EQ(lem.LemmatizeWord("Флориде", EntityType::kLoc, WordPosition::kSingle, &doc, &hints),
            "Флорида");
  // A word of a known name stays even where the article writes a shorter word ("до").
  EXPECT_EQ(lem.LemmatizeWord("дом", EntityType::kLoc, WordPosition::kLast, &doc, &hints), "дом");
  // A later word of a longer name may be a genitive ("Svet Evrope"): it confirms no word alone.
  EXPECT_EQ(lem.LemmatizeWord("Америке", EntityType::kLoc, WordPosition::kSingle, &doc, &hints),
            lem.LemmatizeWord("Америке", EntityType::kLoc, WordPosition::kSingle, &doc));
  // Capitals take the known name's case only where the language's lemmas do.
  EXPECT_EQ(lem.LemmatizeWord("ВАШИНГТОН", EntityType::kLoc, WordPosition::kSingle, &doc, &hints),
            "ВАШИНГТОН");
  hints.title_case_capitals = true;
  EXPECT_EQ(lem.LemmatizeWord("ВАШИНГТОН", EntityType::kLoc, WordPosition::kSingle, &doc, &hints),
            "Вашингтон");
  // Bulgarian (lang/bg/lemma_endings.tsv): "Белия дом" → "Бял дом" by the я/е alternation,
  // attested by the training lemma "Бял"; a definite form is never confirmed by a name written
  // with its article ("Европейския съюз").
  auto rewrite = [](EndingRewrite::Kind kind, int8_t pos, const char* ending, const char* repl) {
    EndingRewrite rw;
    rw.kind = kind;
    rw.position = pos;
    rw.ending = ending;
    rw.replacement = repl;
    return rw;
  };
  std::vector<EndingRewrite> bg = {
      rewrite(EndingRewrite::Kind::kWord, static_cast<int8_t>(WordPosition::kFirst), "еCия", "яC"),
      rewrite(EndingRewrite::Kind::kDefinite, static_cast<int8_t>(WordPosition::kFirst), "ия", "")};
  NameLemmatizer::LemmaHints bg_hints;
  bg_hints.names = &names;
  bg_hints.rewrites = &bg;
  EXPECT_EQ(lem.LemmatizeWord("Белия", EntityType::kLoc, WordPosition::kFirst, &doc, &bg_hints), "Бял");
  EXPECT_EQ(lem.LemmatizeWord("Червения", EntityType::kOrg, WordPosition::kFirst, &doc, &bg_hints),
            lem.LemmatizeWord("Червения", EntityType::kOrg, WordPosition::kFirst, &doc));
  EXPECT_EQ(lem.LemmatizeWord("Европейския", EntityType::kOrg, WordPosition::kFirst, &doc, &hints),
            "Европейския");
  EXPECT_EQ(lem.LemmatizeWord("Европейския", EntityType::kOrg, WordPosition::kFirst, &doc, &bg_hints),
            "Европейски");
}

// Russian masculines in -ий (lang/ru/lemma_endings.tsv, kind `name`): "Капитолии" is
// "Капитолий" when a known name says so, and "партии" stays a feminine whatever training
// lemmas hold ("партий").
TEST(LemmaLearner, RewritesConfirmedByKnownNamesOnly) {
  LemmaLearner l;
  for (const char* s : {"России|Россия", "Италии|Италия", "Союз правых партий|Союз правых партий"}) {
    std::string x(s);
    size_t bar = x.find('|');
    l.Add(x.substr(0, bar), x.substr(bar + 1), EntityType::kLoc);
  }
  NameLemmatizer lem = l.Build(1);
  NameLemmatizer::DocumentWords doc, names;
  doc.Insert(HashBytes("до"), 1);
  names.Insert(HashBytes("капитолий"), NameLemmatizer::kNameMixedCase | NameLemmatizer::kNameHead);
  std::vector<EndingRewrite> ru(1);
  ru[0].kind = EndingRewrite::Kind::kName;
  ru[0].ending = "ии";
  ru[0].replacement = "ий";
  NameLemmatizer::LemmaHints hints;
  hints.names = &names;
  hints.rewrites = &ru;
  EXPECT_EQ(lem.LemmatizeWord("Капитолии", EntityType::kLoc, WordPosition::kSingle, &doc), "Капитолия");
  EXPECT_EQ(lem.LemmatizeWord("Капитолии", EntityType::kLoc, WordPosition::kSingle, &doc, &hints),
            "Капитолий");
  EXPECT_EQ(lem.LemmatizeWord("партии", EntityType::kOrg, WordPosition::kLast, &doc, &hints),
            lem.LemmatizeWord("партии", EntityType::kOrg, WordPosition::kLast, &doc));
  EXPECT_NE(lem.LemmatizeWord("партии", EntityType::kOrg, WordPosition::kLast, &doc, &hints), "партий");
}

// Slovene fleeting vowels (lang/sl/lemma_endings.tsv): "Bidna" → "Bidn" → "Biden" when the
// article writes it; and the language's case endings when nothing else is attested.
TEST(LemmaLearner, FleetingVowelsAndCaseEndings) {
  LemmaLearner l;
  for (const char* s : {"Janeza|Janez", "Pahorja|Pahor", "Tonina|Tonin", "Mariborja|Maribor"}) {
    std::string x(s);
    size_t bar = x.find('|');
    l.Add(x.substr(0, bar), x.substr(bar + 1), EntityType::kPer);
  }
  NameLemmatizer lem = l.Build(1);
  NameLemmatizer::DocumentWords doc;
  for (const char* w : {"biden", "ryanair"}) doc.Insert(HashBytes(w), 1);
  std::vector<EndingRewrite> sl(1);
  sl[0].kind = EndingRewrite::Kind::kLemma;
  sl[0].ending = "Cn";
  sl[0].replacement = "Cen";
  NameLemmatizer::LemmaHints hints;
  hints.rewrites = &sl;
  EXPECT_EQ(lem.LemmatizeWord("Bidna", EntityType::kPer, WordPosition::kSingle, &doc), "Bidn");
  EXPECT_EQ(lem.LemmatizeWord("Bidna", EntityType::kPer, WordPosition::kSingle, &doc, &hints), "Biden");
  std::vector<NameEnding> endings = {{"a", "", false}};
  hints.endings = &endings;
  EXPECT_EQ(lem.LemmatizeWord("Ryanaira", EntityType::kOrg, WordPosition::kSingle, &doc, &hints),
            "Ryanair");
}

TEST(Scorer, StrictRelaxedLemmaAndLinking) {
  Document d;
  d.id = "x";
  d.body = "Вучич и Вучич в Белград";
  Entity vucic{"aleksandar-vucic", EntityType::kPer, "Вучич", "Vučić", {0, 1}};
  Entity belgrade{"belgrade", EntityType::kOrg, "Белград", "Belgrade", {2}};  // wrong type
  d.entities = {vucic, belgrade};
  auto mention = [&](uint32_t s, uint32_t e, int ent, const std::string& lemma) {
    Mention m;
    m.span = {s, e};
    m.text = d.body.substr(s, e - s);
    m.lemma = lemma;
    m.entity = ent;
    return m;
  };
  d.mentions = {mention(0, 10, 0, "Вучич"), mention(14, 24, 0, "Вучичх"),
                mention(28, 42, 1, "Белград")};
  std::vector<GoldMention> gold = {
      {{0, 10}, EntityType::kPer, "Вучич", "Вучич", "PER-Vucic"},
      {{14, 24}, EntityType::kPer, "Вучич", "Вучич", "PER-Vucic"},
      {{28, 42}, EntityType::kLoc, "Белград", "Белград", "GPE-Belgrade"}};
  NerCounts c;
  LinkScorer link;
  ScoreDocument(gold, d, &c, &link, nullptr);
  EXPECT_EQ(c.strict.gold, 3u);
  EXPECT_EQ(c.strict.pred, 3u);
  EXPECT_EQ(c.strict.tp, 2u);
  EXPECT_EQ(c.relaxed.gold, 2u);  // (Вучич, PER), (Белград, LOC)
  EXPECT_EQ(c.relaxed.tp, 1u);
  EXPECT_EQ(c.lemma_total, 2u);
  EXPECT_EQ(c.lemma_ok, 1u);
  EXPECT_EQ(link.mentions(), 3u);
  EXPECT_DOUBLE_EQ(link.Accuracy(), 1.0);
  // One predicted id for two gold ids: only the larger group can have it.
  LinkScorer merged;
  merged.Add("A", "x");
  merged.Add("A", "x");
  merged.Add("B", "x");
  merged.Add("B", "y");
  EXPECT_DOUBLE_EQ(merged.Accuracy(), 0.75);
}

}  // namespace
}  // namespace vestnik::entities::train
