#include "text/train/starters_trainer.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/provenance.h"
#include "core/utf8.h"
#include "text/normalize.h"
#include "text/segment.h"

namespace vestnik::text::train {
namespace fs = std::filesystem;

namespace {

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The files directly in `dir`, sorted; none when it is absent.
std::vector<fs::path> SortedFiles(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.is_regular_file()) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// A language's raw texts and where they came from; `sources` stays empty when none is there.
struct LangTexts {
  std::vector<std::string> texts;
  std::string sources;
};

LangTexts SlavicNerTexts(const fs::path& root, const std::string& lang) {
  LangTexts out;
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& topic : fs::directory_iterator(root / "slavicner" / "raw", ec)) {
    for (const fs::path& f : SortedFiles(topic.path() / lang)) files.push_back(f);
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) out.texts.push_back(ReadFile(f));
  if (!files.empty()) out.sources = "slavicner/raw/*/" + lang + " (" + std::to_string(files.size()) + " articles)";
  return out;
}

LangTexts AloTexts(const fs::path& root) {
  LangTexts out;
  std::ifstream in(root / "serbian-news-alo" / "articles.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_object() && j.contains("text") && j["text"].is_string()) out.texts.push_back(j["text"].get<std::string>());
  }
  if (!out.texts.empty()) out.sources = "serbian-news-alo (" + std::to_string(out.texts.size()) + " articles)";
  return out;
}

LangTexts PolnearTexts(const fs::path& root) {
  LangTexts out;
  for (const fs::path& f : SortedFiles(root / "polnear" / "train" / "text")) out.texts.push_back(ReadFile(f));
  if (!out.texts.empty()) out.sources = "polnear/train/text (" + std::to_string(out.texts.size()) + " articles)";
  return out;
}

}  // namespace

void CountStarters(const LangResources& lr, std::string_view text, StarterCounts* counts) {
  Document d;
  d.body = std::string(text);
  d.lang = lr.code;
  Normalize(d.body, &d.norm_text, &d.norm_map);
  Tokenize(lr, &d);
  SplitSentences(lr, &d);
  for (const Sentence& s : d.sentences) {
    bool first = true;  // no word seen yet in this sentence (opening quotes and dashes allowed)
    for (uint32_t i = s.first_token; i < s.end_token; ++i) {
      const Token& t = d.tokens[i];
      if (t.kind != TokenKind::kWord) {
        if (t.kind != TokenKind::kPunct) first = false;
        continue;
      }
      std::string_view norm = d.NormText(t);
      bool was_first = first;
      first = false;
      size_t letters = utf8::LetterCount(norm);
      if (letters == 0 || (letters > 1 && utf8::IsAllCaps(norm))) continue;  // acronyms, shouting
      StarterCount& c = (*counts)[std::string(d.Folded(t))];
      if (!t.upper) {
        if (!was_first) ++c.lower;
      } else if (was_first) {
        ++c.starts;
      } else {
        const Token& p = d.tokens[i - 1];
        if (p.kind == TokenKind::kWord && !t.newline_before) ++(p.upper ? c.after_cap : c.mid);
      }
    }
  }
}

std::vector<Starter> SelectStarters(const StarterCounts& counts, const StarterSelection& sel) {
  auto rare = [&](long inside, long starts) {
    return static_cast<double>(inside) <= sel.max_mid_share * static_cast<double>(starts + inside);
  };
  std::vector<Starter> out;
  for (const auto& [word, c] : counts) {
    if (c.starts < sel.min_starts || c.lower < sel.min_lower || !rare(c.mid, c.starts)) continue;
    size_t first = 0;
    utf8::Next(word, &first);
    // A single letter after a capitalised word is too often an initial or a part of a name.
    out.push_back({word, first < word.size() && c.starts >= sel.min_starts_any && rare(c.after_cap, c.starts)});
  }
  return out;
}

int RunStartersTrain(const StartersTrainArgs& args) {
  fs::path root = args.data_root.empty() ? fs::path("../shared/data") : fs::path(args.data_root);
  auto res = Resources::Load(Resources::DefaultRoot());
  if (!res.ok()) {
    std::cerr << "vestnik: error: " << res.status().message() << "\n";
    return 1;
  }
  fs::path out_path = args.out.empty() ? (*res)->root() / "models" / "sentence-starters.tsv" : fs::path(args.out);
  std::ostringstream body;
  std::vector<std::string> sources;
  for (const std::string lang : {"bg", "cs", "en", "pl", "ru", "sl", "sr", "uk"}) {
    LangTexts lt = lang == "sr" ? AloTexts(root) : lang == "en" ? PolnearTexts(root) : SlavicNerTexts(root, lang);
    if (lt.texts.empty()) {
      std::cerr << "vestnik: " << lang << ": no raw text under " << root.string() << ", skipped\n";
      continue;
    }
    LangResources lr = (*res)->Lang(lang);  // a copy without the starters being learnt
    lr.sentence_starters.clear();
    StarterCounts counts;
    for (const std::string& t : lt.texts) CountStarters(lr, t, &counts);
    std::vector<Starter> words = SelectStarters(counts, args.selection);
    for (const Starter& w : words) {
      const StarterCount& c = counts.at(w.word);
      body << lang << '\t' << w.word << '\t' << (w.after_cap ? "any" : "lower") << '\t' << c.starts << '\t'
           << c.mid << '\t' << c.after_cap << '\t' << c.lower << '\n';
    }
    sources.push_back(lang + ": " + lt.sources);
    std::cerr << "vestnik: " << lang << ": " << words.size() << " sentence starters from " << lt.sources << "\n";
  }
  if (sources.empty()) {
    std::cerr << "vestnik: error: no raw text found under " << root.string() << "\n";
    return 1;
  }
  std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
  if (!out) {
    std::cerr << "vestnik: error: " << out_path.string() << ": cannot write\n";
    return 1;
  }
  out << "# vestnik sentence starters: capitalised words that open sentences (src/text/train/starters_trainer.h)\n"
      << "# made by: " << (args.command.empty() ? "vestnik train segment" : args.command) << ", " << TrainingDate() << "\n";
  for (const std::string& s : sources) out << "# from " << s << "\n";
  out << "# selection: starts >= " << args.selection.min_starts << ", lower >= " << args.selection.min_lower
      << ", mid / (starts + mid) <= " << args.selection.max_mid_share << "; after any word: starts >= "
      << args.selection.min_starts_any << ", after_cap / (starts + after_cap) <= " << args.selection.max_mid_share << "\n"
      << "# after: lower = starts a sentence after a lower-case word or a number; any = after a word\n"
      << "# lang\tword\tafter\tstarts\tmid\tafter_cap\tlower\n"
      << body.str();
  if (!out) {
    std::cerr << "vestnik: error: " << out_path.string() << ": write failed\n";
    return 1;
  }
  std::cerr << "vestnik: wrote " << out_path.string() << "\n";
  return 0;
}

}  // namespace vestnik::text::train
