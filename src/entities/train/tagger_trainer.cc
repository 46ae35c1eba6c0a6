#include "entities/train/tagger_trainer.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace vestnik::entities::train {

void TrainPerceptron(const std::vector<TrainDoc>& docs, const std::vector<uint64_t>& keys,
                     const PerceptronOptions& options, NerModelData* data) {
  constexpr int L = kNumLabels;
  const size_t nf = keys.size();
  constexpr size_t kTrans = static_cast<size_t>(L + 1) * L;
  // w: current weights; u: sum of (time × update), so that the average is w - u / time.
  std::vector<float> w(nf * L, 0.0f), tw(kTrans, 0.0f);
  std::vector<double> u(nf * L, 0.0), tu(kTrans, 0.0);
  double time = 1;

  std::vector<std::pair<uint32_t, uint32_t>> order;  // (doc, sequence)
  for (uint32_t d = 0; d < docs.size(); ++d) {
    for (uint32_t s = 0; s < docs[d].sequences.size(); ++s) order.emplace_back(d, s);
  }
  std::mt19937_64 rng(options.seed);
  std::vector<float> emissions, scratch;
  std::vector<int> back;
  std::vector<uint8_t> pred;

  // Dropout decisions: a hash of (epoch, document, feature position), so that scoring and
  // update agree and runs repeat exactly.
  const uint64_t threshold = static_cast<uint64_t>(options.dropout * 18446744073709551615.0);
  uint64_t epoch_salt = 0;
  auto dropped = [&](uint32_t d, uint32_t f) {
    return threshold && Mix64(epoch_salt ^ (static_cast<uint64_t>(d) << 32 | f)) < threshold;
  };
  uint32_t current_doc = 0;
  auto update = [&](const TrainDoc& doc, uint32_t tok, int label, float delta) {
    for (uint32_t f = doc.offsets[tok]; f < doc.offsets[tok + 1]; ++f) {
      if (dropped(current_doc, f)) continue;
      size_t k = static_cast<size_t>(doc.feats[f]) * L + label;
      w[k] += delta;
      u[k] += time * delta;
    }
  };
  auto update_transition = [&](int prev, int cur, float delta) {
    size_t k = static_cast<size_t>(prev + 1) * L + cur;
    tw[k] += delta;
    tu[k] += time * delta;
  };

  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    // Fisher-Yates with our own generator: the same order on every platform.
    for (size_t i = order.size(); i > 1; --i) {
      size_t j = static_cast<size_t>(rng() % i);
      std::swap(order[i - 1], order[j]);
    }
    size_t wrong = 0, total = 0;
    epoch_salt = Mix64(options.seed + static_cast<uint64_t>(epoch) * 0x9E3779B97F4A7C15ULL);
    for (const auto& [d, s] : order) {
      const TrainDoc& doc = docs[d];
      current_doc = d;
      auto [begin, end] = doc.sequences[s];
      uint32_t n = end - begin;
      emissions.assign(static_cast<size_t>(n) * L, 0.0f);
      for (uint32_t i = 0; i < n; ++i) {
        float* em = emissions.data() + static_cast<size_t>(i) * L;
        for (uint32_t f = doc.offsets[begin + i]; f < doc.offsets[begin + i + 1]; ++f) {
          if (dropped(d, f)) continue;
          const float* row = w.data() + static_cast<size_t>(doc.feats[f]) * L;
          for (int l = 0; l < L; ++l) em[l] += row[l];
        }
      }
      ViterbiDecode(emissions.data(), n, tw.data(), &scratch, &back, &pred);
      total += n;
      for (uint32_t i = 0; i < n; ++i) {
        int g = doc.gold[begin + i], p = pred[i];
        if (g != p) {
          ++wrong;
          update(doc, begin + i, g, 1.0f);
          update(doc, begin + i, p, -1.0f);
        }
        int gp = i == 0 ? -1 : doc.gold[begin + i - 1];
        int pp = i == 0 ? -1 : pred[i - 1];
        if (gp != pp || g != p) {
          update_transition(gp, g, 1.0f);
          update_transition(pp, p, -1.0f);
        }
      }
      time += 1;
    }
    if (options.progress) options.progress(epoch, total ? static_cast<double>(wrong) / total : 0);
  }

  // Averages, pruning, 16-bit quantisation.
  std::vector<float> avg(nf * L);
  float max_abs = 0;
  for (size_t k = 0; k < avg.size(); ++k) {
    avg[k] = static_cast<float>(w[k] - u[k] / time);
    max_abs = std::max(max_abs, std::fabs(avg[k]));
  }
  data->scale = max_abs > 0 ? max_abs / 32767.0f : 1.0f;
  std::vector<uint32_t> ids(nf);
  std::iota(ids.begin(), ids.end(), 0);
  std::sort(ids.begin(), ids.end(), [&](uint32_t a, uint32_t b) { return keys[a] < keys[b]; });
  data->keys.clear();
  data->row_end.clear();
  data->entry_labels.clear();
  data->entry_weights.clear();
  for (uint32_t id : ids) {
    size_t before = data->entry_labels.size();
    for (int l = 0; l < L; ++l) {
      float v = avg[static_cast<size_t>(id) * L + l];
      if (std::fabs(v) <= options.prune) continue;
      long q = std::lround(v / data->scale);
      if (q == 0) continue;
      data->entry_labels.push_back(static_cast<uint8_t>(l));
      data->entry_weights.push_back(static_cast<int16_t>(std::clamp(q, -32767L, 32767L)));
    }
    if (data->entry_labels.size() == before) continue;
    data->keys.push_back(keys[id]);
    data->row_end.push_back(static_cast<uint32_t>(data->entry_labels.size()));
  }
  data->transitions.assign(kTrans, 0.0f);
  for (size_t k = 0; k < kTrans; ++k) data->transitions[k] = static_cast<float>(tw[k] - tu[k] / time);
}

}  // namespace vestnik::entities::train
