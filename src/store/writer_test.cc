// Writing and asking: idempotence, names in any script, quote filters, exports, round trip.
#include "store/writer.h"

#include <gtest/gtest.h>

#include <set>

#include "ingest/reader.h"
#include "pipeline/output.h"
#include "pipeline/pipeline.h"
#include "store/export.h"
#include "store/query.h"
#include "store/store_testing.h"

namespace vestnik::store {
namespace {

using testing::Dump;
using testing::MakeArticle;
using testing::Names;
using testing::TempDir;

std::unique_ptr<Store> OpenWrite(const std::string& path) {
  auto s = Store::Open(path, Store::Mode::kWrite);
  EXPECT_TRUE(s.ok()) << s.status().message();
  return s.ok() ? std::move(s.value()) : nullptr;
}

IngestCounts WriteArticles(Store* store, int from, int to, WriterOptions options = {}) {
  StoreWriter w(store, *Names().romanizer, &Names().kb, options);
  for (int i = from; i < to; ++i) {
    Status s = w.Add(MakeArticle(i));
    EXPECT_TRUE(s.ok()) << s.message();
  }
  EXPECT_TRUE(w.Commit().ok());
  return w.committed();
}

class StoreWithArticles : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenWrite(dir_.File("store.db"));
    ASSERT_TRUE(store_);
    WriteArticles(store_.get(), 0, 30);
  }
  std::vector<QuoteRow> Quotes(const QuoteFilter& f) {
    auto r = FindQuotes(*store_, Names().romanizer.get(), f);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? r.value() : std::vector<QuoteRow>{};
  }
  std::set<std::string> Ids(std::string_view name) {
    auto r = ResolveName(*store_, *Names().romanizer, name);
    EXPECT_TRUE(r.ok()) << r.status().message();
    std::set<std::string> out;
    for (int64_t id : r.value()) {
      auto st = store_->db().Prepare("SELECT ext_id FROM entities WHERE id = ?");
      st->Bind(1, id);
      EXPECT_TRUE(*st->Step());
      out.insert(st->Text(0));
    }
    return out;
  }
  TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(StoreWithArticles, CountsWhatItStored) {
  auto c = store_->Counts();
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->documents, 30);
  EXPECT_EQ(c->quotes, 60);
  EXPECT_EQ(c->dates, 30);
  EXPECT_EQ(c->entities, 4);  // Ruge, Kosovo, Vučić, the EU: one row each across articles
}

TEST_F(StoreWithArticles, ReingestingAddsNothing) {
  std::string before = Dump(*store_);
  IngestCounts again = WriteArticles(store_.get(), 0, 30);
  EXPECT_EQ(again.articles, 30);
  EXPECT_EQ(again.added, 0);
  EXPECT_EQ(again.already, 30);
  EXPECT_EQ(Dump(*store_), before);
  // The same article under another id or path is the same content.
  StoreWriter w(store_.get(), *Names().romanizer, &Names().kb);
  Document d = MakeArticle(3);
  d.id = "./elsewhere/3.txt";
  ASSERT_TRUE(w.Add(d).ok());
  ASSERT_TRUE(w.Commit().ok());
  EXPECT_EQ(w.committed().already, 1);
  EXPECT_EQ(Dump(*store_), before);
}

TEST_F(StoreWithArticles, OneRunEqualsTwoHalves) {
  auto halves = OpenWrite(dir_.File("halves.db"));
  WriteArticles(halves.get(), 0, 12, {3, 100000});
  WriteArticles(halves.get(), 12, 30, {5, 100000});
  EXPECT_EQ(Dump(*halves), Dump(*store_));
}

TEST_F(StoreWithArticles, NamesInAnyScriptFindTheSameEntity) {
  const std::set<std::string> vucic{"aleksandar-vucic"};
  for (const char* name : {"Vucic", "Вучич", "Вучић", "Vučić", "VUČIĆ", "Aleksandar Vucic",
                           "Александар Вучић", "@avucic", "aleksandar-vucic"}) {
    EXPECT_EQ(Ids(name), vucic) << name;
  }
  const std::set<std::string> ruge{"per:boris-ruge"};
  for (const char* name : {"Ruge", "Руге", "Борис Руге", "boris ruge", "per:boris-ruge"}) {
    EXPECT_EQ(Ids(name), ruge) << name;
  }
  // A final word alone finds persons only.
  EXPECT_EQ(Ids("Union"), std::set<std::string>{});
  EXPECT_EQ(Ids("European Union"), std::set<std::string>{"european-union"});
  EXPECT_EQ(Ids("Европейския съюз"), std::set<std::string>{"european-union"});
  EXPECT_EQ(Ids("Nobody Atall"), std::set<std::string>{});
}

