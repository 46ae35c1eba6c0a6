#include "core/lexicon.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/resources.h"
#include "text/normalize.h"
#include "text/segment.h"

namespace vestnik {
namespace {
namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            ("vestnik_lexicon_test_" + std::to_string(::getpid()) + "_" +
             std::to_string(counter++));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  fs::path Write(const std::string& name, const std::string& bytes) const {
    fs::path p = path_ / name;
    std::ofstream out(p, std::ios::binary);
    out << bytes;
    return p;
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

TEST(PhraseTableWordsTest, ForEachWordVisitsExactlyTheWordsFindWordFinds) {
  PhraseTable t;
  t.Add("Said", {});
  t.Add("said that", {});  // a longer phrase with the same first word
  t.Add("according to", {});  // no one-word phrase starts with "according"
  t.Add("and", {});
  std::vector<std::string> seen;
  t.ForEachWord([&](std::string_view w) { seen.emplace_back(w); });
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen, (std::vector<std::string>{"and", "said"}));
  for (const std::string& w : seen) EXPECT_NE(t.FindWord(w), nullptr) << w;
  EXPECT_EQ(t.FindWord("according"), nullptr);
}

TEST(ReadTsvTest, SkipsCommentsAndBlankLinesAndStripsCr) {
  TempDir dir;
  fs::path p = dir.Write("a.tsv",
                         "# a comment\n"
                         "\n"
                         "   # an indented comment\n"
                         "foo\tbar\r\n"
                         "   \n"
                         "\t\n"
                         "\r\n"
                         "baz\tqux");  // last line without a newline
  auto rows = ReadTsv(p, 2, 2);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].line, 4);
  EXPECT_EQ((*rows)[0].cols, (std::vector<std::string>{"foo", "bar"}));
  EXPECT_EQ((*rows)[1].line, 8);
  EXPECT_EQ((*rows)[1].cols, (std::vector<std::string>{"baz", "qux"}));
}

TEST(ReadTsvTest, TrimsSpacesAroundColumnsAndDropsTrailingEmptyOptionalColumns) {
  TempDir dir;
  fs::path p = dir.Write("b.tsv", "  ген. \t генерал \nг.\t\t\n");
  auto rows = ReadTsv(p, 1, 2);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].cols, (std::vector<std::string>{"ген.", "генерал"}));
  EXPECT_EQ((*rows)[1].cols, (std::vector<std::string>{"г."}));
}

TEST(ReadTsvTest, TooFewColumnsIsCorruptionNamingFileAndLine) {
  TempDir dir;
  fs::path p = dir.Write("c.tsv", "# header\nok\tvalue\nlonely\nnever\tread\n");
  auto rows = ReadTsv(p, 2, 2);
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().code(), Status::Code::kCorruption);
  EXPECT_NE(rows.status().message().find(p.string() + ":3"), std::string::npos)
      << rows.status().message();
}

TEST(ReadTsvTest, TooManyColumnsIsCorruption) {
  TempDir dir;
  fs::path p = dir.Write("d.tsv", "a\tb\n\na\tb\tc\n");
  auto rows = ReadTsv(p, 1, 2);
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().code(), Status::Code::kCorruption);
  EXPECT_NE(rows.status().message().find(p.string() + ":3"), std::string::npos)
      << rows.status().message();
}

TEST(ReadTsvTest, EmptyFirstColumnIsCorruption) {
  TempDir dir;
  fs::path p = dir.Write("e.tsv", "\tvalue\n");
  auto rows = ReadTsv(p, 1, 2);
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().code(), Status::Code::kCorruption);
  EXPECT_NE(rows.status().message().find(p.string() + ":1"), std::string::npos);
}

