#include "entities/train/ner_scorer.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace vestnik::entities::train {

void NerCounts::Add(const NerCounts& o) {
  strict.Add(o.strict);
  relaxed.Add(o.relaxed);
  for (const auto& [t, f] : o.by_type) by_type[t].Add(f);
  lemma_total += o.lemma_total;
  lemma_ok += o.lemma_ok;
}

void LinkScorer::Add(const std::string& gold_id, const std::string& pred_id) {
  ++pairs_[{gold_id, pred_id}];
  ++total_;
}

std::vector<std::string> LinkScorer::Misses() const {
  std::vector<std::tuple<size_t, std::string, std::string>> order;
  for (const auto& [k, n] : pairs_) order.emplace_back(n, k.first, k.second);
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    if (std::get<0>(a) != std::get<0>(b)) return std::get<0>(a) > std::get<0>(b);
    return std::tie(std::get<1>(a), std::get<2>(a)) < std::tie(std::get<1>(b), std::get<2>(b));
  });
  std::map<std::string, std::string> gold_pair, pred_pair;
  std::vector<std::string> out;
  for (const auto& [n, g, p] : order) {
    if (!gold_pair.count(g) && !pred_pair.count(p)) {
      gold_pair[g] = p;
      pred_pair[p] = g;
      continue;
    }
    std::string with = gold_pair.count(g) ? gold_pair[g] : "-";
    out.push_back("link\t" + g + "\t" + p + "\t" + std::to_string(n) + "\tpaired with " + with +
                  (pred_pair.count(p) ? " (" + p + " went to " + pred_pair[p] + ")" : ""));
  }
  return out;
}

double LinkScorer::Accuracy() const {
  if (total_ == 0) return 0;
  std::vector<std::tuple<size_t, std::string, std::string>> order;
  for (const auto& [k, n] : pairs_) order.emplace_back(n, k.first, k.second);
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    if (std::get<0>(a) != std::get<0>(b)) return std::get<0>(a) > std::get<0>(b);
    return std::tie(std::get<1>(a), std::get<2>(a)) < std::tie(std::get<1>(b), std::get<2>(b));
  });
  std::set<std::string> gold_used, pred_used;
  size_t right = 0;
  for (const auto& [n, g, p] : order) {
    if (gold_used.count(g) || pred_used.count(p)) continue;
    gold_used.insert(g);
    pred_used.insert(p);
    right += n;
  }
  return static_cast<double>(right) / total_;
}

void ScoreDocument(const std::vector<GoldMention>& gold, const Document& doc, NerCounts* counts,
                   LinkScorer* link, std::vector<std::string>* errors) {
  using Key = std::tuple<uint32_t, uint32_t, int>;
  std::map<Key, const GoldMention*> gold_strict;
  std::map<std::pair<uint32_t, uint32_t>, const GoldMention*> gold_span;
  std::set<std::pair<std::string, int>> gold_rel, pred_rel;
  for (const GoldMention& g : gold) {
    gold_strict[{g.span.start, g.span.end, static_cast<int>(g.type)}] = &g;
    gold_span[{g.span.start, g.span.end}] = &g;
    gold_rel.insert({g.surface, static_cast<int>(g.type)});
  }
  std::set<Key> pred_strict;
  for (const Mention& m : doc.mentions) {
    EntityType type = doc.entities[m.entity].type;
    Key k{m.span.start, m.span.end, static_cast<int>(type)};
    pred_strict.insert(k);
    pred_rel.insert({m.text, static_cast<int>(type)});
    auto it = gold_strict.find(k);
    if (it != gold_strict.end()) {
      ++counts->lemma_total;
      if (m.lemma == it->second->lemma) {
        ++counts->lemma_ok;
      } else if (errors) {
        errors->push_back(doc.id + "\tlemma\t" + m.text + "\t" + m.lemma + "\tgold " + it->second->lemma);
      }
    }
    auto gs = gold_span.find({m.span.start, m.span.end});
    if (gs != gold_span.end() && link && !gs->second->xid.empty()) {
      link->Add(gs->second->xid, doc.entities[m.entity].id);
    }
  }
  counts->strict.gold += gold_strict.size();
  counts->strict.pred += pred_strict.size();
  for (const auto& [k, g] : gold_strict) {
    auto& t = counts->by_type[static_cast<EntityType>(std::get<2>(k))];
    ++t.gold;
    if (pred_strict.count(k)) {
      ++counts->strict.tp;
      ++t.tp;
    } else if (errors) {
      errors->push_back(doc.id + "\tmissed\t" + g->surface + "\t" + EntityTypeName(g->type) +
                        "\t@" + std::to_string(std::get<0>(k)));
    }
  }
  for (const Key& k : pred_strict) {
    ++counts->by_type[static_cast<EntityType>(std::get<2>(k))].pred;
    if (!gold_strict.count(k) && errors) {
      errors->push_back(doc.id + "\tspurious\t" +
                        std::string(doc.Text({std::get<0>(k), std::get<1>(k)})) + "\t" +
                        EntityTypeName(static_cast<EntityType>(std::get<2>(k))) + "\t@" +
                        std::to_string(std::get<0>(k)));
    }
  }
  counts->relaxed.gold += gold_rel.size();
  counts->relaxed.pred += pred_rel.size();
  for (const auto& r : pred_rel) counts->relaxed.tp += gold_rel.count(r);
}

}  // namespace vestnik::entities::train
