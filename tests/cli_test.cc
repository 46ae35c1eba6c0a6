// The vestnik binary as users meet it: exit codes, error messages, --keep-going, order.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <sys/wait.h>

namespace {

namespace fs = std::filesystem;

struct RunResult {
  int code = -1;
  std::string out, err;
};

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("vestnik-cli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path Write(const std::string& name, const std::string& bytes) {
    fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
  static std::string Slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }
  RunResult Vestnik(const std::string& args, const std::string& stdin_file = "") {
    fs::path out = dir_ / "stdout", err = dir_ / "stderr";
    std::string cmd = std::string(VESTNIK_BINARY) + " " + args + " >" + out.string() + " 2>" +
                      err.string() + (stdin_file.empty() ? " </dev/null" : " <" + stdin_file);
    int status = std::system(cmd.c_str());
    RunResult r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = Slurp(out);
    r.err = Slurp(err);
    return r;
  }
  // The text report of one article written as `name` (exit status 0 expected).
  std::string TextReport(const std::string& name, const std::string& body) {
    RunResult r = Vestnik("analyze --format text " + Write(name, body).string());
    EXPECT_EQ(r.code, 0) << r.err;
    return r.out;
  }
  static int Lines(const std::string& s) {
    int n = 0;
    for (char c : s) n += c == '\n';
    return n;
  }
  fs::path dir_;
};

const char kArticle[] =
    " date 2024-05-02 „Ще продължим разговорите“, каза министърът на външните работи "
    "Иван Петров пред журналисти.\n";

TEST_F(CliTest, MissingFileExitsTwoNamingIt) {
  RunResult r = Vestnik("analyze --format jsonl " + (dir_ / "nope.txt").string());
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("nope.txt"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST_F(CliTest, KeepGoingAnalysesTheOtherInputsInOrder) {
  fs::path a = Write("a.txt", kArticle), b = Write("b.txt", kArticle);
  RunResult r = Vestnik("analyze --format jsonl --keep-going " + a.string() + " " +
                  (dir_ / "missing.txt").string() + " " + b.string());
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.err.find("missing.txt"), std::string::npos);
  ASSERT_EQ(Lines(r.out), 2);
  EXPECT_LT(r.out.find("a.txt"), r.out.find("b.txt"));
}

TEST_F(CliTest, WithoutKeepGoingStopsAtTheFirstError) {
  fs::path a = Write("a.txt", kArticle), b = Write("b.txt", kArticle);
  RunResult r = Vestnik("analyze --format jsonl " + a.string() + " " + (dir_ / "missing.txt").string() +
                  " " + b.string());
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(Lines(r.out), 1) << "the input before the error still comes out";
}

TEST_F(CliTest, MalformedJsonlLineNamesFileAndLine) {
  fs::path j = Write("in.jsonl",
                     "{\"id\": \"one\", \"text\": \"Първи текст.\"}\n"
                     "{\"id\": \"two\", \"text\": \n"
                     "{\"id\": \"three\", \"text\": \"Трети текст.\"}\n");
  RunResult r = Vestnik("analyze --format jsonl --keep-going " + j.string());
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.err.find("in.jsonl:2"), std::string::npos) << r.err;
  EXPECT_EQ(Lines(r.out), 2);
  EXPECT_NE(r.out.find("\"three\""), std::string::npos);
  RunResult strict = Vestnik("analyze --format jsonl " + j.string());
  EXPECT_EQ(strict.code, 2);
}

TEST_F(CliTest, GarbageBytesAndBrokenUtf8GiveAWarningNotACrash) {
  std::mt19937 rng(7);
  std::string garbage;
  for (int i = 0; i < 200000; ++i) garbage.push_back(static_cast<char>(rng() & 0xFF));
  fs::path g = Write("garbage.bin.txt", garbage);
  fs::path u = Write("broken.txt", "Вучич каза \xC3\x28 \xE2\x82 „нещо важно за всички нас“.");
  RunResult r = Vestnik("analyze --format jsonl " + g.string() + " " + u.string());
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(Lines(r.out), 2);
  EXPECT_NE(r.err.find("invalid UTF-8"), std::string::npos);
}

