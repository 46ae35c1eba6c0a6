// Common nouns: the trainer's counts and selection on synthetic German, and the rule
// recogniser's use of the list (no name of nouns; titles, apposition and the knowledge base
// still name people).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/resources.h"
#include "entities/kb.h"
#include "entities/recognizer.h"
#include "entities/romanize.h"
#include "entities/train/corpus.h"
#include "entities/train/nouns_trainer.h"

namespace vestnik::entities::train {
namespace {

namespace fs = std::filesystem;

TEST(NounsTrainer, CountsDeterminerUsesAndSelectsNouns) {
  auto res = Resources::Load(Resources::DefaultRoot());
  ASSERT_TRUE(res.ok());
  const LangResources& lr = (*res)->Lang("de");
  NounCounts c;
  CountNouns(lr, "Der Sprecher der Regierung sagte , Schröder habe im Interview gelogen .", &c);
  CountNouns(lr, "In einem langen Interview sprach Gerhard Schröder über die Regierung .", &c);
  CountNouns(lr, "Schröder sagte dem Sender , das Interview sei vorbei .", &c);
  CountNouns(lr, "Interview : Schröder über Regierung und Wahl .", &c);
  CountNouns(lr, "Die Vereinigten Staaten und die Vereinigten Emirate haben sich vereinigten .", &c);
  EXPECT_EQ(c["interview"].det, 3);  // "im", "einem langen", "das"
  EXPECT_EQ(c["interview"].starts, 1);
  EXPECT_EQ(c["regierung"].det, 2);
  EXPECT_EQ(c["regierung"].bare, 1);  // "über Regierung"
  EXPECT_EQ(c["schröder"].det, 0);
  EXPECT_EQ(c["schröder"].bare, 1);  // ", Schröder"
  EXPECT_EQ(c["schröder"].after_cap, 1);
  EXPECT_EQ(c["schröder"].starts, 2);  // a sentence's first word, and after a colon
  EXPECT_EQ(c["sprecher"].det, 1);
  EXPECT_EQ(c["der"].det + c["der"].bare + c["der"].after_cap + c["der"].starts, 0) << "determiners are not counted";
  EXPECT_EQ(c["vereinigten"].det, 2);
  EXPECT_EQ(c["vereinigten"].lower, 1);
  std::vector<std::string> nouns = SelectNouns(c, NounSelection{});
  EXPECT_EQ(nouns, (std::vector<std::string>{"interview", "regierung"})) << "not the adjective written in lower case";
  NounSelection loose;
  loose.min_det = 1;
  nouns = SelectNouns(c, loose);
  EXPECT_EQ(nouns, (std::vector<std::string>{"interview", "regierung", "sender", "sprecher"}));
}

TEST(NounsTrainer, WritesASelfDescribingFileAndHoldsOutTheFirstArticles) {
  fs::path root = fs::temp_directory_path() / "vestnik_nouns_test";
  fs::remove_all(root);
  fs::path dir = root / "spkatt-news-de" / "train";
  fs::create_directories(dir);
  auto article = [&](const std::string& name, const std::string& noun) {
    std::ofstream f(dir / name, std::ios::binary);
    f << R"({"Annotations": [], "Sentences": [{"SentenceId": 0, "Tokens": ["Laut", "dem", ")" << noun
      << R"(", "kam", "der", ")" << noun << R"(", "nicht", "."]}]})";
  };
  article("1 - a.json", "Bericht");  // held out
  article("2 - b.json", "Urteil");
  NounsTrainArgs a;
  a.data_root = root.string();
  a.out = (root / "nouns.tsv").string();
  a.holdout = 1;
  a.command = "vestnik train nouns --holdout 1";
  ASSERT_EQ(RunNounsTrain(a), 0);
  std::ifstream in(root / "nouns.tsv");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  EXPECT_NE(s.find("# made by: vestnik train nouns --holdout 1, "), std::string::npos) << s;
  EXPECT_NE(s.find("the first 1 held out"), std::string::npos) << s;
  EXPECT_NE(s.find("\nurteil\t2\t0\t0\t0\t0\n"), std::string::npos) << s;
  EXPECT_EQ(s.find("bericht"), std::string::npos) << "held-out article";
  fs::remove_all(root);
}

TEST(CommonNouns, RuleRecognizerMakesNoNameOfThem) {
  auto res = Resources::Load(Resources::DefaultRoot());
  ASSERT_TRUE(res.ok());
  auto kb = KnowledgeBase::Load(Resources::DefaultRoot() / "data" / "kb" / "entities.tsv");
  ASSERT_TRUE(kb.ok());
  Romanizer romanizer(**res);
  EntityRecognizer rec(*kb, romanizer);
  LangResources lr = (*res)->Lang("de");
  ASSERT_EQ(rec.ModelFor("de"), nullptr) << "German uses the rules";
  auto names = [&](const LangResources& l) {
    Document doc;
    doc.body =
        "Der Bericht Lücken zeigt wenig. Kanzlerin Anke Berger sagte, das Urteil sei richtig. "
        "Gestern traf Bürgerrechtler Otto Lemke die Kanzlerin Angela Merkel zum Interview.\n";
    PrepareText(**res, "de", &doc);
    rec.Annotate(l, &doc);
    std::vector<std::string> out;
    for (const Mention& m : doc.mentions) out.push_back(m.text);
    return out;
  };
  lr.common_nouns.clear();
  std::vector<std::string> before = names(lr);
  EXPECT_NE(std::find(before.begin(), before.end(), "Bericht Lücken"), before.end());
  EXPECT_NE(std::find(before.begin(), before.end(), "Bürgerrechtler Otto Lemke"), before.end());
  lr.common_nouns = {"bericht", "lücken", "urteil", "interview", "bürgerrechtler", "kanzlerin", "merkel"};
  std::vector<std::string> after = names(lr);
  EXPECT_EQ(after, (std::vector<std::string>{"Anke Berger", "Otto Lemke", "Angela Merkel"}));
}

}  // namespace
}  // namespace vestnik::entities::train
