#include "core/resources.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>

namespace vestnik {
namespace {

class ResourcesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const char* home = std::getenv("VESTNIK_HOME");
    if (!home) return;
    auto r = Resources::Load(home);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    res_ = std::move(r.value()).release();
  }
  static void TearDownTestSuite() {
    delete res_;
    res_ = nullptr;
  }
  void SetUp() override {
    if (!res_) GTEST_SKIP() << "VESTNIK_HOME is not set";
  }
  static const Resources* res_;
};
const Resources* ResourcesTest::res_ = nullptr;

TEST_F(ResourcesTest, GivenNamesTellGenderWhereListed) {
  const LangResources& bg = res_->Lang("bg");
  EXPECT_EQ(bg.GivenNameGender("ангела"), 'f');
  EXPECT_EQ(bg.GivenNameGender("мария"), 'f');
  EXPECT_EQ(bg.GivenNameGender("илия"), 'm');  // a whole name before the ending "-я"
  EXPECT_EQ(bg.GivenNameGender("никола"), 0);   // listed as telling nothing
  EXPECT_EQ(bg.GivenNameGender("иван"), 0);     // no ending listed
  EXPECT_EQ(bg.SurnameGender("иванова"), 'f');
  EXPECT_EQ(bg.SurnameGender("меркел"), 0);
}

TEST_F(ResourcesTest, GivenNamesReadInBothSerbianScripts) {
  const LangResources& sr = res_->Lang("sr");
  EXPECT_EQ(sr.GivenNameGender("ana"), 'f');
  EXPECT_EQ(sr.GivenNameGender("ана"), 'f');
  EXPECT_EQ(sr.GivenNameGender("nikola"), 'm');
  EXPECT_EQ(sr.GivenNameGender("никола"), 'm');
  EXPECT_EQ(res_->Lang("en").GivenNameGender("anna"), 0);  // English lists none
}

EndingRewrite Rewrite(const char* ending, const char* replacement) {
  EndingRewrite rw;
  rw.ending = ending;
  rw.replacement = replacement;
  return rw;
}

// Issue 4: ending rewrites of lang/<code>/lemma_endings.tsv, 'C' standing for a consonant.
TEST(EndingRewriteTest, ConsonantPlaceholder) {
  EndingRewrite yat = Rewrite("еCия", "яC");  // bg: Белия дом → Бял дом
  EXPECT_EQ(yat.ApplyTo("белия"), "бял");
  EXPECT_EQ(yat.ApplyTo("светия"), "свят");
  EXPECT_EQ(yat.ApplyTo("големия"), "голям");
  EXPECT_EQ(yat.ApplyTo("европейския"), "");  // no е before the consonant
  EXPECT_EQ(yat.ApplyTo("деаия"), "");        // a vowel is no consonant
  EndingRewrite fleeting = Rewrite("Cn", "Cen");  // sl: Bidna → Bidn → Biden
  EXPECT_EQ(fleeting.ApplyTo("bidn"), "biden");
  EXPECT_EQ(fleeting.ApplyTo("bidan"), "");
  EXPECT_EQ(Rewrite("ата", "а").ApplyTo("ата"), "");  // never the whole word
  EXPECT_EQ(Rewrite("ата", "а").ApplyTo("републиканската"), "републиканска");
}

// ApplyTo reads the word from its end (issue 7): consonants keep their order, the word must
// outlast the ending, and a replacement asking for more consonants than matched gives "".
TEST(EndingRewriteTest, ConsonantsInOrderFromTheEnd) {
  EXPECT_EQ(Rewrite("CaC", "CC").ApplyTo("ostrav"), "ostrv");
  EXPECT_EQ(Rewrite("CaC", "CoC").ApplyTo("прага"), "");  // "ага": а is no consonant
  EXPECT_EQ(Rewrite("CaC", "CoC").ApplyTo("tram"), "trom");
  EXPECT_EQ(Rewrite("aC", "CC").ApplyTo("tram"), "");    // one consonant matched, two asked
  EXPECT_EQ(Rewrite("ram", "").ApplyTo("tram"), "t");
  EXPECT_EQ(Rewrite("tram", "x").ApplyTo("tram"), "");   // never the whole word
  EXPECT_EQ(Rewrite("xtram", "x").ApplyTo("tram"), "");  // longer than the word
  EXPECT_EQ(Rewrite("", "ы").ApplyTo("трам"), "трамы");
  EXPECT_EQ(Rewrite("", "ы").ApplyTo(""), "");
  EXPECT_EQ(Rewrite("Cя", "Cь").ApplyTo("игоря"), "игорь");
  EXPECT_EQ(Rewrite("Cя", "Cь").ApplyTo("ия"), "");  // и is a vowel
}

TEST(EndingRewriteTest, LanguageFilesLoad) {
  auto res = Resources::Load(Resources::DefaultRoot());
  ASSERT_TRUE(res.ok()) << res.status().message();
  const LangResources& bg = (*res)->Lang("bg");
  ASSERT_FALSE(bg.lemma_endings.empty());
  EXPECT_EQ(bg.lemma_endings[0].kind, EndingRewrite::Kind::kWord);
  EXPECT_EQ(bg.lemma_endings[0].position, 1);  // first word
  EXPECT_TRUE(bg.title_case_capital_names);
  EXPECT_FALSE((*res)->Lang("cs").title_case_capital_names);
  // "Сената" → "Сенат" (the short article of a masculine), a word rewrite of a single word.
  bool senate = false;
  for (const EndingRewrite& rw : bg.lemma_endings) {
    senate |= rw.kind == EndingRewrite::Kind::kWord && rw.position == 0 &&
              rw.ApplyTo("сената") == "сенат";
  }
  EXPECT_TRUE(senate);
  bool fleeting = false;
  for (const EndingRewrite& rw : (*res)->Lang("sl").lemma_endings) {
    fleeting |= rw.kind == EndingRewrite::Kind::kLemma && rw.ApplyTo("bidn") == "biden";
  }
  EXPECT_TRUE(fleeting);
}

}  // namespace
}  // namespace vestnik
