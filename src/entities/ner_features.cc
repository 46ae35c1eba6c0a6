#include "entities/ner_features.h"

#include <algorithm>
#include <cstdlib>
#include <sstream>

#include "core/utf8.h"

namespace vestnik::entities {
namespace {

// Template ids. Their names and order are part of FeatureTemplateHash(): renumbering them is a
// template change.
enum Template : uint64_t {
  kBias = 1,
  kWord,        // folded word at an offset
  kForm,        // the word as written
  kWordBigram,  // folded words (-1,0) and (0,+1)
  kShape,       // short shape at an offset
  kShapeBigram,
  kPrefix,
  kSuffix,
  kNeighbourSuffix,
  kFlags,       // capitalisation, position, digits, hyphen, length of token 0
  kNeighbourFlags,
  kKind,
  kGazetteer,   // BILU-type of a knowledge-base name at an offset (exact)
  kGazetteerInflected,
  kKeyword,     // entity keyword type at an offset
  kTitle,       // a title word at an offset
  kCue,         // a cue verb at an offset
  kFunctionWord,
  kQuote,       // quotation marks around / inside quotes
  kDocument,    // document evidence bits
  kDocumentWord,
  kCapClass,    // unlabelled-text capitalisation class at an offset
  kCluster,     // unlabelled-text cluster at an offset
  kGroupNoun,   // a member noun of group_nouns.txt, with the token's capitalisation
  kTemplateCount
};

constexpr const char* kTemplateNames =
    "bias word@-2..2 form word-bigram shape@-1..1 shape-bigram prefix1-4 suffix1-5 "
    "neighbour-suffix3 flags neighbour-flags kind gazetteer@-1..1 gazetteer-inflected@-1..1 "
    "keyword@-1..1 title@-2..-1 cue@-2..2 function-word quote document document-word "
    "cap-class@-1..1 cluster@-1..1 group-noun";

inline uint64_t F(uint64_t tmpl, uint64_t value) { return Combine(tmpl, value); }
inline uint64_t F(uint64_t tmpl, int offset, uint64_t value) {
  return Combine(tmpl * 16 + static_cast<uint64_t>(offset + 8), value);
}

// The most features one token can have: bias, 5 words, form, 2 word bigrams, 3 shapes, 2 shape
// bigrams, 4 prefixes, 5 suffixes, 2 neighbour suffixes, 2 flags, 2 neighbour flags, kind,
// 5 per offset -1..1 (gazetteer, inflected gazetteer, keyword, cap class, cluster), 2 titles,
// 4 cues, function word, group noun, quote, document, document word.
constexpr size_t kMaxTokenFeatures = 56;

enum Flag : uint32_t {
  kUpper = 1, kAllCaps = 2, kSentenceInitial = 4, kTitleLine = 8, kHasDigit = 16,
  kHasHyphen = 32, kHasDot = 64, kShort = 128, kLong = 256, kLowerStart = 512,
};

// What Extract knows of a token in its document: its WordType and the rest.
struct TokenInfo {
  const WordType* w = nullptr;
  uint32_t flags = 0;  // w->flags, kSentenceInitial, kTitleLine
  int8_t keyword = -1;  // EntityType of an entity keyword
  bool title = false, cue = false, function_word = false, group_noun = false;
  uint8_t gaz = 0, gaz_inflected = 0;  // (BILU + 1) << 5 | type bits; 0: none
  uint8_t quote_ctx = 0;
  uint8_t doc = 0;
};

// HashBytes(a + b) without building the string.
uint64_t HashConcat(std::string_view a, std::string_view b) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : a) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  for (unsigned char c : b) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return Mix64(h ^ (a.size() + b.size()));
}

// Up to three hashes of a word's candidate nominative forms, without a heap allocation.
struct Inflected {
  uint64_t h[3];
  uint8_t n = 0;
  const uint64_t* begin() const { return h; }
  const uint64_t* end() const { return h + n; }
  bool empty() const { return n == 0; }
  uint64_t operator[](size_t i) const { return h[i]; }
};

constexpr uint64_t kFnvBasis = 0xcbf29ce484222325ULL, kFnvPrime = 0x100000001b3ULL;

// ShortShape's bytes: at most 24 classes, a non-ASCII sign (up to 4 bytes) standing for
// itself.
constexpr size_t kMaxShapeBytes = 24 * 4;
size_t WriteShape(std::string_view s, char* out) {
  size_t size = 0;
  char last = 0;
  size_t n = 0;
  for (size_t i = 0; i < s.size() && n < 24;) {
    size_t start = i;
    char32_t c = utf8::Next(s, &i);
    char cls;
    if (utf8::IsLetter(c)) {
      cls = utf8::IsUpper(c) ? 'X' : 'x';
    } else if (utf8::IsDigit(c)) {
      cls = 'd';
    } else if (c < 0x80) {
      cls = static_cast<char>(c);
    } else {
      for (size_t b = start; b < i && b < start + 4; ++b) out[size++] = s[b];
      last = 0;
      ++n;
      continue;
    }
    if (cls != last) out[size++] = cls, ++n;
    last = cls;
  }
  return size;
}

