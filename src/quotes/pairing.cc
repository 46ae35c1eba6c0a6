#include "quotes/pairing.h"

#include <algorithm>
#include <string_view>

namespace vestnik::quotes {
namespace {

enum Mark : uint8_t {
  kNone, kLowDouble, kLeftDouble, kRightDouble, kLeftGuillemet, kRightGuillemet, kLowSingle,
  kLeftSingle, kRightSingle, kStraightDouble, kStraightSingle, kLeftAngle, kRightAngle
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
    case kLeftAngle: return close == kRightAngle;
    case kRightAngle: return close == kLeftAngle;
    default: return false;
  }
}

struct Open {
  uint32_t token;
  Mark mark;
};

}  // namespace

std::vector<MarkPair> PairQuotationMarks(const Document& doc) {
  std::vector<MarkPair> pairs;
  std::vector<Open> stack;
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
                       (m == kLeftDouble || m == kLowDouble || m == kLeftGuillemet ||
                        m == kStraightDouble);
      if (continues) continue;
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
      case kLeftDouble:
        can_open = space_before || !word_before;
        can_close = !space_before || space_after;
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
          paired = true;
          break;
        }
      }
    }
    if (!paired && can_open) stack.push_back({i, m});
  }
  std::sort(pairs.begin(), pairs.end(),
            [](const MarkPair& a, const MarkPair& b) { return a.open < b.open; });
  return pairs;
}

}  // namespace vestnik::quotes
