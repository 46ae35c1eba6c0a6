#include "text/langid_model.h"

#include <algorithm>
#include <cctype>
#include <bit>
#include <cstring>
#include <fstream>
#include <sstream>

#include <unicode/uchar.h>

#include "core/byte_io.h"
#include "core/utf8.h"

namespace vestnik::text {
namespace {

static_assert(std::endian::native == std::endian::little, "model files are little-endian");

constexpr char kMagic[8] = {'V', 'S', 'T', 'K', 'L', 'I', 'D', '\n'};
constexpr uint32_t kVersion = 1;
constexpr uint32_t kFnvBasis = 2166136261u;
constexpr uint32_t kFnvPrime = 16777619u;

uint32_t Fnv(uint32_t h, std::string_view bytes) {
  for (unsigned char b : bytes) h = (h ^ b) * kFnvPrime;
  return h;
}

// MurmurHash3's finaliser: spreads FNV's weak low bits over the whole word.
uint32_t Mix(uint32_t h) {
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h;
}

bool IsApostrophe(char32_t c) { return c == U'\'' || c == U'\u2019' || c == U'\u02BC'; }

// Decodes the code point at text[*i] (one- and two-byte sequences inline, the rest through
// utf8::Next) and advances *i.
inline char32_t Decode(std::string_view text, size_t* i) {
  unsigned char b0 = static_cast<unsigned char>(text[*i]);
  if (b0 < 0x80) {
    ++*i;
    return b0;
  }
  if (b0 >= 0xC2 && b0 <= 0xDF && *i + 1 < text.size()) {
    unsigned char b1 = static_cast<unsigned char>(text[*i + 1]);
    if ((b1 & 0xC0) == 0x80) {
      *i += 2;
      return (char32_t{b0 & 0x1Fu} << 6) | (b1 & 0x3Fu);
    }
  }
  return utf8::Next(text, i);
}

// The case-folded form of a letter, or 0 for anything that is not a letter. Latin, Cyrillic
// and Greek without a call into ICU; other scripts through it.
inline char32_t FoldedLetter(char32_t c) {
  if (c < 0x80) {
    char32_t l = c | 0x20;
    return l >= 'a' && l <= 'z' ? l : 0;
  }
  if (c >= 0x0430 && c <= 0x045F) return c;         // а-я ѐ-џ
  if (c >= 0x0410 && c <= 0x042F) return c + 0x20;  // А-Я
  if (c >= 0x0400 && c <= 0x040F) return c + 0x50;  // Ѐ-Џ
  if (c >= 0x00DF && c <= 0x00FF) return c == 0xF7 ? 0 : c;
  if (c >= 0x00C0 && c <= 0x00DE) return c == 0xD7 ? 0 : c + 0x20;
  if (c >= 0x0100 && c <= 0x017F) {  // Latin Extended-A: upper/lower pairs
    if (c == 0x130) return U'i';     // İ
    if (c == 0x131 || c == 0x138 || c == 0x149) return c;
    if (c == 0x178) return 0xFF;  // Ÿ
    if (c == 0x17F) return U's';  // ſ
    bool odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
    bool upper = odd_upper ? (c & 1) : !(c & 1);
    return upper ? c + 1 : c;
  }
  if (c >= 0x03B1 && c <= 0x03C9) return c;  // α-ω
  if (c >= 0x0391 && c <= 0x03A9) return c == 0x3A2 ? 0 : c + 0x20;
  if (!utf8::IsLetter(c)) return 0;
  return static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT));
}

// FNV-1a over code points (32-bit units), 64 bits for cue keys.
constexpr uint64_t kFnv64Basis = 14695981039346656037ull;
constexpr uint64_t kFnv64Prime = 1099511628211ull;
inline uint64_t Fnv64(uint64_t h, char32_t c) { return (h ^ c) * kFnv64Prime; }

// Strings in the model file are short; a longer length means a damaged file.
constexpr size_t kMaxModelString = 1 << 20;

}  // namespace

