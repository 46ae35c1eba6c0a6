// The corpus store's commands: vestnik ingest, quotes, entity, export (docs/STORE.md).
// Each is a thin wrapper over src/store: options here, the work there.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "analyze.h"
#include "commands.h"
#include "core/resources.h"
#include "core/utf8.h"
#include "entities/romanize.h"
#include "store/export.h"
#include "store/query.h"
#include "store/store.h"
#include "store/writer.h"

namespace vestnik::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

int Fail(const Status& s, int code = 1) {
  std::cerr << "vestnik: error: " << s.message() << "\n";
  return code;
}

void Print(std::string_view s) { std::fwrite(s.data(), 1, s.size(), stdout); }

std::string Fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.*f", decimals, v);
  return buf;
}

std::string Duration(double seconds) {
  long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) std::snprintf(buf, sizeof(buf), "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else std::snprintf(buf, sizeof(buf), "%ld:%02ld", s / 60, s % 60);
  return buf;
}

// Input bytes the inputs hold, as far as they can be known before reading (directories are
// walked like the reader walks them; standard input is unknown: -1).
int64_t InputBytes(const std::vector<std::string>& inputs) {
  int64_t total = 0;
  std::error_code ec;
  auto wanted = [](const fs::path& p) {
    std::string ext = p.extension().string();
    return ext == ".txt" || ext == ".text" || ext == ".jsonl" || ext == ".ndjson";
  };
  for (const std::string& in : inputs) {
    if (in == "-") return -1;
    if (fs::is_directory(in, ec)) {
      for (auto it = fs::recursive_directory_iterator(in, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && wanted(it->path())) {
          total += static_cast<int64_t>(it->file_size(ec));
        }
      }
    } else {
      auto n = fs::file_size(in, ec);
      if (!ec) total += static_cast<int64_t>(n);
    }
  }
  return total;
}

// `s` cut to `max` code points (with "…"), and padded with spaces to `pad` when given.
std::string Cell(std::string_view s, size_t max, size_t pad = 0) {
  std::string out;
  size_t n = 0, i = 0;
  bool cut = false;
  while (i < s.size()) {
    size_t start = i;
    char32_t c = utf8::Next(s, &i);
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    if (n + 1 == max && i < s.size()) {
      cut = true;
      break;
    }
    if (c == ' ' && s[start] != ' ') out += ' ';
    else out.append(s.substr(start, i - start));
    ++n;
  }
  if (cut) {
    out += "…";
    ++n;
  }
  if (n < pad) out.append(pad - n, ' ');
  return out;
}

// Loads what turns a NAME into keys: the language tables and ICU, not the whole pipeline.
Result<std::unique_ptr<entities::Romanizer>> LoadRomanizer() {
  auto res = Resources::Load(Resources::DefaultRoot());
  if (!res.ok()) return res.status();
  auto romanizer = std::make_unique<entities::Romanizer>(**res);
  if (!romanizer->status().ok()) return romanizer->status();
  return romanizer;
}

