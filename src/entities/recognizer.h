// Entity recognition, lemmatisation and linking (first, rule-based version).
//
// Reads: Document::tokens and sentences, the language's lexicons (titles, keywords,
// function words, name endings, cues) and the knowledge base.
// Adds: Document::mentions (span, text, nominative lemma, type) and Document::entities (id,
// canonical name in the document's script, romanised name, mentions).
// Guarantees: mentions are in order and do not overlap; every mention belongs to exactly one
// entity; one referent gets one id whatever the language or script of the document (knowledge
// base ids for known entities; a romanised key of the full name otherwise). Immutable and
// thread-safe after construction.
#ifndef VESTNIK_ENTITIES_RECOGNIZER_H_
#define VESTNIK_ENTITIES_RECOGNIZER_H_

#include "core/document.h"
#include "core/resources.h"
#include "entities/kb.h"
#include "entities/romanize.h"

namespace vestnik::entities {

class EntityRecognizer {
 public:
  EntityRecognizer(const KnowledgeBase& kb, const Romanizer& romanizer)
      : kb_(kb), romanizer_(romanizer) {}
  void Annotate(const LangResources& lr, Document* doc) const;

 private:
  const KnowledgeBase& kb_;
  const Romanizer& romanizer_;
};

}  // namespace vestnik::entities

#endif  // VESTNIK_ENTITIES_RECOGNIZER_H_
