#include "entities/recognizer.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/utf8.h"
#include "entities/emission_cache.h"
#include "entities/name_lemmatizer.h"
#include "text/normalize.h"

namespace vestnik::entities {
namespace {

struct Candidate {
  std::string folded;  // lemma candidate, folded
  uint32_t cut = 0;    // bytes removed from the end of the token
  std::string add;     // replacement appended (folded)
  bool safe = false;
};

// The token's own form first, then forms with a case ending replaced.
std::vector<Candidate> LemmaCandidates(const LangResources& lr, std::string_view folded) {
  std::vector<Candidate> out{{std::string(folded), 0, "", true}};
  for (const NameEnding& e : lr.name_endings) {
    if (e.ending.empty() || folded.size() <= e.ending.size() + 2) continue;
    if (!folded.ends_with(e.ending)) continue;
    std::string stem(folded.substr(0, folded.size() - e.ending.size()));
    out.push_back({stem + e.replacement, static_cast<uint32_t>(e.ending.size()), e.replacement,
                   e.safe});
  }
  return out;
}

bool IsNameToken(const Document& doc, const Token& t) {
  return t.kind == TokenKind::kWord && t.upper;
}

std::string JoinFolded(const std::vector<std::string>& words) {
  std::string key;
  for (const auto& w : words) key += (key.empty() ? "" : " ") + w;
  return key;
}

// `text` without the characters text normalisation deletes (text::IsDeleted: soft hyphen,
// zero-width and directional marks …).
std::string WithoutInvisibleMarks(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    size_t start = i;
    if (!text::IsDeleted(utf8::Next(text, &i))) out.append(text.substr(start, i - start));
  }
  return out;
}

// The surface form of a token with a candidate's ending applied, keeping its capitalisation.
std::string ApplyCandidate(std::string_view surface, const Candidate& c) {
  std::string out(surface.substr(0, surface.size() >= c.cut ? surface.size() - c.cut : 0));
  if (utf8::IsAllCaps(surface)) {
    out += utf8::FoldCase(c.add);  // rare; keep simple
  } else {
    out += c.add;
  }
  return out;
}


}  // namespace

struct EntityRecognizer::Found {
  uint32_t first, end;
  EntityType type;
  // Knowledge-base entity; -1: unknown (an entity of its own); -2: a lone word that must join
  // a full name; -3: a person named by one word who joins a full name if there is one; -4: an
  // @handle or #hashtag the knowledge base does not know, which joins an entity of the
  // document whose name it spells ("#Ryanair", "@Ryanair" → Ryanair), else is dropped.
  int kb = -1;
  std::string lemma;
  int kb_surname = -1;  // with -3: the knowledge-base person whose surname this is, if unique
  const std::string* alias = nullptr;  // learned alias id
  mutable std::string name_key;        // NameKey(lemma), computed once by Link
};

namespace {

// The lemma of a mention: each word (separated by white space) lemmatised, separators kept;
// the language's grammar of names (`lr`: NameLemmatizer::AgreeWithSurname, KeepComplements).
std::string LemmatizeMention(const NameLemmatizer& lemmatizer, std::string_view text,
                             EntityType type, const NameLemmatizer::DocumentWords* doc_words,
                             const NameLemmatizer::LemmaHints* hints, const LangResources& lr) {
  std::vector<std::pair<size_t, size_t>> words;  // byte ranges
  for (size_t i = 0; i < text.size();) {
    size_t start = i;
    char32_t c = utf8::Next(text, &i);
    if (utf8::IsSpace(c)) continue;
    size_t end = i;
    while (end < text.size()) {
      size_t k = end;
      if (utf8::IsSpace(utf8::Next(text, &k))) break;
      end = k;
    }
    words.emplace_back(start, end);
    i = end;
  }
  std::vector<std::string_view> written;
  std::vector<std::string> lemmas;
  for (size_t w = 0; w < words.size(); ++w) {
    written.push_back(text.substr(words[w].first, words[w].second - words[w].first));
    lemmas.push_back(lemmatizer.LemmatizeWord(written.back(), type, PositionOf(w, words.size()),
                                              doc_words, hints));
    if (NameLemmatizer::ForeignScript(written.back(), lemmas.back())) {
      lemmas.back() = std::string(written.back());
    }
  }
  if (type == EntityType::kPer && lr.name_case_agreement) {
    NameLemmatizer::AgreeWithSurname(written, &lemmas);
  } else if (type != EntityType::kPer) {
    NameLemmatizer::KeepComplements(written, lr.adjective_endings, &lemmas);
  }
  std::string out;
  size_t prev = 0;
  for (size_t w = 0; w < words.size(); ++w) {
    out.append(text.substr(prev, words[w].first - prev));
    out += lemmas[w];
    prev = words[w].second;
  }
  out.append(text.substr(prev));
  return out;
}

// Folded words joined by single spaces (the knowledge base's key).
std::string FoldedKey(std::string_view text) {
  std::string folded = utf8::FoldCase(text), key;
  bool space = false;
  for (size_t i = 0; i < folded.size();) {
    size_t start = i;
    char32_t c = utf8::Next(folded, &i);
    if (utf8::IsSpace(c)) {
      space = true;
      continue;
    }
    if (space && !key.empty()) key += ' ';
    space = false;
    key.append(folded, start, i - start);
  }
  return key;
}

}  // namespace

// The tagger's features read the names of entities.tsv only (KbEntity::gazetteer).
static FeatureExtractor GazetteerOf(const KnowledgeBase& kb) {
  KnowledgeBase tagger_kb = kb.GazetteerOnly();
  return FeatureExtractor(&tagger_kb);
}

