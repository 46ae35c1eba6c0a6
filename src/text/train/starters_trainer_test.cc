#include "text/train/starters_trainer.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace vestnik::text::train {
namespace {

TEST(StartersTrainerTest, CountsStartsInsideCapitalsAndLowerCase) {
  LangResources lr;
  lr.code = "bg";
  StarterCounts c;
  CountStarters(lr, "Според него всичко е наред. Това казаха от Народен съюз. Народен герой е той. "
                    "„Според“ е дума, а според тях не е. НАТО каза.",
                &c);
  EXPECT_EQ(c["според"].starts, 2);  // after an opening quotation mark too
  EXPECT_EQ(c["според"].lower, 1);
  EXPECT_EQ(c["народен"].mid, 1);    // "от Народен"
  EXPECT_EQ(c["народен"].starts, 1);
  EXPECT_EQ(c["съюз"].lower, 1);
  EXPECT_EQ(c.count("нато"), 0u);     // acronyms are not counted
}

TEST(StartersTrainerTest, SelectsWordsThatOpenSentencesAndAreRarelyCapitalisedInside) {
  StarterCounts c;
  c["според"] = {.starts = 40, .mid = 0, .after_cap = 0, .lower = 100};
  c["това"] = {.starts = 5, .mid = 0, .after_cap = 0, .lower = 100};       // too few starts for any
  c["народен"] = {.starts = 10, .mid = 5, .after_cap = 1, .lower = 50};   // a word of names
  c["sada"] = {.starts = 60, .mid = 0, .after_cap = 20, .lower = 500};    // "Novog Sada"
  c["путин"] = {.starts = 30, .mid = 0, .after_cap = 0, .lower = 0};      // never lower case
  c["в"] = {.starts = 100, .mid = 0, .after_cap = 0, .lower = 900};       // one letter
  StarterSelection sel;
  sel.min_starts = 3;
  sel.min_starts_any = 20;
  std::vector<Starter> got = SelectStarters(c, sel);
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[0].word, "sada");
  EXPECT_FALSE(got[0].after_cap);
  EXPECT_EQ(got[1].word, "в");
  EXPECT_FALSE(got[1].after_cap);
  EXPECT_EQ(got[2].word, "според");
  EXPECT_TRUE(got[2].after_cap);
  EXPECT_EQ(got[3].word, "това");
  EXPECT_FALSE(got[3].after_cap);
}

}  // namespace
}  // namespace vestnik::text::train
