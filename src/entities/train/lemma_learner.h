// Learning what the runtime needs besides the tagger's weights: name-lemma rules from
// surface → lemma pairs, word statistics from unlabelled text, aliases from cross-lingual ids.
//
// Reads: gold mentions (surface, lemma, type, cross-lingual id) and prepared Documents.
// Adds: NameLemmatizer tables, WordStats, alias tables of NerModelData.
// Guarantees: deterministic (ties broken by rule index and key order).
#ifndef VESTNIK_ENTITIES_TRAIN_LEMMA_LEARNER_H_
#define VESTNIK_ENTITIES_TRAIN_LEMMA_LEARNER_H_

#include <map>
#include <string>
#include <vector>

#include "core/document.h"
#include "entities/kb.h"
#include "entities/name_lemmatizer.h"
#include "entities/ner_features.h"
#include "entities/ner_model.h"
#include "entities/train/corpus.h"

namespace vestnik::entities::train {

// The suffix rewrite from `surface` to `lemma` (one word each), on folded letters.
LemmaRule DeriveRule(std::string_view surface, std::string_view lemma);

class LemmaLearner {
 public:
  // One mention: its words (split on spaces) are paired with the lemma's when the counts agree.
  void Add(const std::string& surface, const std::string& lemma, EntityType type);
  // Builds the lemmatiser: exception words, then the suffix tree with nodes seen at least
  // `min_count` times that change the rule of their parent.
  NameLemmatizer Build(int min_count = 2) const;
  size_t pairs() const { return examples_.size(); }

 private:
  struct Example {
    std::string word, folded;  // as written, folded
    uint8_t type;
    WordPosition pos;
    uint32_t rule;
  };
  uint32_t RuleId(const LemmaRule& r);
  std::vector<LemmaRule> rules_{LemmaRule{}};
  std::map<std::pair<uint8_t, std::string>, uint32_t> rule_ids_{{{0, ""}, 0}};
  std::vector<Example> examples_;
  std::vector<uint64_t> lemma_words_;  // HashBytes of every folded lemma word
};

// Capitalisation classes of the words of `docs` (body text only: sentence-initial words and
// the title line are not counted); words seen fewer than `min_count` times are left out.
void LearnWordStats(const std::vector<const Document*>& docs, int min_count, WordStats* stats);

// Aliases: each folded lemma of a type whose gold mentions carry one cross-lingual id (in at
// least `min_count` mentions and 90% of them) maps to that id, written as a vestnik key
// ("PER-Donald-Trump" → "donald-trump").
// With `kb`, an id whose lemmas name a knowledge-base entity (by its full name, in any of the
// id's mentions) is written as that entity's id instead ("GPE-USA" → "united-states"), so that
// an alias and the knowledge base give one id.
void LearnAliases(const std::vector<const CorpusDoc*>& docs, int min_count, NerModelData* data,
                  const KnowledgeBase* kb = nullptr);

}  // namespace vestnik::entities::train

#endif  // VESTNIK_ENTITIES_TRAIN_LEMMA_LEARNER_H_
