#include "core/resources.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>

#include "core/utf8.h"

#ifndef VESTNIK_SOURCE_DIR
#define VESTNIK_SOURCE_DIR "."
#endif

namespace vestnik {
namespace fs = std::filesystem;

namespace {

// Appends the space-separated words of a settings value to *out.
void AppendWords(std::string_view v, std::vector<std::string>* out) {
  while (!v.empty()) {
    size_t sp = v.find(' ');
    if (sp != 0) out->emplace_back(v.substr(0, sp));
    v = sp == std::string_view::npos ? std::string_view() : v.substr(sp + 1);
  }
}

Status LoadAbbreviations(const fs::path& path, LangResources* lr) {
  auto rows = ReadTsv(path, 1, 2);
  if (!rows.ok()) return rows.status();
  for (const auto& row : *rows) {
    std::string f = utf8::FoldCase(row.cols[0]);
    if (row.cols.size() > 1 && row.cols[1] == "prefix") {
      lr->prefix_abbreviations.insert(f);
      if (!lr->translit.empty()) lr->prefix_abbreviations.insert(lr->translit.Apply(f));
    }
    if (!lr->translit.empty()) lr->abbreviations.insert(lr->translit.Apply(f));
    lr->max_abbreviation_bytes = std::max(lr->max_abbreviation_bytes, f.size() * 2);
    lr->abbreviations.insert(std::move(f));
  }
  return Status::Ok();
}

Status LoadEndings(const fs::path& path, LangResources* lr) {
  auto rows = ReadTsv(path, 1, 3);
  if (!rows.ok()) return rows.status();
  for (const auto& row : *rows) {
    NameEnding e;
    e.ending = utf8::FoldCase(row.cols[0]);
    e.replacement = row.cols.size() > 1 ? utf8::FoldCase(row.cols[1]) : "";
    e.safe = row.cols.size() > 2 && row.cols[2] == "!";
    if (!lr->translit.empty()) {
      lr->name_endings.push_back(
          {lr->translit.Apply(e.ending), lr->translit.Apply(e.replacement), e.safe});
    }
    lr->name_endings.push_back(std::move(e));
  }
  std::stable_sort(lr->name_endings.begin(), lr->name_endings.end(),
                   [](const NameEnding& a, const NameEnding& b) {
                     return a.ending.size() > b.ending.size();
                   });
  return Status::Ok();
}

// lemma_endings.tsv: kind (word | lemma | name | definite), position (any | single | first | middle | last),
// ending, replacement (may be empty).
Status LoadLemmaEndings(const fs::path& path, LangResources* lr) {
  auto rows = ReadTsv(path, 3, 4);
  if (!rows.ok()) return rows.status();
  static const char* const kPositions[] = {"single", "first", "middle", "last"};
  for (const auto& row : *rows) {
    EndingRewrite rw;
    auto bad = [&](const std::string& what) {
      return Status::Corruption(path.string() + ":" + std::to_string(row.line) + ": " + what);
    };
    if (row.cols[0] == "word") {
      rw.kind = EndingRewrite::Kind::kWord;
    } else if (row.cols[0] == "lemma") {
      rw.kind = EndingRewrite::Kind::kLemma;
    } else if (row.cols[0] == "name") {
      rw.kind = EndingRewrite::Kind::kName;
    } else if (row.cols[0] == "definite") {
      rw.kind = EndingRewrite::Kind::kDefinite;
    } else {
      return bad("kind is word, lemma, name or definite: " + row.cols[0]);
    }
    if (row.cols[1] != "any") {
      for (int8_t p = 0; p < 4; ++p) {
        if (row.cols[1] == kPositions[p]) rw.position = p;
      }
      if (rw.position < 0) return bad("unknown position " + row.cols[1]);
    }
    // Folded, keeping the upper-case 'C' that stands for a consonant.
    auto fold = [](const std::string& s) {
      std::string out;
      for (size_t i = 0; i < s.size();) {
        size_t start = i;
        char32_t c = utf8::Next(s, &i);
        if (c == U'C') out += 'C';
        else out += utf8::FoldCase(std::string_view(s).substr(start, i - start));
      }
      return out;
    };
    rw.ending = fold(row.cols[2]);
    rw.replacement = row.cols.size() > 3 ? fold(row.cols[3]) : "";
    if (rw.ending.empty()) return bad("empty ending");
    lr->lemma_endings.push_back(std::move(rw));
  }
  return Status::Ok();
}

// Rows of (ending or ^whole word, m | f | -) into `out`, in both scripts where the language
// has two; whole words first, then the longest ending first. "-": the form tells nothing.
Status LoadGenderForms(const fs::path& path, const LangResources& lr,
                       std::vector<std::pair<std::string, char>>* out) {
  auto rows = ReadTsv(path, 2, 2);
  if (!rows.ok()) return rows.status();
  for (const auto& row : *rows) {
    if (row.cols[1] != "m" && row.cols[1] != "f" && row.cols[1] != "-") {
      return Status::Corruption(path.string() + ":" + std::to_string(row.line) +
                                ": gender must be m, f or -, not " + row.cols[1]);
    }
    char g = row.cols[1][0] == '-' ? 0 : row.cols[1][0];
    std::string form = utf8::FoldCase(row.cols[0]);
    if (!lr.translit.empty()) out->emplace_back(lr.translit.Apply(form), g);
    out->emplace_back(std::move(form), g);
  }
  auto whole = [](const std::string& f) { return !f.empty() && f[0] == '^'; };
  std::stable_sort(out->begin(), out->end(), [&](const auto& a, const auto& b) {
    if (whole(a.first) != whole(b.first)) return whole(a.first);
    return a.first.size() > b.first.size();
  });
  return Status::Ok();
}

Result<std::unique_ptr<LangResources>> LoadLang(const fs::path& dir, const std::string& code) {
  auto lr = std::make_unique<LangResources>();
  lr->code = code;
  auto tr = ReadTsv(dir / "transliteration.tsv", 2, 2);
  if (!tr.ok()) return tr.status();
  for (auto& row : *tr) lr->translit.Add(utf8::FoldCase(row.cols[0]), utf8::FoldCase(row.cols[1]));
  const Transliteration* t = &lr->translit;
  Status s;
  struct Item {
    const char* file;
    size_t values;
    PhraseTable* table;
  } items[] = {
      {"cues.tsv", 2, &lr->cues},
      {"complementizers.txt", 0, &lr->complementizers},
      {"clause_starters.txt", 0, &lr->clause_starters},
      {"finite_auxiliaries.txt", 0, &lr->finite_auxiliaries},
      {"pronouns.tsv", 1, &lr->pronouns},
      {"oblique_pronouns.tsv", 1, &lr->oblique_pronouns},
      {"channels.tsv", 1, &lr->channels},
      {"channel_phrases.tsv", 1, &lr->channel_phrases},
      {"via.txt", 0, &lr->via},
      {"relative_pronouns.txt", 0, &lr->relative_pronouns},
      {"cataphora.txt", 0, &lr->cataphora},
      {"months.tsv", 1, &lr->months},
      {"relative_dates.tsv", 1, &lr->relative_dates},
      {"year_markers.txt", 0, &lr->year_markers},
      {"time_nouns.txt", 0, &lr->time_nouns},
      {"titles.tsv", 1, &lr->titles},
      {"entity_keywords.tsv", 1, &lr->entity_keywords},
      {"function_words.txt", 0, &lr->function_words},
      {"group_nouns.txt", 0, &lr->group_nouns},
      {"determiners.txt", 0, &lr->determiners},
      {"reported_forms.txt", 0, &lr->reported_forms},
      {"reported_blockers.txt", 0, &lr->reported_blockers},
      {"prepositions.txt", 0, &lr->prepositions},
      {"source_prepositions.txt", 0, &lr->source_prepositions},
      {"bodies.txt", 0, &lr->bodies},
      {"description_links.txt", 0, &lr->description_links},
      {"parenthetical_openers.txt", 0, &lr->parenthetical_openers},
      {"citing.txt", 0, &lr->citing},
      {"indefinite_sources.txt", 0, &lr->indefinite_sources},
      {"according_nouns.txt", 0, &lr->according_nouns},
  };
  for (const Item& it : items) {
    s = LoadPhrases(dir / it.file, it.values, t, it.table);
    if (!s.ok()) return s;
  }
  s = LoadAbbreviations(dir / "abbreviations.txt", lr.get());
  if (!s.ok()) return s;
  s = LoadEndings(dir / "name_endings.tsv", lr.get());
  if (!s.ok()) return s;
  s = LoadLemmaEndings(dir / "lemma_endings.tsv", lr.get());
  if (!s.ok()) return s;
  auto settings = ReadTsv(dir / "settings.tsv", 2, 2);
  if (!settings.ok()) return settings.status();
  // The switches and the space-separated word lists of settings.tsv, by key (lang/README.md).
  static const std::pair<const char*, bool LangResources::*> kSwitches[] = {
      {"ordinal_dot", &LangResources::ordinal_dot},
      {"title_case_capital_names", &LangResources::title_case_capital_names},
      {"name_case_agreement", &LangResources::name_case_agreement},
      {"colon_capital_ends_sentence", &LangResources::colon_capital_ends_sentence},
      {"according_inside_clause", &LangResources::according_inside_clause},
      {"reported_acts", &LangResources::reported_acts},
      {"nested_direct", &LangResources::nested_direct},
      {"speaker_ranker", &LangResources::speaker_ranker},
      {"verb_second", &LangResources::verb_second},
      {"clause_needs_comma", &LangResources::clause_needs_comma},
      {"join_interrupted_quotes", &LangResources::join_interrupted_quotes},
      {"coordinated_cues", &LangResources::coordinated_cues},
      {"adverbial_before_clause", &LangResources::adverbial_before_clause},
      {"participle_objects", &LangResources::participle_objects},
      {"headline_attributions", &LangResources::headline_attributions},
      {"headline_quotes", &LangResources::headline_quotes},
      {"subject_required", &LangResources::subject_required},
      {"genitive_case", &LangResources::genitive_case},
  };
  static const std::pair<const char*, std::vector<std::string> LangResources::*> kLists[] = {
      {"definite_suffixes", &LangResources::definite_suffixes},
      {"definite_plural_suffixes", &LangResources::definite_plural_suffixes},
      {"short_definite_suffixes", &LangResources::short_definite_suffixes},
      {"coordinators", &LangResources::coordinators},
      {"gerund_suffixes", &LangResources::gerund_suffixes},
      {"impersonal_cue_suffixes", &LangResources::impersonal_cue_suffixes},
      {"impersonal_particles", &LangResources::impersonal_particles},
      {"adjective_endings", &LangResources::adjective_endings},
      {"plural_verb_suffixes", &LangResources::plural_verb_suffixes},
      {"plural_noun_suffixes", &LangResources::plural_noun_suffixes},
      {"clitics", &LangResources::clitics},
      {"according_noun_prepositions", &LangResources::according_noun_prepositions},
      {"source_attributes", &LangResources::source_attributes},
      {"source_noun_attributes", &LangResources::source_noun_attributes},
      {"passive_auxiliaries", &LangResources::passive_auxiliaries},
      {"passive_agents", &LangResources::passive_agents},
      {"impersonal_pronouns", &LangResources::impersonal_pronouns},
      {"possessive_clitics", &LangResources::possessive_clitics},
      {"plural_adjective_endings", &LangResources::plural_adjective_endings},
  };
  for (auto& row : *settings) {
    const std::string& key = row.cols[0];
    auto is_key = [&](const auto& entry) { return key == entry.first; };
    if (auto sw = std::find_if(std::begin(kSwitches), std::end(kSwitches), is_key);
        sw != std::end(kSwitches)) {
      lr.get()->*(sw->second) = row.cols[1] == "true";
    } else if (auto list = std::find_if(std::begin(kLists), std::end(kLists), is_key);
               list != std::end(kLists)) {
      AppendWords(row.cols[1], &(lr.get()->*(list->second)));
    } else {
      return Status::Corruption((dir / "settings.tsv").string() + ":" + std::to_string(row.line) +
                                ": unknown setting " + key);
    }
  }
  auto fb = ReadTsv(dir / "name_fallbacks.txt", 1, 1);
  if (!fb.ok()) return fb.status();
  for (auto& row : *fb) lr->name_fallbacks.push_back(row.cols[0]);
  s = LoadGenderForms(dir / "surname_genders.tsv", *lr, &lr->surname_genders);
  if (!s.ok()) return s;
  s = LoadGenderForms(dir / "given_name_genders.tsv", *lr, &lr->given_name_genders);
  if (!s.ok()) return s;
  return lr;
}

}  // namespace

namespace {

// Vowel letters of the Latin and Cyrillic alphabets (folded), for EndingRewrite's 'C'.
bool IsVowelLetter(char32_t c) {
  static constexpr std::u32string_view kVowels =
      U"aeiouyáéíóúýäëïöüěåąęôâîûàèìòùőűаеиоуъыэюяёіїєѣ";
  return kVowels.find(c) != std::u32string_view::npos;
}

}  // namespace

std::string EndingRewrite::ApplyTo(std::string_view folded) const {
  // `ending` against the last code points of `folded`, read backwards from both ends: most
  // calls fail on the last letter, so the rest of the word is never decoded (both strings are
  // valid UTF-8: folded text and lines of a language file). The word must keep at least one
  // code point before the ending.
  size_t pos = folded.size();
  for (size_t pat = ending.size(); pat > 0;) {
    if (pos == 0) return "";
    char32_t p = utf8::Prev(ending, pat, &pat);
    char32_t c = utf8::Prev(folded, pos, &pos);
    if (p == U'C') {
      if (!utf8::IsLetter(c) || IsVowelLetter(c)) return "";
    } else if (p != c) {
      return "";
    }
  }
  if (pos == 0) return "";
  // The stem, then the replacement, whose 'C's take the consonants the ending's matched, in
  // order (read again forwards from the stem's end).
  std::string out(folded.substr(0, pos));
  size_t pat = 0, word = pos;
  for (size_t i = 0; i < replacement.size();) {
    char32_t c = utf8::Next(replacement, &i);
    if (c != U'C') {
      utf8::Append(c, &out);
      continue;
    }
    char32_t consonant = 0;
    while (pat < ending.size()) {
      char32_t p = utf8::Next(ending, &pat);
      char32_t w = utf8::Next(folded, &word);
      if (p == U'C') {
        consonant = w;
        break;
      }
    }
    if (consonant == 0) return "";  // more 'C's than the ending matched
    utf8::Append(consonant, &out);
  }
  return out;
}

Result<std::unique_ptr<Resources>> Resources::Load(const fs::path& root) {
  auto res = std::unique_ptr<Resources>(new Resources());
  res->root_ = root;
  fs::path lang = root / "lang";
  std::error_code ec;
  if (!fs::is_directory(lang, ec)) {
    return Status::NotFound(lang.string() + ": no language resources (set VESTNIK_HOME)");
  }
  for (const auto& entry : fs::directory_iterator(lang, ec)) {
    if (!entry.is_directory()) continue;
    std::string code = entry.path().filename().string();
    auto lr = LoadLang(entry.path(), code);
    if (!lr.ok()) return lr.status();
    res->langs_[code] = std::move(lr.value());
  }
  Status s = res->LoadSentenceStarters(root / "models" / "sentence-starters.tsv");
  if (!s.ok()) return s;
  s = res->LoadCommonNouns(root / "models");
  if (!s.ok()) return s;
  return res;
}

Status Resources::LoadSentenceStarters(const fs::path& path) {
  auto rows = ReadTsv(path, 3, 7);  // a missing file: no starters
  if (!rows.ok()) return rows.status();
  for (const TsvRow& row : *rows) {
    auto it = langs_.find(row.cols[0]);
    if (it == langs_.end()) continue;
    LangResources& lr = *it->second;
    std::string word = utf8::FoldCase(row.cols[1]);
    if (row.cols[2] != "any" && row.cols[2] != "lower") {
      return Status::Corruption(path.string() + ":" + std::to_string(row.line) + ": expected any or lower, not " +
                                row.cols[2]);
    }
    bool any = row.cols[2] == "any";
    if (!lr.translit.empty()) lr.sentence_starters[lr.translit.Apply(word)] = any;
    lr.sentence_starters[std::move(word)] = any;
  }
  return Status::Ok();
}

bool LangResources::IsCommonNoun(std::string_view f) const {
  if (common_nouns.empty()) return false;
  if (common_nouns.count(std::string(f))) return true;
  size_t hyphen = f.rfind('-');
  return hyphen != std::string_view::npos && hyphen + 1 < f.size() &&
         common_nouns.count(std::string(f.substr(hyphen + 1))) > 0;
}

bool LangResources::IsAccordingNoun(std::string_view f) const {
  if (according_nouns.empty()) return false;
  // Every ending that starts at a letter's first byte, the whole word first.
  for (size_t i = 0; i + 1 < f.size(); ++i) {
    if ((static_cast<unsigned char>(f[i]) & 0xC0) == 0x80) continue;
    if (according_nouns.FindWord(f.substr(i))) return true;
  }
  return false;
}

namespace {

char FormGender(const std::vector<std::pair<std::string, char>>& forms, std::string_view word) {
  for (const auto& [form, gender] : forms) {
    if (!form.empty() && form[0] == '^') {
      if (word == std::string_view(form).substr(1)) return gender;
    } else if (word.size() > form.size() && word.ends_with(form)) {
      return gender;
    }
  }
  return 0;
}

}  // namespace

char LangResources::SurnameGender(std::string_view folded_surname) const {
  return FormGender(surname_genders, folded_surname);
}

char LangResources::GivenNameGender(std::string_view folded_given_name) const {
  return FormGender(given_name_genders, folded_given_name);
}

size_t LangResources::DefiniteSuffixLength(std::string_view f, bool plural) const {
  size_t best = 0;
  auto consider = [&](const std::vector<std::string>& suffixes) {
    for (const std::string& s : suffixes) {
      if (f.size() > s.size() && f.ends_with(s)) best = std::max(best, s.size());
    }
  };
  consider(definite_suffixes);
  if (plural) consider(definite_plural_suffixes);
  return best;
}

Status Resources::LoadCommonNouns(const fs::path& models) {
  for (auto& [code, lr] : langs_) {
    auto rows = ReadTsv(models / ("common-nouns-" + code + ".tsv"), 1, 6);  // missing: none
    if (!rows.ok()) return rows.status();
    for (const TsvRow& row : *rows) lr->common_nouns.insert(utf8::FoldCase(row.cols[0]));
  }
  return Status::Ok();
}

fs::path Resources::DefaultRoot() {
  if (const char* home = std::getenv("VESTNIK_HOME"); home && *home) return fs::path(home);
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (fs::path p = exe.parent_path(); !p.empty() && p != p.root_path(); p = p.parent_path()) {
      if (fs::is_directory(p / "lang", ec) && fs::is_directory(p / "data" / "kb", ec)) return p;
      if (fs::is_directory(p / "share" / "vestnik" / "lang", ec)) return p / "share" / "vestnik";
    }
  }
  return fs::path(VESTNIK_SOURCE_DIR);
}

const LangResources& Resources::Lang(const std::string& code) const {
  auto it = langs_.find(code);
  return it == langs_.end() ? empty_ : *it->second;
}

std::vector<std::string> Resources::Languages() const {
  std::vector<std::string> out;
  for (const auto& [k, v] : langs_) out.push_back(k);
  return out;
}

}  // namespace vestnik
