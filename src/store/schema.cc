#include "store/schema.h"

#include <string>

namespace vestnik::store {
namespace {

// Version 1: articles, entities with every name seen, mentions, quotes, dates.
constexpr const char kVersion1[] = R"sql(
CREATE TABLE documents(
  id INTEGER PRIMARY KEY,
  hash BLOB NOT NULL UNIQUE,
  ext_id TEXT NOT NULL,
  date TEXT,
  title TEXT,
  url TEXT,
  source TEXT,
  lang TEXT NOT NULL,
  script TEXT NOT NULL,
  warnings TEXT,
  bytes INTEGER NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX documents_ext_id ON documents(ext_id);
CREATE INDEX documents_date ON documents(date);
CREATE TABLE entities(
  id INTEGER PRIMARY KEY,
  ext_id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  latin TEXT NOT NULL,
  known INTEGER NOT NULL
);
CREATE TABLE names(
  entity INTEGER NOT NULL,
  name TEXT NOT NULL,
  key TEXT NOT NULL,
  script TEXT NOT NULL,
  lang TEXT NOT NULL,
  origin TEXT NOT NULL,
  seen INTEGER NOT NULL,
  PRIMARY KEY(entity, name)
) WITHOUT ROWID;
CREATE TABLE name_keys(
  key TEXT NOT NULL,
  entity INTEGER NOT NULL,
  whole INTEGER NOT NULL,
  PRIMARY KEY(key, entity)
) WITHOUT ROWID;
CREATE TABLE doc_entities(
  doc INTEGER NOT NULL,
  ord INTEGER NOT NULL,
  entity INTEGER NOT NULL,
  name TEXT NOT NULL,
  latin TEXT NOT NULL,
  mentions INTEGER NOT NULL,
  PRIMARY KEY(doc, ord)
) WITHOUT ROWID;
CREATE INDEX doc_entities_entity ON doc_entities(entity, doc);
CREATE TABLE mentions(
  doc INTEGER NOT NULL,
  ord INTEGER NOT NULL,
  entity INTEGER NOT NULL,
  entity_ord INTEGER NOT NULL,
  start_byte INTEGER NOT NULL,
  end_byte INTEGER NOT NULL,
  text TEXT,
  lemma TEXT,
  PRIMARY KEY(doc, ord)
) WITHOUT ROWID;
CREATE TABLE quotes(
  id INTEGER PRIMARY KEY,
  doc INTEGER NOT NULL,
  ord INTEGER NOT NULL,
  date TEXT,
  start_byte INTEGER NOT NULL,
  end_byte INTEGER NOT NULL,
  text TEXT NOT NULL,
  kind TEXT NOT NULL,
  speaker TEXT,
  speaker_entity INTEGER,
  speaker_start INTEGER,
  speaker_end INTEGER,
  speaker_text TEXT,
  cue TEXT,
  channel TEXT,
  via TEXT,
  lang TEXT NOT NULL,
  channel_inherited INTEGER NOT NULL,
  UNIQUE(doc, ord)
);
CREATE INDEX quotes_speaker ON quotes(speaker_entity, date);
CREATE INDEX quotes_date ON quotes(date);
CREATE TABLE dates(
  doc INTEGER NOT NULL,
  ord INTEGER NOT NULL,
  start_byte INTEGER NOT NULL,
  end_byte INTEGER NOT NULL,
  text TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY(doc, ord)
) WITHOUT ROWID;
)sql";

// Version 2: full-text search over quotations (Cyrillic and Latin, case and diacritics folded).
constexpr const char kVersion2[] = R"sql(
CREATE VIRTUAL TABLE quotes_fts USING fts5(
  text, content='quotes', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
INSERT INTO quotes_fts(quotes_fts) VALUES('rebuild');
)sql";

// Version 3: which entities each quotation names (mentions inside its span), so that
// `quotes --about` and `entity` need not scan the mentions of every article naming the entity.
constexpr const char kVersion3[] = R"sql(
CREATE TABLE quote_entities(
  entity INTEGER NOT NULL,
  quote INTEGER NOT NULL,
  PRIMARY KEY(entity, quote)
) WITHOUT ROWID;
INSERT OR IGNORE INTO quote_entities(entity, quote)
  SELECT m.entity, q.id FROM quotes q JOIN mentions m ON m.doc = q.doc
  AND m.start_byte >= q.start_byte AND m.end_byte <= q.end_byte;
)sql";

constexpr const char* kSteps[] = {kVersion1, kVersion2, kVersion3};
static_assert(std::size(kSteps) == kSchemaVersion);

// Tables every version from 1 on has; a store without them is damaged.
constexpr const char* kCoreTables[] = {"documents", "entities", "names",  "name_keys",
                                       "doc_entities", "mentions", "quotes", "dates"};

Status ApplySteps(Connection& db, int from, int to) {
  for (int v = from + 1; v <= to; ++v) {
    Status s = db.Exec(kSteps[v - 1]);
    if (!s.ok()) return s;
  }
  Status s = db.Exec("PRAGMA application_id = " + std::to_string(kApplicationId));
  if (!s.ok()) return s;
  return db.Exec("PRAGMA user_version = " + std::to_string(to));
}

// Runs ApplySteps in one write transaction that re-reads the version first (another process
// may have migrated or created it meanwhile).
Result<int> Upgrade(Connection& db, int to) {
  Status s = db.Exec("BEGIN IMMEDIATE");
  if (!s.ok()) return s;
  auto version = db.QueryInt("PRAGMA user_version");
  if (!version.ok()) {
    db.Exec("ROLLBACK");
    return version.status();
  }
  int from = static_cast<int>(*version);
  if (from < to) {
    s = ApplySteps(db, from, to);
    if (!s.ok()) {
      db.Exec("ROLLBACK");
      return s;
    }
  }
  s = db.Exec("COMMIT");
  if (!s.ok()) {
    db.Exec("ROLLBACK");
    return s;
  }
  return from;
}

}  // namespace