TEST(ReadTsvTest, InvalidUtf8LineIsCorruptionNamingFileAndLine) {
  TempDir dir;
  fs::path p = dir.Write("f.tsv", "good\n\xC0\xAF" "bad\n");
  auto rows = ReadTsv(p, 1, 1);
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().code(), Status::Code::kCorruption);
  EXPECT_NE(rows.status().message().find(p.string() + ":2"), std::string::npos)
      << rows.status().message();
  EXPECT_NE(rows.status().message().find("UTF-8"), std::string::npos);
}

TEST(ReadTsvTest, MissingFileIsEmpty) {
  TempDir dir;
  auto rows = ReadTsv(dir.path() / "does_not_exist.tsv", 1, 3);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_TRUE(rows->empty());
}

Document BuildDoc(const std::string& body) {
  LangResources lr;
  Document d;
  d.body = body;
  text::Normalize(d.body, &d.norm_text, &d.norm_map);
  text::Tokenize(lr, &d);
  text::SplitSentences(lr, &d);
  return d;
}

class PhraseTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    table_.Add("according to", {"two"});
    table_.Add("according", {"one"});
    table_.Add("according to the", {"three"});
    table_.Add("Според", {"spored"});
    table_.Add("  пред   журналисти ", {"press"});
  }
  PhraseTable table_;
};

TEST_F(PhraseTableTest, LongestMatchWins) {
  Document d = BuildDoc("He spoke according to the report.");
  // He spoke according to the report .
  PhraseTable::Match m = table_.MatchAt(d, 2);
  ASSERT_TRUE(m);
  EXPECT_EQ(m.length, 3u);
  EXPECT_EQ(m.entry->values, (std::vector<std::string>{"three"}));
  EXPECT_EQ(m.entry->words, (std::vector<std::string>{"according", "to", "the"}));
  EXPECT_FALSE(table_.MatchAt(d, 0));
  EXPECT_FALSE(table_.MatchAt(d, 3));  // "to" does not start a phrase
}

TEST_F(PhraseTableTest, FallsBackToShorterPhrases) {
  Document d = BuildDoc("ACCORDING TO him, according. According to");
  // ACCORDING TO him , according . According to
  PhraseTable::Match m = table_.MatchAt(d, 0);
  ASSERT_TRUE(m);
  EXPECT_EQ(m.length, 2u);
  EXPECT_EQ(m.entry->values, (std::vector<std::string>{"two"}));
  m = table_.MatchAt(d, 4);
  ASSERT_TRUE(m);
  EXPECT_EQ(m.length, 1u);
  EXPECT_EQ(m.entry->values, (std::vector<std::string>{"one"}));
  // At the very end, "according to the" would run past the last token.
  m = table_.MatchAt(d, 6);
  ASSERT_TRUE(m);
  EXPECT_EQ(m.length, 2u);
}

TEST_F(PhraseTableTest, MatchesCyrillicCaseInsensitivelyAndCollapsesSpaces) {
  Document d = BuildDoc("СПОРЕД него, пред Журналисти.");
  // СПОРЕД него , пред Журналисти .
  PhraseTable::Match m = table_.MatchAt(d, 0);
  ASSERT_TRUE(m);
  EXPECT_EQ(m.entry->values, (std::vector<std::string>{"spored"}));
  m = table_.MatchAt(d, 3);
  ASSERT_TRUE(m);
  EXPECT_EQ(m.length, 2u);
  EXPECT_EQ(m.entry->values, (std::vector<std::string>{"press"}));
}

TEST_F(PhraseTableTest, OutOfRangeIndexIsNoMatch) {
  Document d = BuildDoc("according");
  EXPECT_TRUE(table_.MatchAt(d, 0));
  EXPECT_FALSE(table_.MatchAt(d, 1));
  EXPECT_FALSE(table_.MatchAt(d, 1000));
}

