#include "entities/emission_cache.h"

#include <algorithm>
#include <cstring>

#include "core/target_clones.h"

namespace vestnik::entities {
namespace {

constexpr int kLanes = NerModel::kSumLanes;

inline void AddLanes(const int32_t* from, int32_t* to) {
  for (int l = 0; l < kLanes; ++l) to[l] += from[l];
}

}  // namespace

EmissionCache::EmissionCache(size_t entries) {
  capacity_ = 16;
  while (capacity_ < entries) capacity_ <<= 1;
}

EmissionCache::Key EmissionCache::KeyOf(uint64_t model, const Document& doc, const Token& t) const {
  Key k;
  k.fold = HashBytes(doc.Folded(t));
  k.form = HashBytes(doc.NormText(t));
  k.kind_upper = static_cast<uint32_t>(t.kind) | (t.upper ? 256u : 0u);
  k.slot = Combine(Combine(k.fold, k.form), model * 512 + k.kind_upper) & (capacity_ - 1);
  return k;
}

const EmissionCache::Entry& EmissionCache::Find(const NerModel& model, const Key& key,
                                                const Document& doc, const Token& t) {
  const uint64_t id = model.id();
  Entry& e = entries_[key.slot];
  if (e.model == id && e.fold == key.fold && e.form == key.form && e.kind_upper == key.kind_upper) {
    ++hits_;
    return e;
  }
  ++misses_;
  e.model = id;
  e.fold = key.fold;
  e.form = key.form;
  e.kind_upper = key.kind_upper;
  DescribeWord(doc, t, &model.stats(), &e.type);
  uint64_t feats[kOffsets * kMaxWordFeatures];
  uint32_t offsets[kOffsets + 1] = {0};
  for (int d = -2; d <= 2; ++d) {
    offsets[d + 3] = offsets[d + 2] +
                     static_cast<uint32_t>(AppendWordFeatures(&e.type, d, feats + offsets[d + 2]));
  }
  std::memset(e.sums, 0, sizeof e.sums);
  model.AddWeights(feats, offsets, kOffsets, &e.sums[0][0], &scratch_);
  return e;
}

void EmissionCache::AddPattern(const NerModel& model, const ContextPattern& p, int32_t* sums) {
  const uint64_t id = model.id();
  const size_t slot =
      Combine(Combine(Combine(p.shape_prev, p.shape) ^ p.bits, p.shape_next ^ p.around), id) &
      (kPatternEntries - 1);
  PatternEntry& e = pattern_entries_[slot];
  if (e.model == id && e.key == p) {
    ++pattern_hits_;
  } else {
    ++pattern_misses_;
    e.model = id;
    e.key = p;
    uint64_t feats[kMaxPatternFeatures];
    const uint32_t offsets[2] = {0, static_cast<uint32_t>(AppendPatternFeatures(p, feats))};
    std::memset(e.sums, 0, sizeof e.sums);
    model.AddWeights(feats, offsets, 1, e.sums, &scratch_);
  }
  AddLanes(e.sums, sums);
}

// AVX2 and SSE2 versions (core/target_clones.h): each token adds five vectors of 24 int32.
VESTNIK_AVX2_CLONES
void EmissionCache::Score(const NerModel& model, const FeatureExtractor& features,
                          const LangResources& lr, const Document& doc) {
  const uint32_t n = static_cast<uint32_t>(doc.tokens.size());
  scored_model_ = model.id();
  types_.resize(n);
  sums_.assign(static_cast<size_t>(n) * kLanes, 0);
  if (n == 0) return;
  if (entries_.empty()) entries_.resize(capacity_);
  int32_t* const sums = sums_.data();
  // Word features: token t at offset d from token i = t - d. The entries are fetched
  // kAhead tokens ahead (they are spread over a table larger than the processor's caches).
  keys_.resize(n);
  for (uint32_t t = 0; t < n; ++t) keys_[t] = KeyOf(model.id(), doc, doc.tokens[t]);
  constexpr uint32_t kAhead = 4;
  auto prefetch = [&](uint32_t t) {
    const char* p = reinterpret_cast<const char*>(&entries_[keys_[t].slot]);
    for (size_t b = 0; b < sizeof(Entry); b += 64) __builtin_prefetch(p + b);
  };
  for (uint32_t t = 0; t < std::min(n, kAhead); ++t) prefetch(t);
  for (uint32_t t = 0; t < n; ++t) {
    if (t + kAhead < n) prefetch(t + kAhead);
    const Entry& e = Find(model, keys_[t], doc, doc.tokens[t]);
    types_[t] = e.type;
    for (int d = -2; d <= 2; ++d) {
      const int64_t i = static_cast<int64_t>(t) - d;
      if (i >= 0 && i < n) AddLanes(e.sums[d + 2], sums + static_cast<size_t>(i) * kLanes);
    }
  }
  // The padding before and after the document, for the tokens near its edges.
  {
    uint64_t feats[4 * kMaxWordFeatures];
    uint32_t offsets[5] = {0};
    constexpr int kPadOffsets[4] = {-2, -1, 1, 2};
    for (int g = 0; g < 4; ++g) {
      offsets[g + 1] = offsets[g] + static_cast<uint32_t>(AppendWordFeatures(
                                        nullptr, kPadOffsets[g], feats + offsets[g]));
    }
    alignas(16) int32_t pad[4][kLanes] = {};
    model.AddWeights(feats, offsets, 4, &pad[0][0], &scratch_);
    for (int g = 0; g < 4; ++g) {
      const int d = kPadOffsets[g];
      // Tokens i with i + d outside the document.
      const uint32_t from = d < 0 ? 0 : (n > static_cast<uint32_t>(d) ? n - d : 0);
      const uint32_t to = d < 0 ? std::min<uint32_t>(n, -d) : n;
      for (uint32_t i = from; i < to; ++i) AddLanes(pad[g], sums + static_cast<size_t>(i) * kLanes);
    }
  }
  // Context features: those that read words looked up, the others summed by pattern.
  features.ExtractContextSplit(doc, lr, types_.data(), &feats_, &offsets_, &patterns_);
  model.AddWeights(feats_.data(), offsets_.data(), n, sums, &scratch_);
  if (pattern_entries_.empty()) pattern_entries_.resize(kPatternEntries);
  for (uint32_t i = 0; i < n; ++i) AddPattern(model, patterns_[i], sums + static_cast<size_t>(i) * kLanes);
}

void EmissionCache::Decode(const NerModel& model, uint32_t begin, uint32_t end,
                           std::vector<uint8_t>* labels) {
  if (model.id() != scored_model_ || end > types_.size() || begin > end) std::abort();
  model.Decode(sums_.data() + static_cast<size_t>(begin) * kLanes, end - begin, &scratch_, labels);
}

}  // namespace vestnik::entities
