// Name lemmatisation: the nominative form of each word of a name mention.
//
// Reads: a mention's words as written, its entity type, and the rules a model learned from
// SlavicNER's surface → lemma pairs (vestnik train ner; src/entities/train/lemma_learner.h).
// Adds: the lemma of each word: a suffix rewrite (remove N letters, append a string) chosen by
// the folded word itself when it was seen in training, else by the longest known ending of the
// word, given the entity type, the word's position in the mention and its capitalisation.
// With evidence (the folded words of the document, and the lemma words seen in training), the
// rewrites the tables offer for a word (its exception, then the rules of its known endings from
// the longest to the shortest, for its type, any type and the other positions) are tried in
// that order and the first whose result is attested wins: written as a word of the document or
// known as a lemma word ("Трампа" → "Трамп" when "Трамп" is written; "Флорида" stays when
// "Флорид" is written nowhere and "Флорида" is a known lemma). An exception word's rewrite
// that the document does not write gives way to one it does (training lemmas hold a few wrong
// ones). Without evidence, or when no rewrite is attested, the first rule applies as before.
// With hints (LemmaHints: the language's known names and its ending rewrites, data), two more
// steps come first: the language's rewrites of the word as written (lang/<code>/
// lemma_endings.tsv, e.g. Bulgarian "Белия" → "Бял") when their result is attested, and, for a
// word alone or one a rule rewrites, the first offered rewrite that is a word of a name the
// knowledge base knows in the language ("Флориде" → "Флорида", "Pensylwanii" → "Pensylwania");
// the rewrites of a candidate's ending (Slovene fleeting vowels: "Bidn" → "Biden") are
// offered right after that candidate.
// Guarantees: a lemma is never empty; case is kept (a word in capitals gets its new ending in
// capitals); immutable and thread-safe after construction.
#ifndef VESTNIK_ENTITIES_NAME_LEMMATIZER_H_
#define VESTNIK_ENTITIES_NAME_LEMMATIZER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/resources.h"
#include "core/status.h"
#include "entities/flat_map.h"

namespace vestnik::entities {

// Where a word stands in its mention: the only word, the first, a middle or the last of several.
enum class WordPosition : uint8_t { kSingle, kFirst, kMiddle, kLast };
WordPosition PositionOf(size_t index, size_t count);

// A suffix rewrite: drop `cut` code points, append `add` (folded letters).
struct LemmaRule {
  uint8_t cut = 0;
  std::string add;
  friend bool operator==(const LemmaRule&, const LemmaRule&) = default;
};

class NameLemmatizer {
 public:
  static constexpr int kMaxSuffix = 6;
  static constexpr uint8_t kAnyType = 7;

  // Capitalisation class of a word: 0 lower case, 1 capitalised, 2 all capitals, 3 other.
  static uint8_t CapClass(std::string_view word);
  // Keys of the learned tables.
  static uint64_t WordKey(uint8_t type, WordPosition pos, std::string_view folded);
  static uint64_t SuffixKey(uint8_t type, WordPosition pos, uint8_t cap, std::string_view suffix);

  bool empty() const { return rules_.empty(); }

  // HashBytes of the folded words of a document (values unused), the evidence a rewrite is
  // confirmed by.
  using DocumentWords = FlatMap64<uint8_t>;

  // Evidence of a language beside the document's words (see the file comment).
  struct LemmaHints {
    // HashBytes of the folded words of known names → kName* flags: the case of the forms
    // they were seen in, and where (a name of one word or a name's first word, or a later word
    // of a longer name, which may be a genitive complement: "Svet Evrope").
    const DocumentWords* names = nullptr;
    // A word in capitals that names a known name written in mixed case takes that case
    // ("ВАШИНГТОН" → "Вашингтон"; settings.tsv `title_case_capital_names`).
    bool title_case_capitals = false;
    const std::vector<EndingRewrite>* rewrites = nullptr;  // lemma_endings.tsv
    const std::vector<NameEnding>* endings = nullptr;      // name_endings.tsv
    // Not 0: an identity of this lemmatizer's tables that no other tables in the process share
    // and that never change (NerModel::id() of the model that owns them). LemmatizeWord then
    // keeps, per thread, what it looks up in them for a word, its type and position (which
    // depends on nothing else), so that a word met again costs no table look-up.
    uint64_t tables_id = 0;
  };
  static constexpr uint8_t kNameMixedCase = 1, kNameCapitals = 2, kNameHead = 4, kNameLater = 8;