TEST_F(CliTest, UnbalancedQuotesAndHugeLinesAreAnalysed) {
  std::string big(3 << 20, 'a');
  for (size_t i = 0; i < big.size(); i += 7) big[i] = ' ';
  std::string marks;
  for (int i = 0; i < 50000; ++i) marks += "„ ";
  fs::path a = Write("big.txt", big), b = Write("marks.txt", marks + "\n\n" + kArticle);
  RunResult r = Vestnik("analyze --format jsonl " + a.string() + " " + b.string());
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(Lines(r.out), 2);
}

TEST_F(CliTest, StandardInputJsonl) {
  fs::path j = Write("in.jsonl", "{\"id\": 7, \"text\": \"A short note.\", \"date\": \"2024-01-02\"}\n");
  RunResult r = Vestnik("analyze --format jsonl -", j.string());
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("\"id\":\"7\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"date\":\"2024-01-02\""), std::string::npos);
}

TEST_F(CliTest, TextReportShowsSpeakerCueAndChannel) {
  fs::path a = Write("a.txt", kArticle);
  RunResult r = Vestnik("analyze --format text " + a.string());
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("Иван Петров (каза · press)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2024-05-02"), std::string::npos);
}

// A broadcaster at the cue is who speaks; after a preposition it is where the words were said.
TEST_F(CliTest, BroadcasterAtTheCueSpeaksAndAfterAPrepositionIsTheChannel) {
  std::string out =
      TextReport("b.txt",
                 "Пътят\n\nБНТ съобщи, че пътят е затворен. По-късно Иван Петров каза пред "
                 "БНТ, че пътят ще бъде отворен утре.\n");
  EXPECT_NE(out.find("БНТ (съобщи)"), std::string::npos) << out;
  EXPECT_NE(out.find("Иван Петров (каза · БНТ)"), std::string::npos) << out;
}

// A channel phrase with no name after it falls back to its kind (channel_phrases.tsv, column 3).
TEST_F(CliTest, ChannelPhraseWithoutANameGivesTheKindOfChannel) {
  std::string out =
      TextReport("c.txt",
                 "Дорога\n\nМинистр Иван Петров заявил в интервью телеканалу, что дорога "
                 "будет открыта завтра.\n");
  EXPECT_NE(out.find("Иван Петров (заявил · television interview)"), std::string::npos) << out;
}

// An outlet in a parenthetical frame that relays no one is the source; an outlet's credit
// after the reported words is their via, not part of them.
TEST_F(CliTest, OutletsAsSourceAndAsVia) {
  std::string out =
      TextReport("d.txt",
                 "Мост\n\nПремьер Иван Петров заявил, что мост откроют весной. Как сообщает "
                 "агентство ТАСС, в Москве прошли учения. По словам министра Сергея Лаврова, "
                 "Россия готова к диалогу, сообщает ТАСС. По данным РИА Новости, встреча "
                 "пройдет в Стамбуле.\n");
  EXPECT_NE(out.find("ТАСС (сообщает): «в Москве прошли учения»"), std::string::npos) << out;
  EXPECT_NE(out.find("(По словам · via ТАСС): «Россия готова к диалогу»"), std::string::npos)
      << out;
  // The source itself is no via of its own words.
  EXPECT_NE(out.find("РИА Новости (По данным): «встреча"), std::string::npos) << out;
}

// A channel phrase inside the reported words is no channel of theirs.
TEST_F(CliTest, ChannelIsNamedInTheFrameNotInTheWords) {
  std::string out =
      TextReport("e.txt",
                 "Визита\n\nСпоред анализатори визитата е знак за промяна в позицията на "
                 "президента.\n");
  EXPECT_NE(out.find("анализатори (Според): «визитата е знак"), std::string::npos) << out;
}

// A place that completes the name before it speaks for nobody ("МЗС України": the ministry).
TEST_F(CliTest, PlaceCompletingANameIsNoSpeaker) {
  std::string out = TextReport("f.txt",
                               "Делегація\n\nПредставники МЗС України повідомили, що делегація "
                               "повернеться до Києва в четвер.\n");
  EXPECT_NE(out.find("МЗС (повідомили)"), std::string::npos) << out;
}

// "Един от тях" is one of the group that spoke just before.
TEST_F(CliTest, OneOfThemIsOneOfTheGroupThatSpokeBefore) {
  std::string out =
      TextReport("g.txt",
                 "Пътят\n\nОт МВР съобщиха, че пътят е затворен. Това означава, че колите "
                 "ще минават през центъра, коментира един от тях.\n");
  EXPECT_NE(out.find("МВР (коментира): «Това означава"), std::string::npos) << out;
}