bool LangIdLabelCovers(std::string_view label, std::string_view lang) {
  size_t start = 0;
  while (start <= label.size()) {
    size_t plus = label.find('+', start);
    if (plus == std::string_view::npos) plus = label.size();
    if (label.substr(start, plus - start) == lang) return true;
    start = plus + 1;
  }
  return false;
}

namespace {

// The letters of a text outside ASCII, folded, with their counts, to check alphabets: those
// of U+00C0..U+04FF, where the alphabets live (others fit no alphabet anyway).
class LetterCounts {
 public:
  void Count(std::string_view text) {
    std::memset(counts_, 0, sizeof counts_);
    for (size_t i = 0; i < text.size();) {
      char32_t c = FoldedLetter(Decode(text, &i));
      if (c == 0) continue;
      ++total_;
      if (c < 0x80) continue;
      if (c < kFirst || c > kLast) {
        ++other_;
        continue;
      }
      uint16_t& n = counts_[c - kFirst];
      if (n == 0 && npresent_ < std::size(present_)) present_[npresent_++] = c;
      if (n < 0xFFFF) ++n;
    }
  }
  // Fewer letters outside `alphabet` than one per hundred letters (at least one): a name
  // from elsewhere does not disqualify a language, a text in another alphabet does.
  bool Fit(const std::u32string& alphabet) const {
    if (alphabet.empty()) return true;
    int foreign = other_;
    for (size_t k = 0; k < npresent_; ++k) {
      if (!std::binary_search(alphabet.begin(), alphabet.end(), present_[k])) {
        foreign += counts_[present_[k] - kFirst];
      }
    }
    return foreign < std::max(1, total_ / 100);
  }
  int total() const { return total_; }
  // Occurrences of letters that `alphabet` has and no alphabet of `others` has (ѓ ќ ѕ are
  // Macedonian's among the Cyrillic ones, ћ ђ Serbian's).
  int Exclusive(const std::vector<std::u32string>& alphabets, size_t own) const {
    int n = 0;
    for (size_t k = 0; k < npresent_; ++k) {
      char32_t c = present_[k];
      if (!std::binary_search(alphabets[own].begin(), alphabets[own].end(), c)) continue;
      bool shared = false;
      for (size_t j = 0; j < alphabets.size() && !shared; ++j) {
        shared = j != own && (alphabets[j].empty() ||
                              std::binary_search(alphabets[j].begin(), alphabets[j].end(), c));
      }
      if (!shared) n += counts_[c - kFirst];
    }
    return n;
  }

 private:
  static constexpr char32_t kFirst = 0xC0, kLast = 0x4FF;
  uint16_t counts_[kLast - kFirst + 1];
  char32_t present_[64];
  size_t npresent_ = 0;
  int total_ = 0, other_ = 0;
};

template <size_t K>
void Accumulate(const int8_t* w, const std::vector<uint32_t>& features, int32_t* out) {
  int32_t acc[K] = {};
  for (uint32_t f : features) {
    const int8_t* row = w + size_t{f} * K;
    for (size_t j = 0; j < K; ++j) acc[j] += row[j];
  }
  for (size_t j = 0; j < K; ++j) out[j] = acc[j];
}

std::vector<std::string> SplitLabel(std::string_view label) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= label.size()) {
    size_t plus = label.find('+', start);
    if (plus == std::string_view::npos) plus = label.size();
    parts.emplace_back(label.substr(start, plus - start));
    start = plus + 1;
  }
  return parts;
}

}  // namespace

