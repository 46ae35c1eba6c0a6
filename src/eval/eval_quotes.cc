#include "eval/eval_quotes.h"

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <thread>
#include <unordered_map>
#include <unicode/uchar.h>

#include "core/lexicon.h"
#include "eval/corpora.h"
#include "core/utf8.h"
#include "ingest/reader.h"
#include "pipeline/output.h"
#include "pipeline/pipeline.h"

namespace vestnik::eval {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

Result<std::string> Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return Status::NotFound(p.string() + ": cannot open");
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

Result<std::vector<json>> LoadJsonDocs(const std::string& path) {
  auto text = Slurp(path);
  if (!text.ok()) return text.status();
  std::vector<json> docs;
  std::string_view t = *text;
  size_t first = t.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return docs;
  if (t[first] == '{' && t.find("\n{") == std::string_view::npos) {
    try {
      docs.push_back(json::parse(t));
      return docs;
    } catch (const json::exception&) {
      // fall through: maybe one line
    }
  }
  std::istringstream in(*text);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    try {
      docs.push_back(json::parse(line));
    } catch (const json::exception& e) {
      return Status::InvalidArgument(path + ":" + std::to_string(n) + ": malformed JSON");
    }
  }
  return docs;
}

bool IdMatches(const std::string& pred, const std::string& gold) {
  if (pred.empty()) return false;
  return pred == gold || pred.ends_with(gold) || gold.ends_with(pred);
}

// A case-preserving Latin→Cyrillic table for Serbian (lang/sr/transliteration.tsv).
Result<Transliteration> LoadScriptTable(const fs::path& root) {
  auto rows = ReadTsv(root / "lang" / "sr" / "transliteration.tsv", 2, 2);
  if (!rows.ok()) return rows.status();
  Transliteration t;
  for (auto& r : *rows) {
    t.Add(r.cols[0], r.cols[1]);
    // Capitalised and upper-case forms.
    auto upper_first = [](const std::string& s, bool all) {
      std::string out;
      bool first = true;
      for (size_t i = 0; i < s.size();) {
        char32_t c = utf8::Next(s, &i);
        if (first || all) c = static_cast<char32_t>(u_toupper(static_cast<UChar32>(c)));
        utf8::Append(c, &out);
        first = false;
      }
      return out;
    };
    t.Add(upper_first(r.cols[0], false), upper_first(r.cols[1], false));
    t.Add(upper_first(r.cols[0], true), upper_first(r.cols[1], true));
  }
  return t;
}

void TransliterateGold(const Transliteration& t, json* g) {
  auto conv = [&](json& v) {
    if (v.is_string()) v = t.Apply(v.get<std::string>());
  };
  for (auto& q : (*g)["quotes"]) {
    // The cue is the article's own words; channel and via are canonical names, left as they are.
    for (const char* k : {"text", "speaker", "speaker_in_text", "cue"}) {
      if (q.contains(k)) conv(q[k]);
    }
    if (q.contains("speaker_aliases")) {
      for (auto& a : q["speaker_aliases"]) conv(a);
    }
  }
}

}  // namespace

namespace {

void AnalyzeAll(const Pipeline& pipeline, std::vector<Document>* docs,
                const AnalyzeOptions& options) {
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < docs->size(); i = next++) pipeline.Analyze(&(*docs)[i], options);
  };
  std::vector<std::thread> pool;
  unsigned n = std::max(1u, std::thread::hardware_concurrency());
  for (unsigned t = 1; t < n; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}

json ToJson(const Document& d) {
  std::string out;
  WriteJson(d, OutputOptions{}, &out);
  return json::parse(out);
}