Result<NerModels> LoadNerModels(const std::filesystem::path& dir) {
  NerModels out;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return out;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    if (name.starts_with("ner-") && name.ends_with(".model")) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    auto m = NerModel::Load(f);
    if (!m.ok()) return m.status();
    std::string lang = f.filename().string();
    lang = lang.substr(4, lang.size() - 4 - 6);
    if ((*m)->lang() != lang) {
      return Status::Corruption(f.string() + ": a model for '" + (*m)->lang() +
                                "' under the name of '" + lang + "'");
    }
    out[lang] = std::shared_ptr<const NerModel>(std::move(m.value()));
  }
  return out;
}

EntityRecognizer::EntityRecognizer(const KnowledgeBase& kb, const Romanizer& romanizer,
                                   NerModels models)
    : kb_(kb), romanizer_(romanizer), models_(std::move(models)), features_(GazetteerOf(kb)) {
  // Knowledge-base names by cross-script key: full names in mixed case only (acronyms and
  // handles are matched as written), and only keys that name one entity.
  std::unordered_map<std::string, int> owner;
  for (uint32_t i = 0; i < kb_.size(); ++i) {
    const KbEntity& e = kb_.entity(i);
    kb_ids_.insert(e.id);
    std::vector<std::string> forms{e.latin};
    for (const auto& [lang, form] : e.names) forms.push_back(form);
    for (const std::string& form : forms) {
      if (form.starts_with('@') || form.starts_with('#') || utf8::IsAllCaps(form)) continue;
      std::string key = romanizer_.NameKey(form);
      if (key.size() < 4) continue;
      auto [it, added] = owner.emplace(key, static_cast<int>(i));
      if (!added && it->second != static_cast<int>(i)) it->second = -1;
    }
  }
  for (const auto& [key, e] : owner) {
    if (e >= 0) kb_by_key_.emplace(key, e);
  }
  // Words of known names, for the lemmas of the languages with a model.
  for (const auto& [lang, model] : models_) {
    NameLemmatizer::DocumentWords& words = name_words_[lang];
    auto add = [&](const std::string& form) {
      if (form.starts_with('@') || form.starts_with('#')) return;
      const uint8_t cased =
          utf8::IsAllCaps(form) ? NameLemmatizer::kNameCapitals : NameLemmatizer::kNameMixedCase;
      std::string folded = utf8::FoldCase(form);
      for (size_t i = 0, nth = 0; i < folded.size(); ++nth) {
        uint8_t how = cased | (nth == 0 ? NameLemmatizer::kNameHead : NameLemmatizer::kNameLater);
        size_t start = i;
        while (i < folded.size()) {
          size_t k = i;
          if (utf8::IsSpace(utf8::Next(folded, &k))) break;
          i = k;
        }
        if (i > start) {
          uint64_t h = HashBytes(std::string_view(folded).substr(start, i - start));
          const uint8_t* was = words.Find(h);
          words.Insert(h, static_cast<uint8_t>((was ? *was : 0) | how));
        }
        if (i < folded.size()) utf8::Next(folded, &i);
      }
    };
    // A language written in Latin letters borrows the Serbian Latin names where it has none
    // of its own (entities.tsv gives cs, pl, sl forms only where they differ).
    size_t latin = 0, cyrillic = 0;
    for (uint32_t i = 0; i < kb_.size(); ++i) {
      for (const auto& [l, form] : kb_.entity(i).names) {
        if (l != lang || form.empty()) continue;
        size_t k = 0;
        char32_t c = utf8::Next(form, &k);
        (c >= 0x400 && c < 0x530 ? cyrillic : latin) += 1;
      }
    }
    for (uint32_t i = 0; i < kb_.size(); ++i) {
      const KbEntity& e = kb_.entity(i);
      bool own = false;
      for (const auto& [l, form] : e.names) {
        if (l == lang) add(form), own = true;
      }
      if (own) continue;
      for (const auto& [l, form] : e.names) {
        if (l == "en" || (l == "sr-Latn" && latin > cyrillic)) add(form);
      }
      add(e.latin);
    }
  }
}

const NerModel* EntityRecognizer::ModelFor(const std::string& lang) const {
  auto it = models_.find(lang);
  return it == models_.end() ? nullptr : it->second.get();
}

// Knowledge-base entity for `hits`: a full name first; a surname alone only when allowed and
// unique; acronym forms only for words in capitals.
static int KbPick(const std::vector<KnowledgeBase::Hit>* hits, bool allow_surname, bool caps,
                  int* surname = nullptr) {
  if (!hits) return -1;
  int full = -1, sur = -1, sur_count = 0;
  for (const auto& h : *hits) {
    if (h.acronym && !caps) continue;
    if (!h.surname_only && full < 0) full = static_cast<int>(h.entity);
    if (h.surname_only) sur = static_cast<int>(h.entity), ++sur_count;
  }
  if (full >= 0) return full;
  if (sur_count == 1) {
    if (surname) *surname = sur;
    if (allow_surname) return sur;
  }
  return -1;
}

// When `key` names several knowledge-base entities in full, the one that lists it as a name in
// the document's language rather than another's (pl "Georgia" is the US state, whose Polish
// name it is, not the country, whose English name it is); else `chosen`.
static int PreferLanguage(const KnowledgeBase& kb, const std::vector<KnowledgeBase::Hit>* hits,
                          std::string_view key, const std::string& lang, int chosen) {
  if (!hits || hits->size() < 2 || chosen < 0) return chosen;
  auto lists = [&](uint32_t e) {
    for (const auto& [l, form] : kb.entity(e).names) {
      if (l == lang && utf8::FoldCase(form) == key) return true;
    }
    return false;
  };
  if (lists(static_cast<uint32_t>(chosen))) return chosen;
  for (const auto& h : *hits) {
    if (!h.surname_only && !h.acronym && static_cast<int>(h.entity) != chosen && lists(h.entity)) {
      return static_cast<int>(h.entity);
    }
  }
  return chosen;
}