Status LangIdCues::Add(std::string_view cls, std::string_view pattern) {
  bool stem = !pattern.empty() && pattern.back() == '*';
  std::string_view body = stem ? pattern.substr(0, pattern.size() - 1) : pattern;
  if (body.empty() || cls.empty() || cls.size() > 32) {
    return Status::InvalidArgument("cue \"" + std::string(pattern) + "\" of class \"" +
                                   std::string(cls) + "\": empty or too long");
  }
  for (char c : cls) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') {
      return Status::InvalidArgument("cue class \"" + std::string(cls) +
                                     "\": letters, digits, - and _ only");
    }
  }
  uint64_t key = kFnv64Basis;
  size_t length = 0;
  for (size_t i = 0; i < body.size();) {
    char32_t c = utf8::Next(body, &i);
    if (FoldedLetter(c) != c && c != U'\'') {
      return Status::InvalidArgument("cue \"" + std::string(pattern) +
                                     "\": lower-case letters only");
    }
    key = Fnv64(key, c);
    ++length;
  }
  if (length > kMaxCueLength) {
    return Status::InvalidArgument("cue \"" + std::string(pattern) + "\" is longer than " +
                                   std::to_string(kMaxCueLength) + " letters");
  }
  size_t id = std::find(classes_.begin(), classes_.end(), cls) - classes_.begin();
  if (id == classes_.size()) {
    if (classes_.size() == 64) return Status::InvalidArgument("more than 64 cue classes");
    classes_.emplace_back(cls);
    class_hashes_.push_back(Mix(Fnv(kFnvBasis ^ 0x7f4a7c15u, cls)));
  }
  // Stems and whole words share one table: a stem's key is salted with its length's mark.
  if (stem) {
    key = Fnv64(key, 0x110000);  // beyond Unicode: cannot collide with a letter
    min_stem_ = std::min(min_stem_, length);
    max_stem_ = std::max(max_stem_, length);
  }
  uint64_t bits = uint64_t{1} << id;
  Insert(key, bits);
  entries_.emplace_back(std::string(cls), std::string(pattern));
  return Status::Ok();
}

void LangIdCues::Insert(uint64_t key, uint64_t bits) {
  if (key == 0) key = 1;  // 0 marks an empty slot
  if ((count_ + 1) * 2 > keys_.size()) {  // grow to keep the load under one half
    std::vector<uint64_t> old_keys = std::move(keys_), old_bits = std::move(bits_);
    size_t cap = std::max<size_t>(64, old_keys.size() * 2);
    keys_.assign(cap, 0);
    bits_.assign(cap, 0);
    count_ = 0;
    for (size_t i = 0; i < old_keys.size(); ++i) {
      if (old_keys[i]) Insert(old_keys[i], old_bits[i]);
    }
  }
  size_t m = keys_.size() - 1;
  for (size_t i = key & m;; i = (i + 1) & m) {
    if (keys_[i] == key) {
      bits_[i] |= bits;
      return;
    }
    if (keys_[i] == 0) {
      keys_[i] = key;
      bits_[i] = bits;
      ++count_;
      return;
    }
  }
}

uint64_t LangIdCues::Find(uint64_t key) const {
  if (keys_.empty()) return 0;
  if (key == 0) key = 1;
  size_t m = keys_.size() - 1;
  for (size_t i = key & m;; i = (i + 1) & m) {
    if (keys_[i] == key) return bits_[i];
    if (keys_[i] == 0) return 0;
  }
}

int LangIdCues::ClassIndex(std::string_view cls) const {
  auto it = std::find(classes_.begin(), classes_.end(), cls);
  return it == classes_.end() ? -1 : static_cast<int>(it - classes_.begin());
}

void LangIdCues::Match(const char32_t* word, size_t length, uint32_t mask,
                       std::vector<uint32_t>* out, std::vector<int>* class_counts) const {
  if (count_ == 0 || length == 0 || length > kMaxCueLength) return;
  uint64_t bits = 0, h = kFnv64Basis;
  for (size_t n = 0; n < length; ++n) {
    h = Fnv64(h, word[n]);
    if (n + 1 >= min_stem_ && n + 1 <= max_stem_) bits |= Find(Fnv64(h, 0x110000));
  }
  bits |= Find(h);
  for (size_t c = 0; bits != 0; ++c, bits >>= 1) {
    if (!(bits & 1)) continue;
    out->push_back(class_hashes_[c] & mask);
    if (class_counts && c < class_counts->size()) ++(*class_counts)[c];
  }
}

