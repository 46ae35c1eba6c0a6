// Tokens and sentences.
//
// Reads: Document::norm_text, norm_map and the language's abbreviations.
// Adds: Document::tokens (with case-folded forms in fold_text) and Document::sentences.
// Guarantees: tokens are in order, do not overlap and cover every non-space character;
// sentences partition the tokens; every span maps to body offsets at code-point boundaries.
// URLs, e-mail addresses, @handles, #hashtags, numbers and dates (29.03.2019), abbreviations
// and initials ("т.е.", "U.S.", "Б."), ordinals where the language writes them with a dot
// ("16.", "3. Oktober", "14. 10. 2024"), decimal numbers glued to a unit ("1.2bn") and emoji
// (flags too) are single tokens; an abbreviation listed with a space ("z. B.") is two tokens that
// a sentence never ends between. Clitics the language lists (settings `clitics`: en "'s",
// "n't") are split from their word ("Johnson" "’s", "do" "n't"). A line break lost in scraping
// (a lower-case word of five letters or more run into a capitalised one: "заразатаОт") is
// restored: the capital's word opens a paragraph. Linear in the text size.
#ifndef VESTNIK_TEXT_SEGMENT_H_
#define VESTNIK_TEXT_SEGMENT_H_

#include "core/document.h"
#include "core/resources.h"

namespace vestnik::text {

void Tokenize(const LangResources& lr, Document* doc);
void SplitSentences(const LangResources& lr, Document* doc);

// True for characters that open or close quotations (all styles).
bool IsQuoteMark(char32_t c);

}  // namespace vestnik::text

#endif  // VESTNIK_TEXT_SEGMENT_H_
