// Training of the sequence tagger: an averaged structured perceptron (Collins 2002) over
// BILOU labels with first-order transitions, decoded with the same constrained Viterbi as at
// run time (ner_model.h).
//
// Reads: training sequences (feature ids per token and gold labels). Adds: the averaged
// emission weights, pruned and quantised to 16 bits, and the transition weights, as
// NerModelData.
// Guarantees: deterministic: the same data, options and seed give the same model byte for byte
// (own shuffling, no unordered iteration in the output).
#ifndef VESTNIK_ENTITIES_TRAIN_TAGGER_TRAINER_H_
#define VESTNIK_ENTITIES_TRAIN_TAGGER_TRAINER_H_

#include <cstdint>
#include <functional>
#include <unordered_map>
#include <vector>

#include "entities/ner_model.h"

namespace vestnik::entities::train {

// One document's features (dense ids) and gold labels, and its training sequences.
struct TrainDoc {
  std::vector<uint32_t> feats;    // ids into the feature index
  std::vector<uint32_t> offsets;  // token i: feats[offsets[i] .. offsets[i+1])
  std::vector<uint8_t> gold;
  std::vector<std::pair<uint32_t, uint32_t>> sequences;  // token ranges
};

struct PerceptronOptions {
  int epochs = 12;
  uint64_t seed = 20240501;
  // Each feature of each token is left out of an epoch's scoring and update with this
  // probability (feature dropout: the model must not lean on one feature, such as the word
  // itself, which helps on unseen names and topics).
  float dropout = 0.0f;
  // Weights whose averaged magnitude is below this are dropped from the model file.
  float prune = 0.0f;
  // Called after each epoch with the epoch number (from 1) and the share of wrong tokens.
  std::function<void(int, double)> progress;
};

// Trains on `docs` whose feature ids index `keys` (the 64-bit feature hashes, one per id) and
// fills data->scale, keys, row_end, entry_labels, entry_weights and transitions.
void TrainPerceptron(const std::vector<TrainDoc>& docs, const std::vector<uint64_t>& keys,
                     const PerceptronOptions& options, NerModelData* data);

}  // namespace vestnik::entities::train

#endif  // VESTNIK_ENTITIES_TRAIN_TAGGER_TRAINER_H_