// A folded word's code-point starts (and its size at the end) in `cps`, its HashBytes, and
// the HashBytes of its first 1..5 code points (prefix[k - 1]; 0 past the word's length),
// in one pass: FNV-1a of a prefix is the running state where the prefix ends.
uint64_t HashWithPrefixes(std::string_view s, std::vector<size_t>* cps, uint64_t prefix[5]) {
  cps->clear();
  uint64_t h = kFnvBasis;
  for (int k = 0; k < 5; ++k) prefix[k] = 0;
  size_t count = 0;
  for (size_t i = 0; i < s.size();) {
    cps->push_back(i);
    size_t start = i;
    utf8::Next(s, &i);
    for (size_t b = start; b < i; ++b) {
      h ^= static_cast<unsigned char>(s[b]);
      h *= kFnvPrime;
    }
    if (count < 5) prefix[count] = Mix64(h ^ i);
    ++count;
  }
  cps->push_back(s.size());
  return Mix64(h ^ s.size());
}

// Marks tokens [i, i+n) with a BILU code for a name of type bits `types`.
void MarkName(std::vector<TokenInfo>* info, uint32_t i, uint32_t n, uint8_t types, bool inflected) {
  for (uint32_t k = 0; k < n; ++k) {
    uint8_t bilu = n == 1 ? 3 : k == 0 ? 0 : k + 1 == n ? 2 : 1;
    uint8_t code = static_cast<uint8_t>(((bilu + 1) << 5) | (types & 31));
    if (inflected) {
      (*info)[i + k].gaz_inflected = code;
    } else {
      (*info)[i + k].gaz = code;
    }
  }
}

// The language's name endings grouped by their last byte, each group in list order: a word
// is only compared with the endings it can end with, and they match in the same order.
struct EndingsByLastByte {
  uint32_t start[257];          // group of last byte b: index[start[b] .. start[b + 1])
  std::vector<uint32_t> index;  // into LangResources::name_endings (empty endings left out)
  void Build(const std::vector<NameEnding>& list) {
    std::fill(std::begin(start), std::end(start), 0);
    for (const NameEnding& e : list) {
      if (!e.ending.empty()) ++start[static_cast<unsigned char>(e.ending.back()) + 1];
    }
    for (int b = 0; b < 256; ++b) start[b + 1] += start[b];
    index.assign(start[256], 0);
    uint32_t next[256];
    std::copy(start, start + 256, next);
    for (uint32_t i = 0; i < list.size(); ++i) {
      if (!list[i].ending.empty())
        index[next[static_cast<unsigned char>(list[i].ending.back())]++] = i;
    }
  }
};

// The buffers of one Extract call, kept by each thread for its next call.
struct ExtractScratch {
  EndingsByLastByte endings;
  std::vector<WordType> types;
  std::vector<TokenInfo> info;
  std::vector<uint8_t> sentence_initial;
  std::vector<Inflected> inflected;
  FlatMap64<uint8_t> lexicon_cache, seen;
  std::vector<uint64_t> key;
};

}  // namespace

uint64_t HashBytes(std::string_view s) {
  uint64_t h = kFnvBasis;  // FNV-1a, then mixed
  for (unsigned char c : s) {
    h ^= c;
    h *= kFnvPrime;
  }
  return Mix64(h ^ s.size());
}

uint64_t FeatureTemplateHash() {
  std::ostringstream s;
  s << "vestnik-ner-features v" << kFeatureTemplateVersion << " " << kTemplateNames << " "
    << static_cast<int>(kTemplateCount);
  return HashBytes(s.str());
}

std::string ShortShape(std::string_view s) {
  char buf[kMaxShapeBytes];
  return std::string(buf, WriteShape(s, buf));
}

Gazetteer::Gazetteer(const KnowledgeBase& kb) {
  for (size_t i = 0; i < kb.size(); ++i) {
    const KbEntity& e = kb.entity(static_cast<uint32_t>(i));
    std::vector<std::string> forms;
    for (const auto& [lang, form] : e.names) {
      if (!form.starts_with("@")) forms.push_back(form);
    }
    forms.push_back(e.latin);
    for (const std::string& form : forms) {
      // The words between ASCII white space, as `std::istringstream >> word` splits them in
      // the C locale, without a stream per name (a locale set-up each).
      const std::string folded = utf8::FoldCase(form);
      auto space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
      std::vector<uint64_t> hashes;
      for (size_t i = 0; i < folded.size();) {
        while (i < folded.size() && space(folded[i])) ++i;
        const size_t start = i;
        while (i < folded.size() && !space(folded[i])) ++i;
        if (i > start) hashes.push_back(HashBytes(std::string_view(folded).substr(start, i - start)));
      }
      if (hashes.empty()) continue;
      uint64_t key = Key(hashes.data(), hashes.size());
      const uint8_t* old = names_.Find(key);
      names_.Insert(key, static_cast<uint8_t>((old ? *old : 0) | (1u << static_cast<int>(e.type))));
      const uint8_t* longest = first_words_.Find(hashes[0]);
      first_words_.Insert(hashes[0], static_cast<uint8_t>(std::max<size_t>(
                                         longest ? *longest : 0, std::min<size_t>(hashes.size(), 255))));
      max_words_ = std::max(max_words_, hashes.size());
    }
  }
}

