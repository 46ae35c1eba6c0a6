// `vestnik train ner` and `vestnik eval ner`: learning a language's entity model from the
// annotated corpora and measuring it on held-out topics (docs/NER.md).
//
// Reads: ../shared/data/slavicner (bg cs pl ru sl uk) or conll2003-en (en), the lexicons of
// lang/<code>/ and the knowledge base. Adds: NerModelData (tagger weights, lemma rules, word
// statistics, aliases, provenance) and evaluation reports.
// Guarantees: training is deterministic for the same data, options and code (the date in the
// provenance header comes from SOURCE_DATE_EPOCH when it is set); nothing outside the model
// file is written. Linked only by the CLI: the runtime never links the trainer.
#ifndef VESTNIK_ENTITIES_TRAIN_NER_TRAIN_H_
#define VESTNIK_ENTITIES_TRAIN_NER_TRAIN_H_

#include <filesystem>
#include <iosfwd>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/resources.h"
#include "core/status.h"
#include "entities/kb.h"
#include "entities/ner_model.h"

namespace vestnik::entities::train {

inline const std::vector<std::string> kSlavicNerLanguages = {"bg", "cs", "pl", "ru", "sl", "uk"};

struct NerTrainOptions {
  std::string lang;                       // a SlavicNER language, or en (CoNLL-2003 eng.train)
  std::filesystem::path data_root;        // ../shared/data
  std::set<std::string> holdout_topics;   // SlavicNER topics left out of training
  std::vector<std::string> extra_langs;   // SlavicNER languages whose documents are added
  int epochs = 12;
  float prune = 0.0f;
  float dropout = 0.0f;
  int min_feature_count = 2;
  std::string command;  // the command line, recorded in the model
  // When set: the tagger (weights, transitions, word statistics) of this model file is kept
  // as it is and only the lemma rules and aliases are learnt again from `lang`'s documents
  // (without `holdout_topics`). Its provenance header is kept, with the new counts and a note.
  std::filesystem::path tagger_from;
};

// Trains a model; progress goes to `log`.
Result<NerModelData> TrainNer(const Resources& res, const KnowledgeBase& kb,
                              const NerTrainOptions& options, std::ostream& log);

struct NerEvalOptions {
  std::filesystem::path data_root;
  std::vector<std::string> langs;       // empty: bg cs pl ru sl uk en
  std::set<std::string> topics;         // SlavicNER topics to evaluate on (held out)
  bool train = false;                   // train each language's model without `topics` first
  std::filesystem::path models_dir;     // otherwise these models (default <root>/models)
  int epochs = 12;
  float prune = 0.0f;
  int min_feature_count = 2;
  float dropout = 0.0f;
  std::vector<std::string> extra_langs;  // when training: related languages' documents added
  // Quality gate: exit 1 below these. Per language ("bg" → 0.8), "" for any other language.
  std::map<std::string, double> min_f1, min_lemma;
  double min_link = 0;
  std::string errors_file;              // write missed/spurious mentions and wrong lemmas here
};

// Runs the evaluation and prints the table; returns the exit status (0, 1 below a gate, 2 on
// errors).
int RunNerEval(const NerEvalOptions& options, std::ostream& out, std::ostream& err);

}  // namespace vestnik::entities::train

#endif  // VESTNIK_ENTITIES_TRAIN_NER_TRAIN_H_
