#include "text/train/langid_corpus.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_set>

#include <nlohmann/json.hpp>
#include <unicode/uchar.h>

#include "core/lexicon.h"
#include "core/utf8.h"

namespace vestnik::text::train {
namespace fs = std::filesystem;

const char* LangIdUnitName(LangIdUnit u) {
  switch (u) {
    case LangIdUnit::kArticle: return "articles";
    case LangIdUnit::kSentence: return "sentences";
    case LangIdUnit::kWordPair: return "word pairs";
    case LangIdUnit::kWord: return "single words";
  }
  return "?";
}

namespace {

Result<std::string> ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return Status::IoError(p.string() + ": cannot open");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string_view> Lines(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t nl = s.find('\n', start);
    if (nl == std::string_view::npos) nl = s.size();
    std::string_view line = s.substr(start, nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.push_back(line);
    start = nl + 1;
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

std::string UpperFirst(std::string_view s, bool all) {
  std::string out;
  bool first = true;
  for (size_t i = 0; i < s.size();) {
    char32_t c = utf8::Next(s, &i);
    if (first || all) c = static_cast<char32_t>(u_toupper(static_cast<UChar32>(c)));
    utf8::Append(c, &out);
    first = false;
  }
  return out;
}

// Sentence filters: a held-out "sentence" has at least 4 words and 20 letters (captions such
// as "Снимка: БТА" are not sentences); a training sentence at least 2 words and 8 letters.
bool IsTestSentence(std::string_view s) {
  int letters, words;
  CountLetters(s, &letters, &words);
  return words >= 4 && letters >= 20;
}
bool IsTrainSentence(std::string_view s) {
  int letters, words;
  CountLetters(s, &letters, &words);
  return words >= 2 && letters >= 8;
}

class Builder {
 public:
  Builder(const LangIdCorpusOptions& o, const SerbianScripts* sr) : o_(o), sr_(sr) {
    for (const auto& l : o.train_langs) train_langs_.insert(l);
  }

  bool Test(int index) const { return index % o_.split.folds == o_.split.test_fold; }
  bool Excluded(int index) const { return index % o_.split.folds == o_.split.exclude_fold; }
  bool WantTrain(const std::string& lang) const {
    return o_.load_train && (train_langs_.empty() || train_langs_.count(lang));
  }

  // Adds `text` as the index-th unit of its source: to test or to train (articles are split
  // into sentences for training). Serbian Latin is also added in Cyrillic.
  void Add(int index, const std::string& lang, const std::string& script, const std::string& source,
           LangIdUnit unit, std::string_view text) {
    text = Trim(text);
    if (text.empty()) return;
    AddOne(index, lang, script, source, unit, text);
    if (lang == "sr" && sr_) {
      if (script == "Latn") AddOne(index, lang, "Cyrl", source, unit, sr_->ToCyrillic(text));
      else if (script == "Cyrl") AddOne(index, lang, "Latn", source, unit, sr_->ToLatin(text));
    }
  }

  LangIdCorpus Finish() {
    // A training text identical to a held-out one would be tested on what was learnt.
    std::unordered_set<std::string_view> held;
    for (const auto& s : corpus_.test) held.insert(s.text);
    std::erase_if(corpus_.train, [&](const LangIdSample& s) { return held.count(s.text) > 0; });
    return std::move(corpus_);
  }

  LangIdCorpus& corpus() { return corpus_; }

 private:
  void AddOne(int index, const std::string& lang, const std::string& script,
              const std::string& source, LangIdUnit unit, std::string_view text) {
    if (Test(index)) {
      if (!o_.load_test) return;
      if (unit == LangIdUnit::kArticle) {
        corpus_.test.push_back({lang, script, source, unit, std::string(text)});
        // Its sentences are held-out sentences too.
        for (auto s : SplitSentencesSimple(text)) {
          if (IsTestSentence(s)) {
            corpus_.test.push_back({lang, script, source, LangIdUnit::kSentence, std::string(s)});
          }
        }
      } else if (unit != LangIdUnit::kSentence || IsTestSentence(text)) {
        corpus_.test.push_back({lang, script, source, unit, std::string(text)});
      }
      return;
    }
    if (Excluded(index) || !WantTrain(lang)) return;
    if (unit == LangIdUnit::kArticle) {
      for (auto s : SplitSentencesSimple(text)) {
        if (IsTrainSentence(s)) {
          corpus_.train.push_back({lang, script, source, LangIdUnit::kSentence, std::string(s)});
        }
      }
    } else if (unit != LangIdUnit::kSentence || IsTrainSentence(text)) {
      corpus_.train.push_back({lang, script, source, unit, std::string(text)});
    }
  }

  const LangIdCorpusOptions& o_;
  const SerbianScripts* sr_;
  std::unordered_set<std::string> train_langs_;
  LangIdCorpus corpus_;
};

Status LoadDsl(const fs::path& path, Builder* b) {
  if (!fs::exists(path)) {
    b->corpus().notes.push_back(path.string() + " is absent");
    return Status::Ok();
  }
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  static const std::map<std::string, std::string> kLabels = {
      {"bs", "bs"}, {"hr", "hr"}, {"sr", "sr"}, {"cz", "cs"}, {"sk", "sk"},
      {"es-AR", "es"}, {"es-ES", "es"}, {"es-PE", "es"}, {"pt-BR", "pt"}, {"pt-PT", "pt"},
      {"fr-CA", "fr"}, {"fr-FR", "fr"}};
  std::map<std::string, int> index;
  int line_no = 0;
  for (auto line : Lines(*text)) {
    ++line_no;
    if (Trim(line).empty()) continue;
    size_t tab = line.rfind('\t');
    if (tab == std::string_view::npos) {
      return Status::Corruption(path.string() + ":" + std::to_string(line_no) +
                                ": expected sentence<TAB>label");
    }
    std::string label(Trim(line.substr(tab + 1)));
    auto it = kLabels.find(label);
    if (it == kLabels.end()) continue;  // id, my, fa: not vestnik's languages
    b->Add(index[label]++, it->second, "Latn", "dsl", LangIdUnit::kSentence, line.substr(0, tab));
  }
  return Status::Ok();
}

Status LoadLingua(const fs::path& dir, Builder* b) {
  if (!fs::exists(dir)) {
    b->corpus().notes.push_back(dir.string() + " is absent");
    return Status::Ok();
  }
  static const std::map<std::string, std::string> kScripts = {
      {"bg", "Cyrl"}, {"mk", "Cyrl"}, {"ru", "Cyrl"}, {"uk", "Cyrl"}, {"be", "Cyrl"},
      {"sr", "Cyrl"}, {"el", "Grek"}};
  static const char* kLangs[] = {"bg", "mk", "sr", "hr", "bs", "sl", "ru", "uk", "be", "cs", "sk", "pl",
                                 "en", "de", "fr", "es", "it", "pt", "ro", "el", "tr", "sq", "hu", "nl"};
  for (const char* kind : {"word-pairs", "single-words"}) {
    LangIdUnit unit = std::string(kind) == "word-pairs" ? LangIdUnit::kWordPair : LangIdUnit::kWord;
    for (const char* lang : kLangs) {
      fs::path p = dir / kind / (std::string(lang) + ".txt");
      if (!fs::exists(p)) continue;
      auto text = ReadFile(p);
      if (!text.ok()) return text.status();
      auto s = kScripts.find(lang);
      std::string script = s == kScripts.end() ? "Latn" : s->second;
      int i = 0;
      for (auto line : Lines(*text)) {
        if (Trim(line).empty()) continue;
        b->Add(i++, lang, script, "lingua", unit, line);
      }
    }
  }
  return Status::Ok();
}

Status LoadSlavicNer(const fs::path& raw, Builder* b) {
  if (!fs::exists(raw)) {
    b->corpus().notes.push_back(raw.string() + " is absent");
    return Status::Ok();
  }
  std::map<std::string, std::vector<fs::path>> by_lang;
  std::error_code ec;
  for (const auto& topic : fs::directory_iterator(raw, ec)) {
    if (!topic.is_directory()) continue;
    for (const auto& lang : fs::directory_iterator(topic.path(), ec)) {
      if (!lang.is_directory()) continue;
      for (const auto& f : fs::directory_iterator(lang.path(), ec)) {
        if (f.path().extension() == ".txt") by_lang[lang.path().filename().string()].push_back(f.path());
      }
    }
  }
  if (ec) return Status::IoError(raw.string() + ": " + ec.message());
  for (auto& [lang, paths] : by_lang) {
    std::sort(paths.begin(), paths.end());
    std::string script = (lang == "bg" || lang == "ru" || lang == "uk") ? "Cyrl" : "Latn";
    for (size_t i = 0; i < paths.size(); ++i) {
      auto text = ReadFile(paths[i]);
      if (!text.ok()) return text.status();
      b->Add(static_cast<int>(i), lang, script, "slavicner", LangIdUnit::kArticle, *text);
    }
  }
  return Status::Ok();
}

Status LoadAlo(const fs::path& path, Builder* b) {
  if (!fs::exists(path)) {
    b->corpus().notes.push_back(path.string() + " is absent");
    return Status::Ok();
  }
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  int i = 0, line_no = 0;
  for (auto line : Lines(*text)) {
    ++line_no;
    if (Trim(line).empty()) continue;
    auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object() || !j.contains("text") || !j["text"].is_string()) {
      return Status::Corruption(path.string() + ":" + std::to_string(line_no) +
                                ": not a JSON object with a \"text\"");
    }
    b->Add(i++, "sr", "Latn", "alo", LangIdUnit::kArticle, j["text"].get<std::string>());
  }
  return Status::Ok();
}

Status LoadUd(const fs::path& dir, Builder* b) {
  static const std::pair<const char*, const char*> kTreebanks[] = {
      {"UD_Bulgarian-BTB/bg_btb-ud-dev.conllu", "bg"},
      {"UD_Serbian-SET/sr_set-ud-dev.conllu", "sr"},
      {"UD_Russian-GSD/ru_gsd-ud-dev.conllu", "ru"},
      {"UD_English-EWT/en_ewt-ud-dev.conllu", "en"}};
  for (const auto& [file, lang] : kTreebanks) {
    fs::path p = dir / file;
    if (!fs::exists(p)) {
      b->corpus().notes.push_back(p.string() + " is absent");
      continue;
    }
    auto text = ReadFile(p);
    if (!text.ok()) return text.status();
    std::string script = std::string(lang) == "bg" || std::string(lang) == "ru" ? "Cyrl" : "Latn";
    int i = 0;
    for (auto line : Lines(*text)) {
      if (!line.starts_with("# text =")) continue;
      b->Add(i++, lang, script, "ud", LangIdUnit::kSentence, line.substr(8));
    }
  }
  return Status::Ok();
}

}  // namespace

void CountLetters(std::string_view text, int* letters, int* words) {
  *letters = *words = 0;
  bool in_word = false;
  for (size_t i = 0; i < text.size();) {
    char32_t c = utf8::Next(text, &i);
    if (utf8::IsLetter(c)) {
      ++*letters;
      if (!in_word) ++*words;
      in_word = true;
    } else {
      in_word = false;
    }
  }
}

std::vector<std::string_view> SplitSentencesSimple(std::string_view text) {
  std::vector<std::string_view> out;
  auto emit = [&](size_t a, size_t b) {
    std::string_view s = Trim(text.substr(a, b - a));
    if (!s.empty()) out.push_back(s);
  };
  size_t start = 0;
  for (size_t i = 0; i < text.size();) {
    size_t at = i;
    char32_t c = utf8::Next(text, &i);
    if (c == '\n') {
      // A line that goes on in lower case is a wrapped line, not a new sentence.
      size_t j = i;
      while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
      if (j < text.size()) {
        size_t k = j;
        char32_t d = utf8::Next(text, &k);
        if (utf8::IsLetter(d) && !utf8::IsUpper(d)) continue;
      }
      emit(start, at);
      start = i;
      continue;
    }
    if (c != '.' && c != '!' && c != '?' && c != U'…') continue;
    // Closing quotation marks and brackets stay with the sentence.
    size_t j = i;
    while (j < text.size()) {
      size_t k = j;
      char32_t d = utf8::Next(text, &k);
      if (d == '"' || d == U'”' || d == U'»' || d == U'“' || d == ')' || d == '\'' || d == U'’') j = k;
      else break;
    }
    size_t end = j;
    if (j >= text.size() || (text[j] != ' ' && text[j] != '\t')) continue;
    while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
    if (j >= text.size()) break;
    size_t k = j;
    char32_t d = utf8::Next(text, &k);
    if (utf8::IsUpper(d) || utf8::IsDigit(d) || d == '"' || d == U'„' || d == U'“' ||
        d == U'«' || d == U'–' || d == U'—' || d == '-') {
      emit(start, end);
      start = j;
      i = j;
    }
  }
  emit(start, text.size());
  return out;
}

Result<SerbianScripts> SerbianScripts::Load(const fs::path& vestnik_root) {
  auto rows = ReadTsv(vestnik_root / "lang" / "sr" / "transliteration.tsv", 2, 2);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) {
    return Status::NotFound((vestnik_root / "lang" / "sr" / "transliteration.tsv").string() +
                            ": no Serbian transliteration table");
  }
  SerbianScripts t;
  for (const auto& r : *rows) {
    const std::string& latn = r.cols[0];
    const std::string& cyrl = r.cols[1];
    for (int form = 0; form < 3; ++form) {
      std::string l = form == 0 ? latn : UpperFirst(latn, form == 2);
      std::string c = form == 0 ? cyrl : UpperFirst(cyrl, form == 2);
      t.to_cyrl_.push_back({l, c});
      if (form < 2) t.to_latn_.push_back({c, l});  // Љ → Lj, not LJ
    }
  }
  auto by_len = [](const Pair& a, const Pair& b) { return a.from.size() > b.from.size(); };
  std::stable_sort(t.to_cyrl_.begin(), t.to_cyrl_.end(), by_len);
  std::stable_sort(t.to_latn_.begin(), t.to_latn_.end(), by_len);
  return t;
}

std::string SerbianScripts::Apply(const std::vector<Pair>& pairs, std::string_view s) {
  std::string out;
  out.reserve(s.size() * 2);
  size_t i = 0;
  while (i < s.size()) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    bool maybe = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || b >= 0xC0;
    bool hit = false;
    if (maybe) {
      for (const auto& p : pairs) {
        if (s.compare(i, p.from.size(), p.from) == 0) {
          out += p.to;
          i += p.from.size();
          hit = true;
          break;
        }
      }
    }
    if (!hit) {
      size_t j = i;
      utf8::Next(s, &j);
      out.append(s.substr(i, j - i));
      i = j;
    }
  }
  return out;
}