uint64_t Gazetteer::Key(const uint64_t* word_hashes, size_t n) {
  uint64_t k = 0x51ed27a3ULL + n;
  for (size_t i = 0; i < n; ++i) k = Combine(k, word_hashes[i]);
  return k;
}

uint8_t Gazetteer::Find(uint64_t key) const {
  const uint8_t* v = names_.Find(key);
  return v ? *v : 0;
}

FeatureExtractor::FeatureExtractor(const KnowledgeBase* kb) {
  if (kb) gazetteer_ = Gazetteer(*kb);
}

void DescribeWord(const Document& doc, const Token& t, const WordStats* stats, WordType* w) {
  thread_local std::vector<size_t> cps;
  std::string_view form = doc.NormText(t);
  std::string_view fold = doc.Folded(t);
  *w = WordType{};
  w->kind = static_cast<uint8_t>(t.kind);
  w->word = t.kind == TokenKind::kWord;
  uint64_t prefix[5];
  w->fold = HashWithPrefixes(fold, &cps, prefix);
  w->form = HashBytes(form);
  char shape[kMaxShapeBytes];
  w->shape = HashBytes(std::string_view(shape, WriteShape(form, shape)));
  size_t len = cps.size() - 1;
  for (size_t k = 1; k <= 4; ++k) w->prefix[k - 1] = prefix[k - 1];
  for (size_t k = 1; k <= 5; ++k) {
    w->suffix[k - 1] = len > k ? HashBytes(fold.substr(cps[len - k])) : 0;
  }
  w->stem = len >= 6 ? prefix[4] : w->fold;
  uint32_t f = 0;
  if (t.upper) f |= kUpper;
  if (utf8::IsAllCaps(form)) f |= kAllCaps;
  bool digit = false, hyphen = false, dot = false, lower_start = false, first_letter = true;
  for (size_t k = 0; k < form.size();) {
    char32_t c = utf8::Next(form, &k);
    digit |= utf8::IsDigit(c);
    hyphen |= c == '-';
    dot |= c == '.';
    if (first_letter && utf8::IsLetter(c)) {
      lower_start = !utf8::IsUpper(c);
      first_letter = false;
    }
  }
  if (digit) f |= kHasDigit;
  if (hyphen) f |= kHasHyphen;
  if (dot) f |= kHasDot;
  if (lower_start) f |= kLowerStart;
  if (len <= 2) f |= kShort;
  if (len >= 9) f |= kLong;
  w->flags = f;
  if (t.kind == TokenKind::kPunct) {
    size_t k = 0;
    w->quote_mark = !form.empty() && [&] {
      char32_t c = utf8::Next(form, &k);
      switch (c) {
        case U'"': case U'„': case U'“': case U'”': case U'«': case U'»': case U'‚':
        case U'‘': case U'’': case U'‹': case U'›':
          return true;
        default:
          return false;
      }
    }();
  }
  if (stats) w->stats = stats->Find(w->fold);
}

size_t AppendWordFeatures(const WordType* w, int offset, uint64_t* out) {
  uint64_t* const begin = out;
  auto add = [&out](uint64_t f) { *out++ = f; };
  if (!w) {  // the padding: as Extract's fold_at and neighbour shapes out of the document
    const uint64_t pad = offset < 0 ? 1 : 2;
    add(F(kWord, offset, pad));
    if (offset == -1 || offset == 1) add(F(kShape, offset, pad));
    return static_cast<size_t>(out - begin);
  }
  if (offset == 0) add(F(kBias, 0));
  add(F(kWord, offset, w->fold));
  if (offset == 0) {
    add(F(kForm, w->form));
    add(F(kShape, 0, w->shape));
    if (w->word) {
      for (int k = 0; k < 4; ++k) {
        if (w->prefix[k]) add(F(kPrefix, k, w->prefix[k]));
      }
      for (int k = 0; k < 5; ++k) {
        if (w->suffix[k]) add(F(kSuffix, k, w->suffix[k]));
      }
    }
    add(F(kKind, w->kind));
  } else if (offset == -1 || offset == 1) {
    add(F(kShape, offset, w->shape));
  }
  if (offset >= -1 && offset <= 1 && w->stats) {
    add(F(kCapClass, offset, w->stats->cap_class));
    if (w->stats->cluster) add(F(kCluster, offset, w->stats->cluster));
  }
  return static_cast<size_t>(out - begin);
}

