// Dates mentioned in the text, normalised against the article's date.
//
// Reads: tokens, the article date, the language's months, relative-day words and year
// markers. Adds: Document::dates with values "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a list for
// coordinated months: "май и септември 2023 г." → 2023-05, 2023-09).
// Guarantees: values are valid calendar dates; a relative word ("днес", "yesterday") is
// resolved only when the article has a date, at the article date's precision.
#ifndef VESTNIK_DATES_DATES_H_
#define VESTNIK_DATES_DATES_H_

#include <string>

#include "core/document.h"
#include "core/resources.h"

namespace vestnik::dates {

// Reads the quotes too: a quotation in another language is read with that language's words.
void Annotate(const Resources& res, Document* doc);

// Shifts an ISO date by `days`, keeping its precision; month precision shifts only by whole
// days when the day is known, so "2024-08" stays "2024-08".
std::string ShiftDate(const std::string& iso, int days);

}  // namespace vestnik::dates

#endif  // VESTNIK_DATES_DATES_H_
