#include "entities/romanize.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <mutex>

#include "core/utf8.h"

namespace vestnik::entities {

Romanizer::Romanizer(const Resources& res) {
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