TEST_F(StoreWithArticles, SpeakerInAnyScriptGivesTheSameQuotes) {
  QuoteFilter f;
  f.limit = 0;
  f.speaker = "Vucic";
  auto latin = Quotes(f);
  f.speaker = "Вучич";
  auto cyrillic = Quotes(f);
  ASSERT_EQ(latin.size(), 30u);
  ASSERT_EQ(cyrillic.size(), latin.size());
  for (size_t i = 0; i < latin.size(); ++i) EXPECT_EQ(latin[i].id, cyrillic[i].id);
  for (const auto& q : latin) EXPECT_EQ(q.speaker_entity.value_or(""), "aleksandar-vucic");
  f.speaker = "Руге";
  EXPECT_EQ(Quotes(f).size(), 30u);
}

TEST_F(StoreWithArticles, FiltersCombine) {
  QuoteFilter f;
  f.limit = 0;
  f.from = "2024-03";
  f.to = "2024-04";
  auto spring = Quotes(f);
  ASSERT_FALSE(spring.empty());
  for (const auto& q : spring) {
    ASSERT_TRUE(q.date);
    EXPECT_GE(*q.date, "2024-03-01");
    EXPECT_LE(*q.date, "2024-04-31");
  }
  // Newest first.
  for (size_t i = 1; i < spring.size(); ++i) EXPECT_GE(*spring[i - 1].date, *spring[i].date);

  QuoteFilter lang;
  lang.limit = 0;
  lang.lang = "en";
  auto english = Quotes(lang);
  EXPECT_EQ(english.size(), 12u);  // articles 0, 5, ..., 25: two quotes each
  for (const auto& q : english) EXPECT_EQ(q.lang, "en");

  QuoteFilter text;
  text.limit = 0;
  text.text = "СИГУРНОСТТА косово";  // case-folded Cyrillic, all words required
  EXPECT_EQ(Quotes(text).size(), 24u);
  text.text = "securite";  // diacritics and case folded the other way round too
  EXPECT_EQ(Quotes(text).size(), 0u);
  text.text = "Security";
  EXPECT_EQ(Quotes(text).size(), 6u);
  text.text = "\"unbalanced AND (";  // user text is never FTS syntax
  EXPECT_EQ(Quotes(text).size(), 0u);

  QuoteFilter about;
  about.limit = 0;
  about.about = "Vučić";  // named inside the quotation: every third article's first quote
  auto named = Quotes(about);
  EXPECT_EQ(named.size(), 10u);
  for (const auto& q : named) EXPECT_EQ(q.speaker_entity.value_or(""), "per:boris-ruge");
  about.speaker = "Ruge";
  about.lang = "en";
  EXPECT_EQ(Quotes(about).size(), 2u);  // articles 0 and 15

  QuoteFilter limited;
  limited.limit = 7;
  EXPECT_EQ(Quotes(limited).size(), 7u);
  limited.offset = 55;
  EXPECT_EQ(Quotes(limited).size(), 5u);
}

TEST_F(StoreWithArticles, BadFiltersNameTheOption) {
  QuoteFilter f;
  f.from = "March";
  auto r = FindQuotes(*store_, Names().romanizer.get(), f);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(r.status().message().find("--from"), std::string::npos);
  QuoteFilter unknown;
  unknown.speaker = "Nobody Atall";
  auto none = FindQuotes(*store_, Names().romanizer.get(), unknown);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST_F(StoreWithArticles, DescribesAnEntity) {
  auto r = DescribeEntities(*store_, *Names().romanizer, "Вучић");
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->size(), 1u);
  const EntityReport& e = r->front();
  EXPECT_EQ(e.id, "aleksandar-vucic");
  EXPECT_EQ(e.type, "PER");
  EXPECT_TRUE(e.known);
  EXPECT_EQ(e.documents, 30);
  EXPECT_EQ(e.mentions, 40);  // every article, and a second time in every third
  EXPECT_EQ(e.quotes_by, 30);
  EXPECT_EQ(e.quotes_about, 10);
  std::set<std::string> scripts, seen;
  for (const auto& n : e.names) {
    scripts.insert(n.script);
    if (n.seen) seen.insert(n.name);
  }
  EXPECT_TRUE(scripts.contains("Cyrl") && scripts.contains("Latn"));
  EXPECT_TRUE(seen.contains("Вучич") && seen.contains("Vučić") &&
              seen.contains("Александър Вучич"));
  int months = 0;
  for (const auto& [month, n] : e.months) months += n > 0;
  EXPECT_EQ(months, 12);
  ASSERT_FALSE(e.co_mentioned.empty());
  EXPECT_EQ(e.co_mentioned[0].count, 30);
  ASSERT_FALSE(e.named_by.empty());
  EXPECT_EQ(e.named_by[0].id, "per:boris-ruge");
  EXPECT_EQ(e.named_by[0].count, 10);
  EXPECT_EQ(e.latest.size(), 5u);

  auto top = TopEntities(*store_, 2, "PER");
  ASSERT_TRUE(top.ok());
  ASSERT_EQ(top->size(), 2u);
  EXPECT_EQ((*top)[0].count, 30);
}

