#include "store/store.h"

#include <sqlite3.h>

#include <filesystem>
#include <system_error>

namespace vestnik::store {

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, Mode mode) {
  std::error_code ec;
  if (mode == Mode::kRead && !std::filesystem::exists(path, ec)) {
    return Status::NotFound(path + ": no such database (vestnik ingest creates it)");
  }
  if (std::filesystem::is_directory(path, ec)) {
    return Status::InvalidArgument(path + ": is a directory, not a database file");
  }
  auto conn = Connection::Open(
      path, mode == Mode::kWrite ? Connection::Mode::kCreate : Connection::Mode::kReadWrite);
  if (!conn.ok()) return conn.status();
  std::unique_ptr<Store> store(new Store());
  store->db_ = std::move(conn.value());
  Connection& db = *store->db_;

  bool writable = sqlite3_db_readonly(db.raw(), "main") == 0;
  // Readers migrate an older store too (when they can write the file): the migration is one
  // transaction, and the HTTP server and the CLI share this path.
  auto state = EnsureSchema(db, writable && mode == Mode::kWrite, writable);
  if (!state.ok()) return state.status();
  store->schema_ = *state;

  // WAL lets readers run while the single writer commits; NORMAL sync in WAL mode keeps every
  // committed transaction through a crash of the process (kill -9), and the file consistent
  // through a power loss.
  if (writable) {
    auto journal = db.Prepare("PRAGMA journal_mode = WAL");
    if (!journal.ok()) return journal.status();
    auto r = journal->Step();
    if (!r.ok()) return r.status();
  }
  for (const char* pragma : {"PRAGMA synchronous = NORMAL", "PRAGMA temp_store = MEMORY",
                             "PRAGMA cache_size = -65536", "PRAGMA mmap_size = 268435456"}) {
    Status s = db.Exec(pragma);
    if (!s.ok()) return s;
  }
  return store;
}

Result<StoreCounts> Store::Counts() const {
  auto st = db_->Prepare(
      "SELECT (SELECT count(*) FROM documents), (SELECT coalesce(sum(bytes), 0) FROM documents),"
      " (SELECT count(*) FROM entities), (SELECT count(*) FROM names),"
      " (SELECT count(*) FROM mentions), (SELECT count(*) FROM quotes),"
      " (SELECT count(*) FROM dates)");
  if (!st.ok()) return st.status();
  auto row = st->Step();
  if (!row.ok()) return row.status();
  StoreCounts c;
  c.documents = st->Int(0);
  c.bytes = st->Int(1);
  c.entities = st->Int(2);
  c.names = st->Int(3);
  c.mentions = st->Int(4);
  c.quotes = st->Int(5);
  c.dates = st->Int(6);
  return c;
}

}  // namespace vestnik::store
