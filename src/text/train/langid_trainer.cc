#include "text/train/langid_trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <mutex>
#include <random>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "core/lexicon.h"
#include "core/provenance.h"
#include "core/utf8.h"
#include "core/resources.h"
#include "text/train/yat.h"

namespace vestnik::text::train {

std::vector<LangIdGroupSpec> DefaultLangIdGroups() {
  // Alphabets: the non-ASCII letters each language writes (Cyrillic in full; for Czech and
  // Slovak the letters with diacritics), ѐ and ѝ being accented е and и.
  return {
      {"cyrillic", "Cyrl", {"bg", "mk", "ru", "uk", "be", "sr"},
       {"абвгдежзийклмнопрстуфхцчшщъьюяѐѝ", "абвгдѓежзѕијклљмнњопрстќуфхцчџшѐѝ",
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя", "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
        "абвгдеёжзійклмнопрстуўфхцчшыьэюя", "абвгдђежзијклљмнњопрстћуфхцчџш"},
       // Macedonian and Belarusian are learnt from word lists only: CLD2's word counts.
       {0, 8, 0, 0, 3, 0}},
      {"bcms", "Latn", {"sr", "hr+bs"}, {"čćđšž", "čćđšž"}, {}},
      {"hrbs", "Latn", {"hr", "bs"}, {"čćđšž", "čćđšž"}, {}},
      {"czsk", "Latn", {"cs", "sk"}, {"áčďéěíňóřšťúůýž", "áäčďéíĺľňóôŕšťúýž"}, {}},
  };
}

namespace {

struct GroupResult {
  LangIdModel::Group group;
  Status status;
  std::string log;
};

// One label's training texts, by source.
struct LabelData {
  std::vector<std::string> sources;
  std::vector<std::vector<const LangIdSample*>> by_source;
  std::vector<double> cumulative_share;  // for drawing a source
};

// A run of 1..max_words words of `text`, chosen at random.
std::string_view RandomWords(std::string_view text, int max_words, std::mt19937& rng) {
  std::vector<size_t> starts;  // offsets of words (after white space)
  for (size_t i = 0; i < text.size(); ++i) {
    if ((i == 0 || text[i - 1] == ' ' || text[i - 1] == '\n') && text[i] != ' ' && text[i] != '\n') {
      starts.push_back(i);
    }
  }
  if (starts.size() <= 1) return text;
  int n = std::uniform_int_distribution<int>(1, max_words)(rng);
  if (static_cast<size_t>(n) >= starts.size()) return text;
  size_t first = std::uniform_int_distribution<size_t>(0, starts.size() - n)(rng);
  size_t begin = starts[first];
  size_t end = first + n < starts.size() ? starts[first + n] : text.size();
  return text.substr(begin, end - begin);
}

// Multinomial logistic regression by AdaGrad on class-balanced draws.
void TrainLogistic(const std::vector<LabelData>& labels, const LangIdGroupSpec& spec,
                   const LangIdTrainOptions& o, const LangIdCues* cues, uint32_t seed, std::vector<float>* w_out,
                   std::vector<float>* bias_out, std::string* log_out) {
  const size_t k = labels.size();
  const size_t buckets = size_t{1} << o.features.hash_bits;
  std::vector<float>& w = *w_out;
  std::vector<float>& bias = *bias_out;
  std::string& log = *log_out;
  std::vector<float> g2(buckets * k, 0.0f), bias_g2(k, 0.0f);
  std::mt19937 rng(seed);
  std::vector<uint32_t> features;
  std::vector<float> scores(k), grad(k);
  constexpr float kEps = 1e-6f;
  for (int epoch = 0; epoch < o.epochs; ++epoch) {
    double loss = 0;
    size_t correct = 0, n = 0;
    // Labels in a shuffled round-robin: each label is drawn equally often.
    std::vector<uint32_t> order;
    order.reserve(o.draws_per_label * k);
    for (size_t d = 0; d < o.draws_per_label; ++d) {
      for (size_t j = 0; j < k; ++j) order.push_back(static_cast<uint32_t>(j));
    }
    std::shuffle(order.begin(), order.end(), rng);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (uint32_t j : order) {
      const LabelData& ld = labels[j];
      double u = unit(rng);
      size_t s = std::lower_bound(ld.cumulative_share.begin(), ld.cumulative_share.end(), u) -
                 ld.cumulative_share.begin();
      if (s >= ld.by_source.size()) s = ld.by_source.size() - 1;
      const auto& pool = ld.by_source[s];
      const LangIdSample* ex = pool[std::uniform_int_distribution<size_t>(0, pool.size() - 1)(rng)];
      std::string_view text = ex->text;
      if (unit(rng) < o.fragment_share) text = RandomWords(text, 12, rng);
      features.clear();
      ExtractLangIdFeatures(text, o.features, cues, &features);
      if (features.empty()) continue;
      for (size_t c = 0; c < k; ++c) scores[c] = bias[c];
      for (uint32_t f : features) {
        const float* row = &w[size_t{f} * k];
        for (size_t c = 0; c < k; ++c) scores[c] += row[c];
      }
      float mx = *std::max_element(scores.begin(), scores.end());
      double z = 0;
      for (size_t c = 0; c < k; ++c) z += std::exp(double(scores[c] - mx));
      size_t best = std::max_element(scores.begin(), scores.end()) - scores.begin();
      correct += best == j;
      ++n;
      loss += -(double(scores[j] - mx) - std::log(z));
      for (size_t c = 0; c < k; ++c) {
        grad[c] = static_cast<float>(std::exp(double(scores[c] - mx)) / z) - (c == j ? 1.0f : 0.0f);
      }
      for (uint32_t f : features) {
        float* row = &w[size_t{f} * k];
        float* rg = &g2[size_t{f} * k];
        for (size_t c = 0; c < k; ++c) {
          float gc = grad[c] + o.l2 * row[c];  // L2, applied where the example has features
          rg[c] += gc * gc;
          row[c] -= o.learning_rate * gc / std::sqrt(rg[c] + kEps);
        }
      }
      for (size_t c = 0; c < k; ++c) {
        bias_g2[c] += grad[c] * grad[c];
        bias[c] -= o.learning_rate * grad[c] / std::sqrt(bias_g2[c] + kEps);
      }
    }
    char line[160];
    std::snprintf(line, sizeof line, "  %s epoch %d: loss %.4f, training accuracy %.4f\n",
                  spec.name.c_str(), epoch + 1, n ? loss / n : 0.0, n ? double(correct) / n : 0.0);
    log += line;
  }

}

// Multinomial naive Bayes: per label, the smoothed log-probability of each feature bucket,
// with each label's sources weighted by their shares; centred per bucket over the labels (the
// argmax is unchanged and the int8 scale is spent on differences).
void TrainNaiveBayes(const std::vector<LabelData>& labels, const LangIdTrainOptions& o,
                     const LangIdCues* cues, std::vector<float>* w_out, std::string* log_out) {
  const size_t k = labels.size();
  const size_t buckets = size_t{1} << o.features.hash_bits;
  std::vector<double> counts(buckets * k, 0.0);
  std::vector<uint32_t> features;
  for (size_t j = 0; j < k; ++j) {
    const LabelData& ld = labels[j];
    double prev = 0;
    for (size_t s = 0; s < ld.by_source.size(); ++s) {
      double share = ld.cumulative_share[s] - prev;
      prev = ld.cumulative_share[s];
      // Each source contributes `share` of the label's mass, whatever its size.
      double total = 0;
      std::vector<uint32_t> all;
      for (const LangIdSample* ex : ld.by_source[s]) {
        features.clear();
        ExtractLangIdFeatures(ex->text, o.features, cues, &features);
        all.insert(all.end(), features.begin(), features.end());
      }
      total = static_cast<double>(all.size());
      if (total == 0) continue;
      double unit = share * 1e6 / total;  // a label's mass is 1e6 feature occurrences
      for (uint32_t f : all) counts[size_t{f} * k + j] += unit;
    }
  }
  std::vector<double> totals(k, 0.0);
  for (size_t b = 0; b < buckets; ++b) {
    for (size_t j = 0; j < k; ++j) totals[j] += counts[b * k + j];
  }
  std::vector<float>& w = *w_out;
  const double alpha = o.nb_alpha;
  for (size_t b = 0; b < buckets; ++b) {
    double mean = 0;
    double lp[32];
    for (size_t j = 0; j < k; ++j) {
      lp[j] = std::log((counts[b * k + j] + alpha) / (totals[j] + alpha * buckets));
      mean += lp[j];
    }
    mean /= k;
    for (size_t j = 0; j < k; ++j) w[b * k + j] = static_cast<float>(lp[j] - mean);
  }
  char line[96];
  std::snprintf(line, sizeof line, "  naive Bayes, alpha %.3g\n", alpha);
  *log_out += line;
}

GroupResult TrainGroup(const std::vector<LangIdSample>& train, const LangIdGroupSpec& spec,
                       const LangIdTrainOptions& o, const LangIdCues* cues, uint32_t seed) {
  GroupResult r;
  r.group.name = spec.name;
  r.group.script = spec.script;
  r.group.labels = spec.labels;
  const size_t k = spec.labels.size();
  for (size_t j = 0; j < k; ++j) {
    std::u32string a;
    if (j < spec.alphabets.size()) {
      const std::string& utf = spec.alphabets[j];
      for (size_t p = 0; p < utf.size();) a.push_back(utf8::Next(utf, &p));
      std::sort(a.begin(), a.end());
    }
    r.group.alphabets.push_back(std::move(a));
    r.group.cld2_bonus.push_back(j < spec.cld2_bonus.size() ? spec.cld2_bonus[j] : 0.0f);
  }
  std::vector<LabelData> labels(k);
  std::string& log = r.log;
  for (const auto& s : train) {
    if (s.script != spec.script) continue;
    auto it = std::find_if(spec.labels.begin(), spec.labels.end(),
                           [&](const std::string& l) { return LangIdLabelCovers(l, s.lang); });
    if (it == spec.labels.end()) continue;
    LabelData& ld = labels[it - spec.labels.begin()];
    auto src = std::find(ld.sources.begin(), ld.sources.end(), s.source);
    if (src == ld.sources.end()) {
      ld.sources.push_back(s.source);
      ld.by_source.emplace_back();
      src = ld.sources.end() - 1;
    }
    ld.by_source[src - ld.sources.begin()].push_back(&s);
  }
  if (o.max_per_source > 0) {
    // Evenly spaced examples: a big corpus keeps its spread but not its weight of vocabulary.
    for (auto& ld : labels) {
      for (auto& pool : ld.by_source) {
        if (pool.size() <= o.max_per_source) continue;
        std::vector<const LangIdSample*> kept;
        for (size_t i = 0; i < o.max_per_source; ++i) kept.push_back(pool[i * pool.size() / o.max_per_source]);
        pool = std::move(kept);
      }
    }
  }
  for (size_t j = 0; j < k; ++j) {
    LabelData& ld = labels[j];
    if (ld.sources.empty()) {
      r.status = Status::NotFound("group " + spec.name + ": no training text for " +
                                  spec.labels[j] + " (" + spec.script + ")");
      return r;
    }
    double total = 0;
    for (const auto& s : ld.sources) {
      auto it = o.source_share.find(s);
      total += it == o.source_share.end() ? 1.0 : it->second;
    }
    double acc = 0;
    log += "  " + spec.name + "/" + spec.labels[j] + ":";
    for (size_t s = 0; s < ld.sources.size(); ++s) {
      auto it = o.source_share.find(ld.sources[s]);
      acc += (it == o.source_share.end() ? 1.0 : it->second) / total;
      ld.cumulative_share.push_back(acc);
      log += " " + ld.sources[s] + "=" + std::to_string(ld.by_source[s].size());
    }
    log += "\n";
  }

  const size_t buckets = size_t{1} << o.features.hash_bits;
  std::vector<float> w(buckets * k, 0.0f);
  std::vector<float> bias(k, 0.0f);
  if (o.method == LangIdTrainOptions::Method::kNaiveBayes) {
    TrainNaiveBayes(labels, o, cues, &w, &log);
  } else {
    TrainLogistic(labels, spec, o, cues, seed, &w, &bias, &log);
  }

  // int8 with one scale: the scale puts the 99.99th percentile of |w| at 127 (the rare larger
  // weights are clipped); weights too small for one step round to zero.
  std::vector<float> mags;
  mags.reserve(w.size());
  for (float x : w) {
    if (x != 0) mags.push_back(std::fabs(x));
  }
  float top = 1;
  if (!mags.empty()) {
    size_t at = std::min(mags.size() - 1, static_cast<size_t>(mags.size() * 0.9999));
    std::nth_element(mags.begin(), mags.begin() + at, mags.end());
    top = std::max(mags[at], 1e-6f);
  }
  r.group.scale = top / 127.0f;
  r.group.weights.resize(w.size());
  size_t nonzero = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    float q = std::round(w[i] / r.group.scale);
    q = std::clamp(q, -127.0f, 127.0f);
    r.group.weights[i] = static_cast<int8_t>(q);
    nonzero += q != 0;
  }
  r.group.bias = bias;
  char line[160];
  std::snprintf(line, sizeof line, "  %s: scale %.5f, %zu of %zu weights non-zero\n",
                spec.name.c_str(), r.group.scale, nonzero, w.size());
  log += line;
  return r;
}

}  // namespace

