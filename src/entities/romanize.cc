#include "entities/romanize.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <unordered_map>

#include "core/utf8.h"

namespace vestnik::entities {
namespace {
std::atomic<uint64_t> next_romanizer_id{1};
}  // namespace

Romanizer::Romanizer(const Resources& res) : id_(next_romanizer_id++) {
  for (const std::string& code : res.Languages()) {
    auto rows = ReadTsv(res.root() / "lang" / code / "romanization.tsv", 2, 2);
    if (!rows.ok() || rows->empty()) continue;
    Transliteration t;
    for (auto& row : *rows) t.Add(utf8::FoldCase(row.cols[0]), row.cols[1]);
    tables_[code] = std::move(t);
  }
  UErrorCode err = U_ZERO_ERROR;
  any_latin_.reset(icu::Transliterator::createInstance("Any-Latin", UTRANS_FORWARD, err));
  if (U_FAILURE(err)) any_latin_.reset();
  err = U_ZERO_ERROR;
  to_ascii_.reset(icu::Transliterator::createInstance("Any-Latin; Latin-ASCII; Lower",
                                                      UTRANS_FORWARD, err));
  if (U_FAILURE(err)) to_ascii_.reset();
  std::filesystem::path key_file = res.root() / "data" / "name_key.tsv";
  auto rows = ReadTsv(key_file, 2, 3);
  if (!rows.ok()) {
    status_ = rows.status();
    return;
  }
  for (const TsvRow& row : *rows) {
    const std::string& phase = row.cols[0];
    KeyRule r;
    r.from = row.cols[1];
    r.to = row.cols.size() > 2 ? row.cols[2] : "";
    auto bad = [&](const std::string& what) {
      status_ = Status::Corruption(key_file.string() + ":" + std::to_string(row.line) + ": " +
                                   what);
      native_rules_.clear();
      latin_rules_.clear();
    };
    if (phase != "native" && phase != "latin") {
      bad("phase must be native or latin");
      return;
    }
    if (r.from == "=") {
      if (phase != "latin") {
        bad("'=' (collapse doubled letters) is a latin rule");
        return;
      }
      r.collapse = true;
      latin_rules_.push_back(std::move(r));
      continue;
    }
    if (r.from.starts_with('^')) r.word_start = true, r.from.erase(0, 1);
    if (r.from.ends_with('$')) r.word_end = true, r.from.pop_back();
    if (r.from.empty()) {
      bad("empty rule");
      return;
    }
    if (phase == "native") {
      r.from = utf8::FoldCase(r.from);
      r.to = utf8::FoldCase(r.to);
      native_rules_.push_back(std::move(r));
    } else {
      for (char c : r.from + r.to) {
        if (static_cast<unsigned char>(c) >= 0x80 || (c >= 'A' && c <= 'Z')) {
          bad("latin rules are written in lower-case ASCII");
          return;
        }
      }
      latin_rules_.push_back(std::move(r));
    }
  }
}

Romanizer::~Romanizer() = default;

namespace {

// ICU transliterators are not safe for concurrent use of one instance; they are cheap to
// clone, so each thread keeps its own copies.
std::string RunIcu(const icu::Transliterator* proto, std::string_view s) {
  if (!proto) return std::string(s);
  thread_local std::map<const icu::Transliterator*, std::unique_ptr<icu::Transliterator>> mine;
  auto& t = mine[proto];
  if (!t) t.reset(proto->clone());
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  t->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

// Re-applies the capitalisation of `original` word by word to the romanised `lower`.
std::string CapitaliseLike(std::string_view original, const std::string& lower) {
  std::string out;
  size_t i = 0;
  bool word_start = true;
  bool all_caps = utf8::IsAllCaps(original);
  // Capitalise the first letter of every word that starts upper case in the original.
  std::vector<bool> caps;
  {
    bool start = true;
    for (size_t k = 0; k < original.size();) {
      char32_t c = utf8::Next(original, &k);
      if (utf8::IsLetter(c)) {
        if (start) caps.push_back(utf8::IsUpper(c));
        start = false;
      } else {
        start = true;
      }
    }
  }
  size_t word = 0;
  while (i < lower.size()) {
    char32_t c = utf8::Next(lower, &i);
    if (utf8::IsLetter(c)) {
      bool up = all_caps || (word_start && word < caps.size() && caps[word]);
      if (up) {
        icu::UnicodeString u(static_cast<UChar32>(c));
        u.toUpper();
        std::string tmp;
        u.toUTF8String(tmp);
        out += tmp;
      } else {
        utf8::Append(c, &out);
      }
      if (word_start) ++word;
      word_start = false;
    } else {
      utf8::Append(c, &out);
      word_start = true;
    }
  }
  return out;
}

}  // namespace

std::string Romanizer::ToLatin(std::string_view name, const std::string& lang) const {
  bool has_non_latin = false;
  for (size_t i = 0; i < name.size();) {
    char32_t c = utf8::Next(name, &i);
    if (utf8::IsLetter(c) && utf8::ScriptOf(c) != utf8::Script::kLatin) has_non_latin = true;
  }
  if (!has_non_latin) return std::string(name);
  auto it = tables_.find(lang);
  if (it != tables_.end()) {
    return CapitaliseLike(name, it->second.Apply(utf8::FoldCase(name)));
  }
  return RunIcu(any_latin_.get(), name);
}

namespace {

// Every non-overlapping occurrence of `r.from` in `word`, left to right, replaced by `r.to`
// (only at the word's start or end when the rule is anchored there).
template <typename Rule>
void ApplyRule(const Rule& r, std::string* word) {
  if (r.collapse) {
    std::string out;
    for (char c : *word) {
      if (out.empty() || out.back() != c || !((c >= 'a' && c <= 'z'))) out.push_back(c);
    }
    word->swap(out);
    return;
  }
  if (r.word_start) {
    if (word->starts_with(r.from) && (!r.word_end || word->size() == r.from.size())) {
      word->replace(0, r.from.size(), r.to);
    }
    return;
  }
  if (r.word_end) {
    if (word->ends_with(r.from)) word->replace(word->size() - r.from.size(), r.from.size(), r.to);
    return;
  }
  if (word->find(r.from) == std::string::npos) return;
  std::string out;
  size_t i = 0;
  while (i < word->size()) {
    if (word->compare(i, r.from.size(), r.from) == 0) {
      out += r.to;
      i += r.from.size();
    } else {
      out.push_back((*word)[i++]);
    }
  }
  word->swap(out);
}

bool IsApostrophe(char32_t c) { return c == U'\'' || c == U'\u2019' || c == U'\u02BC'; }

}  // namespace

std::string Romanizer::NameKey(std::string_view name) const {
  // Each word's key depends on the word alone (and this Romanizer's rules); most of the cost is
  // the ICU transliteration, and names recur from article to article, so this thread keeps
  // the keys of the words it has seen (of one Romanizer at a time, at most kMemoWords).
  constexpr size_t kMemoWords = size_t{1} << 16;
  thread_local uint64_t memo_owner = 0;
  thread_local std::unordered_map<std::string, std::string> memo;
  if (memo_owner != id_ || memo.size() >= kMemoWords) {
    memo.clear();
    memo_owner = id_;
  }
  std::string key;
  std::string word_buffer;
  size_t i = 0;
  while (i < name.size()) {
    // The next word: letters, digits and apostrophes inside it.
    size_t start = i;
    size_t end = i;
    while (end < name.size()) {
      size_t k = end;
      char32_t c = utf8::Next(name, &k);
      bool letter = utf8::IsLetter(c), digit = utf8::IsDigit(c);
      if (!letter && !digit && !(IsApostrophe(c) && end > start)) break;
      end = k;
    }
    if (end == start) {  // a separator
      utf8::Next(name, &i);
      continue;
    }
    i = end;
    word_buffer.assign(name.substr(start, end - start));
    auto it = memo.find(word_buffer);
    if (it == memo.end()) it = memo.emplace(word_buffer, WordKey(word_buffer)).first;
    const std::string& kept = it->second;
    if (kept.empty()) continue;
    if (!key.empty()) key.push_back('-');
    key += kept;
  }
  return key;
}

std::string Romanizer::WordKey(std::string_view word) const {
  bool letters = false, lower = false, digits = false;
  int count = 0;
  for (size_t k = 0; k < word.size();) {
    char32_t c = utf8::Next(word, &k);
    bool letter = utf8::IsLetter(c), digit = utf8::IsDigit(c);
    if (letter) letters = true, ++count, lower |= !utf8::IsUpper(c);
    digits |= digit;
  }
  // Acronyms and Roman numerals (BBC, III) and words with digits are kept as romanised.
  bool plain = digits || (letters && !lower && count >= 2);
  std::string folded = utf8::FoldCase(word);
  if (!plain) {
    for (const KeyRule& r : native_rules_) ApplyRule(r, &folded);
  }
  bool is_ascii = true;
  for (char c : folded) is_ascii &= static_cast<unsigned char>(c) < 0x80;
  std::string ascii = is_ascii ? folded : RunIcu(to_ascii_.get(), folded);
  std::string w;
  for (char c : ascii) {
    unsigned char b = static_cast<unsigned char>(c);
    if ((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || c == '"' || c == '\'') {
      w.push_back(c);
    } else if (b >= 'A' && b <= 'Z') {
      w.push_back(static_cast<char>(b + 32));
    }
  }
  if (!plain) {
    for (const KeyRule& r : latin_rules_) ApplyRule(r, &w);
  }
  std::string kept;
  for (char c : w) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) kept.push_back(c);
  }
  return kept;
}

std::string Romanizer::Key(std::string_view name) const {
  std::string ascii = RunIcu(to_ascii_.get(), name);
  std::string key;
  bool dash = false;
  for (char c : ascii) {
    unsigned char b = static_cast<unsigned char>(c);
    if ((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')) {
      if (dash && !key.empty()) key.push_back('-');
      key.push_back(c);
      dash = false;
    } else if (b >= 'A' && b <= 'Z') {
      if (dash && !key.empty()) key.push_back('-');
      key.push_back(static_cast<char>(b + 32));
      dash = false;
    } else if (c == '\'' || c == '"' || b >= 0x80) {
      // ICU marks for hard and soft signs and apostrophes vanish inside a word.
    } else {
      dash = true;
    }
  }
  // Fold spellings that differ only by common romanisation variants.
  std::string out;
  for (size_t i = 0; i < key.size(); ++i) {
    if (key.compare(i, 2, "dj") == 0) {
      out += 'd';
      ++i;
    } else {
      out += key[i];
    }
  }
  return out;
}

}  // namespace vestnik::entities
