// Features of the named-entity tagger: what the model sees of each token.
//
// Reads: Document::tokens, sentences, norm_text and fold_text (the text stage), the language's
// lexicons (cues, titles, entity keywords, function words, name endings), the knowledge base
// as a gazetteer, and the per-word statistics a model learned from unlabelled text.
// Adds: for every token, a list of 64-bit feature ids (hashes of template and value).
// Guarantees: the same document, lexicons, knowledge base and statistics give the same ids on
// every machine (no std::hash, no pointers); FeatureExtractor is immutable after construction
// and thread-safe (Extract's working tables are buffers of the calling thread, reused by its
// next call, so a thread allocates little after its first documents). The templates are versioned by kFeatureTemplateVersion and named by
// FeatureTemplateHash(): a model trained with other templates is refused at load.
//
// Templates (docs/NER.md lists them with their rationale): bias; folded word at -2..+2; the
// word as written; word bigrams; short word shape at -1..+1 and shape bigrams; prefixes 1-4 and
// suffixes 1-5 of the folded word, suffix 3 of the neighbours; capitalisation, sentence and
// title-line position; token kind; gazetteer (knowledge base, exact and with a case ending
// replaced) as BILU-TYPE at -1..+1; entity keyword types, titles, cue verbs and function words
// around the token; group nouns (party members, lang/<code>/group_nouns.txt) with the token's
// capitalisation; quotation marks around and whether the token is inside quotes; document
// evidence (the word seen capitalised mid-sentence or in lower case elsewhere in the article);
// and the unlabelled-text statistics (capitalisation ratio and word cluster) of -1..+1.
#ifndef VESTNIK_ENTITIES_NER_FEATURES_H_
#define VESTNIK_ENTITIES_NER_FEATURES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/document.h"
#include "core/resources.h"
#include "entities/flat_map.h"
#include "entities/kb.h"

namespace vestnik::entities {

// Bump when a template changes meaning; it is part of FeatureTemplateHash().
inline constexpr uint32_t kFeatureTemplateVersion = 4;
uint64_t FeatureTemplateHash();

// Deterministic hashing of byte strings and of feature parts.
uint64_t HashBytes(std::string_view s);
inline uint64_t Mix64(uint64_t x) {  // splitmix64 finaliser
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}
inline uint64_t Combine(uint64_t a, uint64_t b) { return Mix64(a * 0x9E3779B97F4A7C15ULL ^ b); }

// Per-word knowledge a model learned from unlabelled text: a capitalisation class (how often
// the word is written with a capital away from a sentence start) and a distributional cluster
// path. Keys are HashBytes of the folded word. Empty when the model has none.
struct WordStats {
  struct Entry {
    uint8_t cap_class = 0;  // 1..5: never / rarely / half / mostly / always capitalised
    uint16_t cluster = 0;   // 1 + cluster index; 0 = none
  };
  FlatMap64<Entry> words;
  uint32_t clusters = 0;
  const Entry* Find(uint64_t folded_hash) const { return words.Find(folded_hash); }
};

// The gazetteer: every name of the knowledge base, folded, as a sequence of word hashes.
class Gazetteer {
 public:
  Gazetteer() = default;
  explicit Gazetteer(const KnowledgeBase& kb);
  // Type bits (1 << EntityType) of the names whose folded words hash to `key`; 0 if none.
  uint8_t Find(uint64_t key) const;
  bool StartsName(uint64_t first_word_hash) const { return MaxWordsFrom(first_word_hash) > 0; }
  // The most words of a name whose first folded word hashes to `first_word_hash`; 0 if none.
  size_t MaxWordsFrom(uint64_t first_word_hash) const {
    const uint8_t* v = first_words_.Find(first_word_hash);
    return v ? *v : 0;
  }
  size_t max_words() const { return max_words_; }
  static uint64_t Key(const uint64_t* word_hashes, size_t n);

