// `vestnik train nouns`: which capitalised words are common nouns, learnt from unlabelled text.
//
// Reads: German news (../shared/data/spkatt-news-de/train/*.json, GermEval 2023: the
// "Sentences" token lists only, never the annotations), one sentence a line, tokenised by
// vestnik; the language's determiners (lang/<code>/determiners.txt: articles, fused
// prepositions, possessives).
// Adds: per case-folded word written with a capital (not in capitals), five counts: `det`
// (right after a determiner, or after a determiner and one lower-case word: "der neue
// Vorsitzende"), `bare` (inside a sentence after anything else but a capitalised word),
// `after_cap` (right after a capitalised word that is no determiner) and `starts` (opening a
// sentence, a quotation or what follows a colon), and `lower` (written in lower case inside a
// sentence). A word is a common noun when it follows a determiner at least `min_det` times and
// in at least `min_det_share` of its capitalised uses inside sentences, and is rarely written in
// lower case (not the adjectives of "der Vereinigten Staaten", "der Europäischen Union"): "Interview", "Urteil", "Sprecher" — never a person's name ("Schröder" stands
// bare or after a first name), rarely a place ("in Berlin").
// Guarantees: deterministic (sorted inputs and output); writes one TSV file whose comment lines
// say what it is, how and when it was made and from what; `holdout` leaves out the first
// articles in the order `vestnik eval quotes --corpus germeval --limit N` scores them.
#ifndef VESTNIK_ENTITIES_TRAIN_NOUNS_TRAINER_H_
#define VESTNIK_ENTITIES_TRAIN_NOUNS_TRAINER_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/resources.h"

namespace vestnik::entities::train {

struct NounCount {
  long det = 0, bare = 0, after_cap = 0, starts = 0, lower = 0;
};
using NounCounts = std::map<std::string, NounCount>;  // by case-folded word

// Adds the counts of one sentence (tokenised with `lr`).
void CountNouns(const LangResources& lr, std::string_view sentence, NounCounts* counts);

struct NounSelection {
  long min_det = 2;
  double min_det_share = 0.5;  // det / (det + bare + after_cap)
  // lower / (lower + det + bare + after_cap): adjectives of names ("der Demokratischen
  // Republik") are written in lower case elsewhere, nouns never.
  double max_lower_share = 0.1;
};

// The words of `counts` that pass `sel`, sorted.
std::vector<std::string> SelectNouns(const NounCounts& counts, const NounSelection& sel);

struct NounsTrainArgs {
  std::string lang = "de";
  std::string data_root;  // ../shared/data
  std::string out;        // models/common-nouns-<lang>.tsv
  std::string command;    // for the provenance line
  size_t holdout = 0;     // articles left out, first in sorted order
  NounSelection selection;
};
int RunNounsTrain(const NounsTrainArgs& args);

}  // namespace vestnik::entities::train

#endif  // VESTNIK_ENTITIES_TRAIN_NOUNS_TRAINER_H_
