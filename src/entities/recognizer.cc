#include "entities/recognizer.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/utf8.h"

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

struct Found {
  uint32_t first, end;
  EntityType type;
  int kb = -1;             // knowledge-base entity
  std::string lemma;
};

}  // namespace

void EntityRecognizer::Annotate(const LangResources& lr, Document* doc) const {
  doc->mentions.clear();
  doc->entities.clear();
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

  std::vector<Found> found;
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

    // Unknown names: a run of capitalised words (initials included), not across lines.
    uint32_t j = i;
    // An acronym and a name beside it are two names ("БНБ Димитър Радев").
    while (j < n && IsNameToken(*doc, toks[j]) && (j == i || !toks[j].newline_before) &&
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
    uint32_t first = i;
    // Drop leading titles and sentence-initial words that are not names elsewhere.
    while (first < j && (lr.titles.FindWord(doc->Folded(toks[first])) ||
                         (sentence_initial[first] && !seen_mid.count(std::string(doc->Folded(toks[first]))) &&
                          j - first == 1))) {
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
    if (j - first >= 3 && first > 0 && lr.titles.FindWord(doc->Folded(toks[first - 1]))) {
      bool keyword = false;
      for (uint32_t k = first; k < j; ++k) keyword |= lr.entity_keywords.FindWord(doc->Folded(toks[k])) != nullptr;
      if (!keyword) {
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
      bool title_before = first > 0 && lr.titles.FindWord(doc->Folded(toks[first - 1]));
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
        bool title_before = first > 0 && lr.titles.FindWord(doc->Folded(toks[first - 1]));
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
    if (f.kb >= 0) continue;
    std::string lemma;
    for (uint32_t k = f.first; k < f.end; ++k) {
      std::string_view surface = doc->NormText(toks[k]);
      std::string best(surface);
      for (size_t c = 1; c < cands[k].size(); ++c) {
        if (seen_any.count(cands[k][c].folded) || cands[k][c].safe) {
          best = ApplyCandidate(surface, cands[k][c]);
          break;
        }
      }
      lemma += (k > f.first ? " " : "") + best;
    }
    f.lemma = lemma;
  }

  // Group mentions into entities.
  std::map<std::string, int> by_key;  // grouping key → entity index
  std::unordered_map<std::string, int> surname_of;  // folded last word of a PER → entity
  auto key_of = [&](const Found& f) {
    if (f.kb >= 0) return "kb:" + kb_.entity(f.kb).id;
    return std::string(EntityTypeName(f.type)) + ":" + romanizer_.Key(f.lemma);
  };
  auto new_entity = [&](const Found& f, const std::string& key) {
    Entity e;
    e.type = f.type;
    if (f.kb >= 0) {
      const KbEntity& k = kb_.entity(f.kb);
      e.id = k.id;
      e.name = k.NameFor(doc->lang, doc->script, lr.name_fallbacks);
      e.latin = k.latin;
      e.known = true;
    } else {
      e.id = utf8::FoldCase(EntityTypeName(f.type)) + ":" + romanizer_.Key(f.lemma);
      e.name = f.lemma;
      e.latin = romanizer_.ToLatin(f.lemma, doc->lang);
    }
    doc->entities.push_back(std::move(e));
    by_key[key] = static_cast<int>(doc->entities.size() - 1);
    return static_cast<int>(doc->entities.size() - 1);
  };
  // Full names first, so that surnames alone can join them wherever they occur.
  // "с Руге Вучич подчерта": a run of two surnames of people named in full is two mentions.
  {
    std::unordered_set<std::string> surnames;
    for (const Found& f : found) {
      if (f.type != EntityType::kPer || f.end - f.first < 2) continue;
      surnames.insert(std::string(doc->Folded(toks[f.end - 1])));
    }
    std::vector<Found> split;
    for (const Found& f : found) {
      bool all_surnames = f.kb == -1 && f.type == EntityType::kPer && f.end - f.first == 2;
      for (uint32_t k = f.first; k < f.end && all_surnames; ++k) {
        all_surnames = surnames.count(std::string(doc->Folded(toks[k]))) > 0;
      }
      if (!all_surnames) {
        split.push_back(f);
        continue;
      }
      for (uint32_t k = f.first; k < f.end; ++k) {
        split.push_back({k, k + 1, EntityType::kPer, -2, std::string(doc->NormText(toks[k]))});
      }
    }
    found.swap(split);
  }
  std::vector<int> entity_of(found.size(), -1);
  for (Found& f : found) {  // lone unknown names try to join a full name first
    if (f.kb == -1 && f.end - f.first == 1 && f.type == EntityType::kPer) f.kb = -3;
  }
  for (size_t m = 0; m < found.size(); ++m) {
    const Found& f = found[m];
    if (f.kb == -2 || f.kb == -3) continue;
    std::string key = key_of(f);
    auto it = by_key.find(key);
    int e = it != by_key.end() ? it->second : new_entity(f, key);
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
    for (const Candidate& c : cands[f.first]) {
      auto it = surname_of.find(c.folded);
      if (it != surname_of.end()) {
        entity_of[m] = it->second;
        f.type = doc->entities[it->second].type;
        f.lemma = ApplyCandidate(doc->NormText(toks[f.first]), c);
        joined = true;
        break;
      }
    }
    if (!joined && f.kb == -3) {  // a person by cue or title: an entity of its own
      f.kb = -1;
      std::string key = key_of(f);
      auto it = by_key.find(key);
      entity_of[m] = it != by_key.end() ? it->second : new_entity(f, key);
    } else if (!joined) {
      entity_of[m] = -1;  // a lone capitalised word: not enough evidence
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

}  // namespace vestnik::entities
