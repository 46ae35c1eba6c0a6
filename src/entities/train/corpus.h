// Annotated corpora for the entity tagger: SlavicNER and CoNLL-2003, read into vestnik
// Documents with gold mentions as body byte spans.
//
// Reads: ../shared/data/slavicner (split.txt; raw/<topic>/<lang>/<doc>.txt and ner/…/<doc>.tsv
// with code-point offsets) and conll2003-en/eng.* (token, POS, chunk, IOB2 tag).
// Adds: CorpusDoc: the Document after the text stage (normalised, tokenised, split into
// sentences by vestnik's own code, language forced), its gold mentions in UTF-8 byte offsets,
// and the BILOU labels of vestnik's tokens with a count of gold spans that do not fall on
// token boundaries.
// Guarantees: deterministic order (split.txt order; file order for CoNLL). A missing corpus or
// a malformed line is a Status naming the file (and line).
#ifndef VESTNIK_ENTITIES_TRAIN_CORPUS_H_
#define VESTNIK_ENTITIES_TRAIN_CORPUS_H_

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/resources.h"
#include "core/status.h"

namespace vestnik::entities::train {

struct GoldMention {
  Span span;  // body bytes
  EntityType type = EntityType::kPer;
  std::string surface, lemma, xid;  // xid: cross-lingual id ("PER-Donald-Trump"); may be empty
};

struct CorpusDoc {
  std::string name;  // path under the data root, or "eng.testa:<n>"
  std::string topic;
  Document doc;
  std::vector<GoldMention> gold;
};

struct AlignmentStats {
  size_t spans = 0;
  size_t misaligned = 0;        // a gold span starts or ends inside a token
  size_t crossing_sentence = 0;  // a gold span spans a sentence boundary (joined for training)
  std::vector<std::string> examples;  // a few misaligned spans with their context
};

// Topics of SlavicNER (folder names under raw/).
std::vector<std::string> SlavicNerTopics(const std::filesystem::path& data_root);

// The SlavicNER documents of `lang` listed in split.txt; with `topics` non-empty only those
// topics, and never those in `exclude_topics`.
Result<std::vector<CorpusDoc>> ReadSlavicNer(const std::filesystem::path& data_root,
                                             const std::string& lang,
                                             const std::set<std::string>& topics,
                                             const std::set<std::string>& exclude_topics);

// CoNLL-2003 English: one document per article (an article starts at the line before a
// dateline such as "LONDON 1996-08-30"), sentences one per line, tokens joined by spaces. MISC
// becomes EVT when its words name an event (cup, open, championship, war, games …) and PRO
// otherwise (docs/NER.md).
Result<std::vector<CorpusDoc>> ReadConll(const std::filesystem::path& file);
EntityType MiscType(const std::vector<std::string>& words);

// The text stage on `doc` in language `lang` (what Pipeline::Analyze does before entities).
void PrepareText(const Resources& res, const std::string& lang, Document* doc);

// BILOU labels of `doc`'s tokens for `gold` (model label ids, ner_model.h); spans that do not
// fall on token boundaries are widened to the tokens they touch and counted.
std::vector<uint8_t> GoldLabels(const Document& doc, const std::vector<GoldMention>& gold,
                                AlignmentStats* stats);

}  // namespace vestnik::entities::train

#endif  // VESTNIK_ENTITIES_TRAIN_CORPUS_H_
