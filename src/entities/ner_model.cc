#include "entities/ner_model.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <cmath>
#include <fstream>
#include <limits>

#include "core/utf8.h"
#include "core/byte_io.h"

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

void ViterbiDecode(const float* emissions, uint32_t n, const float* transitions,
                   std::vector<float>* scratch, std::vector<int>* scratch_back,
                   std::vector<uint8_t>* labels) {
  constexpr int L = kNumLabels;
  labels->assign(n, 0);
  if (n == 0) return;
  // For each label, the labels that may precede it; whether it may start or end.
  struct Allowed {
    int from[L];
    int count = 0;
    bool start = false, end = false;
  };
  static const auto allowed = [] {
    std::array<Allowed, L> a{};
    for (int c = 0; c < L; ++c) {
      for (int p = 0; p < L; ++p) {
        if (AllowedTransition(p, c)) a[c].from[a[c].count++] = p;
      }
      a[c].start = AllowedTransition(-1, c);
      a[c].end = AllowedTransition(c, -1);
    }
    return a;
  }();
  scratch->assign(static_cast<size_t>(n) * L, kImpossible);
  scratch_back->assign(static_cast<size_t>(n) * L, 0);
  float* score = scratch->data();
  int* back = scratch_back->data();
  for (int c = 0; c < L; ++c) {
    if (allowed[c].start) score[c] = transitions[c] + emissions[c];
  }
  for (uint32_t i = 1; i < n; ++i) {
    const float* prev = score + static_cast<size_t>(i - 1) * L;
    float* cur = score + static_cast<size_t>(i) * L;
    int* bp = back + static_cast<size_t>(i) * L;
    const float* em = emissions + static_cast<size_t>(i) * L;
    for (int c = 0; c < L; ++c) {
      float best = kImpossible;
      int arg = 0;
      const Allowed& a = allowed[c];
      for (int k = 0; k < a.count; ++k) {
        int p = a.from[k];
        float s = prev[p] + transitions[(p + 1) * L + c];
        if (s > best) best = s, arg = p;
      }
      if (best > kImpossible / 2) cur[c] = best + em[c];
      bp[c] = arg;
    }
  }
  const float* last = score + static_cast<size_t>(n - 1) * L;
  float best = kImpossible;
  int arg = 0;
  for (int c = 0; c < L; ++c) {
    if (allowed[c].end && last[c] > best) best = last[c], arg = c;
  }
  for (uint32_t i = n; i-- > 0;) {
    (*labels)[i] = static_cast<uint8_t>(arg);
    if (i > 0) arg = back[static_cast<size_t>(i) * L + arg];
  }
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

NerModel::NerModel(NerModelData data) : data_(std::move(data)) {
  // Capacity: a power of two at a load factor of at most 0.75 (the English model's table
  // then fits a 2 MB cache).
  size_t cap = 16;
  while (cap * 3 < data_.keys.size() * 4) cap <<= 1;
  slots_.assign(cap, Slot{});
  mask_ = cap - 1;
  for (size_t i = 0; i < data_.keys.size(); ++i) {
    uint64_t key = data_.keys[i] ? data_.keys[i] : kZeroKey;
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
    } else {
      uint32_t offset = static_cast<uint32_t>(overflow_.size());
      std::memcpy(slot.weights, &offset, sizeof offset);
      for (uint32_t e = begin; e < end; ++e) {
        overflow_.push_back({data_.entry_labels[e], data_.entry_weights[e]});
      }
    }
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

uint64_t NerModel::AliasKey(EntityType type, std::string_view folded_lemma) {
  return Combine(0xa11a5ULL + static_cast<uint64_t>(type), HashBytes(folded_lemma));
}

const std::string* NerModel::Alias(EntityType type, std::string_view folded_lemma) const {
  auto it = data_.aliases.find(AliasKey(type, folded_lemma));
  return it == data_.aliases.end() ? nullptr : &data_.alias_ids[it->second];
}

void NerModel::Tag(const std::vector<uint64_t>& feats, const std::vector<uint32_t>& offsets,
                   uint32_t begin, uint32_t end, Scratch* scratch,
                   std::vector<uint8_t>* labels) const {
  uint32_t n = end - begin;
  scratch->emissions.assign(static_cast<size_t>(n) * kNumLabels, 0.0f);
  const float scale = data_.scale;
  // Prefetch the next token's slots while this one's are summed.
  // Two passes: find every feature's slot first (independent loads the processor overlaps),
  // then add the weights up, token by token in feature order.
  const uint32_t first = offsets[begin], last = offsets[end];
  scratch->slots.resize(last - first);
  const Slot** found = scratch->slots.data();
  for (uint32_t f = first; f < last; ++f) found[f - first] = FindSlot(feats[f]);
  for (uint32_t i = 0; i < n; ++i) {
    float* em = scratch->emissions.data() + static_cast<size_t>(i) * kNumLabels;
    for (uint32_t f = offsets[begin + i]; f < offsets[begin + i + 1]; ++f) {
      const Slot* slot = found[f - first];
      if (!slot) continue;
      if (slot->n <= kInline) {
        for (uint32_t e = 0; e < slot->n; ++e) em[slot->labels[e]] += slot->weights[e] * scale;
      } else {
        uint32_t offset;
        std::memcpy(&offset, slot->weights, sizeof offset);
        for (uint32_t e = offset; e < offset + slot->n; ++e) {
          em[overflow_[e].label] += overflow_[e].weight * scale;
        }
      }
    }
  }
  ViterbiDecode(scratch->emissions.data(), n, data_.transitions.data(), &scratch->viterbi,
                &scratch->back, labels);
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
    std::vector<std::pair<uint64_t, WordStats::Entry>> sorted(d.stats.words.begin(),
                                                              d.stats.words.end());
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
  std::ifstream f(file, std::ios::binary);
  if (!f) return Status::NotFound(name + ": cannot open");
  std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
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
      d.stats.words.reserve(n);
      for (uint32_t i = 0; i < n; ++i) {
        uint64_t k = s.Get<uint64_t>();
        WordStats::Entry e;
        e.cap_class = s.Get<uint8_t>();
        e.cluster = s.Get<uint16_t>();
        d.stats.words[k] = e;
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
