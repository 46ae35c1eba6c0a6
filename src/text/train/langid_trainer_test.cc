#include "text/train/langid_trainer.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/resources.h"
#include "text/train/langid_corpus.h"
#include "text/train/yat.h"

namespace vestnik::text::train {
namespace {

TEST(SplitSentencesSimpleTest, SentencesLinesAndWrappedLines) {
  auto s = SplitSentencesSimple(
      "Naslov članka\n\nPrva rečenica. Druga rečenica! „Treća“ je ovde?\nČetvrta počinje\n"
      "u novom redu. 3. maja je bilo. Kraj");
  std::vector<std::string> got(s.begin(), s.end());
  std::vector<std::string> want = {"Naslov članka", "Prva rečenica.", "Druga rečenica!",
                                   "„Treća“ je ovde?", "Četvrta počinje\nu novom redu.",
                                   "3. maja je bilo.", "Kraj"};
  EXPECT_EQ(got, want);
}

TEST(SerbianScriptsTest, BothWaysKeepCase) {
  auto t = SerbianScripts::Load(Resources::DefaultRoot());
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->ToCyrillic("Njegoš i Ljubica, DŽEJ, džem"), "Његош и Љубица, ЏЕЈ, џем");
  EXPECT_EQ(t->ToLatin("Његош и Љубица, џем"), "Njegoš i Ljubica, džem");
}

TEST(YatMapTest, LearnsPairsSeenOnOneSideOnly) {
  YatMap map = YatMap::Learn({"vreme je lepo, vreme prolazi, deca i deca, nije"},
                             {"vrijeme je lijepo, djeca, nije"});
  std::vector<std::pair<std::string, std::string>> want = {
      {"deca", "djeca"}, {"vreme", "vrijeme"}};  // "lepo" is seen once only; "nije" both
  EXPECT_EQ(map.pairs(), want);
}

std::vector<LangIdSample> TinyCorpus() {
  std::vector<LangIdSample> train;
  const char* xa[] = {"ala bala kala", "mala ala dala", "bala kala sala", "ala mala tala"};
  const char* xb[] = {"obo koro lobo", "koro mobo obo", "lobo soro koro", "obo toro mobo"};
  for (const char* t : xa) train.push_back({"cs", "Latn", "dsl", LangIdUnit::kSentence, t});
  for (const char* t : xb) train.push_back({"sk", "Latn", "dsl", LangIdUnit::kSentence, t});
  return train;
}

TEST(TrainLangIdModelTest, LearnsAToyPairAndIsDeterministic) {
  LangIdTrainOptions o;
  o.features.hash_bits = 12;
  o.epochs = 3;
  o.draws_per_label = 200;
  o.threads = 1;
  std::vector<LangIdGroupSpec> groups = {{"czsk", "Latn", {"cs", "sk"}, {}, {}}};
  auto a = TrainLangIdModel(TinyCorpus(), groups, o, {}, "toy", "test", nullptr);
  ASSERT_TRUE(a.ok()) << a.status().message();
  const LangIdModel& m = **a;
  const auto* g = m.GroupFor("cs", "Latn");
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(m.Decide(*g, "kala mala", "", nullptr), "cs");
  EXPECT_EQ(m.Decide(*g, "soro lobo", "", nullptr), "sk");
  auto b = TrainLangIdModel(TinyCorpus(), groups, o, {}, "toy", "test", nullptr);
  ASSERT_TRUE(b.ok());
  // Byte for byte the same but for the date, which is in the header only.
  EXPECT_EQ((*a)->groups()[0].weights, (*b)->groups()[0].weights);
  auto parsed = LangIdModel::Parse((*a)->Serialize());
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
}

TEST(TrainLangIdModelTest, MissingLabelIsAnError) {
  LangIdTrainOptions o;
  o.features.hash_bits = 10;
  std::vector<LangIdGroupSpec> groups = {{"czsk", "Latn", {"cs", "pl"}, {}, {}}};
  auto m = TrainLangIdModel(TinyCorpus(), groups, o, {}, "toy", "test", nullptr);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("pl"), std::string::npos);
}

}  // namespace
}  // namespace vestnik::text::train
