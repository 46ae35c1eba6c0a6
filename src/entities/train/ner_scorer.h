// Scoring of entity mentions against gold (vestnik eval ner; ../shared/docs/CONTRACT.md):
// strict mention F1 (exact span and type), document-level relaxed F1 on (surface, type), lemma
// accuracy on strictly matched mentions, and linking accuracy over the cross-lingual ids.
//
// Reads: gold mentions and a Document after the entities stage. Adds: counts.
// Guarantees: counts add up across documents and languages; linking is scored over all
// documents given to one LinkScorer, so that one referent must get one id across documents,
// languages and scripts.
#ifndef VESTNIK_ENTITIES_TRAIN_NER_SCORER_H_
#define VESTNIK_ENTITIES_TRAIN_NER_SCORER_H_

#include <map>
#include <string>
#include <vector>

#include "core/document.h"
#include "entities/train/corpus.h"

namespace vestnik::entities::train {

struct F1 {
  size_t gold = 0, pred = 0, tp = 0;
  double precision() const { return pred ? static_cast<double>(tp) / pred : 0; }
  double recall() const { return gold ? static_cast<double>(tp) / gold : 0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
  void Add(const F1& o) { gold += o.gold, pred += o.pred, tp += o.tp; }
};

struct NerCounts {
  F1 strict, relaxed;
  std::map<EntityType, F1> by_type;
  size_t lemma_total = 0, lemma_ok = 0;
  double lemma_accuracy() const { return lemma_total ? static_cast<double>(lemma_ok) / lemma_total : 0; }
  void Add(const NerCounts& o);
};

// Mentions sharing a gold cross-lingual id should share one predicted entity id, and mentions
// of different gold ids should not. Accuracy: gold ids and predicted ids are paired one to one
// (greedily, most shared mentions first); a mention is right when its pair is (gold id,
// predicted id). Only gold mentions found with their exact span are counted.
class LinkScorer {
 public:
  void Add(const std::string& gold_id, const std::string& pred_id);
  size_t mentions() const { return total_; }
  double Accuracy() const;
  // For --errors: every (gold id, vestnik id, mentions) pair the one-to-one pairing left out,
  // as "link\tGOLD\tPRED\tN\tpaired with PRED'" lines, most mentions first.
  std::vector<std::string> Misses() const;

 private:
  std::map<std::pair<std::string, std::string>, size_t> pairs_;
  size_t total_ = 0;
};

// Adds the scores of one document; `errors` (may be null) collects missed and spurious
// mentions and wrong lemmas for --errors.
void ScoreDocument(const std::vector<GoldMention>& gold, const Document& doc, NerCounts* counts,
                   LinkScorer* link, std::vector<std::string>* errors);

}  // namespace vestnik::entities::train

#endif  // VESTNIK_ENTITIES_TRAIN_NER_SCORER_H_