void ExtractLangIdFeatures(std::string_view text, const LangIdFeatureSettings& settings,
                           const LangIdCues* cues, std::vector<uint32_t>* out,
                           std::vector<int>* class_counts) {
  const uint32_t mask = settings.hash_bits >= 32 ? ~0u : (1u << settings.hash_bits) - 1;
  const size_t max_n = std::max<uint32_t>(settings.max_n, 1);
  const size_t min_n = std::max<uint32_t>(settings.min_n, 1);
  // The current word, folded, between two spaces: w[0] = ' ', letters, then ' '.
  constexpr size_t kMaxWord = 40;  // longer runs (noise) are cut
  char32_t w[kMaxWord + 2];
  size_t len = 0;  // letters in w[1..len]
  auto flush = [&] {
    if (len == 0) return;
    w[0] = U' ';
    w[len + 1] = U' ';
    const size_t cps = len + 2;
    for (size_t i = 0; i < cps; ++i) {
      uint32_t h = kFnvBasis;
      for (size_t n = 1; n <= max_n && i + n <= cps; ++n) {
        h = (h ^ w[i + n - 1]) * kFnvPrime;
        if (n < min_n) continue;
        if (n == 1 && (i == 0 || i + 1 == cps)) continue;  // a lone boundary
        out->push_back(Mix(h + static_cast<uint32_t>(n) * 0x9E3779B9u) & mask);
      }
    }
    if (settings.word_features) {
      uint32_t h = kFnvBasis ^ 0x5bd1e995u;
      for (size_t j = 1; j <= len; ++j) h = (h ^ w[j]) * kFnvPrime;
      out->push_back(Mix(h) & mask);
    }
    if (cues) cues->Match(w + 1, len, mask, out, class_counts);
    len = 0;
  };
  size_t i = 0;
  while (i < text.size()) {
    char32_t raw = Decode(text, &i);
    char32_t c = FoldedLetter(raw);
    if (c == 0 && len > 0 && IsApostrophe(raw) && i < text.size()) {
      // An apostrophe between letters stays in the word (Ukrainian м'ята, English don't).
      size_t j = i;
      if (FoldedLetter(Decode(text, &j)) != 0) c = U'\'';
    }
    if (c == 0) {
      flush();
      continue;
    }
    if (len < kMaxWord) w[1 + len++] = c;
  }
  flush();
}

std::string_view SampleText(std::string_view text, size_t max_bytes, std::string* buffer) {
  if (text.size() <= max_bytes || max_bytes == 0) return text;
  constexpr size_t kWindows = 4;
  const size_t window = max_bytes / kWindows;
  buffer->clear();
  for (size_t w = 0; w < kWindows; ++w) {
    size_t start = (text.size() - window) * w / (kWindows - 1);
    size_t end = std::min(text.size(), start + window);
    // Cut at white space so that no word is split (a cut word is a word of another language).
    if (start > 0) {
      size_t sp = text.find_first_of(" \n\t", start);
      start = sp == std::string_view::npos || sp >= end ? end : sp + 1;
    }
    if (end < text.size()) {
      size_t sp = text.find_last_of(" \n\t", end);
      end = sp == std::string_view::npos || sp < start ? start : sp;
    }
    if (start >= end) continue;
    buffer->append(text.substr(start, end - start));
    buffer->push_back('\n');
  }
  return *buffer;
}

LangIdModel::LangIdModel(LangIdFeatureSettings settings, LangIdCues cues,
                         std::vector<Group> groups, std::string data, std::string date,
                         std::string command)
    : settings_(settings),
      cues_(std::move(cues)),
      groups_(std::move(groups)),
      data_(std::move(data)),
      date_(std::move(date)),
      command_(std::move(command)) {
  for (const auto& g : groups_) {
    std::vector<int> row;
    for (size_t j = 0; j < g.labels.size(); ++j) {
      const Group* child = FindRefinement(g, static_cast<int>(j));
      row.push_back(child ? static_cast<int>(child - groups_.data()) : -1);
    }
    children_.push_back(std::move(row));
  }
}

