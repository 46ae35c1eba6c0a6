#include "eval/corpora.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

#include "core/utf8.h"

namespace vestnik::eval {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

Result<std::string> Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return Status::NotFound(p.string() + ": cannot open");
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Byte offset of every code point of `s` (and of its end).
std::vector<uint32_t> CodePointOffsets(const std::string& s) {
  std::vector<uint32_t> out;
  out.reserve(s.size() + 1);
  size_t i = 0;
  while (i < s.size()) {
    out.push_back(static_cast<uint32_t>(i));
    utf8::Next(s, &i);
  }
  out.push_back(static_cast<uint32_t>(s.size()));
  return out;
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string x;
  while (std::getline(ss, x, sep)) out.push_back(x);
  return out;
}

// Joins tokens into readable text: no space before closing punctuation, none after openers;
// straight double quotes alternate between opening and closing.
std::string Detokenize(const std::vector<std::string>& toks, std::vector<Span>* spans) {
  std::string out;
  bool open_quote = false, glue = true;
  for (const std::string& t : toks) {
    bool closing = t == "." || t == "," || t == ":" || t == ";" || t == "!" || t == "?" || t == ")" ||
                   t == "]" || t == "“" || t == "”" || t == "«" || t == "'" || t == "..." || t == "%";
    bool opening = t == "(" || t == "[" || t == "„" || t == "»";
    if (t == "\"") {
      closing = open_quote;
      opening = !open_quote;
      open_quote = !open_quote;
    }
    if (!out.empty() && !glue && !closing) out += ' ';
    uint32_t s = static_cast<uint32_t>(out.size());
    out += t;
    spans->push_back({s, static_cast<uint32_t>(out.size())});
    glue = opening;
  }
  return out;
}

// The head of a PolNeAR source span: the words before its first apposition (a comma, a
// parenthesis or a double hyphen), without the comma that ends it.
std::string SourceHead(const std::string& span) {
  size_t cut = span.size();
  for (const char* sep : {",", " (", " --", " —"}) {
    size_t at = span.find(sep);
    if (at != std::string::npos && at > 0) cut = std::min(cut, at);
  }
  std::string head = span.substr(0, cut);
  while (!head.empty() && (head.back() == ' ' || head.back() == ',')) head.pop_back();
  return head.empty() ? span : head;
}

}  // namespace

Result<std::vector<GoldArticle>> ReadPolnear(const std::string& dir) {
  std::vector<GoldArticle> out;
  fs::path root(dir);
  std::error_code ec;
  std::map<std::string, fs::path> first_ann;  // article → first annotation file
  for (const auto& e : fs::directory_iterator(root / "attributions", ec)) {
    std::string name = e.path().filename().string();
    if (!name.ends_with(".ann")) continue;
    size_t us = name.rfind('_');
    std::string article = name.substr(0, us);
    if (!first_ann.count(article) || e.path() < first_ann[article]) first_ann[article] = e.path();
  }
  if (ec || first_ann.empty()) return Status::NotFound(dir + ": no brat annotations in attributions/");
  for (const auto& [article, ann] : first_ann) {
    auto text = Slurp(root / "text" / (article + ".txt"));
    if (!text.ok()) return text.status();
    auto lines = Slurp(ann);
    if (!lines.ok()) return lines.status();
    std::vector<uint32_t> cp = CodePointOffsets(*text);
    std::map<std::string, std::pair<std::string, std::string>> spans;  // id → (type, text)
    std::vector<std::map<std::string, std::string>> events;
    for (const std::string& line : Split(*lines, '\n')) {
      auto cols = Split(line, '\t');
      if (cols.size() < 2) continue;
      if (cols[0][0] == 'T') {
        size_t sp = cols[1].find(' ');
        std::string type = cols[1].substr(0, sp);
        std::string pieces;
        for (const std::string& range : Split(cols[1].substr(sp + 1), ';')) {
          auto se = Split(range, ' ');
          if (se.size() != 2) continue;
          size_t a = std::stoul(se[0]), b = std::stoul(se[1]);
          if (b >= cp.size() || a > b) {
            return Status::Corruption(ann.string() + ": offsets beyond the text in " + cols[0]);
          }
          if (!pieces.empty()) pieces += ' ';
          pieces += text->substr(cp[a], cp[b] - cp[a]);
        }
        spans[cols[0]] = {type, pieces};
      } else if (cols[0][0] == 'E') {
        std::map<std::string, std::string> ev;
        for (const std::string& arg : Split(cols[1], ' ')) {
          size_t colon = arg.find(':');
          if (colon != std::string::npos) ev[arg.substr(0, colon)] = arg.substr(colon + 1);
        }
        events.push_back(ev);
      }
    }
    GoldArticle g;
    g.doc.id = "polnear/" + article;
    g.doc.body = *text;
    g.doc.lang_hint = "en";
    g.gold = {{"doc", g.doc.id}, {"quotes", json::array()}};
    for (auto& ev : events) {
      if (!ev.count("Content") || !spans.count(ev["Content"])) continue;
      json q;
      q["text"] = spans[ev["Content"]].second;
      std::string content = q["text"];
      q["kind"] = (content.starts_with("“") || content.starts_with("\"")) ? "direct" : "indirect";
      if (ev.count("Source") && spans.count(ev["Source"])) {
        // A source span holds its appositions ("Charlie King, a prominent New York Democrat";
        // "Rep. Jim Clyburn (D-S.C.), the assistant leader of …"): the speaker is the head
        // before them, as CONTRACT gold names speakers; the whole span stays an alias.
        const std::string& source = spans[ev["Source"]].second;
        q["speaker"] = SourceHead(source);
        q["speaker_aliases"] = json::array({source, q["speaker"]});
      } else {
        q["speaker"] = nullptr;
      }
      if (ev.count("Cue") && spans.count(ev["Cue"])) q["cue"] = spans[ev["Cue"]].second;
      g.gold["quotes"].push_back(q);
    }
    out.push_back(std::move(g));
  }
  return out;
}

