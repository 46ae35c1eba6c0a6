// `vestnik eval langid`: accuracy of language identification on held-out texts, CLD2 alone
// beside CLD2 with vestnik's discriminator, per unit (whole articles, sentences, lingua word
// pairs and single words) and per language (Serbian per script).
//
// Reads: the held-out fold of the corpora (langid_corpus.h) and a model file. Adds: tables
// (Markdown) on standard output, speed figures, optionally the misidentified texts.
// Guarantees: reads only; never evaluates on training text (the fold split is the trainer's);
// a missing corpus folder is an error the caller can tell apart (Status NotFound).
#ifndef VESTNIK_TEXT_TRAIN_LANGID_EVAL_H_
#define VESTNIK_TEXT_TRAIN_LANGID_EVAL_H_

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "core/status.h"
#include "text/langid_model.h"
#include "text/train/langid_corpus.h"

namespace vestnik::text::train {

struct LangIdEvalRow {
  LangIdUnit unit = LangIdUnit::kSentence;
  std::string key;  // "bg", "sr-Latn", "sr-Cyrl", ... (+ " (corpus)" by source)
  int n = 0;
  int cld2 = 0;     // correct with CLD2 alone
  int vestnik = 0;  // correct with the discriminator
  std::map<std::string, int> confusions;  // vestnik's wrong answers
  double cld2_acc() const { return n ? double(cld2) / n : 0; }
  double acc() const { return n ? double(vestnik) / n : 0; }
};

struct LangIdEvalResult {
  std::vector<LangIdEvalRow> rows;  // by unit, then language
  double cld2_mb_per_s = 0;         // articles, one core
  double vestnik_mb_per_s = 0;
  double model_mb_per_s = 0;        // the discriminator alone, over the bytes of the articles it sees
  double model_us_per_article = 0;
  double vestnik_us_per_article = 0;
  size_t article_bytes = 0;         // average
  double routed_share = 0;          // share of article bytes whose CLD2 answer was routed
};

// Scores the held-out samples; `errors` (may be null) gets each text vestnik gets wrong.
// With `by_source`, one row per language and corpus ("sr-Latn (alo)").
LangIdEvalResult EvaluateLangId(const std::vector<LangIdSample>& test, const LangIdModel* model,
                                std::ostream* errors, bool by_source = false);

// The report's Markdown tables.
void PrintLangIdTables(const LangIdEvalResult& r, std::ostream& out);

struct LangIdEvalArgs {
  std::string data_root;  // default ../shared/data
  std::string model;      // default <vestnik root>/models/langid.model
  std::vector<std::string> min;  // gates "UNIT:LANG=ACC", UNIT articles|sentences|pairs|words, LANG a row key or "all"
  bool errors = false;
  bool by_source = false;  // one row per language and corpus
  int exclude_fold = -1;  // evaluate this (development) fold instead of the held-out one
};
int RunLangIdEval(const LangIdEvalArgs& args);

}  // namespace vestnik::text::train

#endif  // VESTNIK_TEXT_TRAIN_LANGID_EVAL_H_
