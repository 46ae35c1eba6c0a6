#include "eval/speaker_train.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>
#include <tuple>

#include "core/provenance.h"
#include "eval/corpora.h"
#include "eval/quote_scorer.h"
#include "pipeline/pipeline.h"
#include "quotes/speaker_ranker.h"

namespace vestnik::eval {
namespace {

using nlohmann::json;
using Weights = std::unordered_map<std::string, float>;

double ScoreOf(const Weights& w, const std::vector<std::string>& f) {
  double s = 0;
  for (const std::string& x : f) {
    if (auto it = w.find(x); it != w.end()) s += it->second;
  }
  return s;
}

// The candidate the model would output: the best, unless it beats the rules' pick by no more
// than `margin`.
int Chosen(const RankExample& e, const Weights& w, double margin) {
  int best = 0;
  double best_s = 0;
  for (size_t i = 0; i < e.features.size(); ++i) {
    double s = ScoreOf(w, e.features[i]);
    if (i == 0 || s > best_s) best = static_cast<int>(i), best_s = s;
  }
  if (best != e.rule && best_s - ScoreOf(w, e.features[e.rule]) > margin) return best;
  return e.rule;
}

// A candidate as the scorer sees a predicted quote.
json AsPrediction(const Document& doc, const quotes::SpeakerCandidate& c) {
  json p = json::object();
  std::string name = c.entity >= 0 ? doc.entities[c.entity].name : c.speaker;
  if (!name.empty()) p["speaker"] = name;
  if (!c.span.empty()) p["speaker_text"] = std::string(doc.Text(c.span));
  return p;
}

}  // namespace

std::unordered_map<std::string, float> TrainRankWeights(const std::vector<RankExample>& examples,
                                                        int epochs) {
  // Averaged perceptron with the usual trick: w, and u = Σ c·update; average = w − u/c.
  Weights w, u;
  double c = 1;
  std::vector<size_t> order;
  for (size_t i = 0; i < examples.size(); ++i) {
    const auto& g = examples[i].gold;
    if (std::find(g.begin(), g.end(), true) != g.end()) order.push_back(i);
  }
  std::mt19937 rng(12345);
  for (int epoch = 0; epoch < epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (size_t i : order) {
      const RankExample& e = examples[i];
      int pred = -1, target = -1;
      double ps = 0, ts = 0;
      for (size_t k = 0; k < e.features.size(); ++k) {
        double s = ScoreOf(w, e.features[k]);
        if (pred < 0 || s > ps) pred = static_cast<int>(k), ps = s;
        if (e.gold[k] && (target < 0 || s > ts)) target = static_cast<int>(k), ts = s;
      }
      if (!e.gold[pred]) {
        for (const std::string& f : e.features[target]) w[f] += 1, u[f] += c;
        for (const std::string& f : e.features[pred]) w[f] -= 1, u[f] -= c;
      }
      c += 1;
    }
  }
  Weights avg;
  for (const auto& [f, v] : w) {
    float a = static_cast<float>(v - u[f] / c);
    if (a != 0) avg[f] = a;
  }
  return avg;
}

int CountRight(const std::vector<RankExample>& examples, const Weights& w, double margin) {
  int right = 0;
  for (const RankExample& e : examples) right += e.gold[Chosen(e, w, margin)];
  return right;
}

int RunSpeakerTrain(const SpeakerTrainArgs& args) {
  auto fail = [](const std::string& m) {
    std::cerr << "vestnik: error: " << m << "\n";
    return 1;
  };
  namespace fs = std::filesystem;
  std::string lang = args.lang;
  Result<std::vector<GoldArticle>> articles =
      Status::InvalidArgument("--corpus must be polnear or germeval, not " + args.corpus);
  std::string dir = args.dir;
  if (args.corpus == "polnear") {
    if (dir.empty()) dir = (fs::path(args.data) / "polnear" / "train").string();
    if (lang.empty()) lang = "en";
    articles = ReadPolnear(dir);
  } else if (args.corpus == "germeval") {
    if (dir.empty()) dir = (fs::path(args.data) / "spkatt-news-de" / "train").string();
    if (lang.empty()) lang = "de";
    articles = ReadGermEval(dir);
  }
  if (!articles.ok()) return fail(articles.status().message());
  if (args.holdout_every > 0) {
    std::vector<GoldArticle> kept;
    for (size_t i = 0; i < articles->size(); ++i) {
      if (i % args.holdout_every != 0) kept.push_back(std::move((*articles)[i]));
    }
    *articles = std::move(kept);
  }
  auto pipeline = Pipeline::Create({}, /*speaker_models=*/false);
  if (!pipeline.ok()) return fail(pipeline.status().message());
  const Pipeline& p = **pipeline;

  // The rules' output of every article.
  std::vector<Document> docs;
  for (auto& a : *articles) docs.push_back(a.doc);
  AnalyzeOptions opts;
  opts.speaker_ranker = false;
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < docs.size(); i = next++) p.Analyze(&docs[i], opts);
  };
  std::vector<std::thread> pool;
  unsigned n = std::max(1u, std::min(2u, std::thread::hardware_concurrency()));
  for (unsigned t = 1; t < n; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();

  // Align gold to found quotations and build the candidate sets.
  std::vector<RankExample> examples;
  int matched = 0, rule_right_all = 0;
  for (size_t d = 0; d < docs.size(); ++d) {
    const Document& doc = docs[d];
    const json& gq = (*articles)[d].gold["quotes"];
    const json speakers = (*articles)[d].gold.value("speakers", json::object());
    std::vector<std::tuple<double, size_t, size_t>> pairs;
    for (size_t i = 0; i < gq.size(); ++i) {
      for (size_t j = 0; j < doc.quotes.size(); ++j) {
        double f = OverlapF1(gq[i].value("text", ""), doc.quotes[j].text);
        if (f >= 0.5) pairs.emplace_back(f, i, j);
      }
    }
    std::sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) { return a > b; });
    std::vector<bool> used_g(gq.size()), used_p(doc.quotes.size());
    const LangResources& lr = p.resources().Lang(doc.lang);
    for (const auto& [f, i, j] : pairs) {
      if (used_g[i] || used_p[j]) continue;
      used_g[i] = used_p[j] = true;
      ++matched;
      const Quote& q = doc.quotes[j];
      json pred = json::object();
      if (!q.speaker.empty()) pred["speaker"] = q.speaker;
      if (!q.speaker_span.empty()) pred["speaker_text"] = std::string(doc.Text(q.speaker_span));
      bool rule_right = SpeakerMatches(pred, gq[i], speakers);
      rule_right_all += rule_right;
      auto cands = quotes::SpeakerCandidates(doc, lr, q, /*names=*/true);
      if (cands.size() < 2) continue;
      RankExample e;
      e.group = static_cast<int>(d);
      for (size_t k = 0; k < cands.size(); ++k) {
        e.features.push_back(cands[k].features);
        e.gold.push_back(cands[k].rule_pick
                             ? rule_right
                             : SpeakerMatches(AsPrediction(doc, cands[k]), gq[i], speakers));
        if (cands[k].rule_pick) e.rule = static_cast<int>(k);
      }
      examples.push_back(std::move(e));
    }
  }
  int with_gold = 0, rule_right = 0;
  for (const auto& e : examples) {
    with_gold += std::find(e.gold.begin(), e.gold.end(), true) != e.gold.end();
    rule_right += e.gold[e.rule];
  }
  std::cerr << "speakers: " << docs.size() << " articles, " << matched << " matched quotations ("
            << rule_right_all << " right by the rules), " << examples.size()
            << " with a cue and candidates, " << with_gold << " with a right candidate, "
            << rule_right << " right by the rules\n";

  // Cross-validation by article: the margin that gets most speakers right on held-out folds.
  const std::vector<double> margins = {0, 0.5, 1, 2, 3, 5, 8, 12, 20, 1e9};
  std::vector<int> right(margins.size(), 0);
  int folds = std::max(2, args.folds);
  for (int k = 0; k < folds; ++k) {
    std::vector<RankExample> tr, te;
    for (const auto& e : examples) (e.group % folds == k ? te : tr).push_back(e);
    Weights w = TrainRankWeights(tr, args.epochs);
    for (size_t m = 0; m < margins.size(); ++m) right[m] += CountRight(te, w, margins[m]);
  }
  size_t best = margins.size() - 1;
  for (size_t m = margins.size(); m-- > 0;) {
    if (right[m] > right[best]) best = m;
  }
  for (size_t m = 0; m < margins.size(); ++m) {
    std::fprintf(stderr, "  margin %-6g cross-validated right %d of %zu (rules %d)%s\n",
                 margins[m] > 1e8 ? -1.0 : margins[m], right[m], examples.size(), rule_right,
                 m == best ? "  <- chosen" : "");
  }
  Weights w = TrainRankWeights(examples, args.epochs);
  quotes::SpeakerModelData data;
  data.lang = lang;
  data.margin = static_cast<float>(margins[best] > 1e8 ? 1e30 : margins[best]);
  data.weights = std::move(w);
  json h;
  h["model"] = "speaker ranker (averaged perceptron over candidate sets)";
  h["lang"] = lang;
  h["feature_version"] = quotes::kSpeakerFeatureVersion;
  h["data"] = args.corpus == "polnear"
                  ? "PolNeAR train (" + dir + "), first annotator per article"
                  : "GermEval 2023 speaker attribution (" + dir + ")" +
                        (args.holdout_every > 0 ? ", articles whose index % " +
                                                      std::to_string(args.holdout_every) + " != 0"
                                                : "");
  h["licence"] =
      args.corpus == "polnear" ? "PolNeAR: see source (research use)" : "CC BY-NC-SA 4.0";
  h["command"] = args.command;
  h["date"] = TrainingDate();
  h["articles"] = docs.size();
  h["examples"] = examples.size();
  h["epochs"] = args.epochs;
  h["cross_validation"] = {{"folds", folds},
                           {"rules_right", rule_right},
                           {"ranker_right", right[best]},
                           {"margin", margins[best] > 1e8 ? -1.0 : margins[best]}};
  data.header_json = h.dump();
  Status s = quotes::SpeakerRanker::Save(data, args.out);
  if (!s.ok()) return fail(s.message());
  std::cerr << "speakers: wrote " << args.out << " (" << data.weights.size() << " weights, margin "
            << (margins[best] > 1e8 ? std::string("never") : std::to_string(margins[best]))
            << ")\n";
  return 0;
}

}  // namespace vestnik::eval
