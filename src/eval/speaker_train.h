// `vestnik train speakers`: learns the speaker ranker (src/quotes/speaker_ranker.h) from a
// quotation corpus.
//
// Reads: a corpus that src/eval/corpora.h reads (PolNeAR train, never dev; GermEval with
// every fifth article held out when asked). Runs the pipeline with the rules' speakers only,
// aligns each gold attribution to the quotation found (word-overlap F1 ≥ 0.5, greedy
// best-first, as the scorer does), and marks the candidates the scorer would count right.
// Adds: a model file with the averaged perceptron's weights, the margin chosen by
// cross-validation on the training documents, and a JSON provenance header.
// Guarantees: never writes into the data root; deterministic for the same data and options.
#ifndef VESTNIK_EVAL_SPEAKER_TRAIN_H_
#define VESTNIK_EVAL_SPEAKER_TRAIN_H_

#include <string>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace vestnik::eval {

// One quotation's candidate set: features of each candidate, which are right, the rules' pick.
struct RankExample {
  std::vector<std::vector<std::string>> features;
  std::vector<bool> gold;
  int rule = 0;
  int group = 0;  // the document, for cross-validation folds
};

// Averaged perceptron ranking over the examples with at least one right candidate: the
// highest-scoring right candidate is pushed above the highest-scoring candidate when that one
// is wrong. Visits examples in a fixed shuffled order per epoch.
std::unordered_map<std::string, float> TrainRankWeights(const std::vector<RankExample>& examples,
                                                        int epochs);

// Right speakers when the ranker overrules the rules above `margin` (every example counted).
int CountRight(const std::vector<RankExample>& examples,
               const std::unordered_map<std::string, float>& w, double margin);

struct SpeakerTrainArgs {
  std::string corpus = "polnear";  // polnear | germeval
  std::string data = "../shared/data";
  std::string dir;  // the corpus folder; empty: its training split under data
  std::string out;
  std::string lang;       // empty: en for polnear, de for germeval
  int holdout_every = 0;  // > 0: leave out the articles whose index % it == 0
  int epochs = 10;
  int folds = 5;
  std::string command;  // recorded in the header
};

int RunSpeakerTrain(const SpeakerTrainArgs& args);

}  // namespace vestnik::eval

#endif  // VESTNIK_EVAL_SPEAKER_TRAIN_H_
