#include "pipeline/ordered_analyzer.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "pipeline/output.h"

namespace vestnik {
namespace {

const Pipeline& SharedPipeline() {
  static auto pipeline = Pipeline::Create();
  EXPECT_TRUE(pipeline.ok()) << pipeline.status().message();
  return *pipeline.value();
}

std::vector<Document> Articles(int n) {
  std::vector<Document> docs;
  for (int i = 0; i < n; ++i) {
    Document d;
    d.id = "a";
    d.id += std::to_string(i);
    // Lengths vary so that workers finish out of order.
    d.body = "„Ще има мост“, каза Росен Желязков в Русе на 12 септември 2024 г.";
    for (int k = 0; k < i % 7; ++k) d.body += " Kallas said Spajić would visit Podgorica.";
    docs.push_back(std::move(d));
  }
  return docs;
}

// The JSON of every article, in the order `consume` saw them.
std::vector<std::string> AnalyzeAll(int threads, size_t window) {
  std::vector<std::string> out;
  OrderedAnalyzer analyzer(SharedPipeline(), {}, threads, window, 1 << 20, [&](Document& d) {
    std::string json;
    WriteJson(d, OutputOptions(), &json);
    out.push_back(d.id + " " + json);
  });
  for (Document& d : Articles(50)) analyzer.Push(std::move(d));
  analyzer.Finish();
  return out;
}

TEST(OrderedAnalyzerTest, ConsumesInPushOrderWhateverTheThreads) {
  const std::vector<std::string> one = AnalyzeAll(1, 8);
  ASSERT_EQ(one.size(), 50u);
  for (int i = 0; i < 50; ++i)
    EXPECT_EQ(one[i].substr(0, one[i].find(' ')), std::string("a").append(std::to_string(i)));
  EXPECT_EQ(AnalyzeAll(2, 8), one);
  EXPECT_EQ(AnalyzeAll(4, 3), one);
  EXPECT_EQ(AnalyzeAll(3, 1), one);  // a window of one article
}

TEST(OrderedAnalyzerTest, AnExceptionFromTheConsumerStopsTheWorkers) {
  int consumed = 0;
  auto run = [&] {
    OrderedAnalyzer analyzer(SharedPipeline(), {}, 2, 4, 1 << 20, [&](Document&) {
      if (++consumed == 3) throw std::runtime_error("store failed");
    });
    for (Document& d : Articles(20)) analyzer.Push(std::move(d));
    analyzer.Finish();
  };
  EXPECT_THROW(run(), std::runtime_error);
  EXPECT_EQ(consumed, 3);
}

}  // namespace
}  // namespace vestnik
