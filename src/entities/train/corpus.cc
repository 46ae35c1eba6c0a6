#include "entities/train/corpus.h"

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

#include "core/utf8.h"
#include "entities/ner_model.h"
#include "text/langid.h"
#include "text/normalize.h"
#include "text/segment.h"

namespace vestnik::entities::train {
namespace fs = std::filesystem;
namespace {

Result<std::string> ReadFile(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  if (!f) return Status::NotFound(p.string() + ": cannot open");
  return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return out;
}

}  // namespace

std::vector<std::string> SlavicNerTopics(const fs::path& data_root) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(data_root / "slavicner" / "raw", ec)) {
    if (e.is_directory()) out.push_back(e.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

void PrepareText(const Resources& res, const std::string& lang, Document* doc) {
  text::Normalize(doc->body, &doc->norm_text, &doc->norm_map);
  doc->lang = lang;
  doc->script = text::DominantScript(doc->norm_text);
  const LangResources& lr = res.Lang(lang);
  text::Tokenize(lr, doc);
  text::SplitSentences(lr, doc);
}

Result<std::vector<CorpusDoc>> ReadSlavicNer(const fs::path& data_root, const std::string& lang,
                                             const std::set<std::string>& topics,
                                             const std::set<std::string>& exclude_topics) {
  const fs::path root = data_root / "slavicner";
  auto list = ReadFile(root / "split.txt");
  if (!list.ok()) return list.status();
  std::vector<CorpusDoc> out;
  std::istringstream lines(*list);
  std::string rel;
  while (std::getline(lines, rel)) {
    while (!rel.empty() && (rel.back() == '\r' || rel.back() == ' ')) rel.pop_back();
    if (rel.empty()) continue;
    // raw/<topic>/<lang>/<doc>.txt
    std::vector<std::string> parts;
    std::istringstream ps(rel);
    for (std::string p; std::getline(ps, p, '/');) parts.push_back(p);
    if (parts.size() != 4 || parts[0] != "raw") {
      return Status::Corruption((root / "split.txt").string() + ": unexpected entry " + rel);
    }
    const std::string& topic = parts[1];
    if (parts[2] != lang) continue;
    if (!topics.empty() && !topics.count(topic)) continue;
    if (exclude_topics.count(topic)) continue;
    fs::path raw = root / rel;
    fs::path ner = root / "ner" / parts[1] / parts[2] / parts[3];
    ner.replace_extension(".tsv");
    auto text = ReadFile(raw);
    if (!text.ok()) return text.status();
    auto tsv = ReadFile(ner);
    if (!tsv.ok()) return tsv.status();
    CorpusDoc cd;
    cd.name = "slavicner/" + rel;
    cd.topic = topic;
    size_t repaired = 0;
    cd.doc.id = cd.name;
    cd.doc.body = utf8::Repair(*text, &repaired);
    // Code point → byte offsets.
    std::vector<uint32_t> byte_of;
    byte_of.reserve(cd.doc.body.size() + 1);
    for (size_t i = 0; i < cd.doc.body.size();) {
      byte_of.push_back(static_cast<uint32_t>(i));
      utf8::Next(cd.doc.body, &i);
    }
    byte_of.push_back(static_cast<uint32_t>(cd.doc.body.size()));
    std::istringstream rows(*tsv);
    std::string row;
    int line_no = 0;
    while (std::getline(rows, row)) {
      ++line_no;
      if (!row.empty() && row.back() == '\r') row.pop_back();
      if (row.empty()) continue;
      auto c = SplitTabs(row);
      auto where = [&] { return ner.string() + ":" + std::to_string(line_no); };
      if (c.size() < 5) return Status::Corruption(where() + ": expected 6 columns");
      size_t s = 0, e = 0;
      try {
        s = std::stoul(c[0]);
        e = std::stoul(c[1]);
      } catch (...) {
        return Status::Corruption(where() + ": bad offsets");
      }
      if (s >= e || e >= byte_of.size()) return Status::Corruption(where() + ": offsets out of range");
      auto type = ParseEntityType(c[4]);
      if (!type) return Status::Corruption(where() + ": unknown type " + c[4]);
      GoldMention m;
      m.span = {byte_of[s], byte_of[e]};
      m.type = *type;
      m.surface = c[2];
      m.lemma = c[3];
      m.xid = c.size() > 5 ? c[5] : "";
      if (cd.doc.Text(m.span) != m.surface) {
        return Status::Corruption(where() + ": surface does not match the text at its offsets");
      }
      cd.gold.push_back(std::move(m));
    }
    std::sort(cd.gold.begin(), cd.gold.end(),
              [](const GoldMention& a, const GoldMention& b) { return a.span.start < b.span.start; });
    out.push_back(std::move(cd));
  }
  return out;
}

EntityType MiscType(const std::vector<std::string>& words) {
  static const std::set<std::string> kEvent = {
      "cup", "cups", "open", "championship", "championships", "war", "games", "olympics",
      "olympic", "prix", "tour", "rally", "marathon", "election", "elections", "summit",
      "conference", "festival", "series", "bowl", "classic", "masters", "trophy", "stakes",
      "derby", "grand", "slam", "slams", "convention", "congress", "revolution", "crisis",
      "day", "week", "world", "euro", "nations", "tournament", "race", "league", "division"};
  for (const std::string& w : words) {
    if (kEvent.count(utf8::FoldCase(w))) return EntityType::kEvt;
  }
  return EntityType::kPro;
}

Result<std::vector<CorpusDoc>> ReadConll(const fs::path& file) {
  auto text = ReadFile(file);
  if (!text.ok()) return text.status();
  struct Tok {
    std::string word, tag;
  };
  std::vector<std::vector<Tok>> sentences;
  {
    std::istringstream in(*text);
    std::string line;
    std::vector<Tok> cur;
    int line_no = 0;
    while (std::getline(in, line)) {
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      std::istringstream ls(line);
      std::vector<std::string> cols;
      for (std::string c; ls >> c;) cols.push_back(c);
      if (cols.empty() || cols[0] == "-DOCSTART-") {
        if (!cur.empty()) sentences.push_back(std::move(cur));
        cur.clear();
        continue;
      }
      if (cols.size() < 2) {
        return Status::Corruption(file.string() + ":" + std::to_string(line_no) + ": expected token and tag");
      }
      cur.push_back({cols[0], cols.back()});
    }
    if (!cur.empty()) sentences.push_back(std::move(cur));
  }
  // Articles: a dateline sentence ("LONDON 1996-08-30") is the second of its article.
  static const std::regex kDate("\\d{4}-\\d\\d-\\d\\d");
  std::vector<bool> starts(sentences.size(), false);
  if (!sentences.empty()) starts[0] = true;
  for (size_t i = 1; i < sentences.size(); ++i) {
    const auto& s = sentences[i];
    if (s.size() <= 8 && std::regex_match(s.back().word, kDate)) starts[i - 1] = true;
  }
  std::vector<CorpusDoc> out;
  for (size_t i = 0; i < sentences.size(); ++i) {
    if (starts[i]) {
      CorpusDoc cd;
      cd.name = file.filename().string() + ":" + std::to_string(out.size() + 1);
      cd.topic = "conll";
      cd.doc.id = cd.name;
      out.push_back(std::move(cd));
    }
    CorpusDoc& cd = out.back();
    std::string& body = cd.doc.body;
    if (!body.empty()) body += '\n';
    // Open span: start offset, type, words.
    int open_type = -1;
    std::string open_tag;
    uint32_t open_start = 0, open_end = 0;
    std::vector<std::string> open_words;
    auto close = [&] {
      if (open_type < 0) return;
      GoldMention m;
      m.span = {open_start, open_end};
      m.type = open_tag == "MISC" ? MiscType(open_words) : *ParseEntityType(open_tag);
      m.surface = body.substr(open_start, open_end - open_start);
      m.lemma = m.surface;
      cd.gold.push_back(std::move(m));
      open_type = -1;
      open_words.clear();
    };
    for (size_t k = 0; k < sentences[i].size(); ++k) {
      const Tok& t = sentences[i][k];
      if (k > 0) body += ' ';
      uint32_t start = static_cast<uint32_t>(body.size());
      body += t.word;
      uint32_t end = static_cast<uint32_t>(body.size());
      std::string prefix = t.tag.size() > 2 ? t.tag.substr(0, 2) : "";
      std::string type = t.tag.size() > 2 ? t.tag.substr(2) : "";
      if (t.tag == "O" || (prefix != "B-" && prefix != "I-")) {
        close();
        continue;
      }
      bool cont = prefix == "I-" && open_type >= 0 && type == open_tag;
      if (!cont) {
        close();
        if (type != "MISC" && !ParseEntityType(type)) {
          return Status::Corruption(file.string() + ": unknown tag " + t.tag);
        }
        open_type = 1;
        open_tag = type;
        open_start = start;
      }
      open_end = end;
      open_words.push_back(t.word);
    }
    close();
  }
  return out;
}

std::vector<uint8_t> GoldLabels(const Document& doc, const std::vector<GoldMention>& gold,
                                AlignmentStats* stats) {
  const auto& toks = doc.tokens;
  std::vector<uint8_t> labels(toks.size(), 0);
  for (const GoldMention& m : gold) {
    ++stats->spans;
    // Tokens touching the span.
    uint32_t first = doc.TokenAt(m.span.start);
    if (first > 0 && toks[first - 1].span.end > m.span.start) --first;
    uint32_t end = first;
    while (end < toks.size() && toks[end].span.start < m.span.end) ++end;
    if (end <= first) {
      ++stats->misaligned;
      continue;
    }
    bool aligned = toks[first].span.start == m.span.start && toks[end - 1].span.end == m.span.end;
    if (!aligned) {
      ++stats->misaligned;
      if (stats->examples.size() < 60) {
        uint32_t a = toks[first].span.start, b = toks[end - 1].span.end;
        stats->examples.push_back(doc.id + ": gold «" + m.surface + "» tokens «" +
                                  std::string(doc.Text({a, b})) + "»");
      }
    }
    bool overlap = false;
    for (uint32_t k = first; k < end; ++k) overlap |= labels[k] != 0;
    if (overlap) continue;  // nested or overlapping gold: the first one wins
    for (uint32_t k = first; k < end; ++k) {
      int part = end - first == 1 ? 3 : k == first ? 0 : k + 1 == end ? 2 : 1;
      labels[k] = static_cast<uint8_t>(LabelOf(m.type, part));
    }
  }
  return labels;
}

}  // namespace vestnik::entities::train
