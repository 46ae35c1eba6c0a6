// Romanisation and matching keys for names.
//
// Reads: a name in any script and its language. Adds: the name in Latin letters as users of
// that language write it (lang/<code>/romanization.tsv: Bulgarian Streamlined System, Serbian
// Gaj's Latin ...; ICU Any-Latin for the rest), and an ASCII key under which spellings of one
// name in different scripts meet (Вучич, Вучић, Vučić and Vucic all give "vucic"), and a
// cross-script name key that also folds the spelling variants of data/name_key.tsv
// (Пенсильвания, Pensylwania and Pennsylvania all give "pensilvania").
// Guarantees: immutable after construction and thread-safe (NameKey keeps a per-thread memo of
// word keys, invisible in its results). A malformed data/name_key.tsv is
// reported by status(); a missing one leaves NameKey equal to Key.
#ifndef VESTNIK_ENTITIES_ROMANIZE_H_
#define VESTNIK_ENTITIES_ROMANIZE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <map>
#include <vector>

#include "core/lexicon.h"
#include "core/resources.h"
#include "core/status.h"

#include <unicode/translit.h>

namespace vestnik::entities {

class Romanizer {
 public:
  explicit Romanizer(const Resources& res);
  ~Romanizer();
  // The Latin spelling of `name` written in language `lang`.
  std::string ToLatin(std::string_view name, const std::string& lang) const;
  // A script-neutral ASCII key: lower case, diacritics and digraphs folded, words joined by '-'.
  std::string Key(std::string_view name) const;
  // The cross-script key of a name (the id of a name the knowledge base does not know): Key()
  // with the rules of data/name_key.tsv applied to each word — letters that one sound is
  // written with in different languages ("Pensylwania", "Pennsylvania", "Пенсильвания" →
  // "pensilvania"; "Tehas", "Texas" → "tehas"). Words in capitals (acronyms, Roman numerals)
  // and words with digits take no rule. It depends on the name alone, never on what was seen
  // before, so it is the same in every document and run.
  std::string NameKey(std::string_view name) const;

  // Whether data/name_key.tsv loaded (or is absent); else the error names file and line.
  const Status& status() const { return status_; }

 private:
  struct KeyRule {
    std::string from, to;
    bool word_start = false, word_end = false;
    bool collapse = false;  // "=": runs of one letter become one letter
  };
  // NameKey of one word (letters, digits and inner apostrophes).
  std::string WordKey(std::string_view word) const;

  uint64_t id_;  // different for every Romanizer constructed: NameKey's per-thread memo
  std::vector<KeyRule> native_rules_, latin_rules_;
  Status status_;
  std::map<std::string, Transliteration> tables_;  // lang → lower-case letter table
  std::unique_ptr<icu::Transliterator> any_latin_;
  std::unique_ptr<icu::Transliterator> to_ascii_;
};

}  // namespace vestnik::entities

#endif  // VESTNIK_ENTITIES_ROMANIZE_H_