namespace {

// Everything of Extract but the word types and the features: position, lexicons, name
// endings, quotation context, document evidence, gazetteer. scratch->info[i].w = &types[i].
void DescribeContext(const Document& doc, const LangResources& lr, const WordType* types,
                     const Gazetteer& gazetteer, ExtractScratch* scratch) {
  const auto& toks = doc.tokens;
  const uint32_t n = static_cast<uint32_t>(toks.size());
  std::vector<TokenInfo>& info = scratch->info;
  info.assign(n, TokenInfo{});

  // Sentence starts (after opening punctuation) and the title line.
  std::vector<uint8_t>& sentence_initial = scratch->sentence_initial;
  sentence_initial.assign(n, 0);
  for (const Sentence& s : doc.sentences) {
    uint32_t k = s.first_token;
    while (k < s.end_token && toks[k].kind == TokenKind::kPunct) ++k;
    if (k < n) sentence_initial[k] = 1;
  }
  bool title_line = true;

  EndingsByLastByte& endings = scratch->endings;
  endings.Build(lr.name_endings);
  FlatMap64<uint8_t>& lexicon_cache = scratch->lexicon_cache;
  lexicon_cache.Reset(n / 2 + 16);
  // Candidate nominative forms of each word (name endings replaced), for the gazetteer.
  std::vector<Inflected>& inflected = scratch->inflected;
  inflected.assign(n, Inflected{});

  for (uint32_t i = 0; i < n; ++i) {
    const Token& t = toks[i];
    TokenInfo& ti = info[i];
    const WordType& w = types[i];
    ti.w = &w;
    if (i > 0 && t.newline_before) title_line = false;
    uint32_t f = w.flags;
    if (sentence_initial[i]) f |= kSentenceInitial;
    if (title_line) f |= kTitleLine;
    ti.flags = f;
    if (!w.word) continue;
    std::string_view fold = doc.Folded(t);
    // Lexicon memberships, looked up once per distinct word of the document:
    // bits 0-2 keyword type + 1, 3 title, 4 cue, 5 function word, 6 group noun, 7 known.
    uint8_t* cached = lexicon_cache.FindMutable(w.fold);
    uint8_t bits = cached ? *cached : 0;
    if (!cached) {
      bits = 128;
      if (const auto* e = lr.entity_keywords.FindWord(fold)) {
        if (auto ty = ParseEntityType(e->values.empty() ? "" : e->values[0])) {
          bits |= static_cast<uint8_t>(static_cast<int>(*ty) + 1);
        }
      }
      if (lr.titles.FindWord(fold)) bits |= 8;
      if (lr.cues.FindWord(fold)) bits |= 16;
      if (lr.function_words.FindWord(fold)) bits |= 32;
      if (lr.group_nouns.FindWord(fold)) bits |= 64;
      lexicon_cache.Insert(w.fold, bits);
    }
    ti.keyword = static_cast<int8_t>((bits & 7) - 1);
    ti.title = bits & 8;
    ti.cue = bits & 16;
    ti.function_word = bits & 32;
    ti.group_noun = bits & 64;
    const unsigned char last = fold.empty() ? 0 : static_cast<unsigned char>(fold.back());
    for (uint32_t k = endings.start[last]; k < endings.start[last + 1]; ++k) {
      const NameEnding& e = lr.name_endings[endings.index[k]];
      if (fold.size() <= e.ending.size() + 2 || !fold.ends_with(e.ending)) continue;
      Inflected& inf = inflected[i];
      inf.h[inf.n++] = HashConcat(fold.substr(0, fold.size() - e.ending.size()), e.replacement);
      if (inf.n >= 3) break;
    }
  }

  // Quotation context: inside a pair of marks within a paragraph.
  {
    bool inside = false;
    for (uint32_t i = 0; i < n; ++i) {
      if (toks[i].paragraph_before) inside = false;
      uint8_t q = 0;
      if (i > 0 && info[i - 1].w->quote_mark) q |= 1;
      if (i + 1 < n && info[i + 1].w->quote_mark) q |= 2;
      if (info[i].w->quote_mark) {
        inside = !inside;
      } else if (inside) {
        q |= 4;
      }
      info[i].quote_ctx = q;
    }
  }

  // Document evidence: the word (or its first five letters) capitalised away from a sentence
  // start, the word in lower case.
  {
    // Bits per word hash: 1 capitalised mid-sentence, 2 lower case; per stem hash: 4.
    FlatMap64<uint8_t>& seen = scratch->seen;
    seen.Reset(n + 16);
    auto mark = [&](uint64_t key, uint8_t bit) {
      uint8_t* v = seen.FindMutable(key);
      if (v) {
        *v |= bit;
      } else {
        seen.Insert(key, bit);
      }
    };
    for (uint32_t i = 0; i < n; ++i) {
      if (!info[i].w->word) continue;
      if (toks[i].upper && !sentence_initial[i] && !(info[i].flags & kTitleLine)) {
        mark(info[i].w->fold, 1);
        mark(Combine(info[i].w->stem, 0x57e3), 4);
      }
      if (info[i].flags & kLowerStart) mark(info[i].w->fold, 2);
    }
    for (uint32_t i = 0; i < n; ++i) {
      if (!info[i].w->word) continue;
      const uint8_t* wb = seen.Find(info[i].w->fold);
      const uint8_t* st = seen.Find(Combine(info[i].w->stem, 0x57e3));
      info[i].doc = static_cast<uint8_t>((wb ? *wb & 3 : 0) | (st ? *st & 4 : 0));
    }
  }

  // Gazetteer: the longest knowledge-base name starting at each word, exact first, then with
  // case endings replaced (one word varied, or all words by their first candidate).
  if (gazetteer.max_words() > 0) {
    std::vector<uint64_t>& key = scratch->key;
    uint32_t i = 0;
    while (i < n) {
      // Names may start with the word or with one of its candidate forms; none is longer than
      // the longest name starting with one of them, so longer spans need no look-up.
      size_t longest = 0;
      bool starts = false;
      if (info[i].w->word) {
        longest = gazetteer.MaxWordsFrom(info[i].w->fold);
        starts = longest > 0;
        for (uint64_t h : inflected[i]) longest = std::max(longest, gazetteer.MaxWordsFrom(h));
      }
      if (longest == 0) {
        ++i;
        continue;
      }
      uint32_t max_len = static_cast<uint32_t>(std::min<size_t>(
          std::min(gazetteer.max_words(), longest), n - i));
      uint32_t matched = 0;
      for (uint32_t len = max_len; len >= 1 && !matched; --len) {
        bool ok = true;
        key.clear();
        for (uint32_t k = i; k < i + len && ok; ++k) {
          if (k > i && toks[k].newline_before) ok = false;
          key.push_back(info[k].w->fold);
        }
        if (!ok) continue;
        if (starts) {
          if (uint8_t types = gazetteer.Find(Gazetteer::Key(key.data(), len))) {
            MarkName(&info, i, len, types, false);
            matched = len;
            break;
          }
        }
        // One word varied.
        for (uint32_t v = 0; v < len && !matched; ++v) {
          for (uint64_t h : inflected[i + v]) {
            uint64_t keep = key[v];
            key[v] = h;
            uint8_t types = gazetteer.Find(Gazetteer::Key(key.data(), len));
            key[v] = keep;
            if (types) {
              MarkName(&info, i, len, types, true);
              matched = len;
              break;
            }
          }
        }
        if (!matched && len >= 2) {  // every word by its first candidate
          for (uint32_t k = 0; k < len; ++k) {
            if (!inflected[i + k].empty()) key[k] = inflected[i + k][0];
          }
          if (uint8_t types = gazetteer.Find(Gazetteer::Key(key.data(), len))) {
            MarkName(&info, i, len, types, true);
            matched = len;
          }
        }
      }
      i += matched ? matched : 1;
    }
  }
}

// The last templates of token i, in Extract's order (AppendPatternFeatures and
// AppendLexicalContextFeatures write the same ones for ExtractContext):
// titles before it, cues around it, function word, group noun, quotation marks, document
// evidence.
uint64_t* AppendLexiconAndDocumentFeatures(const std::vector<TokenInfo>& info, uint32_t i,
                                           uint64_t* out) {
  const uint32_t n = static_cast<uint32_t>(info.size());
  const TokenInfo& ti = info[i];
  const WordType& w = *ti.w;
  auto add = [&out](uint64_t f) { *out++ = f; };
  for (int d = -2; d <= -1; ++d) {
    int64_t k = static_cast<int64_t>(i) + d;
    if (k >= 0 && info[k].title) add(F(kTitle, d, 1));
  }
  for (int d = -2; d <= 2; ++d) {
    int64_t k = static_cast<int64_t>(i) + d;
    if (d != 0 && k >= 0 && k < n && info[k].cue) add(F(kCue, d, 1));
  }
  if (ti.function_word) add(F(kFunctionWord, (ti.flags & kSentenceInitial) ? 1 : 0));
  if (ti.group_noun) add(F(kGroupNoun, ti.flags & kUpper));
  if (ti.quote_ctx) add(F(kQuote, ti.quote_ctx | ((ti.flags & kUpper) << 3)));
  if (w.word) {
    add(F(kDocument, ti.doc | ((ti.flags & (kUpper | kSentenceInitial | kTitleLine)) << 3)));
    if (ti.flags & (kSentenceInitial | kTitleLine)) add(F(kDocumentWord, Combine(w.fold, ti.doc)));
  }
  return out;
}

// The context features of token i that read its neighbours' words or its own (word bigrams,
// neighbours' suffixes, the document word), written at `out`; returns the end. With
// AppendPatternFeatures(ContextPatternOf(info, i)), token i's features of Extract that are not
// word features.
uint64_t* AppendLexicalContextFeatures(const std::vector<TokenInfo>& info, uint32_t i,
                                       uint64_t* out) {
  const uint32_t n = static_cast<uint32_t>(info.size());
  const TokenInfo& ti = info[i];
  const WordType& w = *ti.w;
  auto add = [&out](uint64_t f) { *out++ = f; };
  const uint64_t fold_prev = i > 0 ? info[i - 1].w->fold : 1;
  const uint64_t fold_next = i + 1 < n ? info[i + 1].w->fold : 2;
  add(F(kWordBigram, -1, Combine(fold_prev, w.fold)));
  add(F(kWordBigram, 1, Combine(w.fold, fold_next)));
  if (w.word) {
    if (i > 0 && info[i - 1].w->word) add(F(kNeighbourSuffix, -1, info[i - 1].w->suffix[2]));
    if (i + 1 < n && info[i + 1].w->word) add(F(kNeighbourSuffix, 1, info[i + 1].w->suffix[2]));
    if (ti.flags & (kSentenceInitial | kTitleLine)) add(F(kDocumentWord, Combine(w.fold, ti.doc)));
  }
  return out;
}

// ContextPattern::bits: the token's flags (bits 0-15), the neighbours' flag values of the
// neighbour-flags template (16-31, 32-47), quotation context (48-50), document bits (51-53),
// whether it is a word (54), a function word (55), titles at -2, -1 (56, 57), cues at -2, -1,
// +1, +2 (58-61), a group noun (62). ContextPattern::around: per offset -1..+1 (20 bits each from bit 0): the
// gazetteer code (8 bits), the inflected gazetteer code (8), the keyword type + 1 (4).
ContextPattern ContextPatternOf(const std::vector<TokenInfo>& info, uint32_t i) {
  const uint32_t n = static_cast<uint32_t>(info.size());
  const TokenInfo& ti = info[i];
  const WordType& w = *ti.w;
  ContextPattern p;
  p.shape_prev = i > 0 ? info[i - 1].w->shape : 1;
  p.shape = w.shape;
  p.shape_next = i + 1 < n ? info[i + 1].w->shape : 2;
  const uint64_t pf = i > 0 ? (info[i - 1].flags & (kUpper | kAllCaps)) | (info[i - 1].w->word ? 0 : 1024u) : 2048u;
  const uint64_t nf = i + 1 < n ? (info[i + 1].flags & (kUpper | kAllCaps)) | (info[i + 1].w->word ? 0 : 1024u) : 2048u;
  uint64_t bits = ti.flags | (pf << 16) | (nf << 32) | (uint64_t{ti.quote_ctx} << 48) |
                  (uint64_t{ti.doc} << 51) | (uint64_t{w.word} << 54) |
                  (uint64_t{ti.function_word} << 55) | (uint64_t{ti.group_noun} << 62);
  for (int d = -2; d <= -1; ++d) {
    int64_t k = static_cast<int64_t>(i) + d;
    if (k >= 0 && info[k].title) bits |= uint64_t{1} << (58 + d);
  }
  constexpr int kCueBit[5] = {58, 59, 0, 60, 61};
  for (int d = -2; d <= 2; ++d) {
    int64_t k = static_cast<int64_t>(i) + d;
    if (d != 0 && k >= 0 && k < n && info[k].cue) bits |= uint64_t{1} << kCueBit[d + 2];
  }
  p.bits = bits;
  uint64_t around = 0;
  for (int d = -1; d <= 1; ++d) {
    int64_t k = static_cast<int64_t>(i) + d;
    if (k < 0 || k >= n) continue;
    const uint64_t v = uint64_t{info[k].gaz} | (uint64_t{info[k].gaz_inflected} << 8) |
                       (static_cast<uint64_t>(info[k].keyword + 1) << 16);
    around |= v << (20 * (d + 1));
  }
  p.around = around;
  return p;
}

// The features of token i that read its neighbours or its document (all but the word
// features), written at `out`; returns the end. Extract writes the same ones interleaved with
// the word features.
uint64_t* AppendContextFeatures(const std::vector<TokenInfo>& info, uint32_t i, uint64_t* out) {
  out = AppendLexicalContextFeatures(info, i, out);
  return out + AppendPatternFeatures(ContextPatternOf(info, i), out);
}

}  // namespace