TEST_F(CliTest, ManyInputsKeepTheirOrderOnManyThreads) {
  std::string args = "analyze --format jsonl --threads 3";
  for (int i = 0; i < 40; ++i) {
    args += " " + Write("f" + std::to_string(100 + i) + ".txt", kArticle).string();
  }
  RunResult r = Vestnik(args);
  ASSERT_EQ(Lines(r.out), 40);
  size_t pos = 0;
  for (int i = 0; i < 40; ++i) {
    size_t at = r.out.find("f" + std::to_string(100 + i) + ".txt", pos);
    ASSERT_NE(at, std::string::npos) << i;
    pos = at;
  }
}

TEST_F(CliTest, WithSentencesAndTokens) {
  fs::path a = Write("a.txt", kArticle);
  RunResult r = Vestnik("analyze --format jsonl --with text,sentences,tokens " + a.string());
  EXPECT_NE(r.out.find("\"sentences\":[{\"start\":0"), std::string::npos) << r.out.substr(0, 300);
  EXPECT_NE(r.out.find("\"tokens\":[{"), std::string::npos);
  EXPECT_NE(r.out.find("\"text\":\"„Ще"), std::string::npos);
  RunResult bad = Vestnik("analyze --with nonsense " + a.string());
  EXPECT_EQ(bad.code, 2);
}

// `train speakers` on a tiny PolNeAR-shaped folder of our own (brat standoff: text/ and
// attributions/), then the model it writes is read back by `eval quotes --speaker-model`.
TEST_F(CliTest, TrainSpeakersOnATinyPolnearFolder) {
  const std::string texts[] = {
      "\"The bridge will open in May,\" said Anna Berg, the city engineer. Tom Weller said that "
      "the costs were far too high for the town.\n",
      "Laura Pike met Sam Ortiz on Friday. Pike said that the school would close in June. "
      "\"We are not ready,\" Ortiz told reporters.\n",
  };
  struct Attr {
    std::string source, cue, content;
  };
  const std::vector<Attr> attrs[] = {
      {{"Anna Berg", "said", "The bridge will open in May,"},
       {"Tom Weller", "said", "the costs were far too high for the town"}},
      {{"Pike", "said", "the school would close in June"}, {"Ortiz", "told", "We are not ready,"}},
  };
  fs::create_directories(dir_ / "polnear" / "text");
  fs::create_directories(dir_ / "polnear" / "attributions");
  for (int a = 0; a < 2; ++a) {
    std::string name = "own_article_" + std::to_string(a);
    Write("polnear/text/" + name + ".txt", texts[a]);
    std::string ann;
    int t = 0, e = 0;
    for (const Attr& x : attrs[a]) {
      auto span = [&](const std::string& type, const std::string& words) {
        size_t at = texts[a].find(words);
        EXPECT_NE(at, std::string::npos) << words;
        ann += "T" + std::to_string(++t) + "\t" + type + " " + std::to_string(at) + " " +
               std::to_string(at + words.size()) + "\t" + words + "\n";
        return "T" + std::to_string(t);
      };
      std::string src = span("Source", x.source), cue = span("Cue", x.cue),
                  content = span("Content", x.content);
      ann += "E" + std::to_string(++e) + "\tAttribution:" + cue + " Content:" + content +
             " Cue:" + cue + " Source:" + src + "\n";
    }
    Write("polnear/attributions/" + name + "_x.ann", ann);
  }
  fs::path model = dir_ / "speakers-en.model";
  RunResult r = Vestnik("train speakers --corpus polnear --dir " + (dir_ / "polnear").string() +
                        " --out " + model.string() + " --folds 2");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("wrote"), std::string::npos) << r.err;
  ASSERT_TRUE(fs::exists(model));
  RunResult e = Vestnik("eval quotes --corpus polnear " + (dir_ / "polnear").string() +
                        " --speaker-model " + model.string());
  EXPECT_EQ(e.code, 0) << e.err;
  EXPECT_NE(e.out.find("speaker accuracy on matched"), std::string::npos) << e.out;
  // A file that is no model is refused, naming it.
  fs::path bad = Write("bad.model", "not a model at all, not at all, not at all");
  RunResult b = Vestnik("eval quotes --corpus polnear " + (dir_ / "polnear").string() +
                        " --speaker-model " + bad.string());
  EXPECT_NE(b.code, 0);
  EXPECT_NE(b.err.find(bad.string()), std::string::npos) << b.err;
}

}  // namespace
