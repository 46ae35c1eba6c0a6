// Scoring quotations the way ../shared/docs/CONTRACT.md describes.
//
// Reads: gold documents (seed gold format: quotes with text, kind, speaker, aliases, cue,
// channel) and predicted documents (vestnik's JSON output). Adds: counts and rates —
// match precision/recall/F1 (word-overlap F1 ≥ 0.5, greedy best-first), attribution accuracy on
// matched quotes, end-to-end F1, cue and channel accuracy, recall and precision per kind, and an
// error list.
// Guarantees: pure functions; the same figures as ../shared/tools/score_quotes.py.
#ifndef VESTNIK_EVAL_QUOTE_SCORER_H_
#define VESTNIK_EVAL_QUOTE_SCORER_H_

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace vestnik::eval {

// Per kind: gold quotes of the kind, matched, matched with the right speaker; predicted
// quotes of the kind, and those matched (to a gold quote of any kind) with the right speaker.
struct KindCounts {
  int gold = 0, match = 0, speaker_ok = 0;
  int pred = 0, pred_right = 0;
};

struct QuoteScore {
  int docs = 0, gold = 0, pred = 0, match = 0, speaker_ok = 0;
  int cue_n = 0, cue_ok = 0, channel_n = 0, channel_ok = 0;
  int kind_ok = 0;  // matched quotes of the gold kind (direct, indirect, mixed, embedded_post)
  std::map<std::string, KindCounts> by_kind;
  std::vector<std::string> errors;
  double precision() const { return pred ? double(match) / pred : 0; }
  double recall() const { return gold ? double(match) / gold : 0; }
  double f1() const { return F(precision(), recall()); }
  double attribution() const { return match ? double(speaker_ok) / match : 0; }
  double kind_accuracy() const { return match ? double(kind_ok) / match : 0; }
  double e2e_precision() const { return pred ? double(speaker_ok) / pred : 0; }
  double e2e_recall() const { return gold ? double(speaker_ok) / gold : 0; }
  double e2e_f1() const { return F(e2e_precision(), e2e_recall()); }
  static double F(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; }
  void Add(const QuoteScore& o);
};

// Words of a text as the scorer sees them: runs of letters, digits and '_', case-folded.
std::vector<std::string> ScoreWords(std::string_view s);
double OverlapF1(std::string_view a, std::string_view b);
// Whether a predicted quote's speaker ("speaker", "speaker_text", "speaker_name") is the gold
// quote's (its name, an alias, or the same last word), as ScoreDocument counts it; `speakers`
// is the gold's optional speaker table (or null).
bool SpeakerMatches(const nlohmann::json& pred, const nlohmann::json& gold,
                    const nlohmann::json& speakers);

// Scores one document. `gold` is {"quotes": [...], "speakers"?: {...}}, `pred` the vestnik
// output object (or null when the document is missing). `doc` names it in errors.
QuoteScore ScoreDocument(const nlohmann::json& gold, const nlohmann::json& pred,
                         const std::string& doc);

}  // namespace vestnik::eval

#endif  // VESTNIK_EVAL_QUOTE_SCORER_H_