size_t AppendPatternFeatures(const ContextPattern& p, uint64_t* out) {
  uint64_t* const begin = out;
  auto add = [&out](uint64_t f) { *out++ = f; };
  const uint32_t flags = static_cast<uint32_t>(p.bits & 0xffff);
  const uint32_t pf = static_cast<uint32_t>((p.bits >> 16) & 0xffff);
  const uint32_t nf = static_cast<uint32_t>((p.bits >> 32) & 0xffff);
  add(F(kShapeBigram, -1, Combine(p.shape_prev, p.shape)));
  add(F(kShapeBigram, 1, Combine(p.shape, p.shape_next)));
  add(F(kFlags, flags));
  add(F(kFlags, 1, flags & (kUpper | kAllCaps | kSentenceInitial)));
  add(F(kNeighbourFlags, -1, pf | ((flags & kUpper) << 12)));
  add(F(kNeighbourFlags, 1, nf | ((flags & kUpper) << 12)));
  for (int d = -1; d <= 1; ++d) {
    const uint64_t v = p.around >> (20 * (d + 1));
    const uint8_t gaz = static_cast<uint8_t>(v), gaz_inflected = static_cast<uint8_t>(v >> 8);
    const int keyword = static_cast<int>((v >> 16) & 15) - 1;
    if (gaz) add(F(kGazetteer, d, gaz));
    if (gaz_inflected) add(F(kGazetteerInflected, d, gaz_inflected));
    if (keyword >= 0) add(F(kKeyword, d, static_cast<uint64_t>(keyword)));
  }
  for (int d = -2; d <= -1; ++d) {
    if (p.bits >> (58 + d) & 1) add(F(kTitle, d, 1));
  }
  constexpr int kCueBit[5] = {58, 59, 0, 60, 61};
  for (int d = -2; d <= 2; ++d) {
    if (d != 0 && (p.bits >> kCueBit[d + 2] & 1)) add(F(kCue, d, 1));
  }
  const uint32_t quote_ctx = static_cast<uint32_t>((p.bits >> 48) & 7);
  const uint32_t doc = static_cast<uint32_t>((p.bits >> 51) & 7);
  if (p.bits >> 55 & 1) add(F(kFunctionWord, (flags & kSentenceInitial) ? 1 : 0));
  if (p.bits >> 62 & 1) add(F(kGroupNoun, flags & kUpper));
  if (quote_ctx) add(F(kQuote, quote_ctx | ((flags & kUpper) << 3)));
  if (p.bits >> 54 & 1) add(F(kDocument, doc | ((flags & (kUpper | kSentenceInitial | kTitleLine)) << 3)));
  return static_cast<size_t>(out - begin);
}

