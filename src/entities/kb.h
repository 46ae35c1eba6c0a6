// The knowledge base: entities known by name in every language and script (data/kb/).
//
// Reads: data/kb/entities.tsv (data/kb/README.md) and user additions; data/kb/places.tsv (tagger
// features too, since 2026-11-29) and institutions.tsv, whose entities are linked like the others
// but are no tagger features (`gazetteer` false).
// Adds: lookup from a case-folded name (one or more words) to the entities it can name.
// Guarantees: built once, immutable afterwards, thread-safe. Load refuses a malformed line
// with an error naming file and line.
#ifndef VESTNIK_ENTITIES_KB_H_
#define VESTNIK_ENTITIES_KB_H_

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/document.h"
#include "core/lexicon.h"
#include "core/status.h"

namespace vestnik::entities {

struct KbEntity {
  std::string id;
  EntityType type = EntityType::kPer;
  std::string latin;
  std::vector<std::pair<std::string, std::string>> names;  // (lang, form), in file order
  // Whether the tagger's gazetteer features read this entity's names (entities.tsv, places.tsv);
  // false for institutions.tsv, known for linking and as nominatives for the lemmas only, so
  // that adding a line there leaves trained models and their tagging as they are.
  bool gazetteer = true;
  // The canonical name for a document in `lang` written in `script` ("Cyrl"/"Latn"), else in
  // one of `fallbacks` (lang/<code>/name_fallbacks.txt), else the Latin name. In Latin script
  // a fallback's name is taken only if its last word, without diacritics, is that of
  // `written` (the name as the article writes it, nominative) when that is given.
  std::string NameFor(const std::string& lang, const std::string& script,
                      const std::vector<std::string>& fallbacks = {},
                      std::string_view written = {}) const;
};

class KnowledgeBase {
 public:
  // With `serbian` (Latin → Cyrillic, lang/sr/transliteration.tsv), an entity named in
  // Serbian Latin only gets its Serbian Cyrillic name too ("Klan Kosova" → "Клан Косова"):
  // the two scripts are one to one.
  static Result<KnowledgeBase> Load(const std::filesystem::path& file,
                                    const Transliteration* serbian = nullptr);
  // The project's knowledge base under `root`: data/kb/entities.tsv, then data/kb/places.tsv
  // (gazetteer features too) and data/kb/institutions.tsv (`gazetteer` false; a line with the id
  // of an entity of entities.tsv gives that entity more names, for linking only) when present.
  static Result<KnowledgeBase> LoadDefault(const std::filesystem::path& root,
                                           const Transliteration* serbian = nullptr);
  // Adds the entities of one more file; `gazetteer` as KbEntity::gazetteer.
  Status AddFile(const std::filesystem::path& file, const Transliteration* serbian, bool gazetteer);
  // A copy holding only the entities whose names are gazetteer features (what the tagger's
  // FeatureExtractor is built from).
  KnowledgeBase GazetteerOnly() const;

  // Entities a name can refer to; the key is the folded words joined by single spaces.
  // `surname_only` entries are a person's last name alone (weaker evidence).
  struct Hit {
    uint32_t entity;
    bool surname_only;
    bool acronym = false;  // the form is all capitals ("SAD", "US"): it names only tokens in capitals
  };
  const std::vector<Hit>* Find(std::string_view folded_words) const;
  // The same lookup by the name's letters and digits only ("Kosovo-online" = "Kosovo Online").
  const std::vector<Hit>* FindCompact(std::string_view folded) const;
  const KbEntity& entity(uint32_t i) const { return entities_[i]; }
  size_t size() const { return entities_.size(); }
  size_t max_words() const { return max_words_; }
  static std::string CompactKey(std::string_view folded);

  // Appends one entity line to `file` after checking it (vestnik kb add).
  static Status Append(const std::filesystem::path& file, const KbEntity& e);

 private:
  void Index(uint32_t i);
  std::vector<KbEntity> entities_;
  std::unordered_map<std::string, std::vector<Hit>> by_name_;
  std::unordered_map<std::string, std::vector<Hit>> by_compact_;
  // Latin forms without their diacritics ("milojko spajic" finds "Milojko Spajić").
  std::unordered_map<std::string, std::vector<Hit>> by_ascii_;
  size_t max_words_ = 1;
};

}  // namespace vestnik::entities

#endif  // VESTNIK_ENTITIES_KB_H_