Status CreateSchemaAtVersion(Connection& db, int version) {
  if (version < 1 || version > kSchemaVersion) {
    return Status::InvalidArgument(db.path() + ": no schema version " + std::to_string(version));
  }
  auto r = Upgrade(db, version);
  return r.ok() ? Status::Ok() : r.status();
}

Result<SchemaState> EnsureSchema(Connection& db, bool may_create, bool may_migrate) {
  const std::string& path = db.path();
  // The first read of the header: a file that is not SQLite fails here.
  auto app = db.QueryInt("PRAGMA application_id");
  if (!app.ok()) return app.status();
  auto version = db.QueryInt("PRAGMA user_version");
  if (!version.ok()) return version.status();
  auto tables = db.QueryInt("SELECT count(*) FROM sqlite_schema");
  if (!tables.ok()) return tables.status();

  SchemaState state;
  state.found_version = static_cast<int>(*version);
  if (*app != kApplicationId) {
    if (*app != 0 || *tables != 0 || *version != 0) {
      return Status::Unsupported(path + ": an SQLite database, but not a vestnik store "
                                        "(application_id " + std::to_string(*app) + ")");
    }
    // An empty database (a new or zero-length file).
    if (!may_create) {
      return Status::NotFound(path + ": an empty database, with no articles yet "
                                     "(vestnik ingest fills it)");
    }
    auto from = Upgrade(db, kSchemaVersion);
    if (!from.ok()) return from.status();
    state.found_version = *from;
    state.created = *from == 0;
    state.version = kSchemaVersion;
    return state;
  }
  if (*version > kSchemaVersion) {
    return Status::Unsupported(path + ": schema version " + std::to_string(*version) +
                               " was written by a newer vestnik; this one reads up to version " +
                               std::to_string(kSchemaVersion) + " (upgrade vestnik)");
  }
  if (*version < 1) {
    return Status::Corruption(path + ": a vestnik store without a schema version (damaged)");
  }
  // Every version has the core tables; a store without them is damaged.
  std::string list;
  for (const char* t : kCoreTables) {
    if (!list.empty()) list += ',';
    list += SqlQuote(t);
  }
  auto present = db.QueryInt("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN (" +
                             list + ")");
  if (!present.ok()) return present.status();
  if (*present != static_cast<int64_t>(std::size(kCoreTables))) {
    return Status::Corruption(path + ": schema version " + std::to_string(*version) +
                              " but tables are missing (damaged store)");
  }
  state.version = static_cast<int>(*version);
  if (*version < kSchemaVersion) {
    if (!may_migrate) {
      return Status::Unsupported(path + ": schema version " + std::to_string(*version) +
                                 " needs migrating to " + std::to_string(kSchemaVersion) +
                                 ", and the file is opened read-only");
    }
    auto from = Upgrade(db, kSchemaVersion);
    if (!from.ok()) return from.status();
    state.version = kSchemaVersion;
  }
  return state;
}

}  // namespace vestnik::store