  // The lemma of `word` (as written) at `pos` in a mention of `type`; with `doc`, the first
  // attested rewrite (above); `hints` only count with `doc`.
  std::string LemmatizeWord(std::string_view word, EntityType type, WordPosition pos,
                            const DocumentWords* doc = nullptr,
                            const LemmaHints* hints = nullptr) const;
  // Case agreement in a person's name of several words (settings.tsv `name_case_agreement`):
  // `words` as written, `lemmas` their lemmas from LemmatizeWord, one each, rewritten in place.
  // When the last word (the surname) stays as written and ends in a consonant, the name is in
  // the nominative (a declined masculine surname would have changed; a woman's does not
  // decline): an earlier word written with a consonant or -а/-я at its end keeps its own form
  // ("Адам Шифф", "Авраам Линкольн", "Фиона Хилл"; the rewrites of "Терезы Мэй", "Камалой
  // Харрис" are left alone). When the last
  // word loses an ending of one or two letters and nothing else, an earlier capitalised word
  // left as written that has the same ending loses it too ("Роберта Мюллера" → "Роберт
  // Мюллер"). Other words and mentions are left alone.
  static void AgreeWithSurname(const std::vector<std::string_view>& words,
                               std::vector<std::string>* lemmas);
  // A name that is not a person's, read as adjectives before a head noun and the head's
  // complements (settings.tsv `adjective_endings`): the head is the first word of two letters or
  // more that ends in none of `adjective_endings` (folded), neither as written (`words`) nor
  // as lemmatised (`lemmas`); every later word keeps the form written ("Европейской ассоциации пилотов" →
  // "Европейская ассоциация пилотов", "окружной суд Невады" stays). No head, nothing changes.
  static void KeepComplements(const std::vector<std::string_view>& words,
                              const std::vector<std::string>& adjective_endings,
                              std::vector<std::string>* lemmas);
  // Whether `lemma` has a letter of another script than every letter of `word` (a Cyrillic
  // ending learnt for a Latin word: "Belgium" → "Belgiuя"); such a lemma is not taken.
  static bool ForeignScript(std::string_view word, std::string_view lemma);
  // The rule LemmatizeWord applies; nullptr means the word stays as it is.
  const LemmaRule* RuleFor(std::string_view word, EntityType type, WordPosition pos) const;
  // Applies `rule` to `word`, keeping its case.
  static std::string Apply(std::string_view word, const LemmaRule& rule);

  // Learned tables (filled by the trainer).
  std::vector<LemmaRule> rules_;                     // index 0: identity
  FlatMap64<uint32_t> words_;                        // WordKey → rule
  FlatMap64<uint32_t> suffixes_;                     // SuffixKey → rule
  FlatMap64<uint8_t> lemma_words_;                   // HashBytes(folded lemma word) → 1

  void Serialize(std::string* out) const;
  static Result<NameLemmatizer> Parse(std::string_view bytes);
  // The lemma words, a section of their own (older models have none: no evidence from them).
  void SerializeLemmaWords(std::string* out) const;
  Status ParseLemmaWords(std::string_view bytes);

 private:
  // Rules offered for a word, best first (the exception, then suffix rules deepest first).
  void Candidates(std::string_view word, std::string_view folded, EntityType type,
                  WordPosition pos, std::vector<uint32_t>* out) const;
};

}  // namespace vestnik::entities

#endif  // VESTNIK_ENTITIES_NAME_LEMMATIZER_H_
