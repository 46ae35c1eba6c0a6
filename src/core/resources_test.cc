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

}  // namespace
}  // namespace vestnik
