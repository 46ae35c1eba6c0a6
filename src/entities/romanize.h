// Romanisation and matching keys for names.
//
// Reads: a name in any script and its language. Adds: the name in Latin letters as users of
// that language write it (lang/<code>/romanization.tsv: Bulgarian Streamlined System, Serbian
// Gaj's Latin ...; ICU Any-Latin for the rest), and an ASCII key under which spellings of one
// name in different scripts meet (Вучич, Вучић, Vučić and Vucic all give "vucic").
// Guarantees: immutable after construction and thread-safe.
#ifndef VESTNIK_ENTITIES_ROMANIZE_H_
#define VESTNIK_ENTITIES_ROMANIZE_H_

#include <memory>
#include <string>
#include <string_view>
#include <map>

#include "core/lexicon.h"
#include "core/resources.h"

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

 private:
  std::map<std::string, Transliteration> tables_;  // lang → lower-case letter table
  std::unique_ptr<icu::Transliterator> any_latin_;
  std::unique_ptr<icu::Transliterator> to_ascii_;
};

}  // namespace vestnik::entities

#endif  // VESTNIK_ENTITIES_ROMANIZE_H_