Result<std::unique_ptr<store::Store>> OpenForReading(const std::string& path) {
  auto s = store::Store::Open(path, store::Store::Mode::kRead);
  if (s.ok() && (*s)->schema().migrated()) {
    std::cerr << "vestnik: migrated " << path << " from schema version "
              << (*s)->schema().found_version << " to " << (*s)->schema().version << "\n";
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// vestnik ingest

struct IngestArgs {
  std::vector<std::string> inputs;
  std::string db = store::kDefaultDbPath;
  std::string lang;
  int threads = 0;
  bool keep_going = false;
  bool quiet = false;
};

// Progress on standard error: a bar redrawn in place on a terminal, a plain line every ten
// seconds otherwise. Counts what the analysis has handed to the writer.
class Progress {
 public:
  Progress(int64_t total_bytes, bool quiet)
      : total_(total_bytes), tty_(isatty(STDERR_FILENO) != 0), quiet_(quiet),
        start_(Clock::now()) {
    if (!quiet_) thread_ = std::thread([this] { Loop(); });
  }
  ~Progress() { Stop(); }
  void Add(int64_t bytes) {
    articles_ += 1;
    bytes_ += bytes;
  }
  void Stop() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stopped_) return;
      stopped_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
    if (tty_ && drawn_) std::cerr << "\r\x1b[K" << std::flush;
  }
  double seconds() const {
    return std::chrono::duration<double>(Clock::now() - start_).count();
  }

 private:
  void Loop() {
    auto period = tty_ ? std::chrono::milliseconds(250) : std::chrono::milliseconds(10000);
    std::unique_lock<std::mutex> lock(mu_);
    while (!cv_.wait_for(lock, period, [&] { return stopped_; })) Draw();
  }
  void Draw() {
    const int64_t articles = articles_, bytes = bytes_;
    const double secs = seconds();
    const double rate = secs > 0 ? bytes / 1e6 / secs : 0;
    std::string eta, percent, bar;
    if (total_ > 0) {
      double f = std::min(1.0, static_cast<double>(bytes) / static_cast<double>(total_));
      percent = std::to_string(static_cast<int>(f * 100)) + "%";
      if (bytes > 0 && f < 1) eta = "ETA " + Duration(secs * (1 - f) / f);
      int filled = static_cast<int>(f * 24);
      bar = "[" + std::string(filled, '#') + std::string(24 - filled, '-') + "] ";
    }
    if (tty_) {
      std::cerr << "\r\x1b[K  ingest " << bar << percent << "  " << articles << " articles  "
                << Fixed(bytes / 1e6, 1) << " MB  " << Fixed(rate, 2) << " MB/s  " << eta
                << std::flush;
      drawn_ = true;
    } else {
      std::cerr << "vestnik: ingest: " << articles << " articles, " << Fixed(bytes / 1e6, 1)
                << " MB, " << Fixed(rate, 2) << " MB/s" << (percent.empty() ? "" : ", ")
                << percent << (eta.empty() ? "" : ", ") << eta << "\n";
    }
  }

  const int64_t total_;
  const bool tty_, quiet_;
  const Clock::time_point start_;
  std::atomic<int64_t> articles_{0}, bytes_{0};
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopped_ = false, drawn_ = false;
  std::thread thread_;
};

// Thrown by the consumer to leave ForEachAnalyzed when the store fails (it cannot be told to
// stop otherwise); caught in RunIngest, never beyond this file.
struct StoreFailed {};

int RunIngest(const IngestArgs& args) {
  auto opened = store::Store::Open(args.db, store::Store::Mode::kWrite);
  if (!opened.ok()) return Fail(opened.status());
  store::Store& db = **opened;
  if (db.schema().migrated()) {
    std::cerr << "vestnik: migrated " << args.db << " from schema version "
              << db.schema().found_version << " to " << db.schema().version << "\n";
  }
  auto pipeline = Pipeline::Create();
  if (!pipeline.ok()) return Fail(pipeline.status());
  const Pipeline& p = **pipeline;

  store::StoreWriter writer(&db, p.romanizer(), &p.kb());
  store::BackgroundWriter background(&writer);
  Progress progress(InputBytes(args.inputs), args.quiet);
  AnalyzeOptions options;
  options.force_lang = args.lang;
  Status failed;
  int code = 0;
  try {
    code = ForEachAnalyzed(p, args.inputs, options, args.threads, args.keep_going,
                           [&](Document& d) {
                             progress.Add(static_cast<int64_t>(d.body.size()));
                             Status s = background.Add(std::move(d));
                             if (!s.ok()) {
                               failed = s;
                               throw StoreFailed{};
                             }
                           });
  } catch (const StoreFailed&) {
    code = 1;
  }
  Status s = background.Finish();
  progress.Stop();
  if (!s.ok()) return Fail(s);
  if (!failed.ok()) return Fail(failed);

  const store::IngestCounts c = writer.committed();
  const double secs = progress.seconds();
  if (!args.quiet) {
    std::cerr << "vestnik: ingested " << c.articles << " articles (" << Fixed(c.bytes / 1e6, 2)
              << " MB) in " << Fixed(secs, 1) << " s, " << Fixed(secs > 0 ? c.bytes / 1e6 / secs : 0, 2)
              << " MB/s: " << c.added << " new, " << c.already << " already stored; " << c.quotes
              << " quotes, " << c.mentions << " mentions, " << c.dates << " dates, " << c.entities
              << " new entities\n";
    auto counts = db.Counts();
    if (counts.ok()) {
      std::cerr << "vestnik: " << args.db << " holds " << counts->documents << " articles, "
                << counts->quotes << " quotes, " << counts->entities << " entities ("
                << counts->names << " names), " << counts->mentions << " mentions\n";
    }
  }
  return code;
}

// ---------------------------------------------------------------------------------------------
// vestnik quotes

