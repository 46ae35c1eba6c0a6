// Quotations and their attribution (first, rule-based version).
//
// Reads: tokens, sentences, entity mentions, the language's cues, complementisers, pronouns,
// titles, channels, channel phrases and via phrases; determiners and learnt common nouns (a
// noun before a person stands as a title; "sagte ein Sprecher" names a described speaker).
// Adds: Document::quotes — direct quotes in every mark style, indirect speech (cue +
// complementiser), according-to clauses, mixed quotes, and a trailing social-media post in
// another language (embedded_post); each with speaker (entity, pronoun resolved, zero subject
// carried over), cue, channel, via and language.
// Guarantees: quotes are in text order and do not overlap; text is the body between the
// quote's offsets; a speaker is never a channel or via outlet named in the same clause.
// Immutable and thread-safe.
#ifndef VESTNIK_QUOTES_EXTRACTOR_H_
#define VESTNIK_QUOTES_EXTRACTOR_H_

#include "core/document.h"
#include "core/resources.h"

namespace vestnik::quotes {

class QuoteExtractor {
 public:
  explicit QuoteExtractor(const Resources& res) : res_(res) {}
  void Annotate(const LangResources& lr, Document* doc) const;

 private:
  const Resources& res_;
};

}  // namespace vestnik::quotes

#endif  // VESTNIK_QUOTES_EXTRACTOR_H_
