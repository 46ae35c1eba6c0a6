#include "text/train/langid_eval.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <iostream>
#include <map>
#include <sstream>

#include "core/resources.h"
#include "text/langid.h"

namespace vestnik::text::train {
namespace fs = std::filesystem;

namespace {

std::string RowKey(const LangIdSample& s) {
  if (s.lang == "sr") return "sr-" + s.script;
  return s.lang;
}

const char* UnitKey(LangIdUnit u) {
  switch (u) {
    case LangIdUnit::kArticle: return "articles";
    case LangIdUnit::kSentence: return "sentences";
    case LangIdUnit::kWordPair: return "pairs";
    case LangIdUnit::kWord: return "words";
  }
  return "?";
}

// Sorting order of the rows: the close groups first, then the others.
int LangOrder(std::string key) {
  key = key.substr(0, key.find(' '));
  static const char* kOrder[] = {"bg", "mk", "sr-Cyrl", "ru", "uk", "be", "sr-Latn", "hr", "bs",
                                 "sl", "cs", "sk", "pl", "en", "de", "fr", "es", "it", "pt",
                                 "ro", "el", "tr", "sq", "hu", "nl"};
  for (size_t i = 0; i < std::size(kOrder); ++i) {
    if (key == kOrder[i]) return static_cast<int>(i);
  }
  return 100;
}

std::string Pct(double x) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", 100 * x);
  return buf;
}

std::string OneLine(std::string_view s, size_t max) {
  std::string out;
  for (char c : s.substr(0, max)) out.push_back(c == '\n' || c == '\t' ? ' ' : c);
  return out;
}

}  // namespace

LangIdEvalResult EvaluateLangId(const std::vector<LangIdSample>& test, const LangIdModel* model,
                                std::ostream* errors, bool by_source) {
  LangIdEvalResult r;
  std::map<std::pair<int, std::string>, LangIdEvalRow> rows;
  std::vector<const LangIdSample*> articles;
  for (const auto& s : test) {
    LanguageGuess base = IdentifyLanguageCld2(s.text, {}, s.text.size());  // the whole text
    LanguageGuess ours = IdentifyLanguage(s.text, {}, model);
    std::string key = by_source ? RowKey(s) + " (" + s.source + ")" : RowKey(s);
    LangIdEvalRow& row = rows[{static_cast<int>(s.unit), key}];
    row.unit = s.unit;
    row.key = key;
    ++row.n;
    row.cld2 += base.lang == s.lang;
    row.vestnik += ours.lang == s.lang;
    if (ours.lang != s.lang) {
      ++row.confusions[ours.lang];
      if (errors) {
        *errors << UnitKey(s.unit) << "\t" << RowKey(s) << "\t" << ours.lang << "\t" << base.lang
                << "\t" << s.source << "\t" << OneLine(s.text, 300) << "\n";
      }
    }
    if (s.unit == LangIdUnit::kArticle) articles.push_back(&s);
  }
  // Speed, in separate passes over the articles (each pass reads them from a warm cache).
  // CPU time of this thread: the machine may be busy with other work.
  struct Clock {
    static double now() {
      timespec ts;
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
      return ts.tv_sec + ts.tv_nsec * 1e-9;
    }
  };
  size_t article_bytes = 0, routed_bytes = 0, model_bytes = 0;
  for (const auto* s : articles) article_bytes += s->text.size();
  auto seconds = [](double t0) { return Clock::now() - t0; };
  size_t sink = 0;
  auto t0 = Clock::now();
  for (const auto* s : articles) sink += IdentifyLanguageCld2(s->text, {}, s->text.size()).lang.size();
  double cld2_s = seconds(t0);
  t0 = Clock::now();
  for (const auto* s : articles) sink += IdentifyLanguage(s->text, {}, model).lang.size();
  double vestnik_s = seconds(t0);
  double model_s = 0;
  size_t samples_n = 0;
  if (model) {
    struct Routed {
      const LangIdModel::Group* group;
      std::string lang, text;
    };
    std::vector<Routed> samples;
    for (const auto* s : articles) {
      LanguageGuess base = IdentifyLanguageCld2(s->text);
      const LangIdModel::Group* g = model->GroupFor(base.lang, base.script);
      if (g == nullptr) continue;
      routed_bytes += s->text.size();
      std::string buffer;
      samples.push_back({g, base.lang, std::string(SampleText(s->text, kDiscriminatorSampleBytes, &buffer))});
      model_bytes += samples.back().text.size();
    }
    samples_n = samples.size();
    t0 = Clock::now();
    for (const auto& r : samples) sink += model->Decide(*r.group, r.text, r.lang, nullptr).size();
    model_s = seconds(t0);
  }
  if (sink == 0) r.routed_share = -1;  // keeps the timed calls from being optimised away
  for (auto& [key, row] : rows) r.rows.push_back(std::move(row));
  std::stable_sort(r.rows.begin(), r.rows.end(), [](const auto& a, const auto& b) {
    if (a.unit != b.unit) return a.unit < b.unit;
    return LangOrder(a.key) < LangOrder(b.key);
  });
  auto rate = [](size_t bytes, double s) { return s > 0 ? bytes / s / 1e6 : 0.0; };
  r.cld2_mb_per_s = rate(article_bytes, cld2_s);
  // The combined call runs CLD2 again: its own cost is CLD2's plus the discriminator's.
  r.vestnik_mb_per_s = rate(article_bytes, vestnik_s);
  r.model_mb_per_s = rate(routed_bytes, model_s);
  r.model_us_per_article = samples_n ? 1e6 * model_s / samples_n : 0;
  r.vestnik_us_per_article = articles.empty() ? 0 : 1e6 * vestnik_s / articles.size();
  r.article_bytes = articles.empty() ? 0 : article_bytes / articles.size();
  (void)model_bytes;
  if (r.routed_share == 0) r.routed_share = article_bytes ? double(routed_bytes) / article_bytes : 0;
  return r;
}