Status LangIdModel::Validate() const {
  const auto& s = settings_;
  if (s.hash_bits < 8 || s.hash_bits > 24) {
    return Status::Corruption("hash_bits " + std::to_string(s.hash_bits) + " is not in 8..24");
  }
  if (s.min_n < 1 || s.max_n < s.min_n || s.max_n > 8) {
    return Status::Corruption("n-gram range " + std::to_string(s.min_n) + ".." +
                              std::to_string(s.max_n) + " is not within 1..8");
  }
  if (groups_.empty()) return Status::Corruption("no groups");
  const size_t buckets = size_t{1} << s.hash_bits;
  for (const auto& g : groups_) {
    if (g.labels.size() < 2 || g.labels.size() > 32) {
      return Status::Corruption("group " + g.name + " has " + std::to_string(g.labels.size()) +
                                " labels (2..32)");
    }
    for (size_t j = 0; j < g.labels.size(); ++j) {
      std::vector<std::string> parts = SplitLabel(g.labels[j]);
      for (const auto& l : parts) {
        if (l.size() < 2 || l.size() > 3 ||
            !std::all_of(l.begin(), l.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
          return Status::Corruption("group " + g.name + ": \"" + g.labels[j] +
                                    "\" is not an ISO 639 code or a composite of them");
        }
      }
      if (parts.size() > 1) {
        const Group* child = Refinement(g, static_cast<int>(j));
        if (child == nullptr || child <= &g) {
          return Status::Corruption("group " + g.name + ": no later group refines " + g.labels[j]);
        }
      }
    }
    if (g.script != "Latn" && g.script != "Cyrl" && g.script != "Grek") {
      return Status::Corruption("group " + g.name + ": unknown script " + g.script);
    }
    if (g.alphabets.size() != g.labels.size() || g.cld2_bonus.size() != g.labels.size()) {
      return Status::Corruption("group " + g.name + ": alphabets or CLD2 bonuses do not match its labels");
    }
    for (const auto& a : g.alphabets) {
      if (!std::is_sorted(a.begin(), a.end())) return Status::Corruption("group " + g.name + ": unsorted alphabet");
    }
    if (g.bias.size() != g.labels.size() || g.weights.size() != buckets * g.labels.size()) {
      return Status::Corruption("group " + g.name + ": weights do not match its labels");
    }
    if (!(g.scale > 0) || g.scale > 1e3f) return Status::Corruption("group " + g.name + ": bad scale");
  }
  return Status::Ok();
}

std::string LangIdModel::Serialize() const {
  std::string out;
  ByteWriter w(&out);
  out.append(kMagic, sizeof(kMagic));
  w.Put<uint32_t>(kVersion);
  w.Put<uint32_t>(settings_.min_n);
  w.Put<uint32_t>(settings_.max_n);
  w.Put<uint32_t>(settings_.word_features ? 1 : 0);
  w.Put<uint32_t>(settings_.hash_bits);
  w.Put<uint32_t>(static_cast<uint32_t>(cues_.entries().size()));
  for (const auto& [cls, pattern] : cues_.entries()) {
    w.PutString(cls);
    w.PutString(pattern);
  }
  w.PutString(data_);
  w.PutString(date_);
  w.PutString(command_);
  w.Put<uint32_t>(static_cast<uint32_t>(groups_.size()));
  for (const auto& g : groups_) {
    w.PutString(g.name);
    w.PutString(g.script);
    w.Put<uint32_t>(static_cast<uint32_t>(g.labels.size()));
    for (const auto& l : g.labels) w.PutString(l);
    for (const auto& a : g.alphabets) {
      std::string utf;
      for (char32_t c : a) utf8::Append(c, &utf);
      w.PutString(utf);
    }
    for (float b : g.cld2_bonus) w.Put<float>(b);
    w.Put<float>(g.scale);
    for (float b : g.bias) w.Put<float>(b);
    out.append(reinterpret_cast<const char*>(g.weights.data()), g.weights.size());
  }
  w.Put<uint32_t>(Fnv(kFnvBasis, out));
  return out;
}

Result<std::unique_ptr<LangIdModel>> LangIdModel::Parse(std::string_view bytes,
                                                        const std::string& name) {
  auto bad = [&](const std::string& what) {
    return Status::Corruption(name + ": not a usable language-identification model: " + what);
  };
  if (bytes.size() < sizeof(kMagic) + 8 || std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) != 0) {
    return bad("wrong magic (expected a file written by `vestnik train langid`)");
  }
  ByteReader r(bytes.substr(sizeof(kMagic)));
  uint32_t version = r.Get<uint32_t>();
  if (version != kVersion) {
    return bad("format version " + std::to_string(version) + ", this vestnik reads version " +
               std::to_string(kVersion) + " (retrain with `vestnik train langid`)");
  }
  uint32_t stored_sum;
  std::memcpy(&stored_sum, bytes.data() + bytes.size() - 4, 4);
  if (Fnv(kFnvBasis, bytes.substr(0, bytes.size() - 4)) != stored_sum) {
    return bad("checksum mismatch (truncated or damaged file)");
  }
  LangIdFeatureSettings s;
  s.min_n = r.Get<uint32_t>();
  s.max_n = r.Get<uint32_t>();
  s.word_features = r.Get<uint32_t>() != 0;
  s.hash_bits = r.Get<uint32_t>();
  if (s.hash_bits < 8 || s.hash_bits > 24) return bad("hash_bits out of range");
  uint32_t ncues = r.Get<uint32_t>();
  if (!r.ok() || ncues > 100000) return bad("bad cue count");
  LangIdCues cues;
  for (uint32_t i = 0; i < ncues; ++i) {
    std::string cls = r.GetString(64), pattern = r.GetString(256);
    if (!r.ok()) return bad("truncated cues");
    Status st = cues.Add(cls, pattern);
    if (!st.ok()) return bad(st.message());
  }
  std::string data = r.GetString(kMaxModelString), date = r.GetString(kMaxModelString),
              command = r.GetString(kMaxModelString);
  uint32_t ngroups = r.Get<uint32_t>();
  if (!r.ok() || ngroups == 0 || ngroups > 16) return bad("bad header");
  std::vector<Group> groups(ngroups);
  const size_t buckets = size_t{1} << s.hash_bits;
  for (auto& g : groups) {
    g.name = r.GetString(256);
    g.script = r.GetString(16);
    uint32_t k = r.Get<uint32_t>();
    if (!r.ok() || k < 2 || k > 32) return bad("bad label count in group " + g.name);
    for (uint32_t i = 0; i < k; ++i) g.labels.push_back(r.GetString(16));
    for (uint32_t i = 0; i < k; ++i) {
      std::string utf = r.GetString(1024);
      std::u32string a;
      for (size_t p = 0; p < utf.size();) a.push_back(utf8::Next(utf, &p));
      std::sort(a.begin(), a.end());
      g.alphabets.push_back(std::move(a));
    }
    for (uint32_t i = 0; i < k; ++i) g.cld2_bonus.push_back(r.Get<float>());
    g.scale = r.Get<float>();
    for (uint32_t i = 0; i < k; ++i) g.bias.push_back(r.Get<float>());
    std::string_view w = r.GetBytes(buckets * k);
    if (!r.ok()) return bad("truncated weights in group " + g.name);
    g.weights.assign(reinterpret_cast<const int8_t*>(w.data()),
                     reinterpret_cast<const int8_t*>(w.data()) + w.size());
  }
  if (!r.ok() || r.pos() + sizeof(kMagic) + 4 != bytes.size()) return bad("trailing bytes");
  auto model = std::make_unique<LangIdModel>(s, std::move(cues), std::move(groups),
                                             std::move(data), std::move(date), std::move(command));
  Status st = model->Validate();
  if (!st.ok()) return bad(st.message());
  return model;
}