Result<std::vector<GoldArticle>> ReadGermEval(const std::string& dir, size_t limit) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".json") files.push_back(e.path());
  }
  if (ec || files.empty()) return Status::NotFound(dir + ": no GermEval JSON files");
  std::sort(files.begin(), files.end());
  if (limit && files.size() > limit) files.resize(limit);
  std::vector<GoldArticle> out;
  for (const fs::path& f : files) {
    auto text = Slurp(f);
    if (!text.ok()) return text.status();
    json d;
    try {
      d = json::parse(*text);
    } catch (const json::exception& e) {
      return Status::Corruption(f.string() + ": malformed JSON");
    }
    // Sentences one per line; token references "s:t" map to byte spans.
    std::vector<std::vector<Span>> tok_spans;
    std::string body;
    for (const auto& s : d["Sentences"]) {
      std::vector<std::string> toks = s["Tokens"].get<std::vector<std::string>>();
      std::vector<Span> spans;
      std::string line = Detokenize(toks, &spans);
      uint32_t base = static_cast<uint32_t>(body.size());
      for (Span& x : spans) x.start += base, x.end += base;
      body += line + "\n";
      tok_spans.push_back(std::move(spans));
    }
    auto text_of = [&](const json& refs) -> std::string {
      std::string t;
      uint32_t last_end = 0;
      for (const auto& r : refs) {
        auto st = Split(r.get<std::string>(), ':');
        if (st.size() != 2) continue;
        size_t s = std::stoul(st[0]), k = std::stoul(st[1]);
        if (s >= tok_spans.size() || k >= tok_spans[s].size()) continue;
        Span sp = tok_spans[s][k];
        if (!t.empty()) t += sp.start > last_end ? " " : "";
        t += body.substr(sp.start, sp.size());
        last_end = sp.end;
      }
      return t;
    };
    GoldArticle g;
    g.doc.id = "germeval/" + f.stem().string();
    g.doc.body = body;
    g.doc.lang_hint = "de";
    g.gold = {{"doc", g.doc.id}, {"quotes", json::array()}};
    for (const auto& a : d["Annotations"]) {
      if (!a.contains("Message") || a["Message"].empty()) continue;
      json q;
      q["text"] = text_of(a["Message"]);
      std::string form = a.value("Form", "");
      q["kind"] = form == "Direct" ? "direct" : "indirect";
      std::string source = a.contains("Source") ? text_of(a["Source"]) : "";
      if (source.empty()) {
        q["speaker"] = nullptr;
      } else {
        q["speaker"] = source;
        q["speaker_aliases"] = json::array({source});
      }
      if (a.contains("Cue")) q["cue"] = text_of(a["Cue"]);
      g.gold["quotes"].push_back(q);
    }
    out.push_back(std::move(g));
  }
  return out;
}

Result<std::vector<GoldArticle>> ReadAdaq(const std::string& dir) {
  auto tokens = Slurp(fs::path(dir) / "cs_tokens.tsv");
  if (!tokens.ok()) return tokens.status();
  // sentence id → tokens with tags, in order of appearance.
  std::vector<std::string> order;
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> sents;
  bool header = true;
  for (const std::string& line : Split(*tokens, '\n')) {
    if (header) {
      header = false;
      continue;
    }
    auto cols = Split(line, '\t');
    if (cols.size() < 5) continue;
    std::string form = cols[1];
    if (form == "\"\"\"\"") form = "\"";  // TSV-escaped quotation mark
    if (!sents.count(cols[2])) order.push_back(cols[2]);
    sents[cols[2]].push_back({form, cols[4]});
  }
  std::vector<GoldArticle> out;
  for (const std::string& id : order) {
    std::vector<std::string> toks;
    for (auto& [form, tag] : sents[id]) toks.push_back(form);
    std::vector<Span> spans;
    GoldArticle g;
    g.doc.id = "adaq/" + id;
    g.doc.body = Detokenize(toks, &spans);
    g.doc.lang_hint = "cs";
    g.gold = {{"doc", g.doc.id}, {"quotes", json::array()}};
    std::string content, source, cue;
    bool quoted = false;
    auto add = [&](std::string* to, size_t k) {
      if (!to->empty()) *to += ' ';
      *to += g.doc.body.substr(spans[k].start, spans[k].size());
    };
    for (size_t k = 0; k < toks.size(); ++k) {
      const std::string& tag = sents[id][k].second;
      if (tag == "content") {
        if (toks[k] == "\"") quoted = true;
        add(&content, k);
      } else if (tag == "source") {
        add(&source, k);
      } else if (tag == "cue") {
        add(&cue, k);
      }
    }
    if (!content.empty()) {
      json q;
      q["text"] = content;
      q["kind"] = quoted ? "direct" : "indirect";
      if (source.empty()) {
        q["speaker"] = nullptr;
      } else {
        q["speaker"] = source;
        q["speaker_aliases"] = json::array({source});
      }
      if (!cue.empty()) q["cue"] = cue;
      g.gold["quotes"].push_back(q);
    }
    out.push_back(std::move(g));
  }
  return out;
}

}  // namespace vestnik::eval