std::string SerbianScripts::ToCyrillic(std::string_view latin) const { return Apply(to_cyrl_, latin); }
std::string SerbianScripts::ToLatin(std::string_view cyrillic) const { return Apply(to_latn_, cyrillic); }

Result<LangIdCorpus> LoadLangIdCorpus(const LangIdCorpusOptions& o) {
  if (!fs::is_directory(o.data_root)) {
    return Status::NotFound(o.data_root.string() + ": no corpus folder (../shared/data)");
  }
  if (o.split.folds < 2 || o.split.test_fold < 0 || o.split.test_fold >= o.split.folds ||
      o.split.exclude_fold == o.split.test_fold) {
    return Status::InvalidArgument("bad fold settings");
  }
  auto sr = SerbianScripts::Load(o.vestnik_root);
  if (!sr.ok()) return sr.status();
  Builder b(o, &sr.value());
  const fs::path& d = o.data_root;
  for (const char* f : {"dslcc-v1.0-test-gold.txt", "dslcc-v4.0-test-gold.txt"}) {
    Status st = LoadDsl(d / "langid" / f, &b);
    if (!st.ok()) return st;
  }
  Status st = LoadLingua(d / "langid" / "lingua", &b);
  if (st.ok()) st = LoadSlavicNer(d / "slavicner" / "raw", &b);
  if (st.ok()) st = LoadAlo(d / "serbian-news-alo" / "articles.jsonl", &b);
  if (st.ok()) st = LoadUd(d / "ud", &b);
  if (!st.ok()) return st;
  return b.Finish();
}

}  // namespace vestnik::text::train
