#include "entities/kb.h"

#include <algorithm>
#include <fstream>
#include <limits>
#include <sstream>

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>

#include "core/lexicon.h"
#include "core/utf8.h"

namespace vestnik::entities {
namespace {

std::string ScriptOfName(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    char32_t c = utf8::Next(s, &i);
    if (!utf8::IsLetter(c)) continue;
    return utf8::ScriptCode(utf8::ScriptOf(c));
  }
  return "Zyyy";
}

// Splits a folded name into words the way the tokenizer does for names: on spaces.
std::vector<std::string> Words(const std::string& folded) {
  // Between ASCII white space, as `std::istringstream >> word` splits in the C locale, without
  // a stream per name (its construction was most of this function's cost at start-up).
  auto space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  std::vector<std::string> w;
  for (size_t i = 0; i < folded.size();) {
    while (i < folded.size() && space(folded[i])) ++i;
    size_t start = i;
    while (i < folded.size() && !space(folded[i])) ++i;
    if (i > start) w.emplace_back(folded, start, i - start);
  }
  return w;
}

// Latin letters without diacritics ("spajić" → "spajic"); other scripts unchanged. Thread-safe:
// each thread keeps its own transliterator.
std::string StripLatinDiacritics(std::string_view s) {
  thread_local std::unique_ptr<icu::Transliterator> t = [] {
    UErrorCode err = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> x(
        icu::Transliterator::createInstance("Latin-ASCII", UTRANS_FORWARD, err));
    return U_SUCCESS(err) ? std::move(x) : nullptr;
  }();
  if (!t) return std::string(s);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  t->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

bool IsAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

}  // namespace

std::string KbEntity::NameFor(const std::string& lang, const std::string& script,
                              const std::vector<std::string>& fallbacks,
                              std::string_view written) const {
  for (const auto& [l, f] : names) {
    if (l == lang && ScriptOfName(f) == script) return f;
  }
  // In Latin script a neighbour's name serves only if the article spells the name that way:
  // Serbian Latin writes foreign names as they sound ("Donald Tramp"), Slovene and Croatian as
  // they are written at home ("Donald Trump", the Latin name below).
  auto spelled_alike = [&](const std::string& f) {
    if (written.empty() || script != "Latn") return true;
    auto last = [](std::string_view name) {
      std::string folded = StripLatinDiacritics(utf8::FoldCase(name));
      std::vector<std::string> w = Words(folded);
      return w.empty() ? std::string() : w.back();
    };
    return last(f) == last(written);
  };
  for (const std::string& fb : fallbacks) {  // hr and bs borrow sr-Latn names, …
    for (const auto& [l, f] : names) {
      if (l == fb && ScriptOfName(f) == script && spelled_alike(f)) return f;
    }
  }
  // Serbian: "sr" is Cyrillic and "sr-Latn" Latin; any language in the same script will do.
  for (const auto& [l, f] : names) {
    if (l.rfind(lang, 0) == 0 && ScriptOfName(f) == script) return f;
  }
  if (script == "Latn") return latin;
  for (const auto& [l, f] : names) {
    if (l != "*" && ScriptOfName(f) == script && !f.starts_with("@")) return f;
  }
  return latin;
}

std::string KnowledgeBase::CompactKey(std::string_view folded) {
  std::string out;
  for (size_t i = 0; i < folded.size();) {
    size_t s = i;
    char32_t c = utf8::Next(folded, &i);
    if (utf8::IsLetter(c) || utf8::IsDigit(c)) out.append(folded.substr(s, i - s));
  }
  return out;
}

void KnowledgeBase::Index(uint32_t i) {
  const KbEntity& e = entities_[i];
  auto add = [&](const std::string& key, bool surname, bool acronym, auto& map) {
    auto& v = map[key];
    for (Hit& h : v) {
      if (h.entity == i) {
        h.acronym = h.acronym && acronym;  // any mixed-case form lifts the restriction
        return;
      }
    }
    v.push_back({i, surname, acronym});
  };
  std::vector<std::string> forms;
  for (const auto& [l, f] : e.names) forms.push_back(f);
  forms.push_back(e.latin);
  for (const std::string& f : forms) {
    std::string folded = utf8::FoldCase(f);
    auto words = Words(folded);
    if (words.empty()) continue;
    std::string key;
    for (const auto& w : words) key += (key.empty() ? "" : " ") + w;
    bool acronym = utf8::IsAllCaps(f);
    add(key, false, acronym, by_name_);
    add(CompactKey(folded), false, acronym, by_compact_);
    if (!IsAscii(key) && ScriptOfName(f) == "Latn") {
      std::string ascii = StripLatinDiacritics(key);
      if (IsAscii(ascii)) add(ascii, false, acronym, by_ascii_);
    }
    max_words_ = std::max(max_words_, words.size());
  }
}

namespace {

// `latin` in Serbian Cyrillic by `t` (whose pairs are lower case), each word's capitals kept:
// "Klan Kosova" → "Клан Косова", "RTS" → "РТС".
std::string SerbianCyrillic(const Transliteration& t, std::string_view latin) {
  std::string out;
  size_t i = 0;
  while (i < latin.size()) {
    size_t j = latin.find(' ', i);
    if (j == std::string_view::npos) j = latin.size();
    std::string_view word = latin.substr(i, j - i);
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(t.Apply(utf8::FoldCase(word)));
    if (utf8::IsAllCaps(word) && u.length() > 1) {
      u.toUpper();
    } else if (utf8::StartsUpper(word)) {
      u.replace(0, 1, icu::UnicodeString(u, 0, 1).toUpper());
    }
    std::string w;
    u.toUTF8String(w);
    out += w;
    if (j < latin.size()) out += ' ';
    i = j + 1;
  }
  return out;
}

}  // namespace

Result<KnowledgeBase> KnowledgeBase::Load(const std::filesystem::path& file,
                                          const Transliteration* serbian) {
  KnowledgeBase kb;
  Status s = kb.AddFile(file, serbian, true);
  if (!s.ok()) return s;
  return kb;
}

Result<KnowledgeBase> KnowledgeBase::LoadDefault(const std::filesystem::path& root,
                                                 const Transliteration* serbian) {
  auto kb = Load(root / "data" / "kb" / "entities.tsv", serbian);
  if (!kb.ok()) return kb.status();
  // places.tsv is world knowledge like entities.tsv's countries and capitals (since
  // 2026-11-29, branch ner5, gazetteer features too); institutions.tsv links only.
  const std::pair<const char*, bool> files[] = {{"places.tsv", true}, {"institutions.tsv", false}};
  for (const auto& [name, gazetteer] : files) {
    std::filesystem::path file = root / "data" / "kb" / name;
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) continue;
    Status s = kb->AddFile(file, serbian, gazetteer);
    if (!s.ok()) return s;
  }
  return kb;
}

