// Crash and resume: a writer killed (SIGKILL) at random points, then run again on the same
// input, leaves exactly what one clean run leaves: nothing lost, nothing twice.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "ingest/reader.h"
#include "store/store_testing.h"
#include "store/writer.h"

namespace vestnik::store {
namespace {

using testing::Dump;
using testing::MakeArticle;
using testing::Names;
using testing::TempDir;
using Clock = std::chrono::steady_clock;

constexpr int kArticles = 240;
// Small transactions, so that kills land between commits and inside them.
constexpr WriterOptions kSmallCommits{7, 1000000};

Status WriteAll(const std::string& path) {
  auto s = Store::Open(path, Store::Mode::kWrite);
  if (!s.ok()) return s.status();
  StoreWriter w(s->get(), *Names().romanizer, &Names().kb, kSmallCommits);
  for (int i = 0; i < kArticles; ++i) {
    Status st = w.Add(MakeArticle(i));
    if (!st.ok()) return st;
  }
  return w.Commit();
}

std::string DumpOf(const std::string& path) {
  auto s = Store::Open(path, Store::Mode::kRead);
  if (!s.ok()) return "cannot open: " + s.status().message();
  return Dump(**s);
}

void KillAfter(pid_t pid, std::chrono::microseconds delay) {
  std::this_thread::sleep_for(delay);
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
}

TEST(CrashResumeTest, KilledWriterResumesToTheCleanRun) {
  TempDir dir;
  Names();  // loaded before fork, shared by the children
  const std::string clean_path = dir.File("clean.db");
  auto start = Clock::now();
  ASSERT_TRUE(WriteAll(clean_path).ok());
  const auto clean_time = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
  const std::string clean = DumpOf(clean_path);
  ASSERT_NE(clean.find("synthetic-239"), std::string::npos);

  const unsigned seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int64_t> when(0, clean_time.count() * 6 / 5);
  for (int trial = 0; trial < 6; ++trial) {
    const std::string path = dir.File("crash" + std::to_string(trial) + ".db");
    std::fflush(nullptr);
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) _exit(WriteAll(path).ok() ? 0 : 1);
    auto delay = std::chrono::microseconds(when(rng));
    KillAfter(pid, delay);
    // Again on the same input (twice: a second resume is a no-op).
    ASSERT_TRUE(WriteAll(path).ok()) << "trial " << trial;
    EXPECT_EQ(DumpOf(path), clean) << "trial " << trial << ", killed after " << delay.count()
                                   << " µs";
    ASSERT_TRUE(WriteAll(path).ok());
    EXPECT_EQ(DumpOf(path), clean) << "trial " << trial;
  }
}

// The same through the command line: vestnik ingest killed with SIGKILL, then run again.
TEST(CrashResumeTest, KilledIngestCommandResumesToTheCleanRun) {
  TempDir dir;
  // A JSON Lines input: the examples replayed with shifted ids and dates.
  std::vector<Document> examples;
  ASSERT_TRUE(ingest::ReadInput(VESTNIK_SOURCE_DIR "/examples", [&](Result<Document> d) {
                if (d.ok()) examples.push_back(std::move(d.value()));
                return true;
              }).ok());
  ASSERT_FALSE(examples.empty());
  const std::string input = dir.File("articles.jsonl");
  {
    std::ofstream out(input);
    for (int i = 0; i < 60; ++i) {
      const Document& d = examples[i % examples.size()];
      nlohmann::json j;
      j["id"] = "replay-" + std::to_string(i);
      j["text"] = d.body;
      char date[16];
      std::snprintf(date, sizeof(date), "2023-%02d-%02d", 1 + i % 12, 1 + i % 28);
      j["date"] = date;
      out << j.dump() << "\n";
    }
  }
  auto ingest = [&](const std::string& db) -> pid_t {
    std::fflush(nullptr);
    pid_t pid = fork();
    if (pid == 0) {
      std::freopen("/dev/null", "w", stdout);
      std::freopen((db + ".stderr").c_str(), "w", stderr);
      execl(VESTNIK_BINARY, "vestnik", "ingest", "--db", db.c_str(), input.c_str(), nullptr);
      _exit(127);
    }
    return pid;
  };
  auto wait = [](pid_t pid) {
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  const std::string clean_path = dir.File("clean.db");
  auto start = Clock::now();
  ASSERT_EQ(wait(ingest(clean_path)), 0);
  const auto clean_time = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
  const std::string clean = DumpOf(clean_path);
  ASSERT_NE(clean.find("replay-59"), std::string::npos);

  const unsigned seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int64_t> when(clean_time.count() / 10, clean_time.count());
  const std::string path = dir.File("killed.db");
  auto delay = std::chrono::microseconds(when(rng));
  KillAfter(ingest(path), delay);
  ASSERT_EQ(wait(ingest(path)), 0);
  EXPECT_EQ(DumpOf(path), clean) << "killed after " << delay.count() << " µs";
}

}  // namespace
}  // namespace vestnik::store
