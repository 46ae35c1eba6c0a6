// The store's file: creation, schema versions, migration, and refusal of what it cannot read.
#include "store/store.h"

#include <gtest/gtest.h>

#include <fstream>

#include "store/hash.h"
#include "store/schema.h"
#include "store/store_testing.h"
#include "store/writer.h"

namespace vestnik::store {
namespace {

using testing::Names;
using testing::TempDir;

void WriteBytes(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Fills a store with `n` synthetic articles and closes it (checkpointed into the main file).
void Fill(const std::string& path, int n) {
  auto s = Store::Open(path, Store::Mode::kWrite);
  ASSERT_TRUE(s.ok()) << s.status().message();
  StoreWriter w(s->get(), *Names().romanizer, &Names().kb);
  for (int i = 0; i < n; ++i) ASSERT_TRUE(w.Add(testing::MakeArticle(i)).ok());
  ASSERT_TRUE(w.Commit().ok());
  ASSERT_TRUE((*s)->db().Exec("PRAGMA wal_checkpoint(TRUNCATE)").ok());
}

TEST(Sha256Test, KnownVectors) {
  Sha256 a;
  EXPECT_EQ(ToHex(a.Finish()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  Sha256 b;
  b.Update("abc");
  EXPECT_EQ(ToHex(b.Finish()), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  Sha256 c;  // two blocks, fed in odd pieces
  std::string m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  c.Update(m.substr(0, 5));
  c.Update(m.substr(5));
  EXPECT_EQ(ToHex(c.Finish()), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(ContentHashTest, CoversContentNotId) {
  Document a = testing::MakeArticle(1);
  Document b = a;
  b.id = "another path";
  b.lang_hint = "sr";
  EXPECT_EQ(ContentHash(a), ContentHash(b));
  b.date = "2024-01-03";
  EXPECT_NE(ContentHash(a), ContentHash(b));
  Document c = a;
  c.title.reset();
  EXPECT_NE(ContentHash(a), ContentHash(c));
  c.title = "";
  EXPECT_NE(ContentHash(a), ContentHash(c));  // absent and empty differ
}

TEST(StoreTest, CreatesWithVersionAndWal) {
  TempDir dir;
  std::string path = dir.File("new.db");
  auto s = Store::Open(path, Store::Mode::kWrite);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_TRUE((*s)->schema().created);
  EXPECT_EQ((*s)->schema().version, kSchemaVersion);
  EXPECT_EQ(*(*s)->db().QueryInt("PRAGMA user_version"), kSchemaVersion);
  EXPECT_EQ(*(*s)->db().QueryInt("PRAGMA application_id"), kApplicationId);
  auto mode = (*s)->db().Prepare("PRAGMA journal_mode");
  ASSERT_TRUE(mode.ok());
  ASSERT_TRUE(*mode->Step());
  EXPECT_EQ(mode->Text(0), "wal");
  s = Store::Open(path, Store::Mode::kRead);  // and opens again, unchanged
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_FALSE((*s)->schema().created);
  EXPECT_FALSE((*s)->schema().migrated());
}

TEST(StoreTest, ReadingAMissingFileSaysSo) {
  TempDir dir;
  auto s = Store::Open(dir.File("missing.db"), Store::Mode::kRead);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), Status::Code::kNotFound);
  EXPECT_NE(s.status().message().find("missing.db"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir.File("missing.db")));  // and creates nothing
}

TEST(StoreTest, RefusesANewerSchema) {
  TempDir dir;
  std::string path = dir.File("newer.db");
  {
    auto s = Store::Open(path, Store::Mode::kWrite);
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE((*s)->db().Exec("PRAGMA user_version = 99").ok());
  }
  for (auto mode : {Store::Mode::kRead, Store::Mode::kWrite}) {
    auto s = Store::Open(path, mode);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.status().code(), Status::Code::kUnsupported);
    EXPECT_NE(s.status().message().find(path), std::string::npos) << s.status().message();
    EXPECT_NE(s.status().message().find("newer"), std::string::npos) << s.status().message();
  }
  auto db = Connection::Open(path, Connection::Mode::kReadOnly);
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(*(*db)->QueryInt("PRAGMA user_version"), 99);  // untouched
}

TEST(StoreTest, RefusesAnotherApplicationsDatabase) {
  TempDir dir;
  std::string path = dir.File("other.db");
  {
    auto db = Connection::Open(path, Connection::Mode::kCreate);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Exec("CREATE TABLE notes(x)").ok());
  }
  auto s = Store::Open(path, Store::Mode::kWrite);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("not a vestnik store"), std::string::npos)
      << s.status().message();
}

TEST(StoreTest, RefusesAFileThatIsNotADatabase) {
  TempDir dir;
  std::string path = dir.File("garbage.db");
  std::string junk;
  for (int i = 0; i < 8192; ++i) junk.push_back(static_cast<char>((i * 7919) % 251));
  WriteBytes(path, junk);
  for (auto mode : {Store::Mode::kRead, Store::Mode::kWrite}) {
    auto s = Store::Open(path, mode);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.status().code(), Status::Code::kCorruption);
    EXPECT_NE(s.status().message().find(path), std::string::npos) << s.status().message();
  }
  EXPECT_EQ(ReadBytes(path), junk);  // never written to
}

TEST(StoreTest, DamagedPagesAreReportedNotCrashed) {
  TempDir dir;
  std::string path = dir.File("damaged.db");
  Fill(path, 40);
  std::string bytes = ReadBytes(path);
  ASSERT_GT(bytes.size(), 8192u);
  // Keep the header page (the schema), overwrite every other page.
  for (size_t i = 4096; i < bytes.size(); ++i) bytes[i] = static_cast<char>(0xA5 ^ (i * 31));
  WriteBytes(path, bytes);
  auto s = Store::Open(path, Store::Mode::kRead);
  Status failure = s.ok() ? Status::Ok() : s.status();
  if (s.ok()) {
    auto counts = (*s)->Counts();
    ASSERT_FALSE(counts.ok());
    failure = counts.status();
  }
  EXPECT_EQ(failure.code(), Status::Code::kCorruption) << failure.message();
  EXPECT_NE(failure.message().find(path), std::string::npos) << failure.message();
}

TEST(StoreTest, TruncatedFileIsReported) {
  TempDir dir;
  std::string path = dir.File("truncated.db");
  Fill(path, 40);
  std::string bytes = ReadBytes(path);
  WriteBytes(path, bytes.substr(0, bytes.size() / 2));
  auto s = Store::Open(path, Store::Mode::kRead);
  Status failure = s.ok() ? Status::Ok() : s.status();
  if (s.ok()) {
    auto counts = (*s)->Counts();
    ASSERT_FALSE(counts.ok());
    failure = counts.status();
  }
  EXPECT_EQ(failure.code(), Status::Code::kCorruption) << failure.message();
  EXPECT_NE(failure.message().find(path), std::string::npos);
}

TEST(StoreTest, EmptyFileIsAStoreOnlyWhenWriting) {
  TempDir dir;
  std::string path = dir.File("empty.db");
  WriteBytes(path, "");
  auto r = Store::Open(path, Store::Mode::kRead);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kNotFound);
  auto w = Store::Open(path, Store::Mode::kWrite);
  ASSERT_TRUE(w.ok()) << w.status().message();
  EXPECT_TRUE((*w)->schema().created);
}

TEST(StoreTest, MigratesVersion1AndKeepsItsData) {
  TempDir dir;
  std::string path = dir.File("v1.db");
  {
    auto db = Connection::Open(path, Connection::Mode::kCreate);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(CreateSchemaAtVersion(**db, 1).ok());
    ASSERT_TRUE((*db)->Exec(
        "INSERT INTO documents(id, hash, ext_id, lang, script, bytes, body) "
        "VALUES(1, x'00', 'old', 'sr', 'Cyrl', 10, 'Вучич рече');"
        "INSERT INTO quotes(id, doc, ord, start_byte, end_byte, text, kind, lang, "
        "channel_inherited) VALUES(1, 1, 0, 0, 19, 'Вучич рече', 'direct', 'sr', 0);"
        "INSERT INTO mentions(doc, ord, entity, entity_ord, start_byte, end_byte) "
        "VALUES(1, 0, 7, 0, 0, 10)")
                    .ok());
    EXPECT_EQ(*(*db)->QueryInt("PRAGMA user_version"), 1);
  }
  auto s = Store::Open(path, Store::Mode::kRead);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_TRUE((*s)->schema().migrated());
  EXPECT_EQ((*s)->schema().found_version, 1);
  EXPECT_EQ(*(*s)->db().QueryInt("PRAGMA user_version"), kSchemaVersion);
  // Version 2's full-text index holds the quotation stored under version 1, and version 3
  // knows the entity it names.
  EXPECT_EQ(*(*s)->db().QueryInt("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'рече'"),
            1);
  EXPECT_EQ(*(*s)->db().QueryInt("SELECT entity FROM quote_entities WHERE quote = 1"), 7);
  auto counts = (*s)->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->documents, 1);
  EXPECT_EQ(counts->quotes, 1);
}

TEST(StoreTest, AStoreWithoutItsTablesIsDamaged) {
  TempDir dir;
  std::string path = dir.File("halfway.db");
  {
    auto s = Store::Open(path, Store::Mode::kWrite);
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE((*s)->db().Exec("DROP TABLE mentions").ok());
  }
  auto s = Store::Open(path, Store::Mode::kRead);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), Status::Code::kCorruption);
  EXPECT_NE(s.status().message().find("missing"), std::string::npos) << s.status().message();
}

}  // namespace
}  // namespace vestnik::store
