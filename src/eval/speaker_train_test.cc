#include "eval/speaker_train.h"

#include <gtest/gtest.h>

#include <random>

namespace vestnik::eval {
namespace {

// Candidate sets where the right one has feature "good" and the rules pick a wrong one:
// separable, so the averaged perceptron must get every one right.
std::vector<RankExample> Separable(int n, int seed) {
  std::mt19937 rng(seed);
  std::vector<RankExample> out;
  for (int i = 0; i < n; ++i) {
    RankExample e;
    int size = 2 + static_cast<int>(rng() % 4);
    int right = static_cast<int>(rng() % size);
    for (int k = 0; k < size; ++k) {
      std::vector<std::string> f = {"bias", "noise" + std::to_string(rng() % 3)};
      if (k == right) f.push_back("good");
      if (k != right && rng() % 2) f.push_back("near");
      e.features.push_back(f);
      e.gold.push_back(k == right);
    }
    e.rule = (right + 1) % size;
    e.group = i;
    out.push_back(std::move(e));
  }
  return out;
}

TEST(SpeakerTrain, LearnsASeparableProblem) {
  auto train = Separable(200, 1), test = Separable(100, 2);
  auto w = TrainRankWeights(train, 5);
  EXPECT_GT(w["good"], 0);
  EXPECT_EQ(CountRight(train, w, 0), 200);
  EXPECT_EQ(CountRight(test, w, 0), 100);
  // An unreachable margin leaves the rules' (wrong) picks.
  EXPECT_EQ(CountRight(test, w, 1e9), 0);
}

TEST(SpeakerTrain, SetsWithoutARightCandidateTeachNothing) {
  RankExample e;
  e.features = {{"a"}, {"b"}};
  e.gold = {false, false};
  auto w = TrainRankWeights({e}, 3);
  EXPECT_TRUE(w.empty());
}

}  // namespace
}  // namespace vestnik::eval