Result<std::unique_ptr<LangIdModel>> TrainLangIdModel(const std::vector<LangIdSample>& train,
                                                      const std::vector<LangIdGroupSpec>& groups,
                                                      const LangIdTrainOptions& o,
                                                      LangIdCues cues,
                                                      const std::string& data_description,
                                                      const std::string& command,
                                                      std::ostream* log) {
  if (groups.empty()) return Status::InvalidArgument("no groups to train");
  std::vector<GroupResult> results(groups.size());
  std::vector<std::thread> pool;
  size_t next = 0;
  std::mutex mu;
  auto worker = [&] {
    while (true) {
      size_t i;
      {
        std::lock_guard<std::mutex> lock(mu);
        if (next >= groups.size()) return;
        i = next++;
      }
      results[i] = TrainGroup(train, groups[i], o, cues.empty() ? nullptr : &cues,
                              o.seed + static_cast<uint32_t>(i) * 7919u);
    }
  };
  int threads = std::max(1, std::min<int>(o.threads, static_cast<int>(groups.size())));
  for (int t = 0; t < threads; ++t) pool.emplace_back(worker);
  for (auto& t : pool) t.join();
  std::vector<LangIdModel::Group> out;
  for (auto& r : results) {
    if (log) *log << r.log;
    if (!r.status.ok()) return r.status;
    out.push_back(std::move(r.group));
  }
  auto model = std::make_unique<LangIdModel>(o.features, std::move(cues), std::move(out),
                                             data_description, TrainingDate(), command);
  Status st = model->Validate();
  if (!st.ok()) return st;
  return model;
}

}  // namespace vestnik::text::train

