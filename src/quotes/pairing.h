// Quotation-mark pairing.
//
// Reads: Document::tokens (punctuation tokens that are quotation marks) and sentences.
// Adds: the pairs of opening and closing marks, outermost first, as token indexes.
// Guarantees: linear in the number of tokens whatever the marks (a bounded look-back on the
// stack); handles „…“ “…” "…" «…» »…« ‚…‘ ‘…’ '…' and ''…'' (which pairs only with itself), nesting, one closing mark for a quotation
// and the one nested at its end („… „България ер”, заяви …: both pairs end on that mark),
// unbalanced marks (dropped at the end of their paragraph) and quotations that run over paragraphs in the English manner (each
// paragraph reopens the quotation and only the last one closes it).
#ifndef VESTNIK_QUOTES_PAIRING_H_
#define VESTNIK_QUOTES_PAIRING_H_

#include <cstdint>
#include <vector>

#include "core/document.h"

namespace vestnik::quotes {

struct MarkPair {
  uint32_t open;   // token index of the opening mark
  uint32_t close;  // token index of the closing mark
  int depth;       // 0 for outermost
};

std::vector<MarkPair> PairQuotationMarks(const Document& doc);

}  // namespace vestnik::quotes

#endif  // VESTNIK_QUOTES_PAIRING_H_