void EntityRecognizer::FindByModel(const NerModel& model, const LangResources& lr,
                                   const Document& doc, std::vector<Found>* found,
                                   JoinForms* join) const {
  const auto& toks = doc.tokens;
  const uint32_t n = static_cast<uint32_t>(toks.size());
  join->assign(n, {});
  if (n == 0) return;
  // This thread's cache of word-type emission sums and buffers, reused by its next documents.
  thread_local EmissionCache emissions;
  thread_local std::vector<uint8_t> labels;
  emissions.Score(model, features_, lr, doc);
  std::vector<LabelSpan> spans;
  for (const Sentence& s : doc.sentences) {
    if (s.end_token <= s.first_token) continue;
    emissions.Decode(model, s.first_token, s.end_token, &labels);
    for (const LabelSpan& sp : SpansOf(labels, s.first_token)) spans.push_back(sp);
  }
  // The document's words: evidence for the lemmas (their hashes are the word types' folds).
  thread_local NameLemmatizer::DocumentWords doc_words;
  doc_words.Reset(n);
  const std::vector<WordType>& types = emissions.types();
  for (uint32_t i = 0; i < n; ++i) {
    if (toks[i].kind == TokenKind::kWord) doc_words.Insert(types[i].fold, 1);
  }
  NameLemmatizer::LemmaHints hints;
  if (auto it = name_words_.find(doc.lang); it != name_words_.end()) hints.names = &it->second;
  hints.rewrites = &lr.lemma_endings;
  hints.endings = &lr.name_endings;
  hints.title_case_capitals = lr.title_case_capital_names;
  hints.tables_id = model.id();
  std::vector<bool> covered(n, false);
  for (const LabelSpan& sp : spans) {
    for (uint32_t k = sp.first; k < sp.end; ++k) covered[k] = true;
  }
  size_t next_span = 0;
  for (uint32_t i = 0; i < n; ++i) {
    const Token& t = toks[i];
    if (!covered[i] && (t.kind == TokenKind::kHandle || t.kind == TokenKind::kHashtag)) {
      // Handles and hashtags: known ones only.
      std::string_view fold = doc.Folded(t);
      int e = KbPick(kb_.Find(fold), false, true);
      if (e < 0 && t.kind == TokenKind::kHashtag) e = KbPick(kb_.Find(fold.substr(1)), false, true);
      if (e < 0 && t.kind == TokenKind::kHashtag) e = KbPick(kb_.FindCompact(fold.substr(1)), false, true);
      if (e >= 0) {
        Found f{i, i + 1, kb_.entity(e).type, e, std::string(doc.NormText(t))};
        found->push_back(std::move(f));
      } else {
        found->push_back({i, i + 1, EntityType::kPer, -4, std::string(doc.NormText(t).substr(1))});
      }
      continue;
    }
    if (next_span >= spans.size() || spans[next_span].first != i) continue;
    const LabelSpan& sp = spans[next_span++];
    // The name as written, without the invisible marks the body may hold inside it (a
    // left-to-right mark before "Лапій" made "Федір ‎Лапій" a person of its own).
    Span body{toks[sp.first].span.start, toks[sp.end - 1].span.end};
    std::string visible = WithoutInvisibleMarks(doc.Text(body));
    std::string_view text = visible;
    Found f{sp.first, sp.end, sp.type, -1,
            LemmatizeMention(model.lemmatizer(), text, sp.type, &doc_words, &hints, lr)};
    bool caps = true;
    for (uint32_t k = sp.first; k < sp.end; ++k) {
      if (toks[k].kind == TokenKind::kWord) caps &= utf8::IsAllCaps(doc.NormText(toks[k]));
    }
    bool single = sp.end - sp.first == 1;
    std::string lemma_key = FoldedKey(f.lemma), surface_key = FoldedKey(text);
    int surname = -1;
    int e = KbPick(kb_.Find(lemma_key), false, caps, &surname);
    e = PreferLanguage(kb_, kb_.Find(lemma_key), lemma_key, doc.lang, e);
    if (e < 0 && surface_key != lemma_key) {
      e = KbPick(kb_.Find(surface_key), false, caps, &surname);
      e = PreferLanguage(kb_, kb_.Find(surface_key), surface_key, doc.lang, e);
    }
    if (e < 0) e = KbPick(kb_.FindCompact(lemma_key), false, caps);
    // "Световната здравна организация (СЗО)" (one mention in SlavicNER's convention): the name
    // before its bracketed abbreviation, else the abbreviation.
    if (size_t open = lemma_key.rfind(" ("); e < 0 && open != std::string::npos &&
                                             lemma_key.ends_with(")")) {
      e = KbPick(kb_.Find(lemma_key.substr(0, open)), false, caps);
      if (e < 0) e = KbPick(kb_.Find(lemma_key.substr(open + 2, lemma_key.size() - open - 3)), false, true);
    }
    if (e >= 0) {
      f.kb = e;
    } else {
      f.alias = model.Alias(sp.type, lemma_key);
      // A lone word joins a person the document names in full by it: as the tagger's person,
      // and as its place that no learnt alias claims ("Георги Илиев" … "Илиев заяви" tagged
      // as a place is him).
      if (single &&
          (sp.type == EntityType::kPer || (!f.alias && !caps && sp.type == EntityType::kLoc))) {
        f.kb = -3;
        f.kb_surname = sp.type == EntityType::kPer ? surname : -1;
      }
    }
    // Forms by which a word of this mention may join a full name: its lemma, as written, and
    // with the language's name endings replaced.
    for (uint32_t k = sp.first; k < sp.end; ++k) {
      std::string_view surface = doc.NormText(toks[k]);
      std::string lemma = single ? f.lemma
                                 : model.lemmatizer().LemmatizeWord(surface, sp.type,
                                                                    WordPosition::kLast, &doc_words,
                                                                    &hints);
      auto& forms = (*join)[k];
      forms.emplace_back(utf8::FoldCase(lemma), lemma);
      forms.emplace_back(std::string(doc.Folded(toks[k])), std::string(surface));
      std::string_view folded = doc.Folded(toks[k]);
      for (const NameEnding& en : lr.name_endings) {
        if (en.ending.empty() || folded.size() <= en.ending.size() + 2 || !folded.ends_with(en.ending)) continue;
        std::string cand(folded.substr(0, folded.size() - en.ending.size()));
        cand += en.replacement;
        Candidate c{cand, static_cast<uint32_t>(en.ending.size()), en.replacement, en.safe};
        forms.emplace_back(cand, ApplyCandidate(surface, c));
      }
    }
    found->push_back(std::move(f));
  }
}

