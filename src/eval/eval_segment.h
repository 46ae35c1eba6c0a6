// `vestnik eval segment`: sentence and token segmentation against Universal Dependencies.
//
// Reads: CoNLL-U files (../shared/data/ud/*/..-ud-dev.conllu); the raw text is rebuilt from
// `# text =` lines (sentences joined by a space, paragraphs by a new line, `# newdoc` starts a
// new document). Adds: sentence P/R/F1 (CoNLL 2018 style: a sentence counts when both its ends
// match after trimming white space) and token F1 (exact spans; a multi-word token is one
// token, except in a language that splits clitics, where its words are when they spell it
// out), for vestnik and, on the same text in the same run, for ICU's sentence BreakIterator.
// Guarantees: reads only; a missing or malformed file is an error naming it (and its line).
#ifndef VESTNIK_EVAL_EVAL_SEGMENT_H_
#define VESTNIK_EVAL_EVAL_SEGMENT_H_

#include <string>
#include <vector>

#include "core/document.h"
#include "core/status.h"

namespace vestnik {
class Resources;
}

namespace vestnik::eval {

struct UdDocument {
  std::string text;
  std::vector<Span> sentences;  // byte offsets into text
  std::vector<Span> tokens;
  // The syntactic words where a multi-word token with an apostrophe is spelt out by its
  // words ("didn't" → "did" "n't", "company's" → "company" "'s"; not "its" → "it" "s", a
  // typo no tokenizer can know); elsewhere the tokens. Scored instead of
  // the tokens for a language whose tokenizer splits clitics (settings `clitics`).
  std::vector<Span> words;
};

// Parses a CoNLL-U file into documents with their raw text and gold spans.
Result<std::vector<UdDocument>> ReadConllu(const std::string& path);

struct PRF {
  long tp = 0, fp = 0, fn = 0;
  double p() const { return tp + fp ? double(tp) / (tp + fp) : 0; }
  double r() const { return tp + fn ? double(tp) / (tp + fn) : 0; }
  double f1() const { return p() + r() ? 2 * p() * r() / (p() + r()) : 0; }
  void Add(const std::vector<Span>& gold, const std::vector<Span>& pred, const std::string& text);
};

struct SegmentScore {
  std::string lang;
  int docs = 0, gold_sentences = 0;
  PRF sentences, tokens, icu_sentences;
};

// Scores one language's file with vestnik's text stage (and ICU) for language `lang`.
// With `errors` > 0, prints up to that many missed and spurious sentence ends to stderr, each
// with its context ("⟦" marks the end).
Result<SegmentScore> EvaluateSegmentation(const Resources& res, const std::string& lang,
                                          const std::string& conllu, int errors = 0);

struct SegmentEvalArgs {
  std::string data_root;  // ../shared/data
  std::vector<std::string> langs;  // default: bg sr ru en
  double min_f1 = -1;  // gate on the sentence F1 of every language
  double min_token_f1 = -1;
  int errors = 0;  // print up to this many boundary errors per language (to stderr)
};
int RunSegmentEval(const SegmentEvalArgs& args);

}  // namespace vestnik::eval

#endif  // VESTNIK_EVAL_EVAL_SEGMENT_H_