Status KnowledgeBase::AddFile(const std::filesystem::path& file, const Transliteration* serbian,
                              bool gazetteer) {
  KnowledgeBase& kb = *this;
  const uint32_t first = static_cast<uint32_t>(kb.entities_.size());
  auto rows = ReadTsv(file, 4, 4);
  if (!rows.ok()) return rows.status();
  for (auto& row : *rows) {
    KbEntity e;
    e.gazetteer = gazetteer;
    e.id = row.cols[0];
    auto type = ParseEntityType(row.cols[1]);
    if (!type) {
      return Status::Corruption(file.string() + ":" + std::to_string(row.line) +
                                ": unknown type " + row.cols[1]);
    }
    e.type = *type;
    e.latin = row.cols[2];
    std::istringstream names(row.cols[3]);
    std::string item;
    while (std::getline(names, item, '|')) {
      size_t colon = item.find(':');
      if (colon == std::string::npos || colon == 0 || colon + 1 >= item.size()) {
        return Status::Corruption(file.string() + ":" + std::to_string(row.line) +
                                  ": name without lang: prefix: " + item);
      }
      e.names.emplace_back(item.substr(0, colon), item.substr(colon + 1));
    }
    if (serbian != nullptr && !serbian->empty()) {
      bool cyrillic = false;
      std::vector<std::string> latin;
      for (const auto& [l, f] : e.names) {
        cyrillic |= l == "sr";
        if (l == "sr-Latn") latin.push_back(f);
      }
      if (!cyrillic) {
        for (const std::string& f : latin) e.names.emplace_back("sr", SerbianCyrillic(*serbian, f));
      }
    }
    kb.entities_.push_back(std::move(e));
    kb.Index(static_cast<uint32_t>(kb.entities_.size() - 1));
  }
  // Surnames of people: the last word of each multi-word name, unless another entity
  // already has that exact name.
  for (uint32_t i = first; i < kb.entities_.size(); ++i) {
    const KbEntity& e = kb.entities_[i];
    if (e.type != EntityType::kPer) continue;
    std::vector<std::string> forms;
    for (const auto& [l, f] : e.names) forms.push_back(f);
    forms.push_back(e.latin);
    for (const std::string& f : forms) {
      auto words = Words(utf8::FoldCase(f));
      if (words.size() < 2) continue;
      auto& v = kb.by_name_[words.back()];
      bool present = false;
      for (const Hit& h : v) present |= h.entity == i;
      if (!present) v.push_back({i, true, false});
    }
  }
  return Status::Ok();
}

