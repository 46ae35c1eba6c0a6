// The corpus store: analysed articles in an embedded SQLite database (docs/STORE.md).
//
// Reads: a database file written by vestnik (any schema version up to kSchemaVersion).
// Adds: an open, checked connection: WAL journal, the schema created or migrated when the store
// is opened for writing. Writing is StoreWriter (writer.h); questions are query.h and export.h.
// Guarantees: a Store is one connection, used by one thread at a time; any number of Stores
// (threads or processes) may read while one writes, and readers see whole articles only (each
// commit holds complete articles). Every error names the database file.
#ifndef VESTNIK_STORE_STORE_H_
#define VESTNIK_STORE_STORE_H_

#include <cstdint>
#include <memory>
#include <string>

#include "core/status.h"
#include "store/schema.h"
#include "store/sqlite.h"

namespace vestnik::store {

// Where `vestnik ingest` and the queries look when --db is not given.
inline constexpr char kDefaultDbPath[] = "vestnik.db";

struct StoreCounts {
  int64_t documents = 0, bytes = 0, entities = 0, names = 0, mentions = 0, quotes = 0, dates = 0;
};

class Store {
 public:
  enum class Mode {
    kRead,   // an existing store; an older schema is migrated when the file is writable
    kWrite,  // created when missing; migrated when older
  };
  static Result<std::unique_ptr<Store>> Open(const std::string& path, Mode mode);

  const std::string& path() const { return db_->path(); }
  const SchemaState& schema() const { return schema_; }
  Connection& db() { return *db_; }
  const Connection& db() const { return *db_; }

  Result<StoreCounts> Counts() const;

 private:
  Store() = default;
  std::unique_ptr<Connection> db_;
  SchemaState schema_;
};

}  // namespace vestnik::store

#endif  // VESTNIK_STORE_STORE_H_
