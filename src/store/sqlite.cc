#include "store/sqlite.h"

#include <sqlite3.h>

#include <utility>

namespace vestnik::store {

Statement::Statement(Statement&& o) noexcept
    : stmt_(std::exchange(o.stmt_, nullptr)), conn_(o.conn_) {}

Statement& Statement::operator=(Statement&& o) noexcept {
  if (this != &o) {
    if (stmt_) sqlite3_finalize(stmt_);
    stmt_ = std::exchange(o.stmt_, nullptr);
    conn_ = o.conn_;
  }
  return *this;
}

Statement::~Statement() {
  if (stmt_) sqlite3_finalize(stmt_);
}

Statement& Statement::Bind(int i, int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}

Statement& Statement::Bind(int i, std::string_view v) {
  sqlite3_bind_text64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}

Statement& Statement::BindBlob(int i, std::string_view v) {
  sqlite3_bind_blob64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::BindOpt(int i, const std::optional<std::string>& v) {
  return v ? Bind(i, *v) : BindNull(i);
}

Statement& Statement::BindOptText(int i, std::string_view v) {
  return v.empty() ? BindNull(i) : Bind(i, v);
}

Statement& Statement::BindNull(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}

Result<bool> Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Status s = conn_->Error(rc, "query failed");
  sqlite3_reset(stmt_);
  return s;
}

Status Statement::Run() {
  int rc = sqlite3_step(stmt_);
  while (rc == SQLITE_ROW) rc = sqlite3_step(stmt_);
  Status s = rc == SQLITE_DONE ? Status::Ok() : conn_->Error(rc, "write failed");
  Reset();
  return s;
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

int64_t Statement::Int(int col) const { return sqlite3_column_int64(stmt_, col); }

std::string_view Statement::TextView(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  if (!p) return {};
  return std::string_view(reinterpret_cast<const char*>(p),
                          static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

std::string Statement::Text(int col) const { return std::string(TextView(col)); }

std::optional<std::string> Statement::OptText(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Text(col);
}

bool Statement::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

int Statement::columns() const { return sqlite3_column_count(stmt_); }

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, Mode mode) {
  int flags = SQLITE_OPEN_NOMUTEX;
  switch (mode) {
    case Mode::kReadOnly: flags |= SQLITE_OPEN_READONLY; break;
    case Mode::kReadWrite: flags |= SQLITE_OPEN_READWRITE; break;
    case Mode::kCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
  }
  std::unique_ptr<Connection> c(new Connection());
  c->path_ = path;
  int rc = sqlite3_open_v2(path.c_str(), &c->db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    if (rc == SQLITE_CANTOPEN && mode != Mode::kCreate) {
      return Status::NotFound(path + ": no such database (vestnik ingest creates it)");
    }
    return c->Error(rc, "cannot open");
  }
  sqlite3_extended_result_codes(c->db_, 1);
  // Wait for the writer's commit or checkpoint instead of failing at once.
  sqlite3_busy_timeout(c->db_, 10000);
  return c;
}

Connection::~Connection() {
  if (db_) sqlite3_close_v2(db_);
}

Status Connection::Exec(std::string_view sql) {
  std::string s(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
  if (err) sqlite3_free(err);
  if (rc != SQLITE_OK) return Error(rc, "statement failed");
  return Status::Ok();
}

Result<Statement> Connection::Prepare(std::string_view sql) const {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return Error(rc, "cannot prepare \"" + std::string(sql.substr(0, 60)) + "\"");
  return Statement(stmt, this);
}

Result<int64_t> Connection::QueryInt(std::string_view sql) const {
  auto st = Prepare(sql);
  if (!st.ok()) return st.status();
  auto row = st->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound(path_ + ": no result for " + std::string(sql));
  return st->Int(0);
}

Status Connection::Error(int rc, std::string_view what) const {
  std::string detail = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
  switch (rc & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Status::Corruption(path_ + ": the file is corrupt or not a vestnik database (" +
                                detail + ")");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status::IoError(path_ + ": the database is busy: another vestnik ingest may be "
                                     "writing to it (" + detail + ")");
    case SQLITE_FULL:
      return Status::IoError(path_ + ": the disk is full (" + detail + ")");
    case SQLITE_READONLY:
      return Status::IoError(path_ + ": the database is read-only here (" + detail + ")");
    case SQLITE_CANTOPEN:
      return Status::IoError(path_ + ": cannot open (" + detail + ")");
    default:
      return Status::IoError(path_ + ": " + std::string(what) + " (" + detail + ")");
  }
}

int64_t Connection::LastInsertRowid() const { return sqlite3_last_insert_rowid(db_); }
int Connection::Changes() const { return sqlite3_changes(db_); }

std::string SqlQuote(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  out += '\'';
  return out;
}

}  // namespace vestnik::store
