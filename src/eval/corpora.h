// Readers for the public quotation corpora in ../shared/data, as gold for `vestnik eval quotes`.
//
// Reads: PolNeAR (brat standoff: text/<article>.txt and attributions/<article>_<annotator>.ann;
// offsets in code points, possibly discontinuous), GermEval 2023 speaker attribution (JSON per
// article: tokenised sentences, annotations as "sentence:token" references), ADAQ (Czech
// token TSV with source/cue/content tags). Adds: articles to analyse (Document with id and
// body) and their gold in the seed gold format ({"doc", "quotes": [{"text", "kind",
// "speaker", "speaker_aliases", "cue"}]}). Guarantees: reads only; texts stay in memory (never
// written into the repository); a missing or malformed file is an error naming it.
#ifndef VESTNIK_EVAL_CORPORA_H_
#define VESTNIK_EVAL_CORPORA_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/status.h"

namespace vestnik::eval {

struct GoldArticle {
  Document doc;         // id, body, lang_hint
  nlohmann::json gold;  // {"doc", "quotes": [...]}
};

// `dir` is the split folder (…/polnear/dev); one annotator per article (the first by name).
Result<std::vector<GoldArticle>> ReadPolnear(const std::string& dir);
// `dir` holds the JSON files (…/spkatt-news-de/train); `limit` > 0 reads the first N by name.
Result<std::vector<GoldArticle>> ReadGermEval(const std::string& dir, size_t limit = 0);
// `dir` holds cs_tokens.tsv and cs_sentences.tsv; every sentence is an article.
Result<std::vector<GoldArticle>> ReadAdaq(const std::string& dir);

}  // namespace vestnik::eval

#endif  // VESTNIK_EVAL_CORPORA_H_
