// vestnik_store_bench: builds a large corpus for the store and times its queries.
//
//   vestnik_store_bench corpus RAW_DIR N OUT.jsonl
//       N articles as JSON Lines: the .txt files under RAW_DIR (sorted) replayed in turn, each
//       replay with its own ids ("r<replay>/<path>") and dates shifted by replay and file.
//   vestnik_store_bench top-speaker DB
//       The romanised name of the most quoted person.
//   vestnik_store_bench query DB [QUERIES]
//       Times FindQuotes(--speaker NAME) — the library call `vestnik quotes --speaker` and the
//       HTTP server make — over the store's speakers (most quoted, rare, surnames alone,
//       Cyrillic spellings), and --text and --about queries; prints p50/p90/p99/max.
//
// bench/store/run.sh drives both and the CLI; figures go to docs/PERFORMANCE.md ("Store").
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "core/resources.h"
#include "entities/romanize.h"
#include "store/query.h"
#include "store/store.h"

namespace {

namespace fs = std::filesystem;
using vestnik::store::QuoteFilter;
using vestnik::store::Store;

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

int Corpus(const std::string& raw, long n, const std::string& out_path) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(raw)) {
    if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    std::cerr << "no .txt files under " << raw << "\n";
    return 2;
  }
  std::vector<std::string> texts;
  for (const auto& f : files) texts.push_back(Slurp(f));
  std::ofstream out(out_path, std::ios::binary);
  // Dates from 2019-01-01 over six years, shifted by replay and file.
  const std::chrono::sys_days base{std::chrono::year{2019} / 1 / 1};
  size_t bytes = 0;
  for (long i = 0; i < n; ++i) {
    const size_t f = static_cast<size_t>(i) % files.size();
    const long replay = i / static_cast<long>(files.size());
    std::chrono::sys_days day = base + std::chrono::days((replay * 37 + static_cast<long>(f) * 11) % 2190);
    std::chrono::year_month_day ymd{day};
    char date[16];
    std::snprintf(date, sizeof(date), "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    nlohmann::json j;
    j["id"] = "r" + std::to_string(replay) + "/" + fs::relative(files[f], raw).string();
    j["date"] = date;
    j["text"] = texts[f];
    std::string line = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out << line << '\n';
    bytes += texts[f].size();
  }
  std::cerr << "wrote " << n << " articles (" << bytes / 1000000 << " MB of text) from "
            << files.size() << " files to " << out_path << "\n";
  return 0;
}

struct Timing {
  std::vector<double> ms;
  size_t rows = 0;
  void Print(const std::string& what) {
    std::sort(ms.begin(), ms.end());
    auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<size_t>(q * ms.size()))]; };
    std::printf("%-34s %6zu queries  p50 %7.2f ms  p90 %7.2f ms  p99 %7.2f ms  max %7.2f ms  "
                "(%.0f rows/query)\n",
                what.c_str(), ms.size(), at(0.5), at(0.9), at(0.99), ms.back(),
                static_cast<double>(rows) / static_cast<double>(ms.size()));
  }
};

std::vector<std::string> Column(const Store& store, const std::string& sql) {
  std::vector<std::string> out;
  auto st = store.db().Prepare(sql);
  if (!st.ok()) {
    std::cerr << st.status().message() << "\n";
    return out;
  }
  while (true) {
    auto more = st->Step();
    if (!more.ok() || !*more) break;
    out.push_back(st->Text(0));
  }
  return out;
}