// A public corpus read by src/eval/corpora.h: analyse its articles and score them.
Result<QuoteScore> EvaluateCorpus(const Pipeline& pipeline, const QuoteEvalArgs& args,
                                  const AnalyzeOptions& options) {
  Result<std::vector<GoldArticle>> articles = Status::InvalidArgument(
      "--corpus must be polnear, germeval or adaq, not " + args.corpus);
  if (args.corpus == "polnear") articles = ReadPolnear(args.gold);
  if (args.corpus == "germeval") articles = ReadGermEval(args.gold, args.limit);
  if (args.corpus == "adaq") articles = ReadAdaq(args.gold);
  if (!articles.ok()) return articles.status();
  if (args.limit && articles->size() > args.limit) articles->resize(args.limit);
  if (args.every > 0) {
    std::vector<GoldArticle> kept;
    for (size_t i = 0; i < articles->size(); ++i) {
      if (i % args.every == 0) kept.push_back(std::move((*articles)[i]));
    }
    *articles = std::move(kept);
  }
  std::vector<Document> docs;
  for (auto& a : *articles) docs.push_back(a.doc);
  AnalyzeAll(pipeline, &docs, options);
  QuoteScore total;
  for (size_t i = 0; i < docs.size(); ++i) {
    total.Add(ScoreDocument((*articles)[i].gold, ToJson(docs[i]), docs[i].id));
  }
  return total;
}

}  // namespace

Result<QuoteScore> EvaluateQuotes(const Pipeline& pipeline, const QuoteEvalArgs& args) {
  AnalyzeOptions options;
  options.speaker_ranker = !args.rules_only;
  std::unique_ptr<quotes::SpeakerRanker> model;
  if (!args.speaker_model.empty() && !args.rules_only) {
    auto m = quotes::SpeakerRanker::Load(args.speaker_model);
    if (!m.ok()) return m.status();
    model = std::move(m.value());
    options.speaker_model = model.get();
  }
  if (!args.corpus.empty()) return EvaluateCorpus(pipeline, args, options);
  auto gold = LoadJsonDocs(args.gold);
  if (!gold.ok()) return gold.status();
  fs::path data_root = args.data_root.empty() ? fs::path("../shared/data") : fs::path(args.data_root);
  std::optional<Transliteration> to_cyrl;
  if (args.script == "Cyrl") {
    auto t = LoadScriptTable(pipeline.resources().root());
    if (!t.ok()) return t.status();
    to_cyrl = std::move(t.value());
  }

  std::vector<Document> docs;
  std::vector<json> preds;
  std::unordered_map<std::string, std::unordered_map<std::string, std::string>> sources;
  bool offsets = false;
  for (auto& g : *gold) {
    if (!g.contains("doc") || !g["doc"].is_string()) {
      return Status::InvalidArgument(args.gold + ": a gold document without \"doc\"");
    }
    if (!g.contains("quotes")) g["quotes"] = json::array();
    bool has_offsets = !g["quotes"].empty() && g["quotes"][0].contains("start") &&
                       !g["quotes"][0].contains("text");
    if (g["quotes"].empty() && g.contains("source")) has_offsets = true;
    if (!has_offsets) continue;
    offsets = true;
    std::string id = g["doc"].get<std::string>();
    std::string body;
    if (g.contains("source")) {
      std::string src = g["source"].get<std::string>();
      if (!sources.count(src)) {
        auto text = Slurp(data_root / src);
        if (!text.ok()) return text.status();
        auto& m = sources[src];
        std::istringstream in(*text);
        std::string line;
        while (std::getline(in, line)) {
          try {
            json a = json::parse(line);
            m[a.value("id", "")] = a.value("text", "");
          } catch (const json::exception&) {
          }
        }
      }
      auto it = sources[src].find(id);
      if (it == sources[src].end()) return Status::NotFound(src + ": no article " + id);
      body = it->second;
    } else {
      auto text = Slurp(data_root / id);
      if (!text.ok()) return text.status();
      body = *text;
    }
    for (auto& q : g["quotes"]) {
      size_t s = q.value("start", 0), e = q.value("end", 0);
      if (e > body.size() || s > e) {
        return Status::Corruption(args.gold + ": " + id + ": quote offsets out of range");
      }
      q["text"] = body.substr(s, e - s);
    }
    Document d;
    d.id = id;
    d.body = to_cyrl ? to_cyrl->Apply(body) : body;
    if (to_cyrl) TransliterateGold(*to_cyrl, &g);
    if (g.contains("lang") && g["lang"].is_string()) d.lang_hint = g["lang"].get<std::string>();
    docs.push_back(std::move(d));
  }

  if (!offsets && args.pred.empty()) {
    for (const std::string& input : args.inputs) {
      Status s = ingest::ReadInput(input, [&](Result<Document> r) {
        if (r.ok()) docs.push_back(std::move(r.value()));
        return true;
      });
      if (!s.ok()) return s;
    }
  }
  if (!args.pred.empty()) {
    auto p = LoadJsonDocs(args.pred);
    if (!p.ok()) return p.status();
    preds = std::move(p.value());
  } else {
    AnalyzeAll(pipeline, &docs, options);
    for (const Document& d : docs) preds.push_back(ToJson(d));
  }

  QuoteScore total;
  for (const json& g : *gold) {
    std::string id = g["doc"].get<std::string>();
    const json* pred = nullptr;
    for (const json& p : preds) {
      if (p.contains("id") && p["id"].is_string() && IdMatches(p["id"].get<std::string>(), id)) {
        pred = &p;
        break;
      }
    }
    total.Add(ScoreDocument(g, pred ? *pred : json(), id));
    if (!pred) total.errors.push_back(id + ": no prediction for this document");
  }
  return total;
}