void EntityRecognizer::FindByRules(const LangResources& lr, const Document& document,
                                   std::vector<Found>* found_out, JoinForms* join_out) const {
  const Document* doc = &document;
  const auto& toks = doc->tokens;
  const uint32_t n = static_cast<uint32_t>(toks.size());
  if (n == 0) return;

  // Sentence starts, for the capitalisation heuristics.
  std::vector<bool> sentence_initial(n, false);
  for (const Sentence& s : doc->sentences) {
    uint32_t k = s.first_token;
    while (k < s.end_token && toks[k].kind == TokenKind::kPunct) ++k;  // „Quote starts
    if (k < n) sentence_initial[k] = true;
  }
  // Folded forms seen capitalised (anywhere, and away from a sentence start): evidence that a
  // word is a name, and the forms a case ending may be replaced to.
  std::unordered_set<std::string> seen_mid;
  std::unordered_set<std::string> seen_any;
  for (uint32_t i = 0; i < n; ++i) {
    if (toks[i].kind != TokenKind::kWord) continue;
    if (toks[i].upper) seen_any.insert(std::string(doc->Folded(toks[i])));
    if (toks[i].upper && !sentence_initial[i]) seen_mid.insert(std::string(doc->Folded(toks[i])));
  }
  // Their nominatives by the language's case endings ("Hilom" → "hil"): a sentence-initial
  // word that is one is the name written in the nominative ("Hil je napisao …").
  std::unordered_set<std::string> seen_mid_nominatives;
  for (const std::string& w : seen_mid) {
    for (const NameEnding& e : lr.name_endings) {
      if (w.size() >= e.ending.size() + 3 && w.ends_with(e.ending)) {
        seen_mid_nominatives.insert(w.substr(0, w.size() - e.ending.size()) + e.replacement);
      }
    }
  }

  std::vector<std::vector<Candidate>> cands(n);
  for (uint32_t i = 0; i < n; ++i) {
    if (toks[i].kind == TokenKind::kWord && toks[i].upper) {
      if (utf8::IsAllCaps(doc->NormText(toks[i]))) {
        cands[i] = {{std::string(doc->Folded(toks[i])), 0, "", true}};
      } else {
        cands[i] = LemmaCandidates(lr, doc->Folded(toks[i]));
      }
    }
  }

  std::vector<Found>& found = *found_out;
  JoinForms& join = *join_out;
  join.assign(doc->tokens.size(), {});
  // `caps`: the words matched are in capitals; `alone`: a single word with no capitalised
  // word beside it, which a surname alone may name.
  auto kb_pick = [&](const std::vector<KnowledgeBase::Hit>* hits, bool allow_surname,
                     bool caps = true) -> int {
    if (!hits) return -1;
    int full = -1, sur = -1, sur_count = 0;
    for (const auto& h : *hits) {
      if (h.acronym && !caps) continue;
      if (!h.surname_only && full < 0) full = static_cast<int>(h.entity);
      if (h.surname_only) sur = static_cast<int>(h.entity), ++sur_count;
    }
    if (full >= 0) return full;
    if (allow_surname && sur_count == 1) return sur;
    return -1;
  };

  // A learnt common noun (models/common-nouns-<lang>.tsv) or a compound of one, written with a
  // capital only; head words of entity_keywords are names' words and stay.
  auto is_noun = [&](uint32_t k) {
    if (lr.common_nouns.empty() || !IsNameToken(*doc, toks[k])) return false;
    std::string_view f = doc->Folded(toks[k]);
    return !utf8::IsAllCaps(doc->NormText(toks[k])) && !lr.entity_keywords.FindWord(f) && lr.IsCommonNoun(f);
  };
  // A common noun right before a capitalised word on the same line stands as a title does
  // ("Parteichef Müller", "Air-France-Chef Spinetta").
  auto noun_before = [&](uint32_t k) {
    return k > 0 && !toks[k].newline_before && is_noun(k - 1);
  };
  // At the start of the run [k, end): a noun, unless the run is a keyword-typed name.
  auto is_noun_start = [&](uint32_t k, uint32_t end) {
    if (!is_noun(k)) return false;
    for (uint32_t m = k; m < end; ++m) {
      if (lr.entity_keywords.FindWord(doc->Folded(toks[m]))) return false;
    }
    return true;
  };

  uint32_t i = 0;
  while (i < n) {
    const Token& t = toks[i];
    std::string_view fold = doc->Folded(t);
    // Handles and hashtags: known ones only.
    if (t.kind == TokenKind::kHandle || t.kind == TokenKind::kHashtag) {
      int e = kb_pick(kb_.Find(fold), false);
      if (e < 0 && t.kind == TokenKind::kHashtag) e = kb_pick(kb_.Find(fold.substr(1)), false);
      if (e < 0 && t.kind == TokenKind::kHashtag) e = kb_pick(kb_.FindCompact(fold.substr(1)), false);
      if (e >= 0) {
        found.push_back({i, i + 1, kb_.entity(e).type, e, std::string(doc->NormText(t))});
      } else {
        found.push_back({i, i + 1, EntityType::kPer, -4, std::string(doc->NormText(t).substr(1))});
      }
      ++i;
      continue;
    }
    if (!IsNameToken(*doc, t)) {
      ++i;
      continue;
    }
    // Knowledge base: the longest name starting here, allowing one inflected word.
    bool matched = false;
    uint32_t max_len = std::min<uint32_t>(static_cast<uint32_t>(kb_.max_words()), n - i);
    for (uint32_t len = max_len; len >= 1 && !matched; --len) {
      bool ok = true;
      std::vector<std::string> words;
      for (uint32_t k = i; k < i + len && ok; ++k) {
        if (toks[k].kind != TokenKind::kWord) ok = false;
        if (k > i && toks[k].newline_before) ok = false;
        words.emplace_back(doc->Folded(toks[k]));
      }
      if (!ok) continue;
      // Try the plain words, then each word in turn with a case ending replaced, then every
      // word with its c-th replacement ("Republike Srpske" → "Republika Srpska").
      for (int vary = -1; vary <= static_cast<int>(len) && !matched; ++vary) {
        if (vary == static_cast<int>(len) && len < 2) break;
        size_t options = vary < 0 ? 1 : vary < static_cast<int>(len) ? cands[i + vary].size() : 3;
        for (size_t c = vary < 0 ? 0 : 1; c < options && !matched; ++c) {
          std::vector<std::string> w = words;
          if (vary == static_cast<int>(len)) {
            bool all = true;
            for (uint32_t k = 0; k < len && all; ++k) {
              if (c < cands[i + k].size()) w[k] = cands[i + k][c].folded;
              else all = cands[i + k].size() == 1;  // an indeclinable word stays
            }
            if (!all) continue;
          } else if (vary >= 0) {
            w[vary] = cands[i + vary][c].folded;
          }
          bool caps = true;
          for (uint32_t k = i; k < i + len; ++k) caps &= utf8::IsAllCaps(doc->NormText(toks[k]));
          // A surname alone must stand alone ("Mali Zvornik" is no Mali) and, at a sentence
          // start, be seen capitalised elsewhere too.
          bool alone = len == 1 && !(i + 1 < n && IsNameToken(*doc, toks[i + 1]) && !toks[i + 1].newline_before) &&
                       !(i > 0 && IsNameToken(*doc, toks[i - 1]) && !sentence_initial[i - 1] && !toks[i].newline_before) &&
                       (!sentence_initial[i] || seen_mid.count(std::string(doc->Folded(toks[i]))));
          int e = kb_pick(kb_.Find(JoinFolded(w)), alone, caps);
          if (e < 0 && len == 1) e = kb_pick(kb_.FindCompact(w[0]), false, caps);
          if (e < 0) continue;
          // A lone word at a sentence start must look like a name elsewhere too, unless the
          // knowledge base knows it as a full name.
          std::string lemma;
          for (uint32_t k = 0; k < len; ++k) {
            std::string_view surface = doc->NormText(toks[i + k]);
            lemma += (k ? " " : "");
            bool varied = static_cast<int>(k) == vary ||
                          (vary == static_cast<int>(len) && c < cands[i + k].size());
            if (varied) lemma += ApplyCandidate(surface, cands[i + k][c]);
            else lemma += surface;
          }
          found.push_back({i, i + len, kb_.entity(e).type, e, lemma});
          i += len;
          matched = true;
        }
      }
    }
    if (matched) continue;

    // Unknown names: a run of capitalised words (initials included), not across lines unless
    // the line break falls inside a sentence (hard-wrapped text: "Redžep Tajip\nErdogan").
    uint32_t j = i;
    // An acronym and a name beside it are two names ("БНБ Димитър Радев").
    while (j < n && IsNameToken(*doc, toks[j]) &&
           (j == i || !toks[j].newline_before || !sentence_initial[j]) &&
           !lr.function_words.FindWord(doc->Folded(toks[j])) &&
           !lr.cues.FindWord(doc->Folded(toks[j])) &&
           (j == i || utf8::IsAllCaps(doc->NormText(toks[j])) ==
                          utf8::IsAllCaps(doc->NormText(toks[j - 1])))) {
      ++j;
    }
    // A title inside a run ends what comes before it: "Polish Foreign Minister Radosław
    // Sikorski" names "Radosław Sikorski".
    for (uint32_t k = j; k > i + 1;) {
      --k;
      if (lr.titles.FindWord(doc->Folded(toks[k])) && k + 1 < j) {
        i = k + 1;
        break;
      }
    }
    // Learnt common nouns (German capitalises them all) end no name: "Bericht Lücken" is none,
    // "Hans Müller Interview" is "Hans Müller". A run holding a head word of entity_keywords
    // is a name of its kind whatever its words ("Deutsche Bank").
    if (!lr.common_nouns.empty()) {
      bool keyword = false;
      for (uint32_t k = i; k < j && !keyword; ++k) keyword = lr.entity_keywords.FindWord(doc->Folded(toks[k])) != nullptr;
      if (!keyword) {
        while (j > i + 1 && is_noun(j - 1)) --j;
      }
    }
    // A name capitalised on its first word only and closed by a head word of entity_keywords
    // ("Evropske komisije", "Srpska pravoslavna crkva"): the head and the lower-case words
    // before it belong to the name.
    for (uint32_t k = j; j > i && k < n && k < j + 2; ++k) {
      const Token& t = toks[k];
      if (t.kind != TokenKind::kWord || t.upper || t.newline_before ||
          lr.function_words.FindWord(doc->Folded(t))) {
        break;
      }
      if (lr.entity_keywords.FindWord(doc->Folded(t))) {
        j = k + 1;
        break;
      }
    }
    uint32_t first = i;
    // Drop leading titles, common nouns (as titles: "Parteichef Müller") and sentence-initial
    // words that are not names elsewhere.
    while (
        first < j &&
        (lr.titles.FindWord(doc->Folded(toks[first])) || is_noun_start(first, j) ||
         (sentence_initial[first] && !seen_mid.count(std::string(doc->Folded(toks[first]))) &&
          !seen_mid_nominatives.count(std::string(doc->Folded(toks[first]))) && j - first == 1))) {
      ++first;
    }
    if (first < j && sentence_initial[first] && j - first >= 2 &&
        lr.function_words.FindWord(doc->Folded(toks[first]))) {
      ++first;
    }
    if (first >= j) {
      i = std::max(j, i + 1);
      continue;
    }
    if (first > i) {  // a title or an opening word dropped: try the knowledge base again there
      i = first;
      continue;
    }
    // After a title, a long run is a complement and a name: "Predsednik Republike Srpske
    // Milorad Dodik" → "Republike Srpske" + "Milorad Dodik".
    // With a head word in the complement, the name starts after the last one when two words
    // or more follow it: "Predsednica Skupštine Ana Brnabić" → "Skupštine" + "Ana Brnabić".
    if (j - first >= 3 && first > 0 && lr.titles.FindWord(doc->Folded(toks[first - 1]))) {
      bool keyword = false;
      uint32_t after_keyword = first;
      for (uint32_t k = first; k < j; ++k) {
        if (lr.entity_keywords.FindWord(doc->Folded(toks[k]))) {
          keyword = true;
          after_keyword = k + 1;
        }
      }
      if (keyword && j - after_keyword >= 2) {
        std::string lemma;
        for (uint32_t k = first; k < after_keyword; ++k) {
          lemma += (k > first ? " " : "") + std::string(doc->NormText(toks[k]));
        }
        EntityType ktype = EntityType::kOrg;
        if (const auto* e = lr.entity_keywords.FindWord(doc->Folded(toks[after_keyword - 1]))) {
          if (auto ty = ParseEntityType(e->values[0])) ktype = *ty;
        }
        found.push_back({first, after_keyword, ktype, -1, lemma});
        first = after_keyword;
      } else if (!keyword) {
        std::string lemma;
        for (uint32_t k = first; k < j - 2; ++k) lemma += (k > first ? " " : "") + std::string(doc->NormText(toks[k]));
        found.push_back({first, j - 2, EntityType::kLoc, -1, lemma});
        first = j - 2;
      }
    }
    uint32_t len = j - first;
    std::string_view head = doc->NormText(toks[first]);
    EntityType type = EntityType::kPer;
    bool typed = false;
    for (uint32_t k = first; k < j && !typed; ++k) {
      if (const auto* e = lr.entity_keywords.FindWord(doc->Folded(toks[k]))) {
        if (auto ty = ParseEntityType(e->values[0])) type = *ty, typed = true;
      }
    }
    // A head word alone ("Съюз", "Резолюция") is no name; with a number it is ("Резолюция 1244").
    if (typed && len == 1) {
      if (j < n && toks[j].kind == TokenKind::kNumber && !toks[j].newline_before) {
        ++j;
        ++len;
      } else {
        typed = false;
        type = EntityType::kPer;
        i = j;
        continue;
      }
    }
    bool keep = typed;
    if (!typed) {
      bool title_before = first > 0 && (lr.titles.FindWord(doc->Folded(toks[first - 1])) || noun_before(first));
      bool cue_near = (j < n && lr.cues.FindWord(doc->Folded(toks[j]))) ||
                      (first > 0 && lr.cues.FindWord(doc->Folded(toks[first - 1])));
      if (len == 1 && utf8::IsAllCaps(head) && head.size() >= 2) {
        type = EntityType::kOrg;
        keep = true;
      } else if (len >= 2 && len <= 4) {
        type = EntityType::kPer;
        keep = true;
      } else if (len == 1 && (title_before || cue_near)) {
        type = EntityType::kPer;
        keep = true;
      } else if (len == 1) {
        keep = true;  // decided below: a surname of a person named in full, or dropped
        type = EntityType::kPer;
      }
    }
    if (keep) {
      std::string lemma;
      for (uint32_t k = first; k < j; ++k) {
        lemma += (k > first ? " " : "");
        lemma += doc->NormText(toks[k]);
      }
      found.push_back({first, j, type, -1, lemma});
      // Mark single unknown words for confirmation.
      if (len == 1 && !typed && !utf8::IsAllCaps(head)) {
        bool title_before = first > 0 && (lr.titles.FindWord(doc->Folded(toks[first - 1])) || noun_before(first));
        bool cue_near = (j < n && lr.cues.FindWord(doc->Folded(toks[j]))) ||
                        (first > 0 && lr.cues.FindWord(doc->Folded(toks[first - 1])));
        if (!title_before && !cue_near) found.back().kb = -2;  // needs a full name
      }
    }
    i = j;
  }

  // Lemmas of unknown words: a case ending is replaced when the result is seen in the
  // document as a word of its own, or when the rule is safe.
  for (Found& f : found) {
    for (uint32_t k = f.first; k < f.end; ++k) {
      if (!join[k].empty()) continue;
      std::string_view surface = doc->NormText(toks[k]);
      for (const Candidate& c : cands[k]) join[k].emplace_back(c.folded, ApplyCandidate(surface, c));
    }
    if (f.kb >= 0 || f.kb == -4) continue;
    std::vector<std::string> words;
    const Candidate* surname_case = nullptr;  // the ending the last word lost
    for (uint32_t k = f.first; k < f.end; ++k) {
      std::string_view surface = doc->NormText(toks[k]);
      std::string best(surface);
      for (size_t c = 1; c < cands[k].size(); ++c) {
        if (seen_any.count(cands[k][c].folded) || cands[k][c].safe) {
          best = ApplyCandidate(surface, cands[k][c]);
          if (k + 1 == f.end) surname_case = &cands[k][c];
          break;
        }
      }
      words.push_back(std::move(best));
    }
    // A person's given name is in the surname's case: where the surname lost an ending, a
    // given name left as written with that ending loses it too ("Jelene Karleuše" →
    // "Jelena Karleuša", "Kristoferom Hilom" → "Kristofer Hil").
    if (f.type == EntityType::kPer && surname_case && surname_case->cut > 0) {
      std::string_view last = doc->Folded(toks[f.end - 1]);
      std::string_view ending = last.substr(last.size() - surname_case->cut);
      for (uint32_t k = f.first; k + 1 < f.end; ++k) {
        std::string_view folded = doc->Folded(toks[k]);
        std::string_view surface = doc->NormText(toks[k]);
        if (words[k - f.first] != surface || folded.size() <= ending.size() + 1 ||
            !folded.ends_with(ending)) {
          continue;
        }
        Candidate c{"", surname_case->cut, surname_case->add, false};
        words[k - f.first] = ApplyCandidate(surface, c);
      }
    }
    std::string lemma;
    for (size_t w = 0; w < words.size(); ++w) lemma += (w ? " " : "") + words[w];
    f.lemma = lemma;
  }

}