void FeatureExtractor::Extract(const Document& doc, const LangResources& lr,
                               const WordStats* stats, std::vector<uint64_t>* feats,
                               std::vector<uint32_t>* offsets) const {
  const auto& toks = doc.tokens;
  const uint32_t n = static_cast<uint32_t>(toks.size());
  feats->clear();
  offsets->assign(1, 0);
  if (n == 0) return;
  // Buffers reused by the calls of this thread (the extractor itself stays immutable).
  thread_local ExtractScratch scratch;
  std::vector<WordType>& types = scratch.types;
  types.resize(n);
  for (uint32_t i = 0; i < n; ++i) DescribeWord(doc, toks[i], stats, &types[i]);
  DescribeContext(doc, lr, types.data(), gazetteer_, &scratch);
  const std::vector<TokenInfo>& info = scratch.info;

  // The features, in the order of the templates' introduction: a model's weights were
  // trained (floating-point updates) in this order.
  auto fold_at = [&](int64_t k) -> uint64_t {
    if (k < 0) return 1;  // sentence-independent padding: before the document
    if (k >= n) return 2;
    return info[k].w->fold;
  };
  // Written through a pointer into room for the most a token can have (kMaxTokenFeatures),
  // then trimmed.
  feats->resize(static_cast<size_t>(n) * kMaxTokenFeatures);
  offsets->resize(n + 1);
  uint64_t* const out_begin = feats->data();
  uint64_t* out = out_begin;
  for (uint32_t i = 0; i < n; ++i) {
    const TokenInfo& ti = info[i];
    const WordType& w = *ti.w;
    uint64_t* const token_out = out;
    auto add = [&out](uint64_t f) { *out++ = f; };
    add(F(kBias, 0));
    for (int d = -2; d <= 2; ++d) add(F(kWord, d, fold_at(static_cast<int64_t>(i) + d)));
    add(F(kForm, w.form));
    add(F(kWordBigram, -1, Combine(fold_at(static_cast<int64_t>(i) - 1), w.fold)));
    add(F(kWordBigram, 1, Combine(w.fold, fold_at(static_cast<int64_t>(i) + 1))));
    uint64_t sh_prev = i > 0 ? info[i - 1].w->shape : 1, sh_next = i + 1 < n ? info[i + 1].w->shape : 2;
    add(F(kShape, 0, w.shape));
    add(F(kShape, -1, sh_prev));
    add(F(kShape, 1, sh_next));
    add(F(kShapeBigram, -1, Combine(sh_prev, w.shape)));
    add(F(kShapeBigram, 1, Combine(w.shape, sh_next)));
    if (w.word) {
      for (int k = 0; k < 4; ++k) {
        if (w.prefix[k]) add(F(kPrefix, k, w.prefix[k]));
      }
      for (int k = 0; k < 5; ++k) {
        if (w.suffix[k]) add(F(kSuffix, k, w.suffix[k]));
      }
      if (i > 0 && info[i - 1].w->word) add(F(kNeighbourSuffix, -1, info[i - 1].w->suffix[2]));
      if (i + 1 < n && info[i + 1].w->word) add(F(kNeighbourSuffix, 1, info[i + 1].w->suffix[2]));
    }
    add(F(kFlags, ti.flags));
    add(F(kFlags, 1, ti.flags & (kUpper | kAllCaps | kSentenceInitial)));
    uint32_t pf = i > 0 ? (info[i - 1].flags & (kUpper | kAllCaps)) | (info[i - 1].w->word ? 0 : 1024u) : 2048u;
    uint32_t nf = i + 1 < n ? (info[i + 1].flags & (kUpper | kAllCaps)) | (info[i + 1].w->word ? 0 : 1024u) : 2048u;
    add(F(kNeighbourFlags, -1, pf | ((ti.flags & kUpper) << 12)));
    add(F(kNeighbourFlags, 1, nf | ((ti.flags & kUpper) << 12)));
    add(F(kKind, w.kind));
    for (int d = -1; d <= 1; ++d) {
      int64_t k = static_cast<int64_t>(i) + d;
      if (k < 0 || k >= n) continue;
      if (info[k].gaz) add(F(kGazetteer, d, info[k].gaz));
      if (info[k].gaz_inflected) add(F(kGazetteerInflected, d, info[k].gaz_inflected));
      if (info[k].keyword >= 0) add(F(kKeyword, d, static_cast<uint64_t>(info[k].keyword)));
      if (const WordStats::Entry* st = info[k].w->stats) {
        add(F(kCapClass, d, st->cap_class));
        if (st->cluster) add(F(kCluster, d, st->cluster));
      }
    }
    out = AppendLexiconAndDocumentFeatures(info, i, out);
    if (out - token_out > static_cast<ptrdiff_t>(kMaxTokenFeatures)) std::abort();  // templates
    (*offsets)[i + 1] = static_cast<uint32_t>(out - out_begin);
  }
  feats->resize(static_cast<size_t>(out - out_begin));
}

