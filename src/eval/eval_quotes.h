// `vestnik eval quotes`: analyses annotated articles and scores the quotes found.
//
// Reads: a gold file — the seed's format (quotes with text; articles given as inputs) or the
// project's development sets (tests/data/quotes/*.jsonl: offsets into corpus files under
// ../shared/data, texts read at evaluation time). Adds: a table of the CONTRACT.md figures.
// Guarantees: never writes into the data root; a missing corpus is an error naming it.
#ifndef VESTNIK_EVAL_EVAL_QUOTES_H_
#define VESTNIK_EVAL_EVAL_QUOTES_H_

#include <string>
#include <vector>

#include "core/status.h"
#include "eval/quote_scorer.h"

namespace vestnik {
class Pipeline;
}

namespace vestnik::eval {

struct QuoteEvalArgs {
  std::string gold;
  std::vector<std::string> inputs;
  std::string pred;
  std::string data_root;
  std::string script;  // "Cyrl": transliterate Serbian Latin bodies and gold to Cyrillic first
  std::string corpus;  // polnear | germeval | adaq: `gold` is then the corpus folder
  size_t limit = 0;    // read at most this many articles of a corpus (0: all)
  bool errors = false;
  double min_f1 = -1;
  size_t every = 0;           // > 0: only the corpus articles whose index % every == 0
  std::string speaker_model;  // a speaker ranker model file to use instead of models/
  bool rules_only = false;    // no speaker ranker at all
};

// Loads the gold, analyses (or reads predictions) and scores. Thread-safe pipeline use.
Result<QuoteScore> EvaluateQuotes(const Pipeline& pipeline, const QuoteEvalArgs& args);

// Prints the table; returns the exit code (1 below --min-f1).
int RunQuoteEval(const QuoteEvalArgs& args);

std::string FormatQuoteScore(const QuoteScore& s, const std::string& title);

}  // namespace vestnik::eval

#endif  // VESTNIK_EVAL_EVAL_QUOTES_H_
