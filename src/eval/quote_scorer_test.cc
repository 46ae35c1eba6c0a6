#include "eval/quote_scorer.h"

#include <gtest/gtest.h>

namespace vestnik::eval {
namespace {

using nlohmann::json;

json Quote(const std::string& kind, const std::string& text, const std::string& speaker) {
  return {{"kind", kind}, {"text", text}, {"speaker", speaker}};
}

TEST(QuoteScorerTest, CountsEachKindFromTheGoldAndFromThePrediction) {
  json gold = {{"quotes",
                {Quote("direct", "Ние ще подкрепим плана на правителството", "Иван Петров"),
                 Quote("mixed", "планът е добър и ще бъде приет скоро", "Мария Иванова")}}};
  json pred = {{"quotes",
                {Quote("direct", "Ние ще подкрепим плана на правителството", "Иван Петров"),
                 Quote("direct", "планът е добър и ще бъде приет скоро", "Иван Петров"),
                 Quote("indirect", "утре ще вали сняг в планините", "Петър Георгиев")}}};
  QuoteScore s = ScoreDocument(gold, pred, "doc");
  EXPECT_EQ(s.match, 2);
  EXPECT_EQ(s.speaker_ok, 1);
  EXPECT_EQ(s.by_kind["direct"].gold, 1);
  EXPECT_EQ(s.by_kind["direct"].speaker_ok, 1);
  EXPECT_EQ(s.by_kind["mixed"].match, 1);
  EXPECT_EQ(s.by_kind["mixed"].speaker_ok, 0) << "matched with the wrong speaker";
  // Predicted: two direct (one right), one spurious indirect.
  EXPECT_EQ(s.by_kind["direct"].pred, 2);
  EXPECT_EQ(s.by_kind["direct"].pred_right, 1);
  EXPECT_EQ(s.by_kind["indirect"].pred, 1);
  EXPECT_EQ(s.by_kind["indirect"].pred_right, 0);
  QuoteScore total;
  total.Add(s);
  total.Add(s);
  EXPECT_EQ(total.by_kind["direct"].pred, 4);
  EXPECT_EQ(total.by_kind["direct"].pred_right, 2);
}

}  // namespace
}  // namespace vestnik::eval
