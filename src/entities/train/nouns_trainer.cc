#include "entities/train/nouns_trainer.h"

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

namespace vestnik::entities::train {
namespace fs = std::filesystem;

namespace {

// Punctuation after which a capitalised word opens a clause of its own: a colon or a quote mark.
bool OpensClause(std::string_view p) {
  return p == ":" || p == "\"" || p == "„" || p == "“" || p == "”" || p == "«" || p == "»" ||
         p == "‚" || p == "‘" || p == "'" || p == "(" || p == "–" || p == "-";
}

}  // namespace

void CountNouns(const LangResources& lr, std::string_view sentence, NounCounts* counts) {
  Document d;
  d.body = std::string(sentence);
  d.lang = lr.code;
  text::Normalize(d.body, &d.norm_text, &d.norm_map);
  text::Tokenize(lr, &d);
  const auto& toks = d.tokens;
  bool first = true;  // no word seen yet (opening quotes and dashes allowed)
  for (uint32_t i = 0; i < toks.size(); ++i) {
    const Token& t = toks[i];
    if (t.kind != TokenKind::kWord) {
      if (t.kind == TokenKind::kPunct && OpensClause(d.NormText(t))) first = true;
      else if (t.kind != TokenKind::kPunct) first = false;
      continue;
    }
    bool was_first = first;
    first = false;
    if (!t.upper) {
      if (!was_first) ++(*counts)[std::string(d.Folded(t))].lower;
      continue;
    }
    std::string_view norm = d.NormText(t);
    size_t letters = utf8::LetterCount(norm);
    if (letters < 2 || utf8::IsAllCaps(norm)) continue;  // initials, acronyms
    std::string folded(d.Folded(t));
    if (lr.determiners.FindWord(folded)) continue;  // "Der", "Die" at a sentence start
    NounCount& c = (*counts)[folded];
    if (was_first) {
      ++c.starts;
      continue;
    }
    const Token& p = toks[i - 1];
    auto is_det = [&](const Token& x) { return x.kind == TokenKind::kWord && lr.determiners.FindWord(d.Folded(x)); };
    if (is_det(p)) {
      ++c.det;
    } else if (p.kind == TokenKind::kWord && !p.upper && i >= 2 && is_det(toks[i - 2]) &&
               !lr.cues.FindWord(d.Folded(p))) {
      ++c.det;  // "der neue Vorsitzende"
    } else if (p.kind == TokenKind::kWord && p.upper) {
      ++c.after_cap;
    } else {
      ++c.bare;
    }
  }
}

std::vector<std::string> SelectNouns(const NounCounts& counts, const NounSelection& sel) {
  std::vector<std::string> out;
  for (const auto& [word, c] : counts) {
    long inside = c.det + c.bare + c.after_cap;
    if (c.det < sel.min_det) continue;
    if (static_cast<double>(c.det) < sel.min_det_share * static_cast<double>(inside)) continue;
    if (static_cast<double>(c.lower) > sel.max_lower_share * static_cast<double>(inside + c.lower)) continue;
    out.push_back(word);
  }
  return out;  // std::map: already sorted
}

int RunNounsTrain(const NounsTrainArgs& args) {
  fs::path root = args.data_root.empty() ? fs::path("../shared/data") : fs::path(args.data_root);
  auto res = Resources::Load(Resources::DefaultRoot());
  if (!res.ok()) {
    std::cerr << "vestnik: error: " << res.status().message() << "\n";
    return 1;
  }
  const LangResources& lr = (*res)->Lang(args.lang);
  if (lr.determiners.empty()) {
    std::cerr << "vestnik: error: lang/" << args.lang << "/determiners.txt: no determiners to learn from\n";
    return 1;
  }
  if (args.lang != "de") {
    std::cerr << "vestnik: error: no unlabelled text known for '" << args.lang << "' (only de)\n";
    return 1;
  }
  fs::path dir = root / "spkatt-news-de" / "train";
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".json") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());  // the order of `vestnik eval quotes --corpus germeval`
  if (files.empty()) {
    std::cerr << "vestnik: error: " << dir.string() << ": no GermEval JSON files\n";
    return 1;
  }
  size_t skip = std::min(args.holdout, files.size());
  NounCounts counts;
  long sentences = 0;
  for (size_t f = skip; f < files.size(); ++f) {
    std::ifstream in(files[f], std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    auto j = nlohmann::json::parse(ss.str(), nullptr, /*allow_exceptions=*/false);
    if (!j.is_object() || !j.contains("Sentences")) {
      std::cerr << "vestnik: error: " << files[f].string() << ": malformed\n";
      return 1;
    }
    for (const auto& s : j["Sentences"]) {
      std::string line;
      for (const auto& tok : s["Tokens"]) {
        if (!line.empty()) line += ' ';
        line += tok.get<std::string>();
      }
      CountNouns(lr, line, &counts);
      ++sentences;
    }
  }
  std::vector<std::string> nouns = SelectNouns(counts, args.selection);
  fs::path out_path = args.out.empty() ? (*res)->root() / "models" / ("common-nouns-" + args.lang + ".tsv")
                                       : fs::path(args.out);
  std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
  if (!out) {
    std::cerr << "vestnik: error: " << out_path.string() << ": cannot write\n";
    return 1;
  }
  std::ostringstream src;
  src << "spkatt-news-de/train (GermEval 2023, sentences only, ";
  if (skip) {
    src << "articles " << skip + 1 << "-" << files.size() << " of " << files.size()
        << " in sorted order; the first " << skip << " held out)";
  } else {
    src << "all " << files.size() << " articles)";
  }
  const std::string source = src.str();
  out << "# vestnik common nouns (" << args.lang
      << "): capitalised words that are nouns, not names (src/entities/train/nouns_trainer.h)\n"
      << "# made by: " << (args.command.empty() ? "vestnik train nouns" : args.command) << ", " << TrainingDate() << "\n"
      << "# from " << source << ", " << sentences << " sentences\n"
      << "# selection: det >= " << args.selection.min_det << ", det / (det + bare + after_cap) >= "
      << args.selection.min_det_share << ", lower / (lower + det + bare + after_cap) <= "
      << args.selection.max_lower_share << "\n"
      << "# det = after a determiner of lang/" << args.lang
      << "/determiners.txt (or a determiner and a lower-case word); bare = inside a sentence after"
         " another word or mark; after_cap = after a capitalised word; starts = opening a sentence; lower = written in lower case\n"
      << "# word\tdet\tbare\tafter_cap\tstarts\tlower\n";
  for (const std::string& w : nouns) {
    const NounCount& c = counts.at(w);
    out << w << '\t' << c.det << '\t' << c.bare << '\t' << c.after_cap << '\t' << c.starts << '\t' << c.lower << '\n';
  }
  out.close();  // written in full before anything is said (a closed pipe may end the process)
  if (!out) {
    std::cerr << "vestnik: error: " << out_path.string() << ": write failed\n";
    return 1;
  }
  std::cerr << "vestnik: " << args.lang << ": " << nouns.size() << " common nouns of " << counts.size()
            << " words from " << source << "\nvestnik: wrote " << out_path.string() << "\n";
  return 0;
}

}  // namespace vestnik::entities::train