Result<std::unique_ptr<LangIdModel>> LangIdModel::Load(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path.string() + ": cannot open the language model");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IoError(path.string() + ": read error");
  return Parse(ss.str(), path.string());
}

const LangIdModel::Group* LangIdModel::GroupFor(std::string_view lang,
                                                std::string_view script) const {
  for (const auto& g : groups_) {
    if (g.script != script) continue;
    for (const auto& l : g.labels) {
      if (LangIdLabelCovers(l, lang)) return &g;
    }
  }
  return nullptr;
}

const LangIdModel::Group* LangIdModel::GroupByName(std::string_view name) const {
  for (const auto& g : groups_) {
    if (g.name == name) return &g;
  }
  return nullptr;
}

const LangIdModel::Group* LangIdModel::FindRefinement(const Group& group, int label) const {
  if (label < 0 || static_cast<size_t>(label) >= group.labels.size()) return nullptr;
  std::vector<std::string> parts = SplitLabel(group.labels[label]);
  if (parts.size() < 2) return nullptr;
  std::sort(parts.begin(), parts.end());
  for (const auto& g : groups_) {
    if (g.script != group.script || &g == &group) continue;
    std::vector<std::string> labels = g.labels;
    std::sort(labels.begin(), labels.end());
    if (labels == parts) return &g;
  }
  return nullptr;
}

