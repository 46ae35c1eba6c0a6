// The trained named-entity model of one language: a linear sequence tagger (averaged
// structured perceptron over BILOU labels, first-order transitions, Viterbi decoding), the
// name lemmatiser learned with it, aliases learned from cross-lingual ids, and the
// unlabelled-text word statistics its features use.
//
// Reads: a model file (format in docs/NER.md: magic, format version, feature-template hash,
// label set, JSON provenance header, sections). Adds: BILOU labels for token sequences.
// Guarantees: Load refuses a file with another magic, format version, feature-template hash or
// label set, or a truncated or corrupted one, with a Status naming the file and the mismatch.
// A loaded model is immutable and thread-safe; Tag allocates only in its caller's buffers.
#ifndef VESTNIK_ENTITIES_NER_MODEL_H_
#define VESTNIK_ENTITIES_NER_MODEL_H_

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/document.h"
#include "core/status.h"
#include "entities/flat_map.h"
#include "entities/name_lemmatizer.h"
#include "entities/ner_features.h"

namespace vestnik::entities {

// Labels: 0 = O; 1 + 4·type + part, part B=0, I=1, L=2, U=3 (types in EntityType order).
inline constexpr int kNumLabels = 21;
std::string LabelName(int label);
inline int LabelOf(EntityType t, int part) { return 1 + 4 * static_cast<int>(t) + part; }
inline int PartOf(int label) { return label == 0 ? -1 : (label - 1) % 4; }
inline EntityType TypeOf(int label) { return static_cast<EntityType>((label - 1) / 4); }
// Whether label `cur` may follow `prev` (prev = -1: sequence start; cur = -1: sequence end).
bool AllowedTransition(int prev, int cur);

// Transition scores ((kNumLabels + 1) × kNumLabels: row 0 from the start, row p+1 from p)
// rearranged for ViterbiDecode: per target label, only the predecessors AllowedTransition
// admits, in increasing order, as rows its vector loops read. Built once per model.
class ViterbiTables {
 public:
  explicit ViterbiTables(const float* transitions);

 private:
  friend void ViterbiDecode(const float*, uint32_t, const ViterbiTables&, std::vector<float>*,
                            std::vector<int>*, std::vector<uint8_t>*);
  // Lanes: kLanes targets at a time. "Closed" labels (O, L-*, U-*) may precede O, B-*, U-*
  // (the 11 closed-target lanes); B-t and I-t may precede I-t and L-t (10 inside lanes).
  static constexpr int kLanes = 12;
  bool can_start_[kNumLabels], can_end_[kNumLabels];
  float start_[kNumLabels];                    // from the sequence start
  alignas(16) float from_closed_[11][kLanes];  // [closed predecessor][closed-target lane]
  alignas(16) float from_b_[kLanes];           // [inside lane]: from B-t
  alignas(16) float from_i_[kLanes];           // [inside lane]: from I-t
  alignas(16) int32_t inside_from_[kLanes];    // [inside lane]: B-t (0 in unused lanes)
};

// Best label sequence for `n` tokens given emission scores (n × kNumLabels, row-major) and
// transition scores, respecting AllowedTransition; among equal scores the lowest predecessor
// label wins. `scratch` is reused between calls.
void ViterbiDecode(const float* emissions, uint32_t n, const ViterbiTables& transitions,
                   std::vector<float>* scratch, std::vector<int>* scratch_back,
                   std::vector<uint8_t>* labels);
// The same with the transition scores as they are stored (builds the tables each call).
void ViterbiDecode(const float* emissions, uint32_t n, const float* transitions,
                   std::vector<float>* scratch, std::vector<int>* scratch_back,
                   std::vector<uint8_t>* labels);

// Spans of consecutive BILOU labels: (first token, end token, type).
struct LabelSpan {
  uint32_t first, end;
  EntityType type;
};
std::vector<LabelSpan> SpansOf(const std::vector<uint8_t>& labels, uint32_t offset = 0);

// Everything a model file holds. The trainer fills one; NerModel serves it.
struct NerModelData {
  std::string lang;
  std::string header_json;  // provenance: data, command, date, holdout topics, scores, …
  // Emission weights: for feature keys[i], entries [row_end[i-1], row_end[i]) of
  // (entry_labels, entry_weights); a weight is entry_weights × scale. Keys sorted.
  float scale = 1.0f;
  std::vector<uint64_t> keys;
  std::vector<uint32_t> row_end;
  std::vector<uint8_t> entry_labels;
  std::vector<int16_t> entry_weights;
  std::vector<float> transitions;  // (kNumLabels + 1) × kNumLabels
  NameLemmatizer lemmatizer;
  WordStats stats;
  // Learned aliases: HashBytes(folded lemma) → entity id key ("donald-trump"), per type.
  std::vector<std::string> alias_ids;
  std::unordered_map<uint64_t, uint32_t> aliases;  // Combine(type, hash) → alias_ids index
};

class NerModel {
 public:
  static constexpr uint32_t kFormatVersion = 1;
  static constexpr char kMagic[8] = {'V', 'S', 'T', 'K', 'N', 'E', 'R', '\0'};

