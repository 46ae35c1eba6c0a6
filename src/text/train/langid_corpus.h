// The language-identification corpora of ../shared/data, split into training and held-out parts.
//
// Reads: langid/dslcc-v{1.0,4.0}-test-gold.txt (DSL sentences), langid/lingua/{single-words,
// word-pairs}/<code>.txt, slavicner/raw/<topic>/<lang>/*.txt (news articles), serbian-news-alo/
// articles.jsonl (Serbian Latin articles), ud/*/*.conllu (`# text =` sentences) and, from the
// vestnik tree, lang/sr/transliteration.tsv (Serbian Cyrillic is made from Serbian Latin).
// Adds: labelled texts (language, script, source, unit) in two disjoint parts.
// Guarantees: the split is deterministic and made per source: the i-th line of a file, the
// i-th article of a language (sorted paths) or the i-th UD sentence goes to fold i mod 5; fold
// `test_fold` is held out and never trained on, fold `exclude_fold` (tuning) neither, and a
// training text identical to a held-out one is dropped. Missing sources are skipped and
// listed in `notes`; a malformed file is an error naming it.
#ifndef VESTNIK_TEXT_TRAIN_LANGID_CORPUS_H_
#define VESTNIK_TEXT_TRAIN_LANGID_CORPUS_H_

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace vestnik::text::train {

enum class LangIdUnit { kArticle, kSentence, kWordPair, kWord };
const char* LangIdUnitName(LangIdUnit u);

struct LangIdSample {
  std::string lang;    // ISO 639-1 ("sr" in both scripts)
  std::string script;  // "Latn", "Cyrl", ...
  std::string source;  // "dsl", "slavicner", "alo", "ud", "lingua"
  LangIdUnit unit = LangIdUnit::kSentence;
  std::string text;
};

struct LangIdSplit {
  int folds = 5;
  int test_fold = 4;      // held out: evaluated, never trained on
  int exclude_fold = -1;  // also kept out of training (use it as a development fold)
};

struct LangIdCorpus {
  std::vector<LangIdSample> train;  // sentences and lingua lines (articles are split)
  std::vector<LangIdSample> test;   // articles, sentences, word pairs, words
  std::vector<std::string> notes;   // sources that were absent
};

struct LangIdCorpusOptions {
  std::filesystem::path data_root;    // ../shared/data
  std::filesystem::path vestnik_root; // for lang/sr/transliteration.tsv
  LangIdSplit split;
  bool load_train = true;
  bool load_test = true;
  // Languages whose training text is kept (the discriminator's); others are test-only.
  std::vector<std::string> train_langs;
};

Result<LangIdCorpus> LoadLangIdCorpus(const LangIdCorpusOptions& options);

// Serbian Latin ↔ Cyrillic, case-preserving, built from lang/sr/transliteration.tsv.
class SerbianScripts {
 public:
  static Result<SerbianScripts> Load(const std::filesystem::path& vestnik_root);
  std::string ToCyrillic(std::string_view latin) const;
  std::string ToLatin(std::string_view cyrillic) const;

 private:
  struct Pair {
    std::string from, to;
  };
  static std::string Apply(const std::vector<Pair>& pairs, std::string_view s);
  std::vector<Pair> to_cyrl_, to_latn_;  // longest source first
};

// Splits running text into sentences: at line breaks (unless the next line goes on in lower
// case: a wrapped line) and after . ! ? … followed by white space
// and an upper-case letter, a digit or an opening quotation mark or dash. Trims each piece.
std::vector<std::string_view> SplitSentencesSimple(std::string_view text);

// Number of letters and of words (runs of letters) in `text`.
void CountLetters(std::string_view text, int* letters, int* words);

}  // namespace vestnik::text::train

#endif  // VESTNIK_TEXT_TRAIN_LANGID_CORPUS_H_