const LangIdModel::Group* LangIdModel::Refinement(const Group& group, int label) const {
  size_t gi = &group - groups_.data();
  if (gi >= children_.size() || label < 0 || static_cast<size_t>(label) >= children_[gi].size()) {
    return nullptr;
  }
  int child = children_[gi][label];
  return child < 0 ? nullptr : &groups_[child];
}

LangIdModel::Prediction LangIdModel::Classify(const Group& group, std::string_view text) const {
  thread_local std::vector<uint32_t> features;
  features.clear();
  ExtractLangIdFeatures(text, settings_, cues_.empty() ? nullptr : &cues_, &features);
  return ClassifyFeatures(group, features);
}

LangIdModel::Prediction LangIdModel::ClassifyFeatures(const Group& group,
                                                      const std::vector<uint32_t>& features) const {
  Prediction p;
  const size_t k = group.labels.size();
  p.scores.assign(group.bias.begin(), group.bias.end());
  if (features.empty()) return p;
  int32_t acc[32] = {0};
  const int8_t* w = group.weights.data();
  switch (k) {  // fixed row widths unroll; the groups have 2 to 6 labels
    case 2: Accumulate<2>(w, features, acc); break;
    case 3: Accumulate<3>(w, features, acc); break;
    case 6: Accumulate<6>(w, features, acc); break;
    default:
      for (uint32_t f : features) {
        const int8_t* row = w + size_t{f} * k;
        for (size_t j = 0; j < k; ++j) acc[j] += row[j];
      }
  }
  for (size_t j = 0; j < k; ++j) p.scores[j] += group.scale * static_cast<float>(acc[j]);
  int best = 0, second = -1;
  for (size_t j = 1; j < k; ++j) {
    if (p.scores[j] > p.scores[best]) second = best, best = static_cast<int>(j);
    else if (second < 0 || p.scores[j] > p.scores[second]) second = static_cast<int>(j);
  }
  p.label = best;
  p.margin = p.scores[best] - p.scores[second];
  return p;
}

bool LangIdModel::Fits(const Group& group, std::string_view text) const {
  for (const auto& a : group.alphabets) {
    if (a.empty()) return true;
  }
  LetterCounts letters;
  letters.Count(text);
  for (const auto& a : group.alphabets) {
    if (letters.Fit(a)) return true;
  }
  return false;
}

bool LangIdModel::IsEntry(const Group& group) const {
  for (const auto& row : children_) {
    for (int c : row) {
      if (c >= 0 && &groups_[c] == &group) return false;
    }
  }
  return true;
}