 private:
  FlatMap64<uint8_t> names_;
  FlatMap64<uint8_t> first_words_;  // first word → most words (at most 255)
  size_t max_words_ = 1;
};

// What the features know of a token from the token alone: its bytes as written and folded,
// its kind and capitalisation (Token::upper), and the model's statistics of its folded word.
// Two tokens with the same form, folded form, kind and capitalisation have the same WordType
// under one model, wherever they occur.
struct WordType {
  uint64_t fold = 0, form = 0, shape = 0;  // HashBytes of the folded word, the word as
                                           // written, its ShortShape
  uint64_t prefix[4] = {0, 0, 0, 0};       // of the folded word; 0: longer than the word
  uint64_t suffix[5] = {0, 0, 0, 0, 0};
  uint64_t stem = 0;    // first five letters, folded
  uint32_t flags = 0;   // the token's own flag bits (capitalisation, digits, length ...)
  uint8_t kind = 0;     // TokenKind
  bool word = false;    // kind == kWord
  bool quote_mark = false;
  const WordStats::Entry* stats = nullptr;  // in the model's WordStats; null if none
};
// Describes token `t` of `doc`. `stats` may be null.
void DescribeWord(const Document& doc, const Token& t, const WordStats* stats, WordType* w);

// The most features AppendWordFeatures writes for one offset.
inline constexpr size_t kMaxWordFeatures = 17;
// The word features of a token of type `w` at `offset` (-2..+2) from the token tagged: every
// feature of Extract that reads nothing but that token (its folded word, form, shape,
// prefixes, suffixes, kind, statistics; the bias goes with offset 0). `w` null: the padding
// before the document (offset < 0) or after it (offset > 0). Writes at most kMaxWordFeatures
// ids to `out`; returns how many. Extract's features of token i are, as a multiset, those of
// offsets -2..+2 for tokens i-2..i+2 (or the padding) and ExtractContext's of token i.
size_t AppendWordFeatures(const WordType* w, int offset, uint64_t* out);

// What a token's context features read besides words (the shapes of the token and its
// neighbours, its flags and theirs, the lexicon bits, gazetteer codes and quotation marks
// around it, its document bits), as a value: tokens with equal patterns have equal such
// features wherever they occur, so that EmissionCache sums them once per pattern.
struct ContextPattern {
  uint64_t shape_prev = 0, shape = 0, shape_next = 0;  // 1, 2: before, after the document
  uint64_t bits = 0;    // flags, neighbours' flags, quotation, document and lexicon bits
  uint64_t around = 0;  // gazetteer codes and keyword types at -1..+1
  bool operator==(const ContextPattern&) const = default;
};
// The most features AppendPatternFeatures writes, and the most lexical context features
// (word bigrams, neighbours' suffixes, document word) of a token.
inline constexpr size_t kMaxPatternFeatures = 25;
inline constexpr size_t kMaxLexicalContextFeatures = 5;
// The features of a pattern: shape bigrams, flags, neighbours' flags, gazetteer, keywords,
// titles, cues, function word, group noun, quotation marks, document evidence. Writes at most
// kMaxPatternFeatures ids to `out`; returns how many.
size_t AppendPatternFeatures(const ContextPattern& p, uint64_t* out);

class FeatureExtractor {
 public:
  // `kb` may be null (no gazetteer features). The extractor keeps no reference to `kb`.
  explicit FeatureExtractor(const KnowledgeBase* kb);

  // Appends the features of every token of `doc` to `feats`; token i's features are
  // feats[offsets[i] .. offsets[i+1]). `stats` may be null. Training and the reference of
  // the tests; tagging uses AppendWordFeatures and ExtractContext (EmissionCache).
  void Extract(const Document& doc, const LangResources& lr, const WordStats* stats,
               std::vector<uint64_t>* feats, std::vector<uint32_t>* offsets) const;

  // The features of Extract that are not word features (AppendWordFeatures): word and shape
  // bigrams, neighbours' suffixes, flags with the position in the sentence and the title
  // line, neighbours' capitalisation, gazetteer, lexicons, quotation marks, document
  // evidence. `types[i]` describes token i (DescribeWord). Output as Extract's.
  void ExtractContext(const Document& doc, const LangResources& lr, const WordType* types,
                      std::vector<uint64_t>* feats, std::vector<uint32_t>* offsets) const;
  // ExtractContext in two parts: the features that read words (word bigrams, neighbours'
  // suffixes, the document word), output as ExtractContext's, and each token's
  // ContextPattern (`patterns` resized to the tokens). Token i's features of ExtractContext
  // are, as a multiset, its features here and AppendPatternFeatures((*patterns)[i]).
  void ExtractContextSplit(const Document& doc, const LangResources& lr, const WordType* types,
                           std::vector<uint64_t>* feats, std::vector<uint32_t>* offsets,
                           std::vector<ContextPattern>* patterns) const;

 private:
  Gazetteer gazetteer_;
};

// Shape of a word: upper → X, lower → x, digit → d, others kept; runs collapsed ("Xx-Xx").
std::string ShortShape(std::string_view s);

}  // namespace vestnik::entities

#endif  // VESTNIK_ENTITIES_NER_FEATURES_H_
