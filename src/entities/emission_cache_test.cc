#include "entities/emission_cache.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <random>
#include <set>

#include "core/resources.h"
#include "core/utf8.h"
#include "entities/kb.h"
#include "text/normalize.h"
#include "text/segment.h"

namespace vestnik::entities {
namespace {

// Words of every kind the features treat apart: knowledge-base names (exact and inflected),
// titles, cue verbs, entity keywords, function words, quotation marks, numbers, hyphens, dots,
// capitals, Latin and Cyrillic.
// clang-format off
const char* const kVocabulary[] = {
    "Косово", "Косова", "Сърбия", "Сърбията", "София", "Бойко", "Борисов", "Борисова",
    "президентът", "президент", "каза", "казаха", "партията", "партия", "в", "на", "и", "че",
    "НАТО", "ЕС", "COVID-19", "д-р", "т.е.", "2021", "15", "„", "“", "\"", "«", "»", "(", ")",
    ",", ".", "-", "—", "Trump", "Trumpa", "Brexit", "Ryanair", "напусна", "министър",
    "министърът", "Радев", "Радева", "остава", "неутрална", "Европейския", "съюз", "Съюз",
    "www.example.com", "@Ryanair", "#Brexit", "Ще", "А", "заяви", "днес", "Вучич", "Вучича"};
// clang-format on

std::string RandomText(std::mt19937* rng) {
  const size_t vocabulary = sizeof kVocabulary / sizeof kVocabulary[0];
  std::uniform_int_distribution<size_t> word(0, vocabulary - 1);
  std::uniform_int_distribution<int> length(1, 160), percent(0, 99);
  int n = length(*rng);
  std::string text;
  for (int i = 0; i < n; ++i) {
    if (i > 0) {
      int p = percent(*rng);
      text += p < 3 ? "\n\n" : p < 6 ? "\n" : p < 12 ? ". " : " ";
    }
    std::string w = kVocabulary[word(*rng)];
    if (percent(*rng) < 5) w = utf8::FoldCase(w);
    text += w;
  }
  return text;
}

Document Prepared(const std::string& body, const LangResources& lr) {
  Document d;
  d.body = body;
  d.lang = lr.code;
  text::Normalize(d.body, &d.norm_text, &d.norm_map);
  text::Tokenize(lr, &d);
  text::SplitSentences(lr, &d);
  return d;
}

// A model over the features of `docs`: each feature kept with probability 3/4 and given a
// random row (short rows inline, long ones dense, some with a repeated label), random
// transitions, and word statistics for some words.
std::unique_ptr<NerModel> RandomModel(const std::vector<Document>& docs, const LangResources& lr,
                                      const FeatureExtractor& fx, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> percent(0, 99), label(0, kNumLabels - 1);
  std::uniform_int_distribution<int> weight(-32767, 32767);
  NerModelData d;
  d.lang = "bg";
  d.scale = 0.000123f;
  for (const Document& doc : docs) {
    for (const Token& t : doc.tokens) {
      if (percent(rng) < 30) {
        d.stats.words.Insert(HashBytes(doc.Folded(t)),
                             WordStats::Entry{static_cast<uint8_t>(1 + percent(rng) % 5),
                                              static_cast<uint16_t>(percent(rng) % 3)});
      }
    }
  }
  std::set<uint64_t> keys;
  for (const Document& doc : docs) {
    std::vector<uint64_t> feats;
    std::vector<uint32_t> offsets;
    fx.Extract(doc, lr, &d.stats, &feats, &offsets);
    for (uint64_t f : feats) {
      if (percent(rng) < 75) keys.insert(f);
    }
  }
  for (uint64_t k : keys) {
    d.keys.push_back(k);
    int p = percent(rng);
    int n = p < 60 ? 1 + p % 7 : p < 90 ? kNumLabels : 8 + p % 10;
    std::vector<int> labels(kNumLabels);
    for (int l = 0; l < kNumLabels; ++l) labels[l] = l;
    std::shuffle(labels.begin(), labels.end(), rng);
    if (percent(rng) < 3) labels[1] = labels[0];  // a repeated label: a row kept as pairs
    for (int e = 0; e < n; ++e) {
      d.entry_labels.push_back(static_cast<uint8_t>(labels[e]));
      d.entry_weights.push_back(static_cast<int16_t>(weight(rng)));
    }
    d.row_end.push_back(static_cast<uint32_t>(d.entry_labels.size()));
  }
  d.transitions.resize(static_cast<size_t>(kNumLabels + 1) * kNumLabels);
  std::uniform_real_distribution<float> transition(-2.0f, 2.0f);
  for (float& t : d.transitions) t = transition(rng);
  return std::make_unique<NerModel>(std::move(d));
}

class EmissionCacheTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto r = Resources::Load(Resources::DefaultRoot());
    ASSERT_TRUE(r.ok()) << r.status().message();
    resources_ = r.value().release();
    auto kb = KnowledgeBase::Load(Resources::DefaultRoot() / "data" / "kb" / "entities.tsv");
    ASSERT_TRUE(kb.ok()) << kb.status().message();
    features_ = new FeatureExtractor(&*kb);
  }
  static void TearDownTestSuite() {
    delete features_;
    delete resources_;
  }
  const LangResources& lr() const { return resources_->Lang("bg"); }

