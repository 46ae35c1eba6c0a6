// The reflex of the old vowel yat: Serbian (ekavian) "vreme, deca, gde" against Croatian and
// Bosnian (ijekavian) "vrijeme, djeca, gdje". The trainer adds the word pairs it finds in its
// training texts to the lexical cues "ekavian" and "ijekavian" (models/langid.cues.tsv lists
// the common stems by hand), so that the Serbian-or-not decision can rest on the reflex.
//
// Reads: words of ekavian and ijekavian training texts. Adds: a word map ekavian → ijekavian
// learnt from them. Guarantees: a pair is kept only when the ijekavian word is the ekavian one
// with one "e" spelt "ije" or "je", each form is seen only on its own side, and the ekavian form
// is seen at least twice; deterministic.
#ifndef VESTNIK_TEXT_TRAIN_YAT_H_
#define VESTNIK_TEXT_TRAIN_YAT_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vestnik::text::train {

class YatMap {
 public:
  // `ekavian` and `ijekavian` are running texts (any case).
  static YatMap Learn(const std::vector<std::string_view>& ekavian,
                      const std::vector<std::string_view>& ijekavian);

  size_t size() const { return pairs_.size(); }
  // (ekavian, ijekavian), folded, sorted.
  const std::vector<std::pair<std::string, std::string>>& pairs() const { return pairs_; }

 private:
  std::vector<std::pair<std::string, std::string>> pairs_;
};

}  // namespace vestnik::text::train

#endif  // VESTNIK_TEXT_TRAIN_YAT_H_
