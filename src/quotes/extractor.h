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

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/document.h"
#include "core/resources.h"

namespace vestnik::quotes {

class QuoteExtractor {
 public:
  // `res` must outlive the extractor (its lexicons are read, not copied).
  explicit QuoteExtractor(const Resources& res);
  void Annotate(const LangResources& lr, Document* doc) const;

  // The languages of res.Languages() that list a folded word as a function word
  // (lang/<code>/function_words.txt, FindWord): bit i for the i-th language. Built once at
  // construction, so that a quotation's words cost one look-up each rather than one per
  // language. Empty (every word 0) when more than 64 languages are loaded.
  struct FunctionWordLanguages {
    std::vector<const LangResources*> langs;  // res.Lang(code) of res.Languages(), in order
    std::vector<std::string> codes;
    std::unordered_map<std::string_view, uint64_t> words;  // views into res's tables
    bool ok = false;  // at most 64 languages: the bits are complete
    uint64_t Of(std::string_view folded) const {
      auto it = words.find(folded);
      return it == words.end() ? 0 : it->second;
    }
  };

 private:
  const Resources& res_;
  FunctionWordLanguages function_words_;
};

}  // namespace vestnik::quotes

#endif  // VESTNIK_QUOTES_EXTRACTOR_H_
