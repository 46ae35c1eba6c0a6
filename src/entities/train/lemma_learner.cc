#include "entities/train/lemma_learner.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "core/utf8.h"

namespace vestnik::entities::train {
namespace {

std::vector<std::string> SplitSpaces(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::string JoinWords(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

std::vector<size_t> CodePointStarts(std::string_view s) {
  std::vector<size_t> out;
  for (size_t i = 0; i < s.size();) {
    out.push_back(i);
    utf8::Next(s, &i);
  }
  out.push_back(s.size());
  return out;
}

// The last k code points of s.
std::string_view Suffix(std::string_view s, const std::vector<size_t>& cps, size_t k) {
  size_t len = cps.size() - 1;
  return s.substr(cps[len - std::min(k, len)]);
}

uint32_t Majority(const std::map<uint32_t, uint32_t>& counts, uint32_t* total) {
  uint32_t best = 0, best_n = 0;
  *total = 0;
  for (const auto& [rule, n] : counts) {
    *total += n;
    if (n > best_n) best = rule, best_n = n;
  }
  return best;
}

}  // namespace

LemmaRule DeriveRule(std::string_view surface, std::string_view lemma) {
  std::string s = utf8::FoldCase(surface), l = utf8::FoldCase(lemma);
  auto sc = CodePointStarts(s), lc = CodePointStarts(l);
  size_t p = 0;
  while (p + 1 < sc.size() && p + 1 < lc.size() &&
         s.compare(sc[p], sc[p + 1] - sc[p], l, lc[p], lc[p + 1] - lc[p]) == 0) {
    ++p;
  }
  LemmaRule r;
  size_t cut = (sc.size() - 1) - p;
  r.cut = static_cast<uint8_t>(std::min<size_t>(cut, 255));
  r.add = l.substr(lc[p]);
  return r;
}

uint32_t LemmaLearner::RuleId(const LemmaRule& r) {
  auto [it, added] = rule_ids_.emplace(std::make_pair(r.cut, r.add),
                                       static_cast<uint32_t>(rules_.size()));
  if (added) rules_.push_back(r);
  return it->second;
}

void LemmaLearner::Add(const std::string& surface, const std::string& lemma, EntityType type) {
  auto sw = SplitSpaces(surface), lw = SplitSpaces(lemma);
  for (const std::string& w : lw) lemma_words_.push_back(HashBytes(utf8::FoldCase(w)));
  if (sw.empty() || sw.size() != lw.size()) return;
  for (size_t i = 0; i < sw.size(); ++i) {
    LemmaRule r = DeriveRule(sw[i], lw[i]);
    if (r.cut > 8 || r.add.size() > 24) continue;  // not an inflection: a different word
    if (rules_.size() >= 60000 && r != LemmaRule{}) continue;
    examples_.push_back({sw[i], utf8::FoldCase(sw[i]), static_cast<uint8_t>(type),
                         PositionOf(i, sw.size()), RuleId(r)});
  }
}

NameLemmatizer LemmaLearner::Build(int min_count) const {
  NameLemmatizer out;
  out.rules_ = rules_;
  for (uint64_t h : lemma_words_) out.lemma_words_.Insert(h, 1);
  // Suffix tree nodes: (type, pos, cap, suffix) → rule counts, for the type and for any type.
  struct Node {
    std::map<uint32_t, uint32_t> counts;
    size_t k;
    uint64_t parent;
  };
  std::map<uint64_t, Node> nodes;  // ordered: deterministic
  for (const Example& e : examples_) {
    auto cps = CodePointStarts(e.folded);
    uint8_t cap = NameLemmatizer::CapClass(e.word);
    for (uint8_t ty : {e.type, NameLemmatizer::kAnyType}) {
      uint64_t parent = 0;
      for (size_t k = 0; k <= static_cast<size_t>(NameLemmatizer::kMaxSuffix) && k < cps.size(); ++k) {
        uint64_t key = NameLemmatizer::SuffixKey(ty, e.pos, cap, Suffix(e.folded, cps, k));
        Node& n = nodes[key];
        n.k = k;
        n.parent = parent;
        ++n.counts[e.rule];
        parent = key;
      }
    }
  }
  // Effective rule of each node, shortest suffixes first.
  std::vector<std::pair<size_t, uint64_t>> by_depth;
  for (const auto& [key, n] : nodes) by_depth.emplace_back(n.k, key);
  std::sort(by_depth.begin(), by_depth.end());
  std::map<uint64_t, uint32_t> effective;
  for (const auto& [k, key] : by_depth) {
    const Node& n = nodes[key];
    uint32_t total = 0;
    uint32_t maj = Majority(n.counts, &total);
    if (k == 0) {
      effective[key] = maj;
      out.suffixes_.Insert(key, maj);
      continue;
    }
    uint32_t inherited = effective[n.parent];
    if (static_cast<int>(total) >= min_count && maj != inherited &&
        n.counts.at(maj) > (n.counts.count(inherited) ? n.counts.at(inherited) : 0)) {
      effective[key] = maj;
      out.suffixes_.Insert(key, maj);
    } else {
      effective[key] = inherited;
    }
  }
  // Exception words: the majority rule of each seen word, where the suffix tree says otherwise.
  // (Typed only: a word seen with another type falls back to the suffix tree.)
  std::map<uint64_t, std::map<uint32_t, uint32_t>> words;
  std::map<uint64_t, const Example*> example_of;
  for (const Example& e : examples_) {
    uint64_t key = NameLemmatizer::WordKey(e.type, e.pos, e.folded);
    ++words[key][e.rule];
    example_of.emplace(key, &e);
  }
  NameLemmatizer suffix_only;
  suffix_only.rules_ = out.rules_;
  suffix_only.suffixes_ = out.suffixes_;
  for (const auto& [key, counts] : words) {
    uint32_t total = 0;
    uint32_t maj = Majority(counts, &total);
    const Example* e = example_of[key];
    const LemmaRule* predicted =
        suffix_only.RuleFor(e->word, static_cast<EntityType>(std::min<uint8_t>(e->type, 4)), e->pos);
    uint32_t predicted_id = 0;
    if (predicted) predicted_id = static_cast<uint32_t>(predicted - suffix_only.rules_.data());
    if (predicted_id != maj) out.words_.Insert(key, maj);
  }
  return out;
}

void LearnWordStats(const std::vector<const Document*>& docs, int min_count, WordStats* stats) {
  std::unordered_map<uint64_t, std::pair<uint32_t, uint32_t>> counts;  // total, capitalised
  for (const Document* doc : docs) {
    const auto& toks = doc->tokens;
    std::vector<bool> initial(toks.size(), false);
    for (const Sentence& s : doc->sentences) {
      uint32_t k = s.first_token;
      while (k < s.end_token && toks[k].kind == TokenKind::kPunct) ++k;
      if (k < toks.size()) initial[k] = true;
    }
    bool title = true;
    for (size_t i = 0; i < toks.size(); ++i) {
      if (i > 0 && toks[i].newline_before) title = false;
      if (title || initial[i] || toks[i].kind != TokenKind::kWord) continue;
      if (i > 0 && doc->NormText(toks[i - 1]) == "\"") continue;  // opening quote: like a start
      auto& c = counts[HashBytes(doc->Folded(toks[i]))];
      ++c.first;
      if (toks[i].upper) ++c.second;
    }
  }
  for (const auto& [key, c] : counts) {
    if (static_cast<int>(c.first) < min_count) continue;
    double r = static_cast<double>(c.second) / c.first;
    WordStats::Entry e;
    e.cap_class = r < 0.05 ? 1 : r < 0.35 ? 2 : r < 0.65 ? 3 : r < 0.95 ? 4 : 5;
    stats->words.Insert(key, e);
  }
}

void LearnAliases(const std::vector<const CorpusDoc*>& docs, int min_count, NerModelData* data,
                  const KnowledgeBase* kb) {
  // (type, folded lemma) → id counts; id → knowledge-base entity counts.
  std::map<std::pair<int, std::string>, std::map<std::string, uint32_t>> counts;
  std::map<std::string, std::map<std::string, uint32_t>> kb_votes;
  for (const CorpusDoc* d : docs) {
    for (const GoldMention& m : d->gold) {
      if (m.xid.empty()) continue;
      std::string folded = utf8::FoldCase(m.lemma);
      ++counts[{static_cast<int>(m.type), folded}][m.xid];
      if (!kb) continue;
      std::string key = JoinWords(SplitSpaces(folded));
      bool caps = utf8::IsAllCaps(m.lemma);
      if (const auto* hits = kb->Find(key)) {
        for (const auto& h : *hits) {
          if (h.surname_only || (h.acronym && !caps)) continue;
          ++kb_votes[m.xid][kb->entity(h.entity).id];
          break;
        }
      }
    }
  }
  std::map<std::string, uint32_t> id_index;
  for (const auto& [key, ids] : counts) {
    uint32_t total = 0, best_n = 0;
    std::string best;
    for (const auto& [id, n] : ids) {
      total += n;
      if (n > best_n) best = id, best_n = n;
    }
    if (static_cast<int>(best_n) < min_count || best_n * 10 < total * 9) continue;
    // "PER-Donald-Trump" → "donald-trump"; "GPE-USA" → "usa".
    size_t dash = best.find('-');
    std::string id = utf8::FoldCase(dash == std::string::npos ? best : best.substr(dash + 1));
    if (auto v = kb_votes.find(best); v != kb_votes.end()) {
      uint32_t top = 0;
      for (const auto& [kid, n] : v->second) {
        if (n > top) id = kid, top = n;
      }
    }
    auto [it, added] = id_index.emplace(id, static_cast<uint32_t>(data->alias_ids.size()));
    if (added) data->alias_ids.push_back(id);
    data->aliases[NerModel::AliasKey(static_cast<EntityType>(key.first), key.second)] = it->second;
  }
}

}  // namespace vestnik::entities::train