struct QuotesArgs {
  store::QuoteFilter filter;
  std::string format = "table";
  std::string db = store::kDefaultDbPath;
};

void AppendTable(const std::vector<store::QuoteRow>& rows, std::string* out) {
  constexpr size_t kDate = 10, kSpeaker = 26, kText = 90;
  *out += Cell("DATE", kDate, kDate) + "  " + Cell("SPEAKER", kSpeaker, kSpeaker) + "  " +
          Cell("QUOTE", kText, kText) + "  ARTICLE\n";
  for (const auto& q : rows) {
    std::string speaker = q.speaker.value_or("(unattributed)");
    std::string text = (q.kind == "indirect" ? "" : "«") + q.text + (q.kind == "indirect" ? "" : "»");
    *out += Cell(q.date.value_or("—"), kDate, kDate) + "  " + Cell(speaker, kSpeaker, kSpeaker) +
            "  " + Cell(text, kText, kText) + "  " + q.doc_id + "\n";
  }
}

int RunQuotes(const QuotesArgs& args) {
  if (args.format != "table" && args.format != "jsonl" && args.format != "csv") {
    std::cerr << "vestnik: error: --format takes table, jsonl or csv\n";
    return 2;
  }
  auto db = OpenForReading(args.db);
  if (!db.ok()) return Fail(db.status());
  // Only a NAME needs the romaniser (language tables and ICU: most of this command's time).
  std::unique_ptr<entities::Romanizer> romanizer;
  if (!args.filter.speaker.empty() || !args.filter.about.empty()) {
    auto loaded = LoadRomanizer();
    if (!loaded.ok()) return Fail(loaded.status());
    romanizer = std::move(loaded.value());
  }
  auto rows = store::FindQuotes(**db, romanizer.get(), args.filter);
  if (!rows.ok()) {
    return Fail(rows.status(), rows.status().code() == Status::Code::kInvalidArgument ? 2 : 1);
  }
  std::string out;
  if (args.format == "table") {
    AppendTable(*rows, &out);
    out += std::to_string(rows->size()) + (rows->size() == 1 ? " quotation" : " quotations");
    if (args.filter.limit > 0 && static_cast<int64_t>(rows->size()) == args.filter.limit) {
      out += " (the newest " + std::to_string(args.filter.limit) + "; --limit 0 shows all)";
    }
    out += "\n";
  } else if (args.format == "csv") {
    store::AppendQuoteCsvHeader(&out);
    for (const auto& q : *rows) store::AppendQuoteCsv(q, &out);
  } else {
    for (const auto& q : *rows) store::AppendQuoteJson(q, &out);
  }
  Print(out);
  return 0;
}

// ---------------------------------------------------------------------------------------------
// vestnik entity

struct EntityArgs {
  std::string name;
  std::string db = store::kDefaultDbPath;
  std::string format = "text";
  std::string type;
  int top = 10;
};

