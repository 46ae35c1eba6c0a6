// Normalisation: a cleaned copy of the body for matching, with a map back to the body.
//
// Reads: Document::body (valid UTF-8). Adds: Document::norm_text and Document::norm_map.
// Guarantees: every normalised offset maps back to a body offset (OffsetMap); the body itself
// is never changed. What it does: NFC; no-break and other spaces → ' '; soft hyphens, zero-width
// and bidi controls (but a joiner inside an emoji sequence) and Cyrillic stress accents removed;
// dash and quotation-mark variants folded (keeping opening and closing marks distinct; ",," and
// the "''" that closes it, typed for „ and ", become those); HTML entities left in text decoded; homoglyphs inside
// words (Latin letters in a Cyrillic word and the reverse) put in the word's script, and a word in
// capitals made only of look-alikes beside a capitalised word of the other script ("БИРАЧКО
// MECTO") put in that script.
#ifndef VESTNIK_TEXT_NORMALIZE_H_
#define VESTNIK_TEXT_NORMALIZE_H_

#include <string>
#include <string_view>

#include "core/document.h"

namespace vestnik::text {

// Normalises `body` into *out and records the offsets in *map. Thread-safe.
void Normalize(std::string_view body, std::string* out, OffsetMap* map);

// Whether Normalize deletes `c`: the invisible format characters (soft hyphen, zero-width
// spaces and joiners, directional marks and isolates, byte-order mark) and a stray diaeresis.
bool IsDeleted(char32_t c);

// The Cyrillic or Latin look-alike of `c` (Latin "X" ↔ Cyrillic "Х"), or 0 when it has none.
char32_t HomoglyphCounterpart(char32_t c);

// A script-neutral key for look-alike spellings: every Cyrillic letter with a Latin look-alike
// becomes that Latin letter, then the result is case-folded ("Х" and "x" share a key).
std::string SkeletonKey(std::string_view s);

}  // namespace vestnik::text

#endif  // VESTNIK_TEXT_NORMALIZE_H_
