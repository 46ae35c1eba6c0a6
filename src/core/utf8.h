// UTF-8 utilities shared by every stage.
//
// Reads: byte strings. Adds: validation with repair, code-point iteration, case folding,
// script classification. Guarantees: every function is total (never reads out of bounds,
// whatever the bytes); invalid sequences decode as U+FFFD and advance by at least one byte.
#ifndef VESTNIK_CORE_UTF8_H_
#define VESTNIK_CORE_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace vestnik::utf8 {

constexpr char32_t kReplacement = 0xFFFD;

namespace internal {
char32_t NextMultiByte(std::string_view s, size_t* pos);  // Next for a lead byte >= 0x80
// Classes of the code points below kClassTableEnd (ASCII, Latin, IPA, Greek, Cyrillic), built
// once from ICU (utf8.cc); beyond it, ICU per call.
inline constexpr char32_t kClassTableEnd = 0x0530;
enum : uint8_t { kLetterBit = 1, kUpperBit = 2, kDigitBit = 4, kSpaceBit = 8 };
const uint8_t* BuildClassTable();
inline const uint8_t* ClassTable() {
  static const uint8_t* const table = BuildClassTable();
  return table;
}
bool IsLetterBeyondTable(char32_t c);
bool IsUpperBeyondTable(char32_t c);
bool IsDigitBeyondTable(char32_t c);
bool IsSpaceBeyondTable(char32_t c);
inline bool IsLetterNonAscii(char32_t c) {
  return c < kClassTableEnd ? ClassTable()[c] & kLetterBit : IsLetterBeyondTable(c);
}
inline bool IsUpperNonAscii(char32_t c) {
  return c < kClassTableEnd ? ClassTable()[c] & kUpperBit : IsUpperBeyondTable(c);
}
inline bool IsDigitNonAscii(char32_t c) {
  return c < kClassTableEnd ? ClassTable()[c] & kDigitBit : IsDigitBeyondTable(c);
}
inline bool IsSpaceNonAscii(char32_t c) {
  return c < kClassTableEnd ? ClassTable()[c] & kSpaceBit : IsSpaceBeyondTable(c);
}
}  // namespace internal

// Decodes the code point at s[*pos] and advances *pos past it (by one byte on invalid input,
// returning kReplacement). Requires *pos < s.size(). ASCII and valid two-byte sequences
// (Latin, Greek, Cyrillic letters) are decoded inline.
inline char32_t Next(std::string_view s, size_t* pos) {
  const unsigned char b = static_cast<unsigned char>(s[*pos]);
  if (b < 0x80) {
    ++*pos;
    return b;
  }
  if (b >= 0xC2 && b <= 0xDF && *pos + 1 < s.size()) {
    const unsigned char b1 = static_cast<unsigned char>(s[*pos + 1]);
    if ((b1 & 0xC0) == 0x80) {
      *pos += 2;
      return (static_cast<char32_t>(b & 0x1F) << 6) | (b1 & 0x3F);
    }
  }
  return internal::NextMultiByte(s, pos);
}

// Decodes the code point that ends at s[pos) and returns its start offset in *start.
char32_t Prev(std::string_view s, size_t pos, size_t* start);

void Append(char32_t c, std::string* out);

// Returns true when s is valid UTF-8 (no overlongs, surrogates or values past U+10FFFF).
bool IsValid(std::string_view s);

// Returns s with every invalid sequence replaced by U+FFFD; *repaired counts replacements.
std::string Repair(std::string_view s, size_t* repaired);

// Simple (per code point) Unicode case folding: "Вучич" and "ВУЧИЧ" fold alike.
std::string FoldCase(std::string_view s);
void AppendFolded(std::string_view s, std::string* out);

enum class Script : uint8_t { kOther, kLatin, kCyrillic, kGreek, kArabic, kHebrew, kHan, kCommon };
Script ScriptOf(char32_t c);
const char* ScriptCode(Script s);  // ISO 15924: "Latn", "Cyrl", "Grek", ...

// Character classes (ASCII inline; below U+0530 from tables; beyond, ICU).
inline bool IsLetter(char32_t c) {
  return c < 0x80 ? ((c | 32) >= 'a' && (c | 32) <= 'z') : internal::IsLetterNonAscii(c);
}
inline bool IsUpper(char32_t c) {
  return c < 0x80 ? (c >= 'A' && c <= 'Z') : internal::IsUpperNonAscii(c);
}
inline bool IsDigit(char32_t c) {
  return c < 0x80 ? (c >= '0' && c <= '9') : internal::IsDigitNonAscii(c);
}
// Unicode white space, including no-break spaces.
inline bool IsSpace(char32_t c) {
  return c < 0x80 ? (c == ' ' || (c >= 0x09 && c <= 0x0D)) : internal::IsSpaceNonAscii(c);
}
bool IsEmoji(char32_t c);

// True when the first letter of s is upper case.
bool StartsUpper(std::string_view s);
// True when s has at least two letters and all of them are upper case ("НАТО", "EU").
bool IsAllCaps(std::string_view s);
// The number of letters in s.
size_t LetterCount(std::string_view s);

}  // namespace vestnik::utf8

#endif  // VESTNIK_CORE_UTF8_H_