std::string Count(int64_t n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

std::string RelatedList(const std::vector<store::Related>& list) {
  std::string out;
  for (const auto& r : list) {
    if (!out.empty()) out += "; ";
    out += r.name.empty() ? r.id : r.name;
    out += " (" + std::to_string(r.count) + ")";
  }
  return out.empty() ? "—" : out;
}

void AppendEntityText(const store::EntityReport& r, std::string* out) {
  *out += "━━ " + r.latin;
  if (r.name != r.latin) *out += " · " + r.name;
  *out += "  (" + r.id + ", " + r.type + (r.known ? ", in the knowledge base" : "") + ")\n";
  *out += "   " + Count(r.documents, "article") + ", " + Count(r.mentions, "mention") + ", " +
          Count(r.quotes_by, "quotation") + " by it, " + Count(r.quotes_about, "quotation") +
          " naming it\n";
  // Names by script, then the aliases the knowledge base adds.
  std::map<std::string, std::string> seen, kb;
  for (const auto& n : r.names) {
    auto& line = n.seen ? seen[n.script] : kb[n.script];
    if (!line.empty()) line += "; ";
    line += n.name;
    if (!n.seen && n.lang != "*") line += " [" + n.lang + "]";
  }
  *out += "   names seen\n";
  for (const auto& [script, names] : seen) *out += "     " + script + ": " + names + "\n";
  if (!kb.empty()) {
    *out += "   other names (canonical, romanised, knowledge base)\n";
    for (const auto& [script, names] : kb) *out += "     " + script + ": " + names + "\n";
  }
  *out += "   mentions per month: ";
  for (size_t i = 0; i < r.months.size(); ++i) {
    *out += (i ? " · " : "") + r.months[i].first + " " + std::to_string(r.months[i].second);
  }
  *out += "\n   co-mentioned: " + RelatedList(r.co_mentioned) + "\n";
  *out += "   named in quotations by: " + RelatedList(r.named_by) + "\n";
  *out += "   quoted through: " + RelatedList(r.outlets) + "\n";
  *out += "   latest quotations\n";
  if (r.latest.empty()) *out += "     —\n";
  for (const auto& q : r.latest) {
    const bool marks = q.kind != "indirect";
    *out += "     " + q.date.value_or("undated") + "  " + (marks ? "«" : "") + Cell(q.text, 100) +
            (marks ? "»" : "") + "  " + q.doc_id + "\n";
  }
}

nlohmann::json QuoteJson(const store::QuoteRow& q) {
  std::string line;
  store::AppendQuoteJson(q, &line);
  // The store holds valid UTF-8 (readers repair it); a damaged row becomes null, not a throw.
  auto j = nlohmann::json::parse(line, nullptr, false);
  return j.is_discarded() ? nlohmann::json() : j;
}

nlohmann::json EntityJson(const store::EntityReport& r) {
  nlohmann::json j;
  j["id"] = r.id;
  j["type"] = r.type;
  j["name"] = r.name;
  j["latin"] = r.latin;
  j["known"] = r.known;
  j["documents"] = r.documents;
  j["mentions"] = r.mentions;
  j["quotes_by"] = r.quotes_by;
  j["quotes_about"] = r.quotes_about;
  j["names"] = nlohmann::json::array();
  for (const auto& n : r.names) {
    j["names"].push_back(
        {{"name", n.name}, {"script", n.script}, {"lang", n.lang}, {"origin", n.origin},
         {"seen", n.seen}});
  }
  j["months"] = nlohmann::json::object();
  for (const auto& [m, n] : r.months) j["months"][m] = n;
  for (const auto& [key, list] : {std::pair{"co_mentioned", &r.co_mentioned},
                                  std::pair{"named_by", &r.named_by},
                                  std::pair{"outlets", &r.outlets}}) {
    j[key] = nlohmann::json::array();
    for (const auto& x : *list) {
      j[key].push_back({{"id", x.id}, {"name", x.name}, {"type", x.type}, {"count", x.count}});
    }
  }
  j["latest"] = nlohmann::json::array();
  for (const auto& q : r.latest) j["latest"].push_back(QuoteJson(q));
  return j;
}

int RunEntity(const EntityArgs& args) {
  if (args.format != "text" && args.format != "json") {
    std::cerr << "vestnik: error: --format takes text or json\n";
    return 2;
  }
  auto db = OpenForReading(args.db);
  if (!db.ok()) return Fail(db.status());
  std::string out;
  if (args.name.empty()) {  // no NAME: the most mentioned entities
    auto top = store::TopEntities(**db, args.top, args.type);
    if (!top.ok()) return Fail(top.status());
    if (args.format == "json") {
      nlohmann::json j = nlohmann::json::array();
      for (const auto& r : *top) {
        j.push_back({{"id", r.id}, {"name", r.name}, {"type", r.type}, {"documents", r.count}});
      }
      out = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    } else {
      out = "The most mentioned entities (articles naming them)\n";
      for (const auto& r : *top) {
        out += "  " + Cell(r.type, 4, 4) + Cell(r.name, 40, 40) + " " + std::to_string(r.count) +
               "  " + r.id + "\n";
      }
    }
    Print(out);
    return 0;
  }
  auto romanizer = LoadRomanizer();
  if (!romanizer.ok()) return Fail(romanizer.status());
  store::EntityReportOptions options;
  options.top = args.top;
  auto reports = store::DescribeEntities(**db, **romanizer, args.name, options);
  if (!reports.ok()) return Fail(reports.status());
  if (reports->empty()) {
    std::cerr << "vestnik: no entity named \"" << args.name << "\" in " << args.db << "\n";
    return 1;
  }
  if (args.format == "json") {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& r : *reports) j.push_back(EntityJson(r));
    out = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  } else {
    for (const auto& r : *reports) AppendEntityText(r, &out);
  }
  Print(out);
  return 0;
}

// ---------------------------------------------------------------------------------------------
// vestnik export