void FeatureExtractor::ExtractContext(const Document& doc, const LangResources& lr,
                                      const WordType* types, std::vector<uint64_t>* feats,
                                      std::vector<uint32_t>* offsets) const {
  const uint32_t n = static_cast<uint32_t>(doc.tokens.size());
  feats->clear();
  offsets->assign(1, 0);
  if (n == 0) return;
  thread_local ExtractScratch scratch;
  DescribeContext(doc, lr, types, gazetteer_, &scratch);
  // Each token's features go to a small buffer and are appended: sizing `feats` for the most
  // a token can have (kMaxTokenFeatures) zeroed about 4.5 times the bytes kept (2.5 % of the
  // instructions of `vestnik analyze`).
  feats->reserve(static_cast<size_t>(n) * kMaxTokenFeatures);
  offsets->resize(n + 1);
  uint64_t buffer[kMaxTokenFeatures];
  for (uint32_t i = 0; i < n; ++i) {
    uint64_t* end = AppendContextFeatures(scratch.info, i, buffer);
    feats->insert(feats->end(), buffer, end);
    (*offsets)[i + 1] = static_cast<uint32_t>(feats->size());
  }
}

void FeatureExtractor::ExtractContextSplit(const Document& doc, const LangResources& lr,
                                           const WordType* types, std::vector<uint64_t>* feats,
                                           std::vector<uint32_t>* offsets,
                                           std::vector<ContextPattern>* patterns) const {
  const uint32_t n = static_cast<uint32_t>(doc.tokens.size());
  feats->clear();
  offsets->assign(1, 0);
  patterns->resize(n);
  if (n == 0) return;
  thread_local ExtractScratch scratch;
  DescribeContext(doc, lr, types, gazetteer_, &scratch);
  feats->reserve(static_cast<size_t>(n) * kMaxLexicalContextFeatures);
  offsets->resize(n + 1);
  uint64_t buffer[kMaxLexicalContextFeatures];
  for (uint32_t i = 0; i < n; ++i) {
    uint64_t* end = AppendLexicalContextFeatures(scratch.info, i, buffer);
    feats->insert(feats->end(), buffer, end);
    (*offsets)[i + 1] = static_cast<uint32_t>(feats->size());
    (*patterns)[i] = ContextPatternOf(scratch.info, i);
  }
}

}  // namespace vestnik::entities