std::string FormatQuoteScore(const QuoteScore& s, const std::string& title) {
  char buf[512];
  std::string out = title + "\n";
  std::snprintf(buf, sizeof buf,
                "  docs %d  gold %d  predicted %d  matched %d\n"
                "  match   P %.3f  R %.3f  F1 %.3f\n"
                "  speaker accuracy on matched %.3f\n"
                "  end-to-end  P %.3f  R %.3f  F1 %.3f\n",
                s.docs, s.gold, s.pred, s.match, s.precision(), s.recall(), s.f1(),
                s.attribution(), s.e2e_precision(), s.e2e_recall(), s.e2e_f1());
  out += buf;
  std::snprintf(buf, sizeof buf, "  kind accuracy %.3f", s.kind_accuracy());
  out += buf;
  if (s.cue_n) {
    std::snprintf(buf, sizeof buf, "  cue accuracy %.3f (%d)", double(s.cue_ok) / s.cue_n, s.cue_n);
    out += buf;
  }
  if (s.channel_n) {
    std::snprintf(buf, sizeof buf, "  channel accuracy %.3f (%d)", double(s.channel_ok) / s.channel_n,
                  s.channel_n);
    out += buf;
  }
  out += "\n  by kind:";
  for (const auto& [k, v] : s.by_kind) {
    std::snprintf(buf, sizeof buf, "  %s %d/%d matched, %d right speaker;", k.c_str(), v.match,
                  v.gold, v.speaker_ok);
    out += buf;
  }
  out += "\n  by predicted kind:";
  for (const auto& [k, v] : s.by_kind) {
    if (!v.pred) continue;
    std::snprintf(buf, sizeof buf, "  %s %d, %d right speaker;", k.c_str(), v.pred, v.pred_right);
    out += buf;
  }
  out += "\n";
  return out;
}

int RunQuoteEval(const QuoteEvalArgs& args) {
  auto pipeline = Pipeline::Create();
  if (!pipeline.ok()) {
    std::cerr << "vestnik: error: " << pipeline.status().message() << "\n";
    return 1;
  }
  auto score = EvaluateQuotes(*pipeline.value(), args);
  if (!score.ok()) {
    std::cerr << "vestnik: error: " << score.status().message() << "\n";
    return 2;
  }
  std::cout << FormatQuoteScore(*score, "quotes: " + args.gold + (args.script.empty() ? "" : " (" + args.script + ")"));
  if (args.errors) {
    for (const auto& e : score->errors) std::cout << "  - " << e << "\n";
  }
  if (args.min_f1 >= 0 && score->e2e_f1() < args.min_f1) {
    std::cerr << "vestnik: quality gate failed: end-to-end F1 " << score->e2e_f1() << " < "
              << args.min_f1 << "\n";
    return 1;
  }
  return 0;
}

}  // namespace vestnik::eval
