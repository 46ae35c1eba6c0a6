#include "entities/ner_model.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>
#include <cmath>
#include <fstream>
#include <limits>

#include "core/byte_io.h"
#include "core/target_clones.h"
#include "core/utf8.h"

namespace vestnik::entities {
namespace {

constexpr float kImpossible = -1e30f;

uint64_t Checksum(std::string_view bytes) { return HashBytes(bytes); }

void PutSection(ByteWriter* w, const char tag[4], const std::string& payload) {
  w->PutBytes(tag, 4);
  w->Put<uint64_t>(payload.size());
  w->PutBytes(payload.data(), payload.size());
}

}  // namespace

std::string LabelName(int label) {
  if (label == 0) return "O";
  static const char* kParts[] = {"B-", "I-", "L-", "U-"};
  return std::string(kParts[PartOf(label)]) + EntityTypeName(TypeOf(label));
}

bool AllowedTransition(int prev, int cur) {
  bool prev_open = prev > 0 && (PartOf(prev) == 0 || PartOf(prev) == 1);  // B or I
  if (cur < 0) return !prev_open;
  bool cur_inside = cur > 0 && (PartOf(cur) == 1 || PartOf(cur) == 2);  // I or L
  if (prev_open) return cur_inside && TypeOf(cur) == TypeOf(prev);
  return !cur_inside;
}

namespace {

// The closed labels (O, L-t, U-t), which may precede O, B-t and U-t, in increasing order; the
// labels they may precede, lane by lane; the inside labels (I-t, L-t), lane by lane.
constexpr int kClosed[11] = {0, 3, 4, 7, 8, 11, 12, 15, 16, 19, 20};
constexpr int kClosedTargets[11] = {0, 1, 4, 5, 8, 9, 12, 13, 16, 17, 20};
constexpr int kInside[10] = {2, 3, 6, 7, 10, 11, 14, 15, 18, 19};
// B-t, the first predecessor of inside lane j (I-t is B-t + 1).
constexpr int InsideFrom(int j) { return 1 + 4 * (j / 2); }

// Four lanes of floats or ints (GCC and Clang vector extensions: SSE2 registers on x86-64,
// plain code elsewhere); IEEE operations lane by lane, as the scalar ones.
using V4f = float __attribute__((vector_size(16)));
using V4i = int32_t __attribute__((vector_size(16)));
V4f Load4(const float* p) {
  V4f v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
V4i Load4i(const int32_t* p) {
  V4i v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

}  // namespace

ViterbiTables::ViterbiTables(const float* transitions) {
  constexpr int L = kNumLabels;
  for (int c = 0; c < L; ++c) {
    can_start_[c] = AllowedTransition(-1, c);
    can_end_[c] = AllowedTransition(c, -1);
    start_[c] = transitions[c];
  }
  for (int k = 0; k < 11; ++k) {
    for (int j = 0; j < kLanes; ++j) {
      from_closed_[k][j] = j < 11 ? transitions[(kClosed[k] + 1) * L + kClosedTargets[j]] : 0.0f;
    }
  }
  for (int j = 0; j < kLanes; ++j) {
    inside_from_[j] = j < 10 ? InsideFrom(j) : 0;
    from_b_[j] = j < 10 ? transitions[(InsideFrom(j) + 1) * L + kInside[j]] : 0.0f;
    from_i_[j] = j < 10 ? transitions[(InsideFrom(j) + 2) * L + kInside[j]] : 0.0f;
  }
}

// AVX2 and SSE2 versions (core/target_clones.h): SSE2 has no blend instruction, so each of
// the loop's lane selects takes three instructions instead of one.
VESTNIK_AVX2_CLONES
void ViterbiDecode(const float* emissions, uint32_t n, const ViterbiTables& t,
                   std::vector<float>* scratch, std::vector<int>* scratch_back,
                   std::vector<uint8_t>* labels) {
  constexpr int L = kNumLabels;
  constexpr int W = ViterbiTables::kLanes;
  labels->assign(n, 0);
  if (n == 0) return;
  scratch->resize(static_cast<size_t>(n) * L);
  scratch_back->resize(static_cast<size_t>(n) * L);
  float* score = scratch->data();
  int* back = scratch_back->data();
  for (int c = 0; c < L; ++c) {
    score[c] = t.can_start_[c] ? t.start_[c] + emissions[c] : kImpossible;
    back[c] = 0;
  }
  for (uint32_t i = 1; i < n; ++i) {
    const float* prev = score + static_cast<size_t>(i - 1) * L;
    float* cur = score + static_cast<size_t>(i) * L;
    int* bp = back + static_cast<size_t>(i) * L;
    const float* em = emissions + static_cast<size_t>(i) * L;
    // Each lane keeps the first best predecessor (strictly greater replaces), as a scalar
    // loop over increasing predecessors does; four lanes per vector instruction.
    V4f best[3], best_in[3];
    V4i arg[3], arg_in[3];
    for (int v = 0; v < 3; ++v) best[v] = V4f{} + kImpossible, arg[v] = V4i{};
    for (int k = 0; k < 11; ++k) {
      const V4f p = V4f{} + prev[kClosed[k]];
      const V4i label = V4i{} + kClosed[k];
      for (int v = 0; v < 3; ++v) {
        V4f s = p + Load4(&t.from_closed_[k][4 * v]);
        V4i better = s > best[v];
        best[v] = better ? s : best[v];
        arg[v] = better ? label : arg[v];
      }
    }
    alignas(16) float pb[W], pi[W];
    for (int j = 0; j < W; ++j) {
      pb[j] = j < 10 ? prev[InsideFrom(j)] : kImpossible;
      pi[j] = j < 10 ? prev[InsideFrom(j) + 1] : kImpossible;
    }
    const V4f impossible = V4f{} + kImpossible;
    for (int v = 0; v < 3; ++v) {
      V4f sb = Load4(&pb[4 * v]) + Load4(&t.from_b_[4 * v]);
      V4f si = Load4(&pi[4 * v]) + Load4(&t.from_i_[4 * v]);
      V4i b_better = sb > impossible;
      V4f b = b_better ? sb : impossible;
      V4i i_better = si > b;
      best_in[v] = i_better ? si : b;
      V4i from_b = Load4i(&t.inside_from_[4 * v]);
      arg_in[v] = i_better ? from_b + 1 : (b_better ? from_b : V4i{});
    }
    alignas(16) float best_s[W], best_in_s[W];
    alignas(16) int32_t arg_s[W], arg_in_s[W];
    std::memcpy(best_s, best, sizeof best_s);
    std::memcpy(best_in_s, best_in, sizeof best_in_s);
    std::memcpy(arg_s, arg, sizeof arg_s);
    std::memcpy(arg_in_s, arg_in, sizeof arg_in_s);
    for (int j = 0; j < 11; ++j) {
      int c = kClosedTargets[j];
      cur[c] = best_s[j] > kImpossible / 2 ? best_s[j] + em[c] : kImpossible;
      bp[c] = arg_s[j];
    }
    for (int j = 0; j < 10; ++j) {
      int c = kInside[j];
      cur[c] = best_in_s[j] > kImpossible / 2 ? best_in_s[j] + em[c] : kImpossible;
      bp[c] = arg_in_s[j];
    }
  }
  const float* last = score + static_cast<size_t>(n - 1) * L;
  float best = kImpossible;
  int arg = 0;
  for (int c = 0; c < L; ++c) {
    if (t.can_end_[c] && last[c] > best) best = last[c], arg = c;
  }
  for (uint32_t i = n; i-- > 0;) {
    (*labels)[i] = static_cast<uint8_t>(arg);
    if (i > 0) arg = back[static_cast<size_t>(i) * L + arg];
  }
}

void ViterbiDecode(const float* emissions, uint32_t n, const float* transitions,
                   std::vector<float>* scratch, std::vector<int>* scratch_back,
                   std::vector<uint8_t>* labels) {
  ViterbiDecode(emissions, n, ViterbiTables(transitions), scratch, scratch_back, labels);
}

std::vector<LabelSpan> SpansOf(const std::vector<uint8_t>& labels, uint32_t offset) {
  std::vector<LabelSpan> out;
  uint32_t n = static_cast<uint32_t>(labels.size());
  for (uint32_t i = 0; i < n; ++i) {
    int l = labels[i];
    if (l == 0) continue;
    int part = PartOf(l);
    if (part == 3) {
      out.push_back({offset + i, offset + i + 1, TypeOf(l)});
    } else if (part == 0) {
      uint32_t j = i + 1;
      while (j < n && labels[j] != 0 && TypeOf(labels[j]) == TypeOf(l) &&
             (PartOf(labels[j]) == 1 || PartOf(labels[j]) == 2)) {
        if (PartOf(labels[j]) == 2) {
          ++j;
          break;
        }
        ++j;
      }
      out.push_back({offset + i, offset + j, TypeOf(l)});
      i = j - 1;
    }
  }
  return out;
}

namespace {
std::atomic<uint64_t> next_model_id{1};
}  // namespace

NerModel::NerModel(NerModelData data)
    : data_(std::move(data)), id_(next_model_id++), viterbi_(data_.transitions.data()) {
  // Capacity: a power of two at a load factor of at most 0.75 (the English model's table
  // then fits a 2 MB cache).
  size_t cap = 16;
  while (cap * 3 < data_.keys.size() * 4) cap <<= 1;
  slots_.assign(cap, Slot{});
  mask_ = cap - 1;
  size_t filter_words = 1;
  while (filter_words * 8 < data_.keys.size()) filter_words <<= 1;
  filter_.assign(filter_words, 0);
  filter_mask_ = filter_words - 1;
  for (size_t i = 0; i < data_.keys.size(); ++i) {
    uint64_t key = data_.keys[i] ? data_.keys[i] : kZeroKey;
    filter_[(key >> 32) & filter_mask_] |=
        (1ULL << ((key >> 20) & 63)) | (1ULL << ((key >> 26) & 63));
    size_t at = key & mask_;
    while (slots_[at].key && slots_[at].key != key) at = (at + 1) & mask_;
    Slot& slot = slots_[at];
    slot = Slot{};
    slot.key = key;
    uint32_t begin = i == 0 ? 0 : data_.row_end[i - 1], end = data_.row_end[i];
    uint32_t n = end - begin;
    slot.n = static_cast<uint8_t>(std::min<uint32_t>(n, 255));
    if (n <= kInline) {
      for (uint32_t e = 0; e < n; ++e) {
        slot.labels[e] = data_.entry_labels[begin + e];
        slot.weights[e] = data_.entry_weights[begin + e];
      }
      continue;
    }
    bool repeated = false;
    uint32_t labels_seen = 0;
    for (uint32_t e = begin; e < end; ++e) {
      uint32_t bit = 1u << data_.entry_labels[e];
      repeated |= (labels_seen & bit) != 0;
      labels_seen |= bit;
    }
    uint32_t row;
    if (repeated) {
      slot.sparse = 1;
      row = static_cast<uint32_t>(sparse_.size());
      for (uint32_t e = begin; e < end; ++e) {
        sparse_.push_back({data_.entry_labels[e], data_.entry_weights[e]});
      }
    } else {
      row = static_cast<uint32_t>(dense_.size() / kRow);
      dense_.resize(dense_.size() + kRow, 0);
      int32_t* d = dense_.data() + static_cast<size_t>(row) * kRow;
      for (uint32_t e = begin; e < end; ++e) d[data_.entry_labels[e]] = data_.entry_weights[e];
    }
    std::memcpy(slot.weights, &row, sizeof row);
  }
}

const NerModel::Slot* NerModel::FindSlot(uint64_t key) const {
  key = key ? key : kZeroKey;
  size_t at = key & mask_;
  while (true) {
    const Slot& s = slots_[at];
    if (s.key == key) return &s;
    if (!s.key) return nullptr;
    at = (at + 1) & mask_;
  }
}

bool NerModel::MayHave(uint64_t key) const {
  key = key ? key : kZeroKey;
  uint64_t bits = (1ULL << ((key >> 20) & 63)) | (1ULL << ((key >> 26) & 63));
  return (filter_[(key >> 32) & filter_mask_] & bits) == bits;
}

void NerModel::PrefetchSlot(uint64_t key) const {
  __builtin_prefetch(&slots_[(key ? key : kZeroKey) & mask_]);
}

inline __attribute__((always_inline)) void NerModel::AddSlot(const Slot& slot,
                                                             int32_t* acc) const {
  if (slot.n <= kInline) {
    for (uint32_t e = 0; e < slot.n; ++e) acc[slot.labels[e]] += slot.weights[e];
    return;
  }
  uint32_t row;
  std::memcpy(&row, slot.weights, sizeof row);
  if (slot.sparse) {
    for (uint32_t e = row; e < row + slot.n; ++e) {
      acc[sparse_[e].label] += sparse_[e].weight;
    }
    return;
  }
  const int32_t* d = dense_.data() + static_cast<size_t>(row) * kRow;
  for (int l = 0; l < kRow; ++l) acc[l] += d[l];
}

uint64_t NerModel::AliasKey(EntityType type, std::string_view folded_lemma) {
  return Combine(0xa11a5ULL + static_cast<uint64_t>(type), HashBytes(folded_lemma));
}

const std::string* NerModel::Alias(EntityType type, std::string_view folded_lemma) const {
  auto it = data_.aliases.find(AliasKey(type, folded_lemma));
  return it == data_.aliases.end() ? nullptr : &data_.alias_ids[it->second];
}

// AVX2 and SSE2 versions (core/target_clones.h): a dense row is 24 int32 adds.
VESTNIK_AVX2_CLONES
void NerModel::AddWeights(const uint64_t* feats, const uint32_t* offsets, uint32_t n,
                          int32_t* sums, Scratch* scratch) const {
  // Two passes: find every feature's slot first (independent loads the processor overlaps,
  // helped by prefetching kAhead features ahead), then add the weights up, group by group.
  constexpr uint32_t kAhead = 16;
  const uint32_t first = offsets[0], last = offsets[n];
  scratch->slots.resize(last - first);
  const Slot** found = scratch->slots.data();
  for (uint32_t f = first; f < std::min(first + kAhead, last); ++f) PrefetchSlot(feats[f]);
  for (uint32_t f = first; f < last; ++f) {
    if (f + kAhead < last) PrefetchSlot(feats[f + kAhead]);
    found[f - first] = MayHave(feats[f]) ? FindSlot(feats[f]) : nullptr;
  }
  for (uint32_t i = 0; i < n; ++i) {
    int32_t* acc = sums + static_cast<size_t>(i) * kRow;
    for (uint32_t f = offsets[i]; f < offsets[i + 1]; ++f) {
      if (const Slot* slot = found[f - first]) AddSlot(*slot, acc);
    }
  }
}

void NerModel::Decode(const int32_t* sums, uint32_t n, Scratch* scratch,
                      std::vector<uint8_t>* labels) const {
  scratch->emissions.resize(static_cast<size_t>(n) * kNumLabels);
  const float scale = data_.scale;
  for (uint32_t i = 0; i < n; ++i) {
    const int32_t* acc = sums + static_cast<size_t>(i) * kRow;
    float* em = scratch->emissions.data() + static_cast<size_t>(i) * kNumLabels;
    for (int l = 0; l < kNumLabels; ++l) em[l] = static_cast<float>(acc[l]) * scale;
  }
  ViterbiDecode(scratch->emissions.data(), n, viterbi_, &scratch->viterbi, &scratch->back, labels);
}

void NerModel::Tag(const std::vector<uint64_t>& feats, const std::vector<uint32_t>& offsets,
                   uint32_t begin, uint32_t end, Scratch* scratch,
                   std::vector<uint8_t>* labels) const {
  uint32_t n = end - begin;
  scratch->sums.assign(static_cast<size_t>(n) * kRow, 0);
  AddWeights(feats.data(), offsets.data() + begin, n, scratch->sums.data(), scratch);
  Decode(scratch->sums.data(), n, scratch, labels);
}

Status NerModel::Save(const NerModelData& d, const std::filesystem::path& file) {
  if (d.keys.size() != d.row_end.size() || d.entry_labels.size() != d.entry_weights.size() ||
      d.transitions.size() != static_cast<size_t>(kNumLabels + 1) * kNumLabels) {
    return Status::InvalidArgument("model data is inconsistent");
  }
  std::string out;
  ByteWriter w(&out);
  w.PutBytes(kMagic, 8);
  w.Put<uint32_t>(kFormatVersion);
  w.Put<uint64_t>(FeatureTemplateHash());
  w.Put<uint32_t>(kNumLabels);
  for (int l = 0; l < kNumLabels; ++l) w.PutString(LabelName(l));
  w.PutString(d.lang);
  w.PutString(d.header_json);
  {
    std::string p;
    ByteWriter s(&p);
    s.Put<float>(d.scale);
    s.Put<uint32_t>(static_cast<uint32_t>(d.keys.size()));
    s.PutBytes(d.keys.data(), d.keys.size() * sizeof(uint64_t));
    s.PutBytes(d.row_end.data(), d.row_end.size() * sizeof(uint32_t));
    s.Put<uint32_t>(static_cast<uint32_t>(d.entry_labels.size()));
    s.PutBytes(d.entry_labels.data(), d.entry_labels.size());
    s.PutBytes(d.entry_weights.data(), d.entry_weights.size() * sizeof(int16_t));
    PutSection(&w, "WGHT", p);
  }
  {
    std::string p;
    ByteWriter s(&p);
    s.PutBytes(d.transitions.data(), d.transitions.size() * sizeof(float));
    PutSection(&w, "TRAN", p);
  }
  {
    std::string p;
    d.lemmatizer.Serialize(&p);
    PutSection(&w, "LEMM", p);
  }
  {
    std::string p;
    d.lemmatizer.SerializeLemmaWords(&p);
    PutSection(&w, "LVOC", p);
  }
  {
    std::string p;
    ByteWriter s(&p);
    std::vector<std::pair<uint64_t, WordStats::Entry>> sorted;
    sorted.reserve(d.stats.words.size());
    d.stats.words.ForEach([&](uint64_t k, WordStats::Entry e) { sorted.emplace_back(k, e); });
    std::sort(sorted.begin(), sorted.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    s.Put<uint32_t>(d.stats.clusters);
    s.Put<uint32_t>(static_cast<uint32_t>(sorted.size()));
    for (const auto& [k, e] : sorted) {
      s.Put<uint64_t>(k);
      s.Put<uint8_t>(e.cap_class);
      s.Put<uint16_t>(e.cluster);
    }
    PutSection(&w, "STAT", p);
  }
  {
    std::string p;
    ByteWriter s(&p);
    s.Put<uint32_t>(static_cast<uint32_t>(d.alias_ids.size()));
    for (const std::string& id : d.alias_ids) s.PutString(id);
    std::vector<std::pair<uint64_t, uint32_t>> sorted(d.aliases.begin(), d.aliases.end());
    std::sort(sorted.begin(), sorted.end());
    s.Put<uint32_t>(static_cast<uint32_t>(sorted.size()));
    for (const auto& [k, v] : sorted) {
      s.Put<uint64_t>(k);
      s.Put<uint32_t>(v);
    }
    PutSection(&w, "ALIA", p);
  }
  uint64_t sum = Checksum(out);
  w.PutBytes("END", 4);
  w.Put<uint64_t>(sum);
  std::ofstream f(file, std::ios::binary | std::ios::trunc);
  if (!f) return Status::IoError(file.string() + ": cannot open for writing");
  f.write(out.data(), static_cast<std::streamsize>(out.size()));
  if (!f) return Status::IoError(file.string() + ": write failed");
  return Status::Ok();
}

Result<std::unique_ptr<const NerModel>> NerModel::Load(const std::filesystem::path& file) {
  const std::string name = file.string();
  std::ifstream f(file, std::ios::binary | std::ios::ate);
  if (!f) return Status::NotFound(name + ": cannot open");
  std::string bytes(static_cast<size_t>(f.tellg()), '\0');
  f.seekg(0);
  if (!f.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
    return Status::IoError(name + ": read failed");
  }
  auto corrupt = [&](const std::string& what) {
    return Status::Corruption(name + ": " + what);
  };
  if (bytes.size() < 8 + 4 + 8 + 12 || std::string_view(bytes).substr(0, 8) != std::string_view(kMagic, 8)) {
    return corrupt("not a vestnik NER model (bad magic)");
  }
  // Trailer: "END\0" and a checksum of everything before it.
  std::string_view body = std::string_view(bytes).substr(0, bytes.size() - 12);
  ByteReader trailer(std::string_view(bytes).substr(bytes.size() - 12));
  std::string_view end_tag = trailer.GetBytes(4);
  uint64_t sum = trailer.Get<uint64_t>();
  if (end_tag != std::string_view("END\0", 4)) return corrupt("truncated (no end marker)");
  if (sum != Checksum(body)) return corrupt("checksum mismatch (corrupted file)");

  ByteReader r(body);
  r.GetBytes(8);
  uint32_t version = r.Get<uint32_t>();
  if (version != kFormatVersion) {
    return corrupt("format version " + std::to_string(version) + ", this vestnik reads " +
                   std::to_string(kFormatVersion) + ": retrain with vestnik train ner");
  }
  uint64_t tmpl = r.Get<uint64_t>();
  if (tmpl != FeatureTemplateHash()) {
    return corrupt("trained with other feature templates (hash " + std::to_string(tmpl) +
                   ", expected " + std::to_string(FeatureTemplateHash()) +
                   "): retrain with vestnik train ner");
  }
  uint32_t labels = r.Get<uint32_t>();
  if (labels != kNumLabels) return corrupt("label set of " + std::to_string(labels) + " labels, expected 21");
  for (int l = 0; l < kNumLabels; ++l) {
    std::string got = r.GetString();
    if (got != LabelName(l)) return corrupt("label " + std::to_string(l) + " is " + got + ", expected " + LabelName(l));
  }
  NerModelData d;
  d.lang = r.GetString();
  d.header_json = r.GetString();
  if (!r.ok()) return corrupt("truncated header");
  bool have_weights = false, have_transitions = false;
  while (r.ok() && !r.done()) {
    std::string tag(r.GetBytes(4));
    uint64_t len = r.Get<uint64_t>();
    if (!r.ok() || len > r.remaining()) return corrupt("truncated section " + tag);
    ByteReader s(r.GetBytes(len));
    if (tag == "WGHT") {
      d.scale = s.Get<float>();
      uint32_t n = s.Get<uint32_t>();
      if (!s.ok() || static_cast<uint64_t>(n) * 12 > s.remaining()) return corrupt("bad weight table");
      d.keys.resize(n);
      d.row_end.resize(n);
      std::string_view k = s.GetBytes(static_cast<size_t>(n) * 8);
      std::memcpy(d.keys.data(), k.data(), k.size());
      std::string_view re = s.GetBytes(static_cast<size_t>(n) * 4);
      std::memcpy(d.row_end.data(), re.data(), re.size());
      uint32_t m = s.Get<uint32_t>();
      if (!s.ok() || static_cast<uint64_t>(m) * 3 != s.remaining()) return corrupt("bad weight entries");
      d.entry_labels.resize(m);
      d.entry_weights.resize(m);
      std::string_view el = s.GetBytes(m);
      std::memcpy(d.entry_labels.data(), el.data(), el.size());
      std::string_view ew = s.GetBytes(static_cast<size_t>(m) * 2);
      std::memcpy(d.entry_weights.data(), ew.data(), ew.size());
      uint32_t prev = 0;
      for (uint32_t i = 0; i < n; ++i) {
        if (d.row_end[i] < prev || d.row_end[i] > m) return corrupt("bad weight rows");
        if (d.row_end[i] == prev) return corrupt("empty weight row");
        prev = d.row_end[i];
      }
      for (uint8_t l : d.entry_labels) {
        if (l >= kNumLabels) return corrupt("weight for an unknown label");
      }
      if (!std::isfinite(d.scale)) return corrupt("bad weight scale");
      have_weights = true;
    } else if (tag == "TRAN") {
      size_t want = static_cast<size_t>(kNumLabels + 1) * kNumLabels;
      if (len != want * sizeof(float)) return corrupt("bad transition table");
      d.transitions.resize(want);
      std::string_view t = s.GetBytes(want * sizeof(float));
      std::memcpy(d.transitions.data(), t.data(), t.size());
      have_transitions = true;
    } else if (tag == "LEMM") {
      auto l = NameLemmatizer::Parse(s.GetBytes(len));
      if (!l.ok()) return corrupt(l.status().message());
      l->lemma_words_ = std::move(d.lemmatizer.lemma_words_);  // LVOC may come first
      d.lemmatizer = std::move(l.value());
    } else if (tag == "LVOC") {
      Status st = d.lemmatizer.ParseLemmaWords(s.GetBytes(len));
      if (!st.ok()) return corrupt(st.message());
    } else if (tag == "STAT") {
      d.stats.clusters = s.Get<uint32_t>();
      uint32_t n = s.Get<uint32_t>();
      if (!s.ok() || static_cast<uint64_t>(n) * 11 != s.remaining()) return corrupt("bad word statistics");
      d.stats.words.Reserve(n);
      for (uint32_t i = 0; i < n; ++i) {
        uint64_t k = s.Get<uint64_t>();
        WordStats::Entry e;
        e.cap_class = s.Get<uint8_t>();
        e.cluster = s.Get<uint16_t>();
        d.stats.words.Insert(k, e);
      }
    } else if (tag == "ALIA") {
      uint32_t n = s.Get<uint32_t>();
      if (n > s.remaining()) return corrupt("bad alias table");
      for (uint32_t i = 0; i < n && s.ok(); ++i) d.alias_ids.push_back(s.GetString());
      uint32_t m = s.Get<uint32_t>();
      if (!s.ok() || static_cast<uint64_t>(m) * 12 != s.remaining()) return corrupt("bad alias table");
      d.aliases.reserve(m);
      for (uint32_t i = 0; i < m; ++i) {
        uint64_t k = s.Get<uint64_t>();
        uint32_t v = s.Get<uint32_t>();
        if (v >= d.alias_ids.size()) return corrupt("alias index out of range");
        d.aliases[k] = v;
      }
    }  // unknown sections are skipped: later minor additions stay readable
    if (!s.ok()) return corrupt("truncated section " + tag);
  }
  if (!have_weights || !have_transitions) return corrupt("weights or transitions missing");
  return std::unique_ptr<const NerModel>(new NerModel(std::move(d)));
}

}  // namespace vestnik::entities
