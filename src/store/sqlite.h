// SQLite plumbing for the corpus store: one connection and its prepared statements.
//
// Reads: an SQLite database file (Debian's libsqlite3). Adds: RAII handles whose failures come
// back as Status messages that name the database file, with SQLite's own words appended.
// Guarantees: no exception and no SQLite error code crosses this header; a Connection and its
// Statements belong to one thread at a time (open one Connection per thread).
#ifndef VESTNIK_STORE_SQLITE_H_
#define VESTNIK_STORE_SQLITE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace vestnik::store {

class Connection;

// A prepared statement. Bind parameters are 1-based, result columns 0-based. Text bound with
// Bind() is copied, so the argument may die before Step().
class Statement {
 public:
  Statement() = default;
  Statement(Statement&& o) noexcept;
  Statement& operator=(Statement&& o) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  bool valid() const { return stmt_ != nullptr; }

  Statement& Bind(int i, int64_t v);
  Statement& Bind(int i, std::string_view v);
  Statement& Bind(int i, const char* v) { return Bind(i, std::string_view(v)); }
  Statement& Bind(int i, const std::string& v) { return Bind(i, std::string_view(v)); }
  Statement& BindBlob(int i, std::string_view v);
  // Binds NULL when `v` is empty / absent.
  Statement& BindOpt(int i, const std::optional<std::string>& v);
  Statement& BindOptText(int i, std::string_view v);  // "" → NULL
  Statement& BindNull(int i);

  // Advances: true when a row is available, false when done. Errors name the database.
  Result<bool> Step();
  // Steps to completion (for statements that return no rows) and resets.
  Status Run();
  // Makes the statement ready to run again; keeps nothing bound.
  void Reset();

  int64_t Int(int col) const;
  std::string Text(int col) const;
  std::string_view TextView(int col) const;  // valid until the next Step or Reset
  std::optional<std::string> OptText(int col) const;
  bool IsNull(int col) const;
  int columns() const;  // result columns

 private:
  friend class Connection;
  Statement(sqlite3_stmt* stmt, const Connection* conn) : stmt_(stmt), conn_(conn) {}
  sqlite3_stmt* stmt_ = nullptr;
  const Connection* conn_ = nullptr;
};

class Connection {
 public:
  enum class Mode {
    kReadOnly,   // fails when the file is missing; never writes
    kReadWrite,  // fails when the file is missing
    kCreate,     // read-write, creating the file when it is missing
  };
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, Mode mode);
  ~Connection();

  Status Exec(std::string_view sql);
  Result<Statement> Prepare(std::string_view sql) const;
  // A single integer from `sql` (e.g. a PRAGMA), or the error.
  Result<int64_t> QueryInt(std::string_view sql) const;

  // The Status for SQLite result code `rc`, naming the file; `what` says what was being done.
  Status Error(int rc, std::string_view what) const;
  int64_t LastInsertRowid() const;
  int Changes() const;
  const std::string& path() const { return path_; }
  sqlite3* raw() const { return db_; }

 private:
  Connection() = default;
  sqlite3* db_ = nullptr;
  std::string path_;
};

// Quotes `s` as an SQL string literal.
std::string SqlQuote(std::string_view s);

}  // namespace vestnik::store

#endif  // VESTNIK_STORE_SQLITE_H_