  // Expects the cache's sums and labels for `doc` to be those of NerModel over Extract.
  void ExpectSameAsTag(const NerModel& model, const Document& doc, EmissionCache* cache) {
    const uint32_t n = static_cast<uint32_t>(doc.tokens.size());
    std::vector<uint64_t> feats;
    std::vector<uint32_t> offsets;
    features_->Extract(doc, lr(), &model.stats(), &feats, &offsets);
    NerModel::Scratch scratch;
    std::vector<int32_t> want(static_cast<size_t>(n) * NerModel::kSumLanes, 0);
    if (n > 0) model.AddWeights(feats.data(), offsets.data(), n, want.data(), &scratch);
    cache->Score(model, *features_, lr(), doc);
    ASSERT_EQ(cache->sums(), want);
    std::vector<uint8_t> got_labels, want_labels;
    for (const Sentence& s : doc.sentences) {
      if (s.end_token <= s.first_token) continue;
      model.Tag(feats, offsets, s.first_token, s.end_token, &scratch, &want_labels);
      cache->Decode(model, s.first_token, s.end_token, &got_labels);
      EXPECT_EQ(got_labels, want_labels);
    }
  }

  static Resources* resources_;
  static FeatureExtractor* features_;
};
Resources* EmissionCacheTest::resources_ = nullptr;
FeatureExtractor* EmissionCacheTest::features_ = nullptr;

std::vector<Document> RandomDocuments(const LangResources& lr, int count, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<Document> docs;
  for (int i = 0; i < count; ++i) docs.push_back(Prepared(RandomText(&rng), lr));
  docs.push_back(Prepared("", lr));
  docs.push_back(Prepared("Косово", lr));
  docs.push_back(Prepared("„Косово“ и", lr));
  return docs;
}

TEST_F(EmissionCacheTest, SameSumsAndLabelsAsTheTaggerOnRandomDocuments) {
  std::vector<Document> docs = RandomDocuments(lr(), 60, 7);
  auto model = RandomModel(docs, lr(), *features_, 11);
  EmissionCache cache;
  for (int round = 0; round < 2; ++round) {
    for (const Document& doc : docs) ExpectSameAsTag(*model, doc, &cache);
  }
  EXPECT_GT(cache.hits(), cache.misses()) << "the second round finds every word type";
  EXPECT_GT(cache.pattern_hits(), 0u);
}

TEST_F(EmissionCacheTest, EvictionKeepsTheSums) {
  std::vector<Document> docs = RandomDocuments(lr(), 30, 13);
  auto model = RandomModel(docs, lr(), *features_, 17);
  EmissionCache small(16);  // far fewer entries than word types: entries replace each other
  for (int round = 0; round < 2; ++round) {
    for (const Document& doc : docs) ExpectSameAsTag(*model, doc, &small);
  }
  EXPECT_GT(small.misses(), 16u * 2);

  // With room for every type, a document scored again is all hits.
  EmissionCache large;
  large.Score(*model, *features_, lr(), docs[0]);
  size_t misses = large.misses();
  large.Score(*model, *features_, lr(), docs[0]);
  EXPECT_EQ(large.misses(), misses);
  EXPECT_EQ(large.hits() + large.misses(), 2 * docs[0].tokens.size());
  // Context patterns: one look-up per token; the second time, the patterns not evicted by
  // another of the same document (direct-mapped) are found.
  EXPECT_EQ(large.pattern_hits() + large.pattern_misses(), 2 * docs[0].tokens.size());
  EXPECT_GE(large.pattern_hits(), docs[0].tokens.size() / 2);
  EXPECT_LT(small.memory_bytes(), large.memory_bytes());
}

TEST_F(EmissionCacheTest, ModelsDoNotShareEntries) {
  std::vector<Document> docs = RandomDocuments(lr(), 20, 19);
  auto a = RandomModel(docs, lr(), *features_, 23);
  auto b = RandomModel(docs, lr(), *features_, 29);
  EmissionCache cache;
  for (const Document& doc : docs) {
    ExpectSameAsTag(*a, doc, &cache);
    ExpectSameAsTag(*b, doc, &cache);
  }
}

TEST_F(EmissionCacheTest, SameAsTheTaggerWithTheShippedModel) {
  auto model = NerModel::Load(Resources::DefaultRoot() / "models" / "ner-bg.model");
  if (!model.ok()) GTEST_SKIP() << model.status().message();
  EmissionCache cache;
  for (const Document& doc : RandomDocuments(lr(), 40, 31)) ExpectSameAsTag(**model, doc, &cache);
  Document d = Prepared(
      "Президентът Румен Радев каза, че „България остава в НАТО“.\n\nБойко Борисов "
      "заяви днес в София, че Косово и Сърбия трябва да се разберат.",
      lr());
  ExpectSameAsTag(**model, d, &cache);
}

}  // namespace
}  // namespace vestnik::entities