KnowledgeBase KnowledgeBase::GazetteerOnly() const {
  // The copy's indexes are what Index would build for the kept entities one by one, taken from
  // this knowledge base's instead of folding, splitting and transliterating every name again:
  // Index's hits (not surname_only, which only AddFile's surname pass adds) appear in each
  // list in entity order, each entity once with its acronym flag merged over its forms, so
  // the kept entities' hits, renumbered in order, are the same lists. An Index key of n words
  // (joined by single spaces) is what raised max_words_ to n.
  constexpr uint32_t kDropped = std::numeric_limits<uint32_t>::max();
  KnowledgeBase out;
  std::vector<uint32_t> renumbered(entities_.size(), kDropped);
  for (uint32_t i = 0; i < entities_.size(); ++i) {
    if (!entities_[i].gazetteer) continue;
    renumbered[i] = static_cast<uint32_t>(out.entities_.size());
    out.entities_.push_back(entities_[i]);
  }
  auto keep = [&](const std::unordered_map<std::string, std::vector<Hit>>& from,
                  std::unordered_map<std::string, std::vector<Hit>>* to, bool count_words) {
    for (const auto& [key, hits] : from) {
      std::vector<Hit> kept;
      for (const Hit& h : hits) {
        if (h.surname_only || renumbered[h.entity] == kDropped) continue;
        kept.push_back({renumbered[h.entity], false, h.acronym});
      }
      if (kept.empty()) continue;
      if (count_words) {
        const size_t words = 1 + static_cast<size_t>(std::count(key.begin(), key.end(), ' '));
        out.max_words_ = std::max(out.max_words_, words);
      }
      to->emplace(key, std::move(kept));
    }
  };
  keep(by_name_, &out.by_name_, true);
  keep(by_compact_, &out.by_compact_, false);
  keep(by_ascii_, &out.by_ascii_, false);
  return out;
}

const std::vector<KnowledgeBase::Hit>* KnowledgeBase::Find(std::string_view folded_words) const {
  auto it = by_name_.find(std::string(folded_words));
  if (it != by_name_.end()) return &it->second;
  if (IsAscii(folded_words)) {  // typed without diacritics
    auto a = by_ascii_.find(std::string(folded_words));
    if (a != by_ascii_.end()) return &a->second;
  }
  return nullptr;
}

const std::vector<KnowledgeBase::Hit>* KnowledgeBase::FindCompact(std::string_view folded) const {
  auto it = by_compact_.find(CompactKey(folded));
  return it == by_compact_.end() ? nullptr : &it->second;
}

Status KnowledgeBase::Append(const std::filesystem::path& file, const KbEntity& e) {
  if (e.id.empty() || e.latin.empty() || e.names.empty()) {
    return Status::InvalidArgument("an entity needs an id, a Latin name and at least one name");
  }
  for (char c : e.id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
      return Status::InvalidArgument("id must be lower-case ASCII letters, digits and '-': " + e.id);
    }
  }
  std::ofstream out(file, std::ios::app | std::ios::binary);
  if (!out) return Status::IoError(file.string() + ": cannot open for writing");
  out << e.id << '\t' << EntityTypeName(e.type) << '\t' << e.latin << '\t';
  for (size_t i = 0; i < e.names.size(); ++i) {
    out << (i ? "|" : "") << e.names[i].first << ':' << e.names[i].second;
  }
  out << '\n';
  return out ? Status::Ok() : Status::IoError(file.string() + ": write failed");
}

}  // namespace vestnik::entities
