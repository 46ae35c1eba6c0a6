// Emission scores of the named-entity tagger with a cache of word-type sums.
//
// Reads: a document's tokens (the text stage), a NerModel, a FeatureExtractor and the
// language's lexicons. Adds: BILOU labels per sentence, those of NerModel::Tag over
// FeatureExtractor::Extract's features, bit for bit.
// Guarantees: the labels do not depend on what the cache holds (it only saves work); memory is
// bounded by the capacity given at construction (memory_bytes()); not thread-safe: one cache
// per thread (the models and the extractor it reads are shared).
//
// Design. About two thirds of a token's features (up to 27 of at most 55) read nothing but
// one token at a fixed offset from the token tagged: its folded word at -2..+2, its form,
// shape, prefixes, suffixes and kind, its word statistics at -1..+1 (AppendWordFeatures).
// Their weights summed over the labels are therefore a function of the word type (form,
// folded form, kind, capitalisation: WordType) and the offset, under one model. The cache
// keeps, per word type seen, those five vectors of label sums and the WordType itself; a
// token's emission scores are the sum of the vectors of its five neighbours (or of the
// padding at the document's edges) and the weights of its context features (ExtractContext:
// bigrams, position, lexicons, gazetteer, quotation marks, document evidence), which are
// looked up per token as before. The sums are exact integers (NerModel::kSumLanes), so the
// regrouping changes no score. Frequent words hit: each hit saves up to 27 feature hashes,
// their weight look-ups (most of the tagger's cache misses) and the word's description
// (hashes of prefixes and suffixes, shape, statistics).
//
// The cache is direct-mapped: a word type's entry is at a hash of its key, and a new type
// replaces whatever was there. The key is the model's id and the 64-bit hashes of the form and
// the folded form with the kind and capitalisation, compared in full.
//
// A second, smaller cache does the same for the context features that read no word
// (ContextPattern: shape bigrams, flags, neighbours' flags, gazetteer, keywords, titles, cues,
// quotation marks, document bits; up to 24 of a token's features, about 8 on average): few
// patterns recur (shapes and flags vary little), so a token's sum of them is usually one
// look-up. Only the word bigrams, neighbours' suffixes and the document word are looked up
// per token.
#ifndef VESTNIK_ENTITIES_EMISSION_CACHE_H_
#define VESTNIK_ENTITIES_EMISSION_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/document.h"
#include "core/resources.h"
#include "entities/ner_features.h"
#include "entities/ner_model.h"

namespace vestnik::entities {

class EmissionCache {
 public:
  // 2^14 entries of 640 bytes: 10 MB per thread. On the 7 MB bench sample (950,000 tokens,
  // seven languages in turn) 80 % of the tokens find their word type (2^13: 75 %, 2^15: 82 %).
  static constexpr size_t kDefaultEntries = size_t{1} << 14;
  // `entries` is rounded up to a power of two (at least 16). Memory is taken at the first
  // Score().
  explicit EmissionCache(size_t entries = kDefaultEntries);

  // Computes the emission sums of every token of `doc` with `model`, for Decode.
  void Score(const NerModel& model, const FeatureExtractor& features, const LangResources& lr,
             const Document& doc);
  // Labels of tokens [begin, end) of the document last scored, decoded as NerModel::Tag does
  // for that range (a sentence).
  void Decode(const NerModel& model, uint32_t begin, uint32_t end, std::vector<uint8_t>* labels);

  // The word types of the tokens of the document last scored (WordType::fold is
  // HashBytes(Document::Folded(token))).
  const std::vector<WordType>& types() const { return types_; }
  // The emission sums of the document last scored: NerModel::kSumLanes per token.
  const std::vector<int32_t>& sums() const { return sums_; }
  // Word types found in the cache and computed since construction (tests, tuning).
  size_t hits() const { return hits_; }
  size_t misses() const { return misses_; }
  // The same for the context patterns.
  size_t pattern_hits() const { return pattern_hits_; }
  size_t pattern_misses() const { return pattern_misses_; }
  size_t memory_bytes() const {
    return capacity_ * sizeof(Entry) + kPatternEntries * sizeof(PatternEntry);
  }

 private:
  static constexpr int kOffsets = 5;  // -2..+2
  struct Entry {
    uint64_t model = 0;  // NerModel::id(); 0: empty
    uint64_t fold = 0, form = 0;
    uint32_t kind_upper = 0;
    WordType type;
    alignas(16) int32_t sums[kOffsets][NerModel::kSumLanes];
  };
  struct Key {
    uint64_t fold, form;
    uint32_t kind_upper;
    size_t slot;  // in entries_
  };
  // 2^13 entries of 144 bytes (1.2 MB): on the 7 MB bench sample (950,000 tokens, the
  // languages in turn) 88.5 % of the tokens find their pattern (2^12: 85.5 %, 2^14: 90.3 %).
  static constexpr size_t kPatternEntries = size_t{1} << 13;
  struct PatternEntry {
    uint64_t model = 0;  // NerModel::id(); 0: empty
    ContextPattern key;
    alignas(16) int32_t sums[NerModel::kSumLanes];
  };
  Key KeyOf(uint64_t model, const Document& doc, const Token& t) const;
  // Adds the sums of the pattern features of `p` to `sums`, computing them if absent.
  void AddPattern(const NerModel& model, const ContextPattern& p, int32_t* sums);
  // The entry of the word type of token t, computed if absent.
  const Entry& Find(const NerModel& model, const Key& key, const Document& doc, const Token& t);

  size_t capacity_;
  std::vector<Entry> entries_;
  size_t hits_ = 0, misses_ = 0;
  std::vector<PatternEntry> pattern_entries_;
  size_t pattern_hits_ = 0, pattern_misses_ = 0;
  // Buffers of the document last scored.
  uint64_t scored_model_ = 0;
  std::vector<Key> keys_;
  std::vector<WordType> types_;
  std::vector<int32_t> sums_;
  std::vector<uint64_t> feats_;
  std::vector<uint32_t> offsets_;
  std::vector<ContextPattern> patterns_;
  NerModel::Scratch scratch_;
};

}  // namespace vestnik::entities

#endif  // VESTNIK_ENTITIES_EMISSION_CACHE_H_
