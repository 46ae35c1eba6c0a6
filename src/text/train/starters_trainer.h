// `vestnik train segment`: which capitalised words open sentences, learnt from unlabelled news.
//
// Reads: raw news per language under ../shared/data (slavicner/raw/<topic>/<lang>/*.txt for
// bg cs pl ru sl uk, serbian-news-alo/articles.jsonl for sr, polnear/train/text/* for en),
// segmented with vestnik's own tokens and sentences (without starters).
// Adds: per language and case-folded word, four counts: `starts` (capitalised as a sentence's
// first word), `mid` (capitalised right after a lower-case word inside a sentence), `after_cap`
// (capitalised right after a capitalised word inside a sentence) and `lower` (written in lower
// case). A word is a sentence starter when it opens sentences often, is common in lower case,
// and is almost never capitalised inside a sentence: "Според", "Това", "Tokom", "However" —
// never a name or a word of names ("Народен съюз"). It starts sentences after a capitalised
// word too ("… Иван Лазаров Това е …") when it is almost never capitalised after one either
// (not "Sada" of "Novog Sada", nor the words of English headlines in title case).
// Guarantees: deterministic (sorted inputs and output); writes one TSV file whose comment lines
// say what it is, how and when it was made; a missing corpus is skipped and said so.
#ifndef VESTNIK_TEXT_TRAIN_STARTERS_TRAINER_H_
#define VESTNIK_TEXT_TRAIN_STARTERS_TRAINER_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/resources.h"

namespace vestnik::text::train {

struct StarterCount {
  long starts = 0, mid = 0, after_cap = 0, lower = 0;
};
using StarterCounts = std::map<std::string, StarterCount>;  // by case-folded word

// Adds the counts of one text (segmented with `lr`, whose starters must be empty).
void CountStarters(const LangResources& lr, std::string_view text, StarterCounts* counts);

struct StarterSelection {
  long min_starts = 8;
  long min_lower = 3;
  double max_mid_share = 0.03;  // mid / (starts + mid)
  long min_starts_any = 10;     // starts needed to trust a word after a capitalised one too
};

struct Starter {
  std::string word;
  bool after_cap = false;  // also after a capitalised word
};

// The words of `counts` that pass `sel`, sorted.
std::vector<Starter> SelectStarters(const StarterCounts& counts, const StarterSelection& sel);

struct StartersTrainArgs {
  std::string data_root;  // ../shared/data
  std::string out;        // models/sentence-starters.tsv
  std::string command;    // for the provenance line
  StarterSelection selection;
};
int RunStartersTrain(const StartersTrainArgs& args);

}  // namespace vestnik::text::train

#endif  // VESTNIK_TEXT_TRAIN_STARTERS_TRAINER_H_