// Words that only one language of the group uses, listed as cues of a class named after its
// label ("mk": "дека", "денес", "министерот"; "sr": "је", "према"): when a text has at least
// three of one label's, and more than twice as many as of any other label's, it is that
// language — if its letters allow it. A Macedonian text with few ѓ ќ ѕ otherwise reads as
// Serbian, for the model learns Macedonian from word lists without function words.
void LangIdModel::RestrictToOwnWords(const Group& g, const std::vector<int>& class_counts,
                                     bool any_allowed, bool* allowed) const {
  const size_t k = g.labels.size();
  int best = -1, best_count = 0, other = 0;
  for (size_t j = 0; j < k; ++j) {
    int cls = cues_.ClassIndex(g.labels[j]);
    int n = cls < 0 || static_cast<size_t>(cls) >= class_counts.size() ? 0 : class_counts[cls];
    if (n > best_count) {
      other = std::max(other, best_count);
      best = static_cast<int>(j);
      best_count = n;
    } else {
      other = std::max(other, n);
    }
  }
  if (best < 0 || best_count < 3 || best_count <= 2 * other) return;
  if (!any_allowed || !allowed[best]) return;
  for (size_t j = 0; j < k; ++j) allowed[j] = static_cast<int>(j) == best;
}

std::string LangIdModel::Decide(const Group& entry, std::string_view text,
                                std::string_view cld2_lang, float* margin) const {
  thread_local std::vector<uint32_t> features;
  thread_local std::vector<int> class_counts;
  features.clear();
  class_counts.assign(cues_.classes(), 0);
  ExtractLangIdFeatures(text, settings_, cues_.empty() ? nullptr : &cues_, &features,
                        &class_counts);
  bool any_alphabet = false;
  for (const Group* t = &entry; t != nullptr && !any_alphabet;) {
    for (const auto& a : t->alphabets) any_alphabet |= !a.empty();
    const Group* next = nullptr;
    for (size_t j = 0; j < t->labels.size() && !next; ++j) next = Refinement(*t, static_cast<int>(j));
    t = next;
  }
  LetterCounts letters;
  if (any_alphabet) letters.Count(text);
  auto fits = [&](const std::u32string& alphabet) { return letters.Fit(alphabet); };
  const Group* g = &entry;
  float min_margin = 1e30f;
  for (int depth = 0; g != nullptr && depth < 8; ++depth) {
    Prediction p = ClassifyFeatures(*g, features);
    if (p.label < 0) return "";
    const size_t k = g->labels.size();
    bool allowed[32];
    bool any = false;
    for (size_t j = 0; j < k; ++j) any |= allowed[j] = fits(g->alphabets[j]);
    // Letters that only some languages of the group write, at least twice and one letter in
    // two hundred (ќ ѓ ѕ of Macedonian, ћ ђ of Serbian): the others are out, though their
    // alphabets tolerate a few foreign letters for names.
    if (any_alphabet && any) {
      bool own[32] = {};
      bool some = false;
      for (size_t j = 0; j < k; ++j) {
        own[j] = allowed[j] && !g->alphabets[j].empty() &&
                 letters.Exclusive(g->alphabets, j) >= std::max(2, letters.total() / 200);
        some |= own[j];
      }
      if (some) {
        for (size_t j = 0; j < k; ++j) allowed[j] = own[j];
      }
    }
    RestrictToOwnWords(*g, class_counts, any, allowed);
    int best = -1, second = -1;
    for (size_t j = 0; j < k; ++j) {
      if (any && !allowed[j]) continue;
      if (!cld2_lang.empty() && LangIdLabelCovers(g->labels[j], cld2_lang)) {
        p.scores[j] += g->cld2_bonus[j];
      }
      if (best < 0 || p.scores[j] > p.scores[best]) second = best, best = static_cast<int>(j);
      else if (second < 0 || p.scores[j] > p.scores[second]) second = static_cast<int>(j);
    }
    float m = second < 0 ? 1e30f : p.scores[best] - p.scores[second];
    min_margin = std::min(min_margin, m);
    const Group* next = Refinement(*g, best);
    if (next == nullptr) {
      if (margin) *margin = min_margin;
      return g->labels[best];
    }
    g = next;
  }
  return "";
}

}  // namespace vestnik::text
