#include "core/utf8.h"

#include <algorithm>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

namespace vestnik::utf8 {

namespace internal {

char32_t NextMultiByte(std::string_view s, size_t* pos) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t i = *pos, n = s.size();
  unsigned char b0 = p[i];
  int len;
  char32_t c, min;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2, c = b0 & 0x1F, min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3, c = b0 & 0x0F, min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4, c = b0 & 0x07, min = 0x10000;
  } else {
    *pos = i + 1;
    return kReplacement;
  }
  if (i + len > n) {
    *pos = i + 1;
    return kReplacement;
  }
  for (int k = 1; k < len; ++k) {
    unsigned char b = p[i + k];
    if ((b & 0xC0) != 0x80) {
      *pos = i + 1;
      return kReplacement;
    }
    c = (c << 6) | (b & 0x3F);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
    *pos = i + 1;
    return kReplacement;
  }
  *pos = i + len;
  return c;
}

}  // namespace internal

char32_t Prev(std::string_view s, size_t pos, size_t* start) {
  if (pos == 0 || pos > s.size()) {
    *start = std::min(pos, s.size());
    return kReplacement;
  }
  size_t i = pos;
  int back = 0;
  while (i > 0 && back < 4) {
    --i;
    ++back;
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) break;
  }
  size_t q = i;
  char32_t c = Next(s, &q);
  if (q != pos) {  // invalid: step back one byte only
    *start = pos - 1;
    return kReplacement;
  }
  *start = i;
  return c;
}

void Append(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

bool IsValid(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t before = i;
    char32_t c = Next(s, &i);
    if (c == kReplacement && i == before + 1) return false;
  }
  return true;
}

std::string Repair(std::string_view s, size_t* repaired) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0, count = 0;
  while (i < s.size()) {
    size_t before = i;
    char32_t c = Next(s, &i);
    if (c == kReplacement && i == before + 1) {
      ++count;
      Append(kReplacement, &out);
    } else {
      out.append(s.substr(before, i - before));
    }
  }
  if (repaired) *repaired = count;
  return out;
}

namespace {

// Character classes and simple case folding of the code points below kTableEnd (ASCII, Latin,
// IPA, Greek, Cyrillic: nearly every letter of our languages), computed once from ICU by the
// same calls as the general case, so that a table lookup and ICU always agree.
using internal::kDigitBit;
using internal::kLetterBit;
using internal::kSpaceBit;
using internal::kUpperBit;
constexpr char32_t kTableEnd = internal::kClassTableEnd;

bool IsLetterIcu(char32_t c) {
  return u_isalpha(static_cast<UChar32>(c)) || u_getCombiningClass(static_cast<UChar32>(c)) != 0 ||
         u_charType(static_cast<UChar32>(c)) == U_NON_SPACING_MARK;
}
bool IsUpperIcu(char32_t c) {
  return u_isupper(static_cast<UChar32>(c)) || u_istitle(static_cast<UChar32>(c));
}
bool IsSpaceIcu(char32_t c) {
  return u_isUWhiteSpace(static_cast<UChar32>(c)) || c == 0xA0 || c == 0x202F || c == 0x2007;
}
char32_t FoldIcu(char32_t c) {
  return static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT));
}

struct Tables {
  uint8_t flags[kTableEnd];
  char32_t fold[kTableEnd];
  Tables() {
    for (char32_t c = 0; c < kTableEnd; ++c) {
      flags[c] = (IsLetterIcu(c) ? kLetterBit : 0) | (IsUpperIcu(c) ? kUpperBit : 0) |
                 (u_isdigit(static_cast<UChar32>(c)) ? kDigitBit : 0) |
                 (IsSpaceIcu(c) ? kSpaceBit : 0);
      fold[c] = FoldIcu(c);
    }
  }
};

const Tables& Table() {
  static const Tables tables;
  return tables;
}

}  // namespace

