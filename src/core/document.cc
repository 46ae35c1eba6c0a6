#include "core/document.h"

#include <algorithm>

namespace vestnik {

void OffsetMap::Add(uint32_t norm_start, uint32_t norm_len, uint32_t orig_start, uint32_t orig_end,
                    bool copy) {
  if (copy && !pieces_.empty()) {
    Piece& last = pieces_.back();
    if (last.copy && last.norm_start + last.norm_len == norm_start && last.orig_end == orig_start) {
      last.norm_len += norm_len;
      last.orig_end = orig_end;
      return;
    }
  }
  pieces_.push_back({norm_start, norm_len, orig_start, orig_end, copy});
}

const OffsetMap::Piece* OffsetMap::Find(uint32_t n) const {
  // The last piece whose norm_start <= n.
  auto it = std::upper_bound(pieces_.begin(), pieces_.end(), n,
                             [](uint32_t v, const Piece& p) { return v < p.norm_start; });
  if (it == pieces_.begin()) return nullptr;
  return &*(it - 1);
}

uint32_t OffsetMap::ToOriginalStart(uint32_t n) const {
  if (pieces_.empty()) return n;
  const Piece* p = Find(n);
  if (!p) return 0;
  if (n >= p->norm_start + p->norm_len) return p->orig_end;
  if (p->copy) return p->orig_start + (n - p->norm_start);
  return p->orig_start;
}

uint32_t OffsetMap::ToOriginalEnd(uint32_t n) const {
  if (pieces_.empty()) return n;
  if (n == 0) return ToOriginalStart(0);
  const Piece* p = Find(n - 1);
  if (!p) return 0;
  if (p->copy) return p->orig_start + (n - p->norm_start);
  return p->orig_end;
}

const char* EntityTypeName(EntityType t) {
  switch (t) {
    case EntityType::kPer: return "PER";
    case EntityType::kOrg: return "ORG";
    case EntityType::kLoc: return "LOC";
    case EntityType::kEvt: return "EVT";
    case EntityType::kPro: return "PRO";
  }
  return "PER";
}

std::optional<EntityType> ParseEntityType(std::string_view s) {
  if (s == "PER") return EntityType::kPer;
  if (s == "ORG") return EntityType::kOrg;
  if (s == "LOC" || s == "GPE") return EntityType::kLoc;
  if (s == "EVT") return EntityType::kEvt;
  if (s == "PRO") return EntityType::kPro;
  return std::nullopt;
}

const char* QuoteKindName(QuoteKind k) {
  switch (k) {
    case QuoteKind::kDirect: return "direct";
    case QuoteKind::kIndirect: return "indirect";
    case QuoteKind::kMixed: return "mixed";
    case QuoteKind::kEmbeddedPost: return "embedded_post";
  }
  return "direct";
}

uint32_t Document::TokenAt(uint32_t offset) const {
  auto it = std::lower_bound(tokens.begin(), tokens.end(), offset,
                             [](const Token& t, uint32_t v) { return t.span.start < v; });
  return static_cast<uint32_t>(it - tokens.begin());
}

uint32_t Document::SentenceOf(uint32_t t) const {
  auto it = std::upper_bound(sentences.begin(), sentences.end(), t,
                             [](uint32_t v, const Sentence& s) { return v < s.first_token; });
  if (it == sentences.begin()) return 0;
  return static_cast<uint32_t>(it - sentences.begin() - 1);
}

}  // namespace vestnik