TEST_F(StoreWithArticles, ExportsEveryFormat) {
  for (auto format : {ExportFormat::kJsonl, ExportFormat::kCsv, ExportFormat::kGkg}) {
    std::string out;
    Status s = Export(*store_, format, [&](std::string_view chunk) {
      out.append(chunk);
      return true;
    });
    ASSERT_TRUE(s.ok()) << s.message();
    size_t lines = 0;
    for (char c : out) lines += c == '\n';
    if (format == ExportFormat::kCsv) {
      EXPECT_EQ(lines, 61u);  // a header and 60 quotations (one line each: no line breaks)
    } else {
      EXPECT_EQ(lines, 30u);
    }
    if (format == ExportFormat::kGkg) {
      std::string first = out.substr(0, out.find('\n'));
      size_t tabs = 0;
      for (char c : first) tabs += c == '\t';
      EXPECT_EQ(tabs, 26u);  // 27 columns
      EXPECT_NE(first.find("Boris Ruge"), std::string::npos);
      EXPECT_NE(first.find("|said|"), std::string::npos);
    }
  }
}

// The examples, analysed by the real pipeline, come back from the store exactly as analyze
// printed them.
TEST(StoreRoundTripTest, ExamplesComeBackAsAnalyzed) {
  auto pipeline = Pipeline::Create();
  ASSERT_TRUE(pipeline.ok()) << pipeline.status().message();
  std::vector<Document> docs;
  Status read = ingest::ReadInput(VESTNIK_SOURCE_DIR "/examples", [&](Result<Document> d) {
    EXPECT_TRUE(d.ok());
    if (d.ok()) docs.push_back(std::move(d.value()));
    return true;
  });
  ASSERT_TRUE(read.ok()) << read.message();
  ASSERT_GE(docs.size(), 5u);
  std::string expected;
  for (Document& d : docs) {
    (*pipeline)->Analyze(&d);
    WriteJson(d, {}, &expected);
  }
  TempDir dir;
  auto store = OpenWrite(dir.File("examples.db"));
  {
    StoreWriter w(store.get(), (*pipeline)->romanizer(), &(*pipeline)->kb());
    for (const Document& d : docs) ASSERT_TRUE(w.Add(d).ok());
    ASSERT_TRUE(w.Commit().ok());
    EXPECT_EQ(w.committed().added, static_cast<int64_t>(docs.size()));
  }
  std::string exported;
  ASSERT_TRUE(Export(*store, ExportFormat::kJsonl, [&](std::string_view c) {
                exported.append(c);
                return true;
              }).ok());
  EXPECT_EQ(exported, expected);
}

TEST(StoreWriterTest, ABrokenArticleRollsBackItsTransactionOnly) {
  TempDir dir;
  auto store = OpenWrite(dir.File("broken.db"));
  StoreWriter w(store.get(), *Names().romanizer, &Names().kb, {100, 100000});
  ASSERT_TRUE(w.Add(MakeArticle(0)).ok());
  ASSERT_TRUE(w.Commit().ok());
  // A mention table that refuses the third article: the open transaction, which holds the
  // second one too, is rolled back whole.
  ASSERT_TRUE(store->db().Exec("CREATE TRIGGER refuse BEFORE INSERT ON mentions "
                               "WHEN NEW.doc > 2 BEGIN SELECT RAISE(ABORT, 'refused'); END")
                  .ok());
  ASSERT_TRUE(w.Add(MakeArticle(1)).ok());
  Status s = w.Add(MakeArticle(2));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("broken.db"), std::string::npos) << s.message();
  auto c = store->Counts();
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->documents, 1);
  ASSERT_TRUE(store->db().Exec("DROP TRIGGER refuse").ok());
  ASSERT_TRUE(w.Add(MakeArticle(1)).ok());  // and the writer goes on
  ASSERT_TRUE(w.Add(MakeArticle(2)).ok());
  ASSERT_TRUE(w.Commit().ok());
  auto clean = OpenWrite(dir.File("clean.db"));
  WriteArticles(clean.get(), 0, 3);
  EXPECT_EQ(Dump(*store), Dump(*clean));
}

}  // namespace
}  // namespace vestnik::store
