// Entity recognition, lemmatisation and linking.
//
// Reads: Document::tokens and sentences, the language's lexicons (titles, keywords, function
// words, name endings, cues), the knowledge base, and the trained model of the document's
// language when there is one (models/ner-<lang>.model; docs/NER.md).
// Adds: Document::mentions (span, text, nominative lemma, type) and Document::entities (id,
// canonical name in the document's script, romanised name, mentions).
// How: with a model, its tagger finds and types the names and its lemmatiser gives each word
// its nominative; without one, capitalised runs, the knowledge base and the lexicons do (the
// rule recogniser; learnt common nouns, models/common-nouns-<lang>.tsv, neither start nor end a
// name there). Either way, names are then linked: knowledge-base ids first (by lemma and
// by surface, a surname alone when it stands alone, then by cross-script key), then aliases
// the model learned from cross-lingual ids, then a surname joins a full name of the same
// document, and anything else becomes an entity of its own whose id is "name:" and the
// cross-script key of its lemma (Romanizer::NameKey, data/name_key.tsv), whatever its type.
// @handles and #hashtags link to the knowledge base when it knows them, else join an entity of
// the document whose name they spell ("#BorisRuge").
// Guarantees: mentions are in order and do not overlap; every mention belongs to exactly one
// entity, and its type is its entity's; one referent gets one id whatever the language or
// script of the document (knowledge-base ids for known entities; a romanised key of the full
// name otherwise). Immutable and thread-safe after construction.
#ifndef VESTNIK_ENTITIES_RECOGNIZER_H_
#define VESTNIK_ENTITIES_RECOGNIZER_H_

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "core/document.h"
#include "core/resources.h"
#include "core/status.h"
#include "entities/kb.h"
#include "entities/name_lemmatizer.h"
#include "entities/ner_features.h"
#include "entities/ner_model.h"
#include "entities/romanize.h"

namespace vestnik::entities {

// Trained models by language code.
using NerModels = std::map<std::string, std::shared_ptr<const NerModel>>;

// Loads every models/ner-<lang>.model in `dir`. A missing folder is no models (the rules
// serve every language); a file that does not load is an error naming it.
Result<NerModels> LoadNerModels(const std::filesystem::path& dir);

class EntityRecognizer {
 public:
  // Rules only.
  EntityRecognizer(const KnowledgeBase& kb, const Romanizer& romanizer)
      : EntityRecognizer(kb, romanizer, NerModels{}) {}
  // With trained models; languages without one fall back to the rules.
  EntityRecognizer(const KnowledgeBase& kb, const Romanizer& romanizer, NerModels models);

  void Annotate(const LangResources& lr, Document* doc) const;

  // The model used for `lang`, or nullptr (rules).
  const NerModel* ModelFor(const std::string& lang) const;
  const NerModels& models() const { return models_; }

 private:
  struct Found;
  // Per token: (folded form, lemma) pairs a lone surname may join a full name by.
  using JoinForms = std::vector<std::vector<std::pair<std::string, std::string>>>;
  void FindByRules(const LangResources& lr, const Document& doc, std::vector<Found>* found,
                   JoinForms* join) const;
  void FindByModel(const NerModel& model, const LangResources& lr, const Document& doc,
                   std::vector<Found>* found, JoinForms* join) const;
  void Link(const LangResources& lr, const NerModel* model, std::vector<Found> found,
            const JoinForms& join, Document* doc) const;

  // The prefix of the id of a name the knowledge base does not know ("name:pensilvania").
  static constexpr const char* kNamePrefix = "name:";

  const KnowledgeBase& kb_;
  const Romanizer& romanizer_;
  std::unordered_set<std::string> kb_ids_;
  std::unordered_map<std::string, int> kb_by_key_;  // cross-script key → knowledge-base entity
  // Per language: HashBytes of the folded words of the knowledge base's names in it (an entity
  // without a name in the language gives its English and Latin names): nominatives the
  // lemmatiser prefers (NameLemmatizer::LemmaHints).
  std::unordered_map<std::string, NameLemmatizer::DocumentWords> name_words_;
  NerModels models_;
  FeatureExtractor features_;
};

}  // namespace vestnik::entities

#endif  // VESTNIK_ENTITIES_RECOGNIZER_H_
