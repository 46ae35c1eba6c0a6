#include "entities/name_lemmatizer.h"

#include <unicode/unistr.h>

#include <algorithm>
#include <unordered_map>

#include "core/utf8.h"
#include "core/byte_io.h"
#include "entities/ner_features.h"

namespace vestnik::entities {
namespace {

std::string Upper(std::string_view s) {
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.toUpper();
  std::string out;
  u.toUTF8String(out);
  return out;
}

// Byte offset where the last `k` code points of s start (0 when s has fewer).
size_t LastCodePoints(std::string_view s, size_t k) {
  size_t pos = s.size();
  while (k > 0 && pos > 0) {
    size_t start;
    utf8::Prev(s, pos, &start);
    pos = start;
    --k;
  }
  return pos;
}

// The suffixes of a folded word that the learned tables are keyed by: the last k code points
// for k = 0 .. count (count = min(code points, kMaxSuffix)), as byte offsets and as HashBytes,
// computed once per word rather than once per table probed.
struct Suffixes {
  int count = 0;
  size_t start[NameLemmatizer::kMaxSuffix + 1];
  uint64_t hash[NameLemmatizer::kMaxSuffix + 1];

  explicit Suffixes(std::string_view folded) {
    size_t pos = folded.size();
    start[0] = pos;
    while (count < NameLemmatizer::kMaxSuffix && pos > 0) {
      utf8::Prev(folded, pos, &pos);
      start[++count] = pos;
    }
    for (int k = 0; k <= count; ++k) hash[k] = HashBytes(folded.substr(start[k]));
  }
};

uint64_t SuffixKeyOfHash(uint8_t type, WordPosition pos, uint8_t cap, uint64_t suffix_hash) {
  return Combine(0x5f1c0000ULL + (type * 8 + static_cast<uint64_t>(pos)) * 8 + cap, suffix_hash);
}

// NameLemmatizer::RuleFor of a word and its folded form.
const LemmaRule* RuleForFolded(const NameLemmatizer& l, std::string_view word,
                               std::string_view folded, EntityType type, WordPosition pos) {
  if (l.rules_.empty()) return nullptr;
  uint8_t t = static_cast<uint8_t>(type);
  if (const uint32_t* r = l.words_.Find(NameLemmatizer::WordKey(t, pos, folded))) {
    return &l.rules_[*r];
  }
  uint8_t cap = NameLemmatizer::CapClass(word);
  Suffixes suffixes(folded);
  for (uint8_t ty : {t, NameLemmatizer::kAnyType}) {
    int found = -1;
    for (int k = 0; k <= suffixes.count; ++k) {
      if (const uint32_t* r = l.suffixes_.Find(SuffixKeyOfHash(ty, pos, cap, suffixes.hash[k]))) {
        found = static_cast<int>(*r);
      } else if (k == 0) {
        break;  // nothing learned for this type, position and case
      }
    }
    if (found >= 0 && static_cast<size_t>(found) < l.rules_.size()) return &l.rules_[found];
  }
  return nullptr;
}

// What LemmatizeWord finds for a word, its type and its position in the learned tables alone
// (nothing of the document or the hints): its folded form, RuleFor's rule and the candidate
// rules (filled on first need).
struct WordLookup {
  std::string folded;
  int32_t rule = -1;  // index in rules_, -1: none
  bool has_candidates = false;
  std::vector<uint32_t> candidates;
};

// This thread's WordLookup of `word` at `pos` in a mention of `type` for the tables known as
// `tables_id` (LemmaHints::tables_id); *fresh when it was not there (then empty). At most
// kMaxWords are kept: past that the memo starts again. The entry stays valid until the next
// call on this thread.
WordLookup* Remembered(uint64_t tables_id, std::string_view word, EntityType type,
                       WordPosition pos, bool* fresh) {
  constexpr size_t kMaxWords = size_t{1} << 16;
  thread_local std::unordered_map<std::string, WordLookup> memo;
  thread_local std::string key;
  key.assign(reinterpret_cast<const char*>(&tables_id), sizeof tables_id);
  key.push_back(static_cast<char>(type));
  key.push_back(static_cast<char>(pos));
  key.append(word);
  if (auto it = memo.find(key); it != memo.end()) {
    *fresh = false;
    return &it->second;
  }
  if (memo.size() >= kMaxWords) memo.clear();
  *fresh = true;
  return &memo.try_emplace(key).first->second;
}

}  // namespace

WordPosition PositionOf(size_t index, size_t count) {
  if (count <= 1) return WordPosition::kSingle;
  if (index == 0) return WordPosition::kFirst;
  return index + 1 == count ? WordPosition::kLast : WordPosition::kMiddle;
}

uint8_t NameLemmatizer::CapClass(std::string_view word) {
  if (utf8::IsAllCaps(word)) return 2;
  for (size_t i = 0; i < word.size();) {
    char32_t c = utf8::Next(word, &i);
    if (utf8::IsLetter(c)) return utf8::IsUpper(c) ? 1 : 0;
  }
  return 3;
}

uint64_t NameLemmatizer::WordKey(uint8_t type, WordPosition pos, std::string_view folded) {
  return Combine(0x1e3a0000ULL + type * 8 + static_cast<uint64_t>(pos), HashBytes(folded));
}

uint64_t NameLemmatizer::SuffixKey(uint8_t type, WordPosition pos, uint8_t cap,
                                   std::string_view suffix) {
  return SuffixKeyOfHash(type, pos, cap, HashBytes(suffix));
}

std::string NameLemmatizer::Apply(std::string_view word, const LemmaRule& rule) {
  size_t keep = LastCodePoints(word, rule.cut);
  if (rule.cut > 0 && keep == 0) return std::string(word);  // never empty a word
  std::string out(word.substr(0, keep));
  if (rule.add.empty()) return out;
  out += CapClass(word) == 2 ? Upper(rule.add) : rule.add;
  return out;
}

void NameLemmatizer::Candidates(std::string_view word, std::string_view folded, EntityType type,
                                WordPosition pos, std::vector<uint32_t>* out) const {
  out->clear();
  auto push = [&](uint32_t r) {
    if (r < rules_.size() && std::find(out->begin(), out->end(), r) == out->end()) out->push_back(r);
  };
  uint8_t t = static_cast<uint8_t>(type);
  if (const uint32_t* r = words_.Find(WordKey(t, pos, folded))) push(*r);
  uint8_t cap = CapClass(word);
  Suffixes suffixes(folded);
  // The known endings' rules from the longest ending to the shortest; the word's own position
  // first, then the other positions.
  const WordPosition kPositions[] = {WordPosition::kSingle, WordPosition::kFirst,
                                     WordPosition::kMiddle, WordPosition::kLast};
  uint32_t path[kMaxSuffix + 1];
  for (int round = 0; round < 2; ++round) {
    for (WordPosition p : kPositions) {
      if ((round == 0) != (p == pos)) continue;
      for (uint8_t ty : {t, kAnyType}) {
        int depth = 0;
        for (int k = 0; k <= suffixes.count; ++k) {
          if (const uint32_t* r = suffixes_.Find(SuffixKeyOfHash(ty, p, cap, suffixes.hash[k]))) {
            path[depth++] = *r;
          } else if (k == 0) {
            break;
          }
        }
        for (int d = depth - 1; d >= 0; --d) push(path[d]);
        if (round == 1) break;  // other positions: their own type only
      }
    }
  }
}

const LemmaRule* NameLemmatizer::RuleFor(std::string_view word, EntityType type,
                                         WordPosition pos) const {
  if (rules_.empty()) return nullptr;
  return RuleForFolded(*this, word, utf8::FoldCase(word), type, pos);
}

std::string NameLemmatizer::LemmatizeWord(std::string_view word, EntityType type,
                                          WordPosition pos, const DocumentWords* doc,
                                          const LemmaHints* hints) const {
  if (rules_.empty()) return std::string(word);
  WordLookup own;
  bool fresh = true;
  WordLookup* look = hints && hints->tables_id != 0
                         ? Remembered(hints->tables_id, word, type, pos, &fresh)
                         : &own;
  if (fresh) {
    look->folded = utf8::FoldCase(word);
    const LemmaRule* rule = RuleForFolded(*this, word, look->folded, type, pos);
    look->rule = rule ? static_cast<int32_t>(rule - rules_.data()) : -1;
  }
  const std::string& folded = look->folded;
  const LemmaRule* r = look->rule >= 0 ? &rules_[look->rule] : nullptr;
  bool identity = !r || (r->cut == 0 && r->add.empty());
  std::string primary = identity ? std::string(word) : Apply(word, *r);
  // No evidence without the lemma words (older models, English) or with nothing to rewrite.
  if (!doc || rules_.size() < 2 || lemma_words_.size() == 0) return primary;
  const DocumentWords* names = hints && hints->names && hints->names->size() ? hints->names : nullptr;
  const std::vector<EndingRewrite>* rewrites =
      hints && hints->rewrites && !hints->rewrites->empty() ? hints->rewrites : nullptr;
  auto position_ok = [&](const EndingRewrite& rw) {
    return rw.position < 0 || rw.position == static_cast<int8_t>(pos);
  };
  // The rewrites the tables offer, best first (look->candidates), each followed by the
  // language's rewrites of its ending (built only when needed).
  // Folded lemmas; `true` for the identity rule's (the word itself, attested only as a known
  // lemma word: the document always writes it).
  thread_local std::vector<std::pair<std::string, bool>> outs;
  bool built = false;
  auto build = [&] {
    if (built) return;
    built = true;
    if (!look->has_candidates) {
      Candidates(word, folded, type, pos, &look->candidates);
      look->has_candidates = true;
    }
    outs.clear();
    for (uint32_t id : look->candidates) {
      const LemmaRule& rule = rules_[id];
      bool same = rule.cut == 0 && rule.add.empty();
      outs.emplace_back(same ? folded : utf8::FoldCase(Apply(folded, rule)), same);
      if (!rewrites) continue;
      std::string base = outs.back().first;
      for (const EndingRewrite& rw : *rewrites) {
        if (rw.kind != EndingRewrite::Kind::kLemma || !position_ok(rw)) continue;
        std::string more = rw.ApplyTo(base);
        if (more.empty() || more == folded) continue;
        bool dup = false;
        for (const auto& o : outs) dup |= o.first == more;
        if (!dup) outs.emplace_back(std::move(more), false);
      }
    }
  };
  // A folded lemma as written: the word's own letters (and case) where the two agree from the
  // start, the rest in the word's case (capitals for a word in capitals).
  auto written = [&](const std::string& out) {
    if (out == folded) return std::string(word);
    size_t i = 0, j = 0, wi = 0;
    while (i < folded.size() && j < out.size() && wi < word.size()) {
      size_t i2 = i, j2 = j, w2 = wi;
      if (utf8::Next(folded, &i2) != utf8::Next(out, &j2)) break;
      utf8::Next(word, &w2);
      i = i2, j = j2, wi = w2;
    }
    std::string res(word.substr(0, wi));
    std::string_view rest = std::string_view(out).substr(j);
    res += CapClass(word) == 2 ? Upper(rest) : std::string(rest);
    return res;
  };
  // The language's rewrites of the word as written, when the document, a known name or a
  // training lemma writes their result ("Белия" → "Бял").
  if (rewrites) {
    for (const EndingRewrite& rw : *rewrites) {
      if (rw.kind != EndingRewrite::Kind::kWord || !position_ok(rw)) continue;
      std::string out = rw.ApplyTo(folded);
      if (out.empty()) continue;
      uint64_t h = HashBytes(out);
      if (doc->Find(h) || (names && names->Find(h)) || lemma_words_.Find(h)) {
        return written(out);
      }
    }
  }
  // A word alone, or one a rule rewrites: the first offered lemma that is a word of a name the
  // knowledge base knows in this language; else the word itself when it is one (not in a form
  // the language marks definite: bg "Европейския" of "Европейския съюз"), even where the
  // article writes a shorter word ("дом" stays beside the preposition "до"). A word a rule
  // keeps inside a longer name is often a genitive complement ("Университет Флориды"). A word in
  // capitals takes the name's case when the name is written in mixed case ("ВАШИНГТОН").
  auto definite = [&](const std::string& out) {
    if (!rewrites) return false;
    for (const EndingRewrite& rw : *rewrites) {
      if (rw.kind == EndingRewrite::Kind::kDefinite && position_ok(rw) && !rw.ApplyTo(out).empty()) {
        return true;
      }
    }
    return false;
  };
  auto as_name = [&](const std::string& out, uint8_t how) {
    std::string res = written(out);
    if (!hints->title_case_capitals || CapClass(word) != 2 || !(how & kNameMixedCase) ||
        (how & kNameCapitals)) {
      return res;
    }
    size_t first = 0;
    utf8::Next(out, &first);
    return Upper(std::string_view(out).substr(0, first)) + out.substr(first);
  };
  if (names) {
    const uint8_t where = pos == WordPosition::kSingle || pos == WordPosition::kFirst
                              ? kNameHead
                              : kNameHead | kNameLater;
    auto known = [&](const std::string& out) -> const uint8_t* {
      if (definite(out)) return nullptr;
      const uint8_t* how = names->Find(HashBytes(out));
      return how && (*how & where) ? how : nullptr;
    };
    if (pos == WordPosition::kSingle || !identity) {
      build();
      for (const auto& [out, same] : outs) {
        if (const uint8_t* how = known(out)) return as_name(out, *how);
      }
    }
    if (const uint8_t* how = known(folded)) return as_name(folded, *how);
    // The language's case endings and its rewrites for names (lemma_endings.tsv, kind `name`)
    // may offer what the tables do not ("Капитолии" → "Капитолий"); not for a person, whose
    // surname's feminine the knowledge base may know as a man's ("Василева", "Василев").
    if (rewrites && type != EntityType::kPer) {
      for (const EndingRewrite& rw : *rewrites) {
        if (rw.kind != EndingRewrite::Kind::kName || !position_ok(rw)) continue;
        std::string out = rw.ApplyTo(folded);
        if (out.empty()) continue;
        if (const uint8_t* how = known(out)) return as_name(out, *how);
      }
    }
    if (hints->endings && type != EntityType::kPer) {
      for (const NameEnding& en : *hints->endings) {
        if (en.ending.empty() || folded.size() <= en.ending.size() + 2 || !folded.ends_with(en.ending)) {
          continue;
        }
        std::string out = folded.substr(0, folded.size() - en.ending.size()) + en.replacement;
        if (const uint8_t* how = known(out)) return as_name(out, *how);
      }
    }
  }
  // The first rule is nearly always the first candidate: when the article writes its result,
  // done.
  uint64_t primary_hash = identity ? 0 : HashBytes(utf8::FoldCase(primary));
  if (!identity && doc->Find(primary_hash)) return primary;
  // An exception word's rewrite comes from training lemmas, a few of which are wrong
  // (Ukrainian "Трампа" → "Трам"): unless the article writes it, a rewrite the article does
  // write goes first.
  bool doc_first = words_.Find(WordKey(static_cast<uint8_t>(type), pos, folded)) != nullptr;
  if (!doc_first) {
    if (!identity && lemma_words_.Find(primary_hash)) return primary;
    if (identity && lemma_words_.Find(HashBytes(folded))) return primary;
  }
  build();
  for (int pass = doc_first ? 0 : 1; pass < 2; ++pass) {
    for (const auto& [out, same] : outs) {
      uint64_t h = HashBytes(out);
      if (same) {  // the word itself: a known lemma word
        if (pass == 1 && lemma_words_.Find(h)) return std::string(word);
        continue;
      }
      if (doc->Find(h) || (pass == 1 && lemma_words_.Find(h))) return written(out);
    }
  }
  // Nothing the tables offer is attested: the language's case endings (name_endings.tsv), when
  // the article writes the result ("Ryanaira" → "Ryanair").
  if (hints && hints->endings) {
    for (const NameEnding& en : *hints->endings) {
      if (en.ending.empty() || folded.size() <= en.ending.size() + 2 || !folded.ends_with(en.ending)) {
        continue;
      }
      std::string out = folded.substr(0, folded.size() - en.ending.size()) + en.replacement;
      if (out != folded && doc->Find(HashBytes(out))) return written(out);
    }
  }
  return primary;
}

namespace {

bool IsVowel(char32_t c) {
  static constexpr std::u32string_view kVowels = U"аеёиоуыэюяіїєaeiouyáéíóúýěů";
  return kVowels.find(c) != std::u32string_view::npos;
}

// The last code point of a folded word (0 when empty).
char32_t LastLetter(std::string_view folded) {
  if (folded.empty()) return 0;
  size_t start;
  return utf8::Prev(folded, folded.size(), &start);
}

}  // namespace

void NameLemmatizer::AgreeWithSurname(const std::vector<std::string_view>& words,
                                      std::vector<std::string>* lemmas) {
  const size_t n = words.size();
  if (n < 2 || lemmas->size() != n) return;
  std::string_view last = words[n - 1];
  const std::string& last_lemma = (*lemmas)[n - 1];
  std::string last_folded = utf8::FoldCase(last);
  if (last_lemma == last) {
    char32_t c = LastLetter(last_folded);
    if (!utf8::IsLetter(c) || IsVowel(c)) return;
    for (size_t i = 0; i + 1 < n; ++i) {
      // Written in -у, -ы, -е, -ой, -ей ...: a woman's name in an oblique case, left to the
      // rewrite.
      std::string folded = utf8::FoldCase(words[i]);
      char32_t end = LastLetter(folded);
      if (!utf8::IsLetter(end) || (IsVowel(end) && end != U'а' && end != U'я' && end != U'a')) {
        continue;
      }
      if (end == U'й' && folded.size() > 2 &&
          IsVowel(LastLetter(std::string_view(folded).substr(0, folded.size() - 2)))) {
        continue;
      }
      (*lemmas)[i] = std::string(words[i]);
    }
    return;
  }
  // The surname lost an ending and nothing else.
  if (last_lemma.empty() || !last.starts_with(last_lemma)) return;
  std::string_view ending = last.substr(last_lemma.size());
  size_t cut = 0;
  for (size_t i = 0; i < ending.size(); ++cut) {
    if (!utf8::IsLetter(utf8::Next(ending, &i))) return;
  }
  if (cut == 0 || cut > 2) return;
  std::string folded_ending = utf8::FoldCase(ending);
  for (size_t i = 0; i + 1 < n; ++i) {
    std::string_view w = words[i];
    if ((*lemmas)[i] != w || !utf8::StartsUpper(w)) continue;
    std::string folded = utf8::FoldCase(w);
    if (!folded.ends_with(folded_ending) || utf8::LetterCount(folded) < cut + 3) continue;
    (*lemmas)[i] = std::string(w.substr(0, LastCodePoints(w, cut)));
  }
}

bool NameLemmatizer::ForeignScript(std::string_view word, std::string_view lemma) {
  auto letters_script = [](std::string_view s) {
    utf8::Script one = utf8::Script::kOther;
    for (size_t i = 0; i < s.size();) {
      char32_t c = utf8::Next(s, &i);
      if (!utf8::IsLetter(c)) continue;
      utf8::Script sc = utf8::ScriptOf(c);
      if (one != utf8::Script::kOther && sc != one) return utf8::Script::kCommon;  // mixed
      one = sc;
    }
    return one;
  };
  utf8::Script w = letters_script(word);
  if (w == utf8::Script::kOther || w == utf8::Script::kCommon) return false;
  return letters_script(lemma) != w && letters_script(lemma) != utf8::Script::kOther;
}

void NameLemmatizer::KeepComplements(const std::vector<std::string_view>& words,
                                     const std::vector<std::string>& adjective_endings,
                                     std::vector<std::string>* lemmas) {
  if (adjective_endings.empty() || lemmas->size() != words.size()) return;
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    std::string folded = utf8::FoldCase((*lemmas)[i]), written = utf8::FoldCase(words[i]);
    if (utf8::LetterCount(folded) < 2) continue;
    bool adjective = false;
    for (const std::string& e : adjective_endings) {
      adjective |= (folded.size() > e.size() && folded.ends_with(e)) ||
                   (written.size() > e.size() && written.ends_with(e));
    }
    if (adjective) continue;
    for (size_t k = i + 1; k < words.size(); ++k) (*lemmas)[k] = std::string(words[k]);
    return;
  }
}

