// The store's schema and its versions (docs/STORE.md is the written form of this file).
//
// Reads: an open SQLite connection. Adds: the vestnik tables, created or migrated step by step
// to kSchemaVersion, recorded in PRAGMA user_version and marked with PRAGMA application_id.
// Guarantees: a migration runs in one transaction (all of it or none); a database from a newer
// vestnik, an SQLite file that is not vestnik's, or a damaged one is refused with a Status
// naming the file, and is never written to.
#ifndef VESTNIK_STORE_SCHEMA_H_
#define VESTNIK_STORE_SCHEMA_H_

#include <cstdint>

#include "core/status.h"
#include "store/sqlite.h"

namespace vestnik::store {

// The version this build writes and reads. Version history: docs/STORE.md.
inline constexpr int kSchemaVersion = 3;
// PRAGMA application_id of a vestnik store: "vest" in ASCII.
inline constexpr int64_t kApplicationId = 0x76657374;

// What EnsureSchema found and did.
struct SchemaState {
  int found_version = 0;  // 0: the file was empty
  int version = 0;        // after EnsureSchema
  bool created = false;
  bool migrated() const { return found_version > 0 && found_version < version; }
};

// Checks the database's identity and version. An empty database gets the schema when
// `may_create`, else is refused (NotFound); an older one is migrated when `may_migrate`, else
// refused with a message saying so.
Result<SchemaState> EnsureSchema(Connection& db, bool may_create, bool may_migrate);

// Builds the schema of an older `version` (1..kSchemaVersion) in an empty database: what the
// migration tests and docs/STORE.md examples start from.
Status CreateSchemaAtVersion(Connection& db, int version);

}  // namespace vestnik::store

#endif  // VESTNIK_STORE_SCHEMA_H_