void AppendFolded(std::string_view s, std::string* out) {
  const Tables& t = Table();
  // Written through a pointer into room for the longest result (simple folding never takes
  // more than 3 bytes per byte: a 1-byte sign folds to 1 byte, a 2-byte one to at most 3),
  // then trimmed; ASCII and the two-byte signs of the table are decoded here.
  const size_t at = out->size();
  out->resize(at + 3 * s.size());
  char* const begin = out->data() + at;
  char* o = begin;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    const unsigned char b = p[i];
    if (b < 0x80) {
      *o++ = static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b);
      ++i;
      continue;
    }
    char32_t c;
    if (b >= 0xC2 && b <= 0xDF && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
      c = (static_cast<char32_t>(b & 0x1F) << 6) | (p[i + 1] & 0x3F);
      i += 2;
    } else {
      c = Next(s, &i);
    }
    const char32_t f = c < kTableEnd ? t.fold[c] : FoldIcu(c);
    if (f < 0x80) {
      *o++ = static_cast<char>(f);
    } else if (f < 0x800) {
      *o++ = static_cast<char>(0xC0 | (f >> 6));
      *o++ = static_cast<char>(0x80 | (f & 0x3F));
    } else if (f < 0x10000) {
      *o++ = static_cast<char>(0xE0 | (f >> 12));
      *o++ = static_cast<char>(0x80 | ((f >> 6) & 0x3F));
      *o++ = static_cast<char>(0x80 | (f & 0x3F));
    } else {
      *o++ = static_cast<char>(0xF0 | (f >> 18));
      *o++ = static_cast<char>(0x80 | ((f >> 12) & 0x3F));
      *o++ = static_cast<char>(0x80 | ((f >> 6) & 0x3F));
      *o++ = static_cast<char>(0x80 | (f & 0x3F));
    }
  }
  out->resize(at + static_cast<size_t>(o - begin));
}

std::string FoldCase(std::string_view s) {
  std::string out;
  AppendFolded(s, &out);
  return out;
}

Script ScriptOf(char32_t c) {
  if (c < 0x80) {
    if ((c | 32) >= 'a' && (c | 32) <= 'z') return Script::kLatin;
    return Script::kCommon;
  }
  if (c >= 0x0400 && c <= 0x052F) return Script::kCyrillic;
  if (c >= 0x00C0 && c <= 0x024F && c != 0xD7 && c != 0xF7) return Script::kLatin;
  UErrorCode err = U_ZERO_ERROR;
  UScriptCode sc = uscript_getScript(static_cast<UChar32>(c), &err);
  switch (sc) {
    case USCRIPT_LATIN: return Script::kLatin;
    case USCRIPT_CYRILLIC: return Script::kCyrillic;
    case USCRIPT_GREEK: return Script::kGreek;
    case USCRIPT_ARABIC: return Script::kArabic;
    case USCRIPT_HEBREW: return Script::kHebrew;
    case USCRIPT_HAN: return Script::kHan;
    case USCRIPT_COMMON:
    case USCRIPT_INHERITED: return Script::kCommon;
    default: return Script::kOther;
  }
}

const char* ScriptCode(Script s) {
  switch (s) {
    case Script::kLatin: return "Latn";
    case Script::kCyrillic: return "Cyrl";
    case Script::kGreek: return "Grek";
    case Script::kArabic: return "Arab";
    case Script::kHebrew: return "Hebr";
    case Script::kHan: return "Hani";
    case Script::kCommon: return "Zyyy";
    case Script::kOther: return "Zzzz";
  }
  return "Zzzz";
}

namespace internal {

const uint8_t* BuildClassTable() { return Table().flags; }
bool IsLetterBeyondTable(char32_t c) { return IsLetterIcu(c); }
bool IsUpperBeyondTable(char32_t c) { return IsUpperIcu(c); }
bool IsDigitBeyondTable(char32_t c) { return u_isdigit(static_cast<UChar32>(c)); }
bool IsSpaceBeyondTable(char32_t c) { return IsSpaceIcu(c); }

}  // namespace internal
bool IsEmoji(char32_t c) {
  return c >= 0x80 && u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_EXTENDED_PICTOGRAPHIC);
}

bool StartsUpper(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    char32_t c = Next(s, &i);
    if (IsLetter(c)) return IsUpper(c);
  }
  return false;
}

bool IsAllCaps(std::string_view s) {
  size_t i = 0;
  int letters = 0;
  while (i < s.size()) {
    char32_t c = Next(s, &i);
    if (!IsLetter(c)) continue;
    if (!IsUpper(c)) return false;
    ++letters;
  }
  return letters >= 2;
}

size_t LetterCount(std::string_view s) {
  size_t n = 0;
  for (size_t k = 0; k < s.size();) n += IsLetter(Next(s, &k));
  return n;
}

}  // namespace vestnik::utf8
