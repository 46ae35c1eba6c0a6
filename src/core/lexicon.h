// Lexicons: the per-language word lists of lang/<code>/ (see lang/README.md), compiled once.
//
// Reads: UTF-8 TSV/text files. Adds: case-folded lookup tables of words and multi-word phrases.
// Guarantees: built once, then immutable and safe to share between threads. A missing file is
// an empty table; a malformed line is an error naming file and line.
#ifndef VESTNIK_CORE_LEXICON_H_
#define VESTNIK_CORE_LEXICON_H_

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/status.h"

namespace vestnik {

struct Document;

// A transliteration between a language's two scripts (Serbian Latin ↔ Cyrillic), given as
// ordered pairs of strings; longer sources are tried first.
class Transliteration {
 public:
  void Add(std::string from, std::string to);
  bool empty() const { return pairs_.empty(); }
  std::string Apply(std::string_view s) const;

 private:
  std::vector<std::pair<std::string, std::string>> pairs_;  // sorted by source length, longest first
};

// The rows of a TSV file: each row's columns, comments and blank lines dropped.
struct TsvRow {
  int line = 0;
  std::vector<std::string> cols;
};
Result<std::vector<TsvRow>> ReadTsv(const std::filesystem::path& path, size_t min_cols,
                                    size_t max_cols);

// Phrases of one or more words mapped to values (the file's other columns). Lookup walks the
// document's case-folded tokens; the longest phrase wins.
class PhraseTable {
 public:
  struct Entry {
    std::vector<std::string> words;   // folded
    std::vector<std::string> values;  // the other columns
  };
  struct Match {
    const Entry* entry = nullptr;
    uint32_t length = 0;  // tokens matched
    explicit operator bool() const { return entry != nullptr; }
  };

  void Add(std::string_view phrase, std::vector<std::string> values);
  // Longest phrase that starts at token `i` of `doc`. Allocates nothing.
  Match MatchAt(const Document& doc, uint32_t i) const;
  // The phrases that start with the word `folded` (already folded), longest first; null when
  // none does.
  const std::vector<Entry>* StartingWith(std::string_view folded) const;
  // Whether a single word (already folded) is a one-word phrase of the table.
  const Entry* FindWord(std::string_view folded) const;
  // Calls f(word) once for every word that FindWord finds (the one-word phrases), in no
  // particular order. The views stay valid while the table lives and is not changed.
  template <typename F>
  void ForEachWord(F f) const {
    for (const Group& g : groups_) {
      for (const Entry& e : g.entries) {
        if (e.words.size() == 1) {
          f(std::string_view(g.first));
          break;
        }
      }
    }
  }
  bool empty() const { return groups_.empty(); }
  size_t size() const { return size_; }

 private:
  // The phrases that start with one first word (folded), longest first.
  struct Group {
    std::string first;
    std::vector<Entry> entries;
  };
  // An open-addressing slot: the first word's hash and 1 + its index in groups_ (0: empty).
  struct Slot {
    uint64_t hash = 0;
    uint32_t group = 0;
  };
  static uint64_t HashWord(std::string_view word);
  // A bit of filter_ for a first word: most words of a text start no phrase, and this bit,
  // cleared, says so without hashing the word.
  static uint32_t FilterBit(std::string_view first);
  // The group of `first` (behind the filter), or null.
  const Group* FindGroup(std::string_view first) const;
  // The index in groups_ of `first` with hash `hash`, or -1: probes slots_ linearly.
  int64_t GroupIndex(std::string_view first, uint64_t hash) const;
  // Puts group `g` into slots_, which has room.
  void Place(size_t g, uint64_t hash);
  // Rebuilds slots_ with `size` slots (a power of two).
  void Rehash(size_t size);

  std::vector<Group> groups_;
  std::vector<Slot> slots_;  // at most half full
  uint64_t filter_[64] = {};
  size_t size_ = 0;
};

// Loads `path` (a missing file is empty) into `table`: column 1 is the phrase, the rest values.
// With `translit`, each phrase is also added in the other script.
Status LoadPhrases(const std::filesystem::path& path, size_t value_cols,
                   const Transliteration* translit, PhraseTable* table);

}  // namespace vestnik

#endif  // VESTNIK_CORE_LEXICON_H_