  static Result<std::unique_ptr<const NerModel>> Load(const std::filesystem::path& file);
  static Status Save(const NerModelData& data, const std::filesystem::path& file);
  explicit NerModel(NerModelData data);

  const std::string& lang() const { return data_.lang; }
  const std::string& header_json() const { return data_.header_json; }
  const NameLemmatizer& lemmatizer() const { return data_.lemmatizer; }
  const WordStats& stats() const { return data_.stats; }
  // Everything the file held (the trainer reuses a tagger's weights with new lemma rules).
  const NerModelData& data() const { return data_; }
  size_t feature_count() const { return data_.keys.size(); }
  // The learned alias id of a folded lemma of `type`, or nullptr.
  const std::string* Alias(EntityType type, std::string_view folded_lemma) const;
  static uint64_t AliasKey(EntityType type, std::string_view folded_lemma);

  // Labels of tokens [begin, end) whose features are feats[offsets[i] .. offsets[i+1]).
  struct Slot;
  struct Scratch {
    std::vector<float> emissions, viterbi;
    std::vector<int32_t> sums;
    std::vector<int> back;
    std::vector<const Slot*> slots;
  };
  void Tag(const std::vector<uint64_t>& feats, const std::vector<uint32_t>& offsets,
           uint32_t begin, uint32_t end, Scratch* scratch, std::vector<uint8_t>* labels) const;

  // Tag in parts, for callers that sum some features once and reuse the sums
  // (EmissionCache). Emission sums are kSumLanes int32 per token, label l in lane l (lanes
  // kNumLabels.. stay 0): exact integer sums of the features' int16 weights, so any grouping
  // of a token's features gives the same sums (see the weight table below).
  static constexpr int kSumLanes = 24;
  // Adds to sums[i × kSumLanes ..] the weights of feats[offsets[i] .. offsets[i+1]), for each
  // of the n groups i. `scratch` is reused between calls.
  void AddWeights(const uint64_t* feats, const uint32_t* offsets, uint32_t n, int32_t* sums,
                  Scratch* scratch) const;
  // Labels of n tokens from their emission sums: Tag's decoding.
  void Decode(const int32_t* sums, uint32_t n, Scratch* scratch,
              std::vector<uint8_t>* labels) const;
  // Different for every NerModel constructed in this process (never 0): a cache key.
  uint64_t id() const { return id_; }

 private:
  // The emission weights as one open-addressing table of 32-byte slots (two per cache line,
  // load factor at most 0.75). A feature with at most kInline weights (most features, but
  // few of the look-ups) keeps them in its slot as (label, int16) pairs, so that it costs
  // one memory access. A longer row (a few thousand features, about 70 % of the look-ups:
  // bias, shapes, flags, frequent words) is a dense row of kRow int32 weights in dense_, 0 for
  // the labels it lacks, summed with vector instructions.
  //
  // Emission scores are exact integer sums of the int16 weights, scaled once:
  // float(sum) × scale. Integer addition does not depend on the order of the features, so a
  // caller may sum them in any grouping (EmissionCache sums a word's features once per word
  // type) and get the same scores bit for bit. (Until 2026-11-29 each weight was scaled first
  // and the floats summed in feature order; the decoded labels were the same on every text
  // compared, docs/PERFORMANCE.md.) The sums cannot overflow: at most 55 features of
  // |weight| ≤ 32767 per token.
  static constexpr int kInline = 7;
  static constexpr int kRow = kSumLanes;  // kNumLabels rounded up to whole 16-byte vectors

 public:
  struct Slot {
    uint64_t key = 0;  // 0: empty (a key 0 is stored as kZeroKey)
    uint8_t n = 0;     // weights of this feature; > kInline: a dense or sparse row elsewhere
    uint8_t labels[kInline] = {};
    int16_t weights[kInline] = {};  // n > kInline: weights[0..1] hold the row's index
    uint16_t sparse = 0;  // n > kInline: 1 when the row is (label, weight) pairs in sparse_
  };
  static_assert(sizeof(Slot) == 32);

 private:
  static constexpr uint64_t kZeroKey = 0x9E3779B97F4A7C15ULL;
  // A row whose labels repeat (no trainer writes one) cannot be made dense without changing
  // the order of its sums: it is kept as pairs.
  struct Entry {
    uint8_t label;
    int16_t weight;
  };
  const Slot* FindSlot(uint64_t key) const;
  // False when `key` is surely absent: two bits per feature in one 64-bit word of filter_
  // (about 8 bits per feature, a quarter of a MB for the largest models, which stays in
  // cache), so that most absent features cost no probe of the large table.
  bool MayHave(uint64_t key) const;
  void PrefetchSlot(uint64_t key) const;
  // Adds the weights of `slot` to the kRow sums `acc`.
  void AddSlot(const Slot& slot, int32_t* acc) const;

  NerModelData data_;
  uint64_t id_;
  ViterbiTables viterbi_;
  std::vector<Slot> slots_;
  uint64_t mask_ = 0;
  std::vector<uint64_t> filter_;
  uint64_t filter_mask_ = 0;
  std::vector<int32_t> dense_;  // kRow weights per dense row
  std::vector<Entry> sparse_;  // rows with repeated labels
};

}  // namespace vestnik::entities

#endif  // VESTNIK_ENTITIES_NER_MODEL_H_