void NameLemmatizer::SerializeLemmaWords(std::string* out) const {
  std::vector<uint64_t> keys;
  keys.reserve(lemma_words_.size());
  lemma_words_.ForEach([&](uint64_t k, uint8_t) { keys.push_back(k); });
  std::sort(keys.begin(), keys.end());
  ByteWriter w(out);
  w.Put<uint32_t>(static_cast<uint32_t>(keys.size()));
  for (uint64_t k : keys) w.Put<uint64_t>(k);
}

Status NameLemmatizer::ParseLemmaWords(std::string_view bytes) {
  ByteReader r(bytes);
  uint32_t n = r.Get<uint32_t>();
  if (!r.ok() || static_cast<uint64_t>(n) * 8 != r.remaining()) {
    return Status::Corruption("lemma words: bad length");
  }
  lemma_words_.Reserve(n);
  for (uint32_t i = 0; i < n; ++i) lemma_words_.Insert(r.Get<uint64_t>(), 1);
  return Status::Ok();
}

void NameLemmatizer::Serialize(std::string* out) const {
  ByteWriter w(out);
  w.Put<uint32_t>(static_cast<uint32_t>(rules_.size()));
  for (const LemmaRule& r : rules_) {
    w.Put<uint8_t>(r.cut);
    w.PutString(r.add);
  }
  for (const auto* table : {&words_, &suffixes_}) {
    std::vector<std::pair<uint64_t, uint32_t>> sorted;
    sorted.reserve(table->size());
    table->ForEach([&](uint64_t k, uint32_t v) { sorted.emplace_back(k, v); });
    std::sort(sorted.begin(), sorted.end());
    w.Put<uint32_t>(static_cast<uint32_t>(sorted.size()));
    for (const auto& [k, v] : sorted) {
      w.Put<uint64_t>(k);
      w.Put<uint16_t>(static_cast<uint16_t>(v));
    }
  }
}

Result<NameLemmatizer> NameLemmatizer::Parse(std::string_view bytes) {
  NameLemmatizer l;
  ByteReader r(bytes);
  uint32_t n = r.Get<uint32_t>();
  if (n > 65535) return Status::Corruption("lemma rules: bad rule count");
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    LemmaRule rule;
    rule.cut = r.Get<uint8_t>();
    rule.add = r.GetString();
    l.rules_.push_back(std::move(rule));
  }
  for (auto* table : {&l.words_, &l.suffixes_}) {
    uint32_t m = r.Get<uint32_t>();
    if (!r.ok() || m > r.remaining() / 10) return Status::Corruption("lemma rules: truncated");
    table->Reserve(m);
    for (uint32_t i = 0; i < m && r.ok(); ++i) {
      uint64_t k = r.Get<uint64_t>();
      uint16_t v = r.Get<uint16_t>();
      if (v >= l.rules_.size()) return Status::Corruption("lemma rules: rule index out of range");
      table->Insert(k, v);
    }
  }
  if (!r.ok() || !r.done()) return Status::Corruption("lemma rules: truncated or trailing bytes");
  return l;
}

}  // namespace vestnik::entities
