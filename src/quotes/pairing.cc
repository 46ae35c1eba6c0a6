#include "quotes/pairing.h"

#include <algorithm>
#include <string_view>

namespace vestnik::quotes {
namespace {

enum Mark : uint8_t {
  kNone, kLowDouble, kLeftDouble, kRightDouble, kLeftGuillemet, kRightGuillemet, kLowSingle,
  kLeftSingle, kRightSingle, kStraightDouble, kStraightSingle, kLeftAngle, kRightAngle,
  kDoubleApostrophe
};

Mark Classify(std::string_view t) {
  if (t == "„") return kLowDouble;
  if (t == "“") return kLeftDouble;
  if (t == "”") return kRightDouble;
  if (t == "«") return kLeftGuillemet;
  if (t == "»") return kRightGuillemet;
  if (t == "‚") return kLowSingle;
  if (t == "‘") return kLeftSingle;
  if (t == "’") return kRightSingle;
  if (t == "\"") return kStraightDouble;
  // Two apostrophes stand for a double mark in plain-text archives (''…''); they pair only
  // with each other.
  if (t == "''") return kDoubleApostrophe;
  if (t == "'") return kStraightSingle;
  if (t == "‹") return kLeftAngle;
  if (t == "›") return kRightAngle;
  return kNone;
}

// Whether `close` can close a quotation opened by `open`.
bool Closes(Mark open, Mark close) {
  switch (open) {
    // Writers mix double marks („…" "…“ "…”): any double closer closes any double opener.
    case kLowDouble: return close == kLeftDouble || close == kRightDouble || close == kStraightDouble;
    case kLeftDouble: return close == kRightDouble || close == kLeftDouble || close == kStraightDouble;
    case kLeftGuillemet: return close == kRightGuillemet;
    case kRightGuillemet: return close == kLeftGuillemet;
    case kLowSingle: return close == kLeftSingle || close == kRightSingle;
    case kLeftSingle: return close == kRightSingle;
    case kStraightDouble:
      return close == kStraightDouble || close == kRightDouble || close == kLeftDouble;
    case kStraightSingle: return close == kStraightSingle;
    case kDoubleApostrophe: return close == kDoubleApostrophe;
    case kLeftAngle: return close == kRightAngle;
    case kRightAngle: return close == kLeftAngle;
    default: return false;
  }
}

struct Open {
  uint32_t token;
  Mark mark;
  // The first quotation nested in this one whose closing mark ends a clause: where this one
  // ends too if it is never closed („… „България ер”, заяви …: one mark closes both).
  uint32_t shared_close = 0;
  bool opens_sentence = false;  // first in its paragraph, or after a sentence's final mark
};

// Marks still open at the end of a paragraph: each that holds a nested quotation closing at
// a clause's end shares that closing mark; the others are unbalanced and dropped. Returns
// whether any did (the depths of the quotations after it are then recomputed).
bool CloseShared(const std::vector<Open>& stack, std::vector<MarkPair>* pairs) {
  bool any = false;
  for (size_t k = 0; k < stack.size(); ++k) {
    if (stack[k].shared_close) {
      pairs->push_back({stack[k].token, stack[k].shared_close, static_cast<int>(k)});
      any = true;
    }
  }
  return any;
}

// Depth as the number of pairs that enclose each one (pairs sorted by opening mark; a
// shared closing mark encloses).
void RecomputeDepths(std::vector<MarkPair>* pairs) {
  std::vector<uint32_t> closes;
  for (MarkPair& p : *pairs) {
    while (!closes.empty() && closes.back() < p.close) closes.pop_back();
    p.depth = static_cast<int>(closes.size());
    closes.push_back(p.close);
  }
}

}  // namespace

std::vector<MarkPair> PairQuotationMarks(const Document& doc) {
  std::vector<MarkPair> pairs;
  std::vector<Open> stack;
  bool shared = false;  // a closing mark ends two quotations
  const auto& toks = doc.tokens;
  const uint32_t n = static_cast<uint32_t>(toks.size());
  constexpr size_t kLookBack = 4;
  for (uint32_t i = 0; i < n; ++i) {
    const Token& t = toks[i];
    if (t.paragraph_before && !stack.empty()) {
      // A new paragraph that reopens the same quotation continues it; otherwise marks still
      // open are unbalanced and forgotten.
      Mark m = t.kind == TokenKind::kPunct ? Classify(doc.NormText(t)) : kNone;
      bool continues = m != kNone && stack.size() == 1 && stack.back().mark == m &&
                       !stack.back().shared_close &&
                       (m == kLeftDouble || m == kLowDouble || m == kLeftGuillemet ||
                        m == kStraightDouble);
      if (continues) continue;
      shared |= CloseShared(stack, &pairs);
      stack.clear();
    }
    if (t.kind != TokenKind::kPunct) continue;
    Mark m = Classify(doc.NormText(t));
    if (m == kNone) continue;
    bool space_before = t.space_before || i == 0;
    bool space_after = i + 1 >= n || toks[i + 1].space_before;
    bool word_after = i + 1 < n && !space_after && toks[i + 1].kind != TokenKind::kPunct;
    bool word_before = i > 0 && !space_before && toks[i - 1].kind != TokenKind::kPunct;
    // Straight and English marks are read by their context.
    bool can_open = true, can_close = true;
    switch (m) {
      case kStraightDouble:
      case kStraightSingle:
      case kDoubleApostrophe:
      case kLeftDouble:
        can_open = space_before || !word_before;
        // (A space may stand before a closer that punctuation follows: `… рано ", — написала`.)
        can_close = !space_before || space_after ||
                    (i + 1 < n && toks[i + 1].kind == TokenKind::kPunct &&
                     Classify(doc.NormText(toks[i + 1])) == kNone);
        if (m == kStraightSingle && word_before && word_after) can_open = can_close = false;
        break;
      case kLeftSingle:  // opens ‘…’ (English) and closes ‚…‘ (German, Bulgarian)
        can_open = space_before || !word_before;
        can_close = !space_before && !word_after;
        break;
      case kLowDouble: case kLeftGuillemet: case kLowSingle: case kLeftAngle:
        can_close = false;
        break;
      case kRightDouble: case kRightSingle: case kRightAngle:
        can_open = false;
        if (m == kRightSingle && word_before && word_after) can_close = false;  // apostrophe
        break;
      case kRightGuillemet:
        can_open = !word_before;
        break;
      default:
        break;
    }
    if (m == kLeftGuillemet) can_close = !word_after || word_before;
    bool paired = false;
    if (can_close) {
      size_t limit = stack.size() > kLookBack ? stack.size() - kLookBack : 0;
      for (size_t k = stack.size(); k > limit; --k) {
        if (Closes(stack[k - 1].mark, m)) {
          pairs.push_back({stack[k - 1].token, i, static_cast<int>(k - 1)});
          stack.resize(k - 1);
          // Only for a quotation that opens its sentence and a closing mark followed by a
          // comma (its frame: „… „България ер”, заяви …); elsewhere an opener left open is
          // more often a typing slip than a shared mark.
          bool frame_follows = i + 1 < n && !toks[i + 1].paragraph_before &&
                               doc.NormText(toks[i + 1]) == ",";
          // And near the opener: the length of a quotation of a sentence or two.
          constexpr uint32_t kSharedReach = 40;
          if (!stack.empty() && !stack.back().shared_close && frame_follows &&
              stack.back().opens_sentence && i < stack.back().token + kSharedReach &&
              Closes(stack.back().mark, m)) {
            stack.back().shared_close = i;
          }
          paired = true;
          break;
        }
      }
    }
    if (!paired && can_open) {
      bool opens_sentence = i == 0 || t.paragraph_before;
      if (!opens_sentence) {
        std::string_view prev = doc.NormText(toks[i - 1]);
        opens_sentence = prev == "." || prev == "!" || prev == "?" || prev == "…";
      }
      stack.push_back({i, m, 0, opens_sentence});
    }
  }
  shared |= CloseShared(stack, &pairs);
  std::sort(pairs.begin(), pairs.end(),
            [](const MarkPair& a, const MarkPair& b) { return a.open < b.open; });
  if (shared) RecomputeDepths(&pairs);
  return pairs;
}

}  // namespace vestnik::quotes