struct ExportArgs {
  std::string format = "jsonl";
  std::string db = store::kDefaultDbPath;
  std::string output;
};

int RunExport(const ExportArgs& args) {
  auto format = store::ParseExportFormat(args.format);
  if (!format.ok()) return Fail(format.status(), 2);
  auto db = OpenForReading(args.db);
  if (!db.ok()) return Fail(db.status());
  FILE* out = stdout;
  if (!args.output.empty()) {
    out = std::fopen(args.output.c_str(), "wb");
    if (!out) {
      std::cerr << "vestnik: error: " << args.output << ": cannot write\n";
      return 2;
    }
  }
  bool write_failed = false;
  Status s = store::Export(**db, *format, [&](std::string_view chunk) {
    if (std::fwrite(chunk.data(), 1, chunk.size(), out) != chunk.size()) write_failed = true;
    return !write_failed;
  });
  if (out != stdout && std::fclose(out) != 0) write_failed = true;
  if (!s.ok()) return Fail(s);
  if (write_failed) {
    std::cerr << "vestnik: error: " << (args.output.empty() ? "standard output" : args.output)
              << ": write failed\n";
    return 1;
  }
  return 0;
}

}  // namespace

void RegisterStore(CLI::App& app, std::vector<Command>* out) {
  const std::string db_help = "The store (SQLite; default ./vestnik.db)";
  {
    auto a = std::make_shared<IngestArgs>();
    auto* cmd = app.add_subcommand(
        "ingest", "Analyse articles and store them, their entities, quotes and dates");
    cmd->add_option("inputs", a->inputs, "Files, directories or - for standard input")->required();
    cmd->add_option("--db", a->db, db_help + "; created when missing");
    cmd->add_option("--threads", a->threads, "Analysis threads (default: all cores)");
    cmd->add_option("--lang", a->lang, "Language of every input (ISO 639-1), skips identification");
    cmd->add_flag("--keep-going", a->keep_going, "Skip bad inputs and go on");
    cmd->add_flag("--quiet", a->quiet, "No progress and no summary");
    out->push_back({cmd, [a] { return RunIngest(*a); }});
  }
  {
    auto a = std::make_shared<QuotesArgs>();
    auto& f = a->filter;
    auto* cmd = app.add_subcommand("quotes", "Who said what: quotations from the store");
    cmd->add_option("--speaker", f.speaker, "Said by NAME (any script or spelling, or a surname)");
    cmd->add_option("--about", f.about, "Naming NAME inside the quotation");
    cmd->add_option("--from", f.from, "Articles dated on or after YYYY[-MM[-DD]]");
    cmd->add_option("--to", f.to, "Articles dated on or before YYYY[-MM[-DD]]");
    cmd->add_option("--lang", f.lang, "The quotation's language (ISO 639-1)");
    cmd->add_option("--text", f.text, "Words the quotation contains (case and accents ignored)");
    cmd->add_option("--format", a->format, "table | jsonl | csv (default table)");
    cmd->add_option("--limit", f.limit, "At most N quotations, newest first (default 100; 0: all)");
    cmd->add_option("--db", a->db, db_help);
    out->push_back({cmd, [a] { return RunQuotes(*a); }});
  }
  {
    auto a = std::make_shared<EntityArgs>();
    auto* cmd = app.add_subcommand(
        "entity", "What the store knows about NAME; without NAME, the most mentioned entities");
    cmd->add_option("name", a->name, "A name in any script or spelling, or an entity id");
    cmd->add_option("--db", a->db, db_help);
    cmd->add_option("--format", a->format, "text | json (default text)");
    cmd->add_option("--top", a->top, "Length of the lists (default 10)");
    cmd->add_option("--type", a->type, "Without NAME: only PER, ORG, LOC, EVT or PRO");
    out->push_back({cmd, [a] { return RunEntity(*a); }});
  }
  {
    auto a = std::make_shared<ExportArgs>();
    auto* cmd = app.add_subcommand("export", "Write the whole store out");
    cmd->add_option("--format", a->format,
                    "jsonl (articles as vestnik analyze writes them) | csv (quotations) | gkg "
                    "(GDELT GKG 2.1-style)");
    cmd->add_option("--db", a->db, db_help);
    cmd->add_option("-o,--output", a->output, "Write to FILE instead of standard output");
    out->push_back({cmd, [a] { return RunExport(*a); }});
  }
}

}  // namespace vestnik::cli
