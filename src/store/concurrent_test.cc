// A reader asking while the writer writes: never blocked for long, never half an article.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "store/query.h"
#include "store/store_testing.h"
#include "store/writer.h"

namespace vestnik::store {
namespace {

using testing::MakeArticle;
using testing::Names;
using testing::TempDir;

TEST(ConcurrentReadTest, ReadersSeeWholeArticlesWhileIngestRuns) {
  TempDir dir;
  const std::string path = dir.File("busy.db");
  auto writing = Store::Open(path, Store::Mode::kWrite);
  ASSERT_TRUE(writing.ok()) << writing.status().message();
  constexpr int kArticles = 150;
  std::atomic<bool> done{false};
  Status written;
  std::thread writer([&] {
    StoreWriter w(writing->get(), *Names().romanizer, &Names().kb, {1, 1000000});
    for (int i = 0; i < kArticles && written.ok(); ++i) written = w.Add(MakeArticle(i));
    if (written.ok()) written = w.Commit();
    done = true;
  });

  auto reading = Store::Open(path, Store::Mode::kRead);
  ASSERT_TRUE(reading.ok()) << reading.status().message();
  const Store& r = **reading;
  int reads = 0;
  int64_t last = 0;
  while (!done || reads < 3) {
    // One statement, one snapshot: two quotations and one date per whole article.
    auto st = r.db().Prepare(
        "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM quotes), "
        "(SELECT count(*) FROM dates), (SELECT count(*) FROM quotes_fts WHERE quotes_fts "
        "MATCH 'номер OR number')");
    ASSERT_TRUE(st.ok()) << st.status().message();
    auto row = st->Step();
    ASSERT_TRUE(row.ok()) << row.status().message();
    const int64_t docs = st->Int(0);
    EXPECT_EQ(st->Int(1), 2 * docs);
    EXPECT_EQ(st->Int(2), docs);
    EXPECT_EQ(st->Int(3), docs);
    EXPECT_GE(docs, last);
    last = docs;
    QuoteFilter f;
    f.speaker = "Руге";
    f.limit = 0;
    auto quotes = FindQuotes(r, Names().romanizer.get(), f);
    ASSERT_TRUE(quotes.ok()) << quotes.status().message();
    EXPECT_GE(static_cast<int64_t>(quotes->size()), last);
    EXPECT_LE(quotes->size(), static_cast<size_t>(kArticles));
    ++reads;
  }
  writer.join();
  ASSERT_TRUE(written.ok()) << written.message();
  auto c = r.Counts();
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->documents, kArticles);
  EXPECT_GE(reads, 3);
}

}  // namespace
}  // namespace vestnik::store