namespace vestnik::text::train {

Status LoadLangIdCues(const std::filesystem::path& path, LangIdCues* cues) {
  auto rows = ReadTsv(path, 2, 2);
  if (!rows.ok()) return rows.status();
  if (rows->empty() && !std::filesystem::exists(path)) {
    return Status::NotFound(path.string() + ": no cue file");
  }
  for (const auto& row : *rows) {
    Status st = cues->Add(row.cols[0], row.cols[1]);
    if (!st.ok()) return Status::InvalidArgument(path.string() + ":" + std::to_string(row.line) + ": " + st.message());
  }
  return Status::Ok();
}

Status AddLearnedYatCues(const std::vector<LangIdSample>& train, LangIdCues* cues) {
  std::vector<std::string_view> ek, ij;
  for (const auto& s : train) {
    if (s.script != "Latn") continue;
    if (s.lang == "sr") ek.push_back(s.text);
    if (s.lang == "hr" || s.lang == "bs") ij.push_back(s.text);
  }
  if (ek.empty() || ij.empty()) return Status::Ok();
  YatMap yat = YatMap::Learn(ek, ij);
  for (const auto& [e, i] : yat.pairs()) {
    Status st = cues->Add("ekavian", e);
    if (st.ok()) st = cues->Add("ijekavian", i);
    if (!st.ok()) return st;
  }
  return Status::Ok();
}

int RunLangIdTrain(const LangIdTrainArgs& args) {
  namespace fs = std::filesystem;
  fs::path data = args.data_root.empty() ? fs::path("../shared/data") : fs::path(args.data_root);
  fs::path out = args.out.empty() ? Resources::DefaultRoot() / "models" / "langid.model"
                                  : fs::path(args.out);
  LangIdTrainOptions o;
  if (args.epochs > 0) o.epochs = args.epochs;
  if (args.hash_bits > 0) o.features.hash_bits = static_cast<uint32_t>(args.hash_bits);
  if (args.max_n > 0) o.features.max_n = static_cast<uint32_t>(args.max_n);
  o.threads = std::max(1, args.threads);
  auto groups = DefaultLangIdGroups();
  if (!args.groups.empty()) {
    std::erase_if(groups, [&](const LangIdGroupSpec& g) {
      return std::find(args.groups.begin(), args.groups.end(), g.name) == args.groups.end();
    });
    if (groups.empty()) {
      std::cerr << "vestnik: error: no such group (cyrillic, bcms, czsk)\n";
      return 2;
    }
  }
  if (args.draws > 0) o.draws_per_label = static_cast<size_t>(args.draws);
  if (args.fragments >= 0) o.fragment_share = args.fragments;
  if (args.method == "nb") o.method = LangIdTrainOptions::Method::kNaiveBayes;
  else if (!args.method.empty() && args.method != "lr") {
    std::cerr << "vestnik: error: --method is lr or nb\n";
    return 2;
  }
  if (args.alpha > 0) o.nb_alpha = args.alpha;
  if (args.l2 >= 0) o.l2 = args.l2;
  if (args.max_per_source >= 0) o.max_per_source = static_cast<size_t>(args.max_per_source);
  for (const auto& kv : args.shares) {
    size_t eq = kv.find('=');
    if (eq == std::string::npos) {
      std::cerr << "vestnik: error: --share wants SOURCE=SHARE, not " << kv << "\n";
      return 2;
    }
    o.source_share[kv.substr(0, eq)] = std::strtof(kv.c_str() + eq + 1, nullptr);
  }
  LangIdCorpusOptions co;
  co.data_root = data;
  co.vestnik_root = Resources::DefaultRoot();
  co.load_test = false;
  co.split.exclude_fold = args.exclude_fold;
  for (const auto& g : groups) {
    for (const auto& l : g.labels) co.train_langs.push_back(l);
  }
  auto t0 = std::chrono::steady_clock::now();
  auto corpus = LoadLangIdCorpus(co);
  if (!corpus.ok()) {
    std::cerr << "vestnik: error: " << corpus.status().message() << "\n";
    return corpus.status().code() == Status::Code::kNotFound ? 77 : 2;
  }
  for (const auto& note : corpus->notes) std::cerr << "vestnik: warning: " << note << "\n";
  std::cerr << "training texts: " << corpus->train.size() << "\n";
  LangIdCues cues;
  if (args.cues != "none") {
    fs::path cue_path = args.cues.empty() ? Resources::DefaultRoot() / "models" / "langid.cues.tsv"
                                          : fs::path(args.cues);
    Status st = LoadLangIdCues(cue_path, &cues);
    if (!st.ok()) {
      std::cerr << "vestnik: error: " << st.message() << "\n";
      return 2;
    }
    size_t listed = cues.size();
    st = AddLearnedYatCues(corpus->train, &cues);
    if (!st.ok()) {
      std::cerr << "vestnik: error: " << st.message() << "\n";
      return 1;
    }
    std::cerr << "cues: " << listed << " listed in " << cue_path.string() << ", "
              << cues.size() - listed << " ekavian/ijekavian words learnt\n";
  }
  std::string description =
      "../shared/data folds != " + std::to_string(co.split.test_fold) + " (i mod " +
      std::to_string(co.split.folds) + ")" +
      (args.exclude_fold >= 0 ? " and != " + std::to_string(args.exclude_fold) : std::string()) +
      ": DSL 2014+2017 test sets (bs hr sr cz sk), lingua word lists, SlavicNER raw (bg ru uk "
      "cs), serbian-news-alo (sr, also transliterated to Cyrillic), UD dev (bg ru sr)";
  auto model = TrainLangIdModel(corpus->train, groups, o, std::move(cues), description,
                                args.command, &std::cerr);
  if (!model.ok()) {
    std::cerr << "vestnik: error: " << model.status().message() << "\n";
    return 1;
  }
  std::string bytes = (*model)->Serialize();
  std::error_code ec;
  if (out.has_parent_path()) fs::create_directories(out.parent_path(), ec);
  std::ofstream f(out, std::ios::binary | std::ios::trunc);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  f.close();
  if (!f) {
    std::cerr << "vestnik: error: " << out.string() << ": cannot write\n";
    return 1;
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cerr << "wrote " << out.string() << " (" << bytes.size() << " bytes) in " << secs
            << " s\n";
  return 0;
}

}  // namespace vestnik::text::train