void EntityRecognizer::Link(const LangResources& lr, const NerModel* model,
                            std::vector<Found> found, const JoinForms& join,
                            Document* doc) const {
  const auto& toks = doc->tokens;
  // Group mentions into entities.
  std::map<std::string, int> by_key;  // grouping key → entity index
  std::unordered_map<std::string, int> surname_of;  // folded last word of a PER → entity
  auto name_key = [&](const Found& f) -> const std::string& {
    if (f.name_key.empty()) f.name_key = romanizer_.NameKey(f.lemma);
    return f.name_key;
  };
  // The id of a mention that no knowledge-base entity claims: a learnt alias that names a
  // knowledge-base entity keeps that id; any other alias and any other name get the
  // type-free cross-script key of their name ("name:rianair" for "Ryanair", the alias
  // "ryanair" and "Райанэйр" alike), the same whatever the tagger typed them.
  auto unknown_id = [&](const Found& f) {
    if (f.alias && kb_ids_.count(*f.alias)) return *f.alias;
    return std::string(kNamePrefix) + (f.alias ? romanizer_.NameKey(*f.alias) : name_key(f));
  };
  auto key_of = [&](const Found& f) {
    if (f.kb >= 0) return "kb:" + kb_.entity(f.kb).id;
    // With a model, not the type: a name the tagger types differently in one article is one
    // entity, whose type its mentions' majority decides below.
    if (model || f.alias) return unknown_id(f);
    return std::string(EntityTypeName(f.type)) + ":" + unknown_id(f);
  };
  auto new_entity = [&](const Found& f, const std::string& key) {
    Entity e;
    e.type = f.type;
    if (f.kb >= 0) {
      const KbEntity& k = kb_.entity(f.kb);
      e.id = k.id;
      e.name = k.NameFor(doc->lang, doc->script, lr.name_fallbacks, f.lemma);
      e.latin = k.latin;
      e.known = true;
    } else {
      e.id = unknown_id(f);
      e.name = f.lemma;
      e.latin = romanizer_.ToLatin(f.lemma, doc->lang);
    }
    doc->entities.push_back(std::move(e));
    by_key[key] = static_cast<int>(doc->entities.size() - 1);
    return static_cast<int>(doc->entities.size() - 1);
  };
  auto entity_for = [&](const Found& f) {
    std::string key = key_of(f);
    auto it = by_key.find(key);
    return it != by_key.end() ? it->second : new_entity(f, key);
  };
  // Full names first, so that surnames alone can join them wherever they occur.
  // "с Руге Вучич подчерта": a run of two surnames of people named in full is two mentions.
  // Each word must be the surname of a full name other than the pair itself: "Hillary
  // Clinton" is no pair of surnames because "Crooked Hillary" ends in "Hillary" and "Hillary
  // Clinton" itself in "Clinton".
  {
    std::unordered_map<std::string, std::unordered_set<std::string>> surnames;  // → full names
    for (const Found& f : found) {
      if (f.type != EntityType::kPer || f.end - f.first < 2) continue;
      std::string lemma = utf8::FoldCase(f.lemma);
      surnames[std::string(doc->Folded(toks[f.end - 1]))].insert(lemma);
      size_t sp = lemma.rfind(' ');
      if (sp != std::string::npos) surnames[lemma.substr(sp + 1)].insert(lemma);
    }
    std::vector<Found> split;
    for (const Found& f : found) {
      bool all_surnames = f.kb == -1 && !f.alias && f.type == EntityType::kPer && f.end - f.first == 2;
      std::string own = utf8::FoldCase(f.lemma);
      auto other = [&](const std::string& word) {
        auto it = surnames.find(word);
        return it != surnames.end() && (it->second.size() > 1 || it->second.count(own) == 0);
      };
      size_t sp = own.rfind(' ');
      for (uint32_t k = f.first; k < f.end && all_surnames; ++k) {
        // (The last word by its lemma too: "Nikolić Skotu" after "Kajlom Skotom".)
        all_surnames = other(std::string(doc->Folded(toks[k]))) ||
                       (k + 1 == f.end && sp != std::string::npos && other(own.substr(sp + 1)));
      }
      if (!all_surnames) {
        split.push_back(f);
        continue;
      }
      for (uint32_t k = f.first; k < f.end; ++k) {
        std::string lemma = join[k].empty() ? std::string(doc->NormText(toks[k])) : join[k][0].second;
        split.push_back({k, k + 1, EntityType::kPer, -2, lemma});
      }
    }
    found.swap(split);
  }
  // A name no knowledge-base form matches as written may match one by its cross-script key
  // ("Барак Обама" written "Barak Obama", "Aleksiej Nawalny").
  for (Found& f : found) {
    if ((f.kb != -1 && f.kb != -3) || f.alias) continue;
    auto it = kb_by_key_.find(name_key(f));
    if (it != kb_by_key_.end()) f.kb = it->second;
  }
  std::vector<int> entity_of(found.size(), -1);
  if (!model) {
    for (Found& f : found) {  // lone unknown names try to join a full name first
      if (f.kb == -1 && f.end - f.first == 1 && f.type == EntityType::kPer) f.kb = -3;
    }
  }
  for (size_t m = 0; m < found.size(); ++m) {
    const Found& f = found[m];
    if (f.kb <= -2) continue;
    int e = entity_for(f);
    entity_of[m] = e;
    if (f.type == EntityType::kPer) {
      std::string lemma_fold = utf8::FoldCase(f.lemma);
      size_t sp = lemma_fold.rfind(' ');
      if (sp != std::string::npos) surname_of.emplace(lemma_fold.substr(sp + 1), e);
      if (f.kb >= 0) {
        const KbEntity& k = kb_.entity(f.kb);
        for (const auto& [l, form] : k.names) {
          std::string ff = utf8::FoldCase(form);
          size_t s2 = ff.rfind(' ');
          surname_of.emplace(s2 == std::string::npos ? ff : ff.substr(s2 + 1), e);
        }
      }
    }
  }
  for (size_t m = 0; m < found.size(); ++m) {
    Found& f = found[m];
    if (f.kb != -2 && f.kb != -3) continue;
    bool joined = false;
    for (const auto& [folded, lemma] : join[f.first]) {
      auto it = surname_of.find(folded);
      if (it != surname_of.end()) {
        entity_of[m] = it->second;
        // A word the tagger typed otherwise was lemmatised as such: it takes the form
        // that is the person's surname.
        if (!model || f.type != EntityType::kPer) f.lemma = lemma;
        f.type = doc->entities[it->second].type;
        joined = true;
        break;
      }
    }
    if (!joined && f.kb == -3) {  // a person by cue, title or tagger: an entity of its own
      f.kb = f.kb_surname >= 0 ? f.kb_surname : -1;
      entity_of[m] = entity_for(f);
    } else if (!joined) {
      entity_of[m] = -1;  // a lone capitalised word: not enough evidence
    }
  }
  // Unknown @handles and #hashtags join the entity whose name they spell, letters and digits
  // compared by their cross-script key ("#HillaryClinton" = "Хиллари Клинтон").
  if (std::any_of(found.begin(), found.end(), [](const Found& f) { return f.kb == -4; })) {
    std::unordered_map<std::string, int> by_letters;
    auto letters = [&](const Found& f) {
      std::string k = name_key(f);
      k.erase(std::remove(k.begin(), k.end(), '-'), k.end());
      return k;
    };
    for (size_t m = 0; m < found.size(); ++m) {
      if (entity_of[m] >= 0 && found[m].kb != -4) by_letters.emplace(letters(found[m]), entity_of[m]);
    }
    for (size_t m = 0; m < found.size(); ++m) {
      Found& f = found[m];
      if (f.kb != -4) continue;
      auto it = by_letters.find(letters(f));
      if (it == by_letters.end() || it->first.empty()) continue;
      entity_of[m] = it->second;
      f.type = doc->entities[it->second].type;
    }
  }
  // With a model, an entity takes the type most of its mentions were tagged with.
  if (model) {
    std::vector<std::array<int, 5>> votes(doc->entities.size(), std::array<int, 5>{});
    for (size_t m = 0; m < found.size(); ++m) {
      if (entity_of[m] >= 0) ++votes[entity_of[m]][static_cast<int>(found[m].type)];
    }
    for (size_t e = 0; e < doc->entities.size(); ++e) {
      int best = static_cast<int>(doc->entities[e].type);
      for (int t = 0; t < 5; ++t) {
        if (votes[e][t] > votes[e][best]) best = t;
      }
      Entity& en = doc->entities[e];
      en.type = static_cast<EntityType>(best);  // the id stays type-free (unknown_id)
    }
  }
  for (size_t m = 0; m < found.size(); ++m) {
    if (entity_of[m] < 0) continue;
    const Found& f = found[m];
    Mention mention;
    mention.first_token = f.first;
    mention.end_token = f.end;
    mention.span = {toks[f.first].span.start, toks[f.end - 1].span.end};
    mention.text = std::string(doc->Text(mention.span));
    mention.lemma = f.lemma;
    mention.type = doc->entities[entity_of[m]].type;
    mention.entity = entity_of[m];
    doc->entities[entity_of[m]].mentions.push_back(static_cast<uint32_t>(doc->mentions.size()));
    doc->mentions.push_back(std::move(mention));
  }
  // An entity first seen by its surname takes the full name when one appears later.
  for (Entity& e : doc->entities) {
    if (e.known) continue;
    for (uint32_t m : e.mentions) {
      if (doc->mentions[m].lemma.size() > e.name.size()) {
        e.name = doc->mentions[m].lemma;
        e.latin = romanizer_.ToLatin(e.name, doc->lang);
      }
    }
  }
}

void EntityRecognizer::Annotate(const LangResources& lr, Document* doc) const {
  doc->mentions.clear();
  doc->entities.clear();
  std::vector<Found> found;
  JoinForms join;
  const NerModel* model = ModelFor(doc->lang);
  if (model) {
    FindByModel(*model, lr, *doc, &found, &join);
  } else {
    FindByRules(lr, *doc, &found, &join);
  }
  Link(lr, model, std::move(found), join, doc);
}

}  // namespace vestnik::entities