int Query(const std::string& path, int queries) {
  auto store = Store::Open(path, Store::Mode::kRead);
  if (!store.ok()) {
    std::cerr << store.status().message() << "\n";
    return 1;
  }
  auto res = vestnik::Resources::Load(vestnik::Resources::DefaultRoot());
  if (!res.ok()) {
    std::cerr << res.status().message() << "\n";
    return 1;
  }
  vestnik::entities::Romanizer romanizer(**res);
  const Store& s = **store;
  auto counts = s.Counts();
  if (counts.ok()) {
    std::printf("store: %lld articles, %lld quotes, %lld entities, %lld names, %lld mentions, "
                "%.1f MB of text; file %.1f MB\n",
                static_cast<long long>(counts->documents), static_cast<long long>(counts->quotes),
                static_cast<long long>(counts->entities), static_cast<long long>(counts->names),
                static_cast<long long>(counts->mentions), counts->bytes / 1e6,
                static_cast<double>(fs::file_size(path)) / 1e6);
  }
  // Speakers as users would type them: the most quoted, a spread of the rest, surnames alone,
  // Cyrillic spellings.
  const std::string speakers =
      "SELECT e.latin FROM quotes q JOIN entities e ON e.id = q.speaker_entity "
      "WHERE e.type = 'PER' GROUP BY q.speaker_entity ORDER BY count(*) DESC";
  std::vector<std::string> all = Column(s, speakers);
  if (all.empty()) {
    std::cerr << "no speakers in " << path << "\n";
    return 1;
  }
  std::vector<std::string> names(all.begin(), all.begin() + std::min<size_t>(all.size(), 20));
  for (size_t i = 20; i < all.size(); i += std::max<size_t>(1, all.size() / 40)) {
    names.push_back(all[i]);
  }
  for (size_t i = 0; i < std::min<size_t>(all.size(), 20); ++i) {
    size_t space = all[i].rfind(' ');
    if (space != std::string::npos) names.push_back(all[i].substr(space + 1));
  }
  for (const auto& n : Column(
           s, "SELECT (SELECT n.name FROM names n WHERE n.entity = t.sid AND n.script = 'Cyrl' "
              "AND n.seen ORDER BY length(n.name) DESC LIMIT 1) FROM (SELECT q.speaker_entity AS "
              "sid FROM quotes q JOIN entities e ON e.id = q.speaker_entity WHERE e.type = 'PER' "
              "GROUP BY q.speaker_entity ORDER BY count(*) DESC LIMIT 20) t")) {
    if (!n.empty()) names.push_back(n);
  }
  std::printf("%zu speaker names (most quoted: %s)\n", names.size(), names[0].c_str());

  std::mt19937 rng(42);
  auto time = [&](const std::string& what, auto make_filter) {
    Timing t;
    for (int i = 0; i < 20; ++i) (void)vestnik::store::FindQuotes(s, &romanizer, make_filter());
    for (int i = 0; i < queries; ++i) {
      QuoteFilter f = make_filter();
      auto start = std::chrono::steady_clock::now();
      auto rows = vestnik::store::FindQuotes(s, &romanizer, f);
      t.ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                               start)
                         .count());
      if (!rows.ok()) {
        std::cerr << rows.status().message() << "\n";
        return;
      }
      t.rows += rows->size();
    }
    t.Print(what);
  };
  auto pick = [&](const std::vector<std::string>& v) {
    return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng)];
  };
  time("quotes --speaker NAME", [&] {
    QuoteFilter f;
    f.speaker = pick(names);
    return f;
  });
  time("quotes --speaker TOP (most quoted)", [&] {
    QuoteFilter f;
    f.speaker = names[0];
    return f;
  });
  time("quotes --speaker NAME --limit 0", [&] {
    QuoteFilter f;
    f.speaker = pick(names);
    f.limit = 0;
    return f;
  });
  time("quotes --speaker NAME --from --to", [&] {
    QuoteFilter f;
    f.speaker = pick(names);
    f.from = "2021-01";
    f.to = "2022-06";
    return f;
  });
  const std::vector<std::string> words{"vakcína", "вакцина", "Ukraine", "wybory", "Brexit",
                                       "granica", "президент", "Ryanair"};
  time("quotes --text WORD", [&] {
    QuoteFilter f;
    f.text = pick(words);
    return f;
  });
  time("quotes --about NAME", [&] {
    QuoteFilter f;
    f.about = pick(names);
    return f;
  });
  return 0;
}

// Prints the romanised name of the most quoted person.
int TopSpeaker(const std::string& path) {
  auto store = Store::Open(path, Store::Mode::kRead);
  if (!store.ok()) {
    std::cerr << store.status().message() << "\n";
    return 1;
  }
  auto names = Column(**store,
                      "SELECT e.latin FROM quotes q JOIN entities e ON e.id = q.speaker_entity "
                      "WHERE e.type = 'PER' GROUP BY q.speaker_entity ORDER BY count(*) DESC "
                      "LIMIT 1");
  if (names.empty()) return 1;
  std::cout << names[0] << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 4 && args[0] == "corpus") return Corpus(args[1], std::stol(args[2]), args[3]);
  if (args.size() == 2 && args[0] == "top-speaker") return TopSpeaker(args[1]);
  if ((args.size() == 2 || args.size() == 3) && args[0] == "query") {
    return Query(args[1], args.size() == 3 ? std::stoi(args[2]) : 2000);
  }
  std::cerr << "usage: vestnik_store_bench corpus RAW_DIR N OUT.jsonl\n"
               "       vestnik_store_bench query DB [QUERIES]\n"
               "       vestnik_store_bench top-speaker DB\n";
  return 2;
}
