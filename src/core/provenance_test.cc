#include "core/provenance.h"

#include <cstdlib>

#include <gtest/gtest.h>

namespace vestnik {
namespace {

TEST(TrainingDateTest, SourceDateEpochFixesTheDate) {
  const char* saved = std::getenv("SOURCE_DATE_EPOCH");
  std::string previous = saved ? saved : "";
  setenv("SOURCE_DATE_EPOCH", "1732752000", 1);  // 2024-11-28 00:00:00 UTC
  EXPECT_EQ(TrainingDate(), "2024-11-28");
  unsetenv("SOURCE_DATE_EPOCH");
  std::string today = TrainingDate();
  EXPECT_EQ(today.size(), 10u);
  EXPECT_EQ(today[4], '-');
  EXPECT_EQ(today[7], '-');
  if (saved) setenv("SOURCE_DATE_EPOCH", previous.c_str(), 1);
}

}  // namespace
}  // namespace vestnik
