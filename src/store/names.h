// Name keys: how a name written in any script or spelling finds its entities in the store.
//
// Reads: a name (a mention as written, its lemma, a canonical or knowledge-base name, or what a
// user typed) and the Romanizer of the pipeline. Adds: its script-neutral key (Вучич, Вучић,
// Vučić and Vucic → "vucic") and, for persons, the keys of its final words ("Борис Руге" →
// "boris-ruge" whole, "ruge" as a surname).
// Guarantees: the writer and the queries use these same functions, so a key written at ingest
// is the key a query computes; pure and thread-safe (the Romanizer is).
#ifndef VESTNIK_STORE_NAMES_H_
#define VESTNIK_STORE_NAMES_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "entities/romanize.h"

namespace vestnik::store {

struct NameKey {
  std::string key;
  bool whole = true;  // false: the final words of a longer person's name
};

// The keys of a name whose script-neutral key is `key`: the key itself and, when `person`,
// every proper suffix of its words. Empty when the key is empty.
std::vector<NameKey> KeysOfKey(const std::string& key, bool person);

// The script of a name's first letter ("Cyrl", "Latn", ...; "Zyyy" when it has none).
std::string ScriptOfName(std::string_view name);

}  // namespace vestnik::store

#endif  // VESTNIK_STORE_NAMES_H_
