// The document model: one article and every annotation the pipeline adds to it.
//
// Reads: an article from a reader in src/ingest. Adds: nothing by itself; each stage fills its
// own fields, in pipeline order (text → entities → quotes → dates).
// Guarantees: every Span is a pair of UTF-8 byte offsets into `body` (end exclusive), at
// code-point boundaries; `body` is valid UTF-8 (readers repair it) and never changes after
// ingest. Stages that work on normalised text keep a map back (OffsetMap).
#ifndef VESTNIK_CORE_DOCUMENT_H_
#define VESTNIK_CORE_DOCUMENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vestnik {

struct Span {
  uint32_t start = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - start; }
  bool empty() const { return end <= start; }
  bool Contains(const Span& o) const { return start <= o.start && o.end <= end; }
  bool Overlaps(const Span& o) const { return start < o.end && o.start < end; }
  friend bool operator==(const Span&, const Span&) = default;
};

// Maps offsets in a normalised text back to the original body. The normalised text is built
// from pieces: a piece either copies original bytes unchanged (offsets inside it map one to
// one) or replaces an original range (its inner offsets map to that range's ends).
class OffsetMap {
 public:
  // Records that normalised bytes [norm_start, norm_start+norm_len) came from original bytes
  // [orig_start, orig_end); `copy` when they are the same bytes. Pieces arrive in order.
  void Add(uint32_t norm_start, uint32_t norm_len, uint32_t orig_start, uint32_t orig_end, bool copy);
  // Original offset of the character that starts at normalised offset `n`.
  uint32_t ToOriginalStart(uint32_t n) const;
  // Original offset just past the character that ends at normalised offset `n`.
  uint32_t ToOriginalEnd(uint32_t n) const;
  Span ToOriginal(Span n) const { return {ToOriginalStart(n.start), ToOriginalEnd(n.end)}; }
  bool identity() const { return pieces_.empty(); }

 private:
  struct Piece {
    uint32_t norm_start, norm_len, orig_start, orig_end;
    bool copy;
  };
  const Piece* Find(uint32_t n) const;
  std::vector<Piece> pieces_;  // empty: the identity map
};

enum class TokenKind : uint8_t {
  kWord, kNumber, kPunct, kUrl, kEmail, kHandle, kHashtag, kEmoji, kSymbol
};

struct Token {
  Span span;   // in body
  Span norm;   // in Document::norm_text
  Span fold;   // in Document::fold_text: the case-folded normalised form
  TokenKind kind = TokenKind::kWord;
  bool space_before = false;  // white space precedes the token
  bool newline_before = false;
  bool paragraph_before = false;  // an empty line precedes the token
  bool upper = false;             // first letter upper case
};

struct Sentence {
  Span span;  // in body
  uint32_t first_token = 0, end_token = 0;
  uint32_t paragraph = 0;
};

enum class EntityType : uint8_t { kPer, kOrg, kLoc, kEvt, kPro };
const char* EntityTypeName(EntityType t);
std::optional<EntityType> ParseEntityType(std::string_view s);

struct Mention {
  Span span;  // in body
  uint32_t first_token = 0, end_token = 0;
  std::string text;   // body bytes of span
  std::string lemma;  // nominative form
  EntityType type = EntityType::kPer;
  int entity = -1;    // index into Document::entities
};

struct Entity {
  std::string id;     // the same for the same referent across documents, languages, scripts
  EntityType type = EntityType::kPer;
  std::string name;   // canonical nominative name in the document's script
  std::string latin;  // romanised canonical name
  std::vector<uint32_t> mentions;  // indexes into Document::mentions
  bool known = false;              // found in the knowledge base
};

enum class QuoteKind : uint8_t { kDirect, kIndirect, kMixed, kEmbeddedPost };
const char* QuoteKindName(QuoteKind k);

struct Quote {
  Span span;  // the quoted or reported words, without marks, in body
  std::string text;
  QuoteKind kind = QuoteKind::kDirect;
  std::string speaker;        // canonical name or description; empty: nobody identifiable
  int speaker_entity = -1;    // index into Document::entities
  Span speaker_span;          // the words naming the speaker; empty: none
  std::string cue;            // as written in the article
  Span cue_span;              // the cue's words in body; empty: no cue (not in the output)
  std::string channel;
  std::string via;
  std::string lang;
  bool channel_inherited = false;
};

struct DateMention {
  Span span;
  std::string text;
  std::vector<std::string> values;  // "YYYY", "YYYY-MM" or "YYYY-MM-DD"
};

struct Document {
  // From the reader.
  std::string id;
  std::string body;
  std::optional<std::string> date, title, url, source, lang_hint;
  std::vector<std::string> warnings;

  // text stage
  std::string norm_text;  // normalised body
  OffsetMap norm_map;     // norm_text offsets → body offsets
  std::string fold_text;  // case-folded tokens, referenced by Token::fold
  std::string lang;       // ISO 639-1
  std::string script;     // ISO 15924
  std::vector<Sentence> sentences;
  std::vector<Token> tokens;

  // entities stage
  std::vector<Mention> mentions;
  std::vector<Entity> entities;

  // quotes stage
  std::vector<Quote> quotes;

  // dates stage
  std::vector<DateMention> dates;

  std::string_view Text(Span s) const { return std::string_view(body).substr(s.start, s.size()); }
  std::string_view NormText(const Token& t) const {
    return std::string_view(norm_text).substr(t.norm.start, t.norm.size());
  }
  std::string_view Folded(const Token& t) const {
    return std::string_view(fold_text).substr(t.fold.start, t.fold.size());
  }
  // Index of the first token whose span starts at or after `offset` (body).
  uint32_t TokenAt(uint32_t offset) const;
  // Index of the sentence containing token `t`.
  uint32_t SentenceOf(uint32_t t) const;
};

}  // namespace vestnik

#endif  // VESTNIK_CORE_DOCUMENT_H_
