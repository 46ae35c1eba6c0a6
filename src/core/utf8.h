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
bool IsLetterNonAscii(char32_t c);
bool IsUpperNonAscii(char32_t c);
bool IsDigitNonAscii(char32_t c);
bool IsSpaceNonAscii(char32_t c);
}  // namespace internal

// Decodes the code point at s[*pos] and advances *pos past it (by one byte on invalid input,
// returning kReplacement). Requires *pos < s.size(). ASCII is decoded inline.
inline char32_t Next(std::string_view s, size_t* pos) {
  const unsigned char b = static_cast<unsigned char>(s[*pos]);
  if (b < 0x80) {
    ++*pos;
    return b;
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