void PrintLangIdTables(const LangIdEvalResult& r, std::ostream& out) {
  int unit = -1;
  int n = 0, cld2 = 0, ours = 0;
  double macro_cld2 = 0, macro = 0;
  int langs = 0;
  auto total = [&] {
    if (unit < 0 || n == 0) return;
    out << "| **all** | " << n << " | " << Pct(double(cld2) / n) << " | " << Pct(double(ours) / n)
        << " | macro " << Pct(macro_cld2 / langs) << " → " << Pct(macro / langs) << " |\n\n";
  };
  for (const auto& row : r.rows) {
    if (static_cast<int>(row.unit) != unit) {
      total();
      unit = static_cast<int>(row.unit);
      n = cld2 = ours = langs = 0;
      macro_cld2 = macro = 0;
      out << "### " << LangIdUnitName(row.unit) << "\n\n"
          << "| language | n | CLD2 % | vestnik % | vestnik's errors |\n"
          << "|---|---:|---:|---:|---|\n";
    }
    std::vector<std::pair<int, std::string>> conf;
    for (const auto& [lang, c] : row.confusions) conf.push_back({-c, lang});
    std::sort(conf.begin(), conf.end());
    std::string errs;
    for (size_t i = 0; i < conf.size() && i < 4; ++i) {
      if (!errs.empty()) errs += ", ";
      errs += conf[i].second + " " + std::to_string(-conf[i].first);
    }
    out << "| " << row.key << " | " << row.n << " | " << Pct(row.cld2_acc()) << " | "
        << Pct(row.acc()) << " | " << errs << " |\n";
    n += row.n, cld2 += row.cld2, ours += row.vestnik;
    macro_cld2 += row.cld2_acc(), macro += row.acc();
    ++langs;
  }
  total();
  char buf[640];
  std::snprintf(buf, sizeof buf,
                "Speed on the held-out articles (%zu bytes on average), CPU time of one thread: "
                "CLD2 alone %.1f MB/s; CLD2 with the discriminator %.1f MB/s (%.0f µs an article); "
                "the discriminator alone %.1f MB/s of the articles routed to it (%.0f%% of the "
                "bytes), %.0f µs an article. CLD2 reads at most %zu bytes of a text, the "
                "discriminator %zu.\n",
                r.article_bytes, r.cld2_mb_per_s, r.vestnik_mb_per_s, r.vestnik_us_per_article,
                r.model_mb_per_s, 100 * r.routed_share, r.model_us_per_article, kCld2SampleBytes,
                kDiscriminatorSampleBytes);
  out << buf;
}

int RunLangIdEval(const LangIdEvalArgs& args) {
  fs::path data = args.data_root.empty() ? fs::path("../shared/data") : fs::path(args.data_root);
  fs::path model_path = args.model.empty() ? Resources::DefaultRoot() / "models" / "langid.model"
                                           : fs::path(args.model);
  std::unique_ptr<LangIdModel> model;
  if (model_path != "none") {
    auto m = LangIdModel::Load(model_path);
    if (!m.ok()) {
      std::cerr << "vestnik: error: " << m.status().message() << "\n";
      return 1;
    }
    model = std::move(m.value());
  }
  LangIdCorpusOptions o;
  o.data_root = data;
  o.vestnik_root = Resources::DefaultRoot();
  o.load_train = false;
  if (args.exclude_fold >= 0) o.split.test_fold = args.exclude_fold;
  auto corpus = LoadLangIdCorpus(o);
  if (!corpus.ok()) {
    std::cerr << "vestnik: error: " << corpus.status().message() << "\n";
    return corpus.status().code() == Status::Code::kNotFound ? 77 : 2;
  }
  for (const auto& note : corpus->notes) std::cerr << "vestnik: warning: " << note << "\n";
  LangIdEvalResult r = EvaluateLangId(corpus->test, model.get(),
                                      args.errors ? &std::cout : nullptr, args.by_source);
  std::cout << "Language identification, held-out fold " << o.split.test_fold << " of "
            << o.split.folds << " (" << data.string() << "); model "
            << (model ? model_path.string() + " (" + model->date() + ")" : std::string("none"))
            << "\n\n";
  PrintLangIdTables(r, std::cout);
  // Gates.
  int failed = 0;
  for (const auto& gate : args.min) {
    size_t colon = gate.find(':'), eq = gate.find('=');
    if (colon == std::string::npos || eq == std::string::npos || eq < colon) {
      std::cerr << "vestnik: error: --min wants UNIT:LANG=ACCURACY, not \"" << gate << "\"\n";
      return 2;
    }
    std::string unit = gate.substr(0, colon), lang = gate.substr(colon + 1, eq - colon - 1);
    double min = std::atof(gate.c_str() + eq + 1);
    int n = 0, ok = 0;
    for (const auto& row : r.rows) {
      std::string row_lang = row.key.substr(0, row.key.find(' '));
      if (UnitKey(row.unit) != unit || (lang != "all" && row_lang != lang)) continue;
      n += row.n;
      ok += row.vestnik;
    }
    if (n == 0) {
      std::cerr << "vestnik: error: gate " << gate << ": no such held-out texts\n";
      ++failed;
      continue;
    }
    double acc = double(ok) / n;
    if (acc < min) {
      std::cerr << "vestnik: gate failed: " << unit << " " << lang << " accuracy " << Pct(acc)
                << "% < " << Pct(min) << "%\n";
      ++failed;
    }
  }
  return failed ? 1 : 0;
}

}  // namespace vestnik::text::train