TEST_F(PhraseTableTest, FindWordAndDuplicates) {
  EXPECT_EQ(table_.size(), 5u);
  EXPECT_FALSE(table_.empty());
  const PhraseTable::Entry* e = table_.FindWord("according");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->values, (std::vector<std::string>{"one"}));
  EXPECT_EQ(table_.FindWord("пред"), nullptr);  // only a two-word phrase starts with it
  EXPECT_EQ(table_.FindWord("to"), nullptr);
  EXPECT_NE(table_.FindWord("според"), nullptr);
  // The first definition wins; a duplicate (in any case) is ignored.
  table_.Add("ACCORDING", {"dup"});
  EXPECT_EQ(table_.size(), 5u);
  EXPECT_EQ(table_.FindWord("according")->values, (std::vector<std::string>{"one"}));
  PhraseTable empty;
  EXPECT_TRUE(empty.empty());
  empty.Add("   ", {"x"});
  EXPECT_TRUE(empty.empty());
}

TEST(TransliterationTest, LongestSourceFirstWhateverTheAddOrder) {
  Transliteration t;
  EXPECT_TRUE(t.empty());
  // Single letters are added before the digraphs on purpose.
  for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"l", "л"}, {"j", "ј"}, {"n", "н"}, {"u", "у"}, {"b", "б"}, {"a", "а"},
           {"d", "д"}, {"ž", "ж"}, {"lj", "љ"}, {"nj", "њ"}, {"dž", "џ"}, {"e", "е"}}) {
    t.Add(from, to);
  }
  EXPECT_FALSE(t.empty());
  EXPECT_EQ(t.Apply("ljubljana"), "љубљана");
  EXPECT_EQ(t.Apply("njuda"), "њуда");
  EXPECT_EQ(t.Apply("džuda"), "џуда");
  EXPECT_EQ(t.Apply("ždj"), "ждј");
  // Unmapped characters (ASCII or multi-byte) pass through.
  EXPECT_EQ(t.Apply("x1 Ж!"), "x1 Ж!");
  EXPECT_EQ(t.Apply(""), "");
}

TEST(LoadPhrasesTest, LoadsValuesAndAddsTheOtherScript) {
  TempDir dir;
  fs::path p = dir.Write("channels.tsv", "# channel names\nTviter\tTwitter\nna konferenciji\tpress\n");
  Transliteration t;
  for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"t", "т"}, {"v", "в"}, {"i", "и"}, {"e", "е"}, {"r", "р"}, {"n", "н"}, {"a", "а"},
           {"k", "к"}, {"o", "о"}, {"f", "ф"}, {"c", "ц"}, {"j", "ј"}, {"nj", "њ"}}) {
    t.Add(from, to);
  }
  PhraseTable table;
  Status s = LoadPhrases(p, 1, &t, &table);
  ASSERT_TRUE(s.ok()) << s.ToString();
  const PhraseTable::Entry* latin = table.FindWord("tviter");
  ASSERT_NE(latin, nullptr);
  ASSERT_FALSE(latin->values.empty());
  EXPECT_EQ(latin->values[0], "Twitter");
  const PhraseTable::Entry* cyr = table.FindWord("твитер");
  ASSERT_NE(cyr, nullptr);
  EXPECT_EQ(cyr->values[0], "Twitter");
  Document d = BuildDoc("На конференцији");
  PhraseTable::Match m = table.MatchAt(d, 0);
  ASSERT_TRUE(m);
  EXPECT_EQ(m.length, 2u);
  EXPECT_EQ(m.entry->values[0], "press");
}

TEST(LoadPhrasesTest, MalformedFileIsAnError) {
  TempDir dir;
  fs::path p = dir.Write("bad.tsv", "one\ttwo\tthree\tfour\n");
  PhraseTable table;
  Status s = LoadPhrases(p, 1, nullptr, &table);
  EXPECT_EQ(s.code(), Status::Code::kCorruption);
  EXPECT_NE(s.message().find(p.string() + ":1"), std::string::npos) << s.message();
  Status missing = LoadPhrases(dir.path() / "missing.tsv", 1, nullptr, &table);
  EXPECT_TRUE(missing.ok());
  EXPECT_TRUE(table.empty());
}

}  // namespace
}  // namespace vestnik
