#include "entities/ner_model.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "core/byte_io.h"

namespace vestnik::entities {
namespace {

namespace fs = std::filesystem;

TEST(NerLabels, NamesAndParts) {
  EXPECT_EQ(LabelName(0), "O");
  EXPECT_EQ(LabelName(LabelOf(EntityType::kPer, 0)), "B-PER");
  EXPECT_EQ(LabelName(LabelOf(EntityType::kPro, 3)), "U-PRO");
  EXPECT_EQ(LabelName(kNumLabels - 1), "U-PRO");
  EXPECT_EQ(TypeOf(LabelOf(EntityType::kEvt, 2)), EntityType::kEvt);
}

TEST(NerLabels, TransitionsFollowBilou) {
  int b_per = LabelOf(EntityType::kPer, 0), i_per = LabelOf(EntityType::kPer, 1);
  int l_per = LabelOf(EntityType::kPer, 2), u_loc = LabelOf(EntityType::kLoc, 3);
  int l_loc = LabelOf(EntityType::kLoc, 2);
  EXPECT_TRUE(AllowedTransition(-1, b_per));
  EXPECT_FALSE(AllowedTransition(-1, i_per));
  EXPECT_TRUE(AllowedTransition(b_per, i_per));
  EXPECT_TRUE(AllowedTransition(b_per, l_per));
  EXPECT_FALSE(AllowedTransition(b_per, l_loc));
  EXPECT_FALSE(AllowedTransition(b_per, 0));
  EXPECT_FALSE(AllowedTransition(b_per, -1));
  EXPECT_TRUE(AllowedTransition(l_per, u_loc));
  EXPECT_TRUE(AllowedTransition(u_loc, -1));
}

TEST(NerLabels, SpansOfLabels) {
  std::vector<uint8_t> labels = {0, static_cast<uint8_t>(LabelOf(EntityType::kPer, 0)),
                                 static_cast<uint8_t>(LabelOf(EntityType::kPer, 2)), 0,
                                 static_cast<uint8_t>(LabelOf(EntityType::kLoc, 3))};
  auto spans = SpansOf(labels, 10);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0].first, 11u);
  EXPECT_EQ(spans[0].end, 13u);
  EXPECT_EQ(spans[0].type, EntityType::kPer);
  EXPECT_EQ(spans[1].first, 14u);
  EXPECT_EQ(spans[1].type, EntityType::kLoc);
}

TEST(Viterbi, NeverProducesAnInvalidSequence) {
  // Emissions that favour I-PER everywhere: the decoder must still open and close the span.
  const uint32_t n = 4;
  std::vector<float> em(n * kNumLabels, 0.0f), tr((kNumLabels + 1) * kNumLabels, 0.0f);
  for (uint32_t i = 0; i < n; ++i) em[i * kNumLabels + LabelOf(EntityType::kPer, 1)] = 5.0f;
  std::vector<float> scratch;
  std::vector<int> back;
  std::vector<uint8_t> labels;
  ViterbiDecode(em.data(), n, tr.data(), &scratch, &back, &labels);
  ASSERT_EQ(labels.size(), n);
  for (uint32_t i = 0; i < n; ++i) {
    EXPECT_TRUE(AllowedTransition(i ? labels[i - 1] : -1, labels[i])) << i;
  }
  EXPECT_TRUE(AllowedTransition(labels[n - 1], -1));
}

// The decoder as first written: every allowed predecessor of every label, one at a time.
std::vector<uint8_t> NaiveViterbi(const std::vector<float>& em, uint32_t n,
                                  const std::vector<float>& tr) {
  constexpr int L = kNumLabels;
  constexpr float kNone = -1e30f;
  std::vector<float> score(n * L, kNone);
  std::vector<int> back(n * L, 0);
  for (int c = 0; c < L; ++c) {
    if (AllowedTransition(-1, c)) score[c] = tr[c] + em[c];
  }
  for (uint32_t i = 1; i < n; ++i) {
    for (int c = 0; c < L; ++c) {
      float best = kNone;
      int arg = 0;
      for (int p = 0; p < L; ++p) {
        if (!AllowedTransition(p, c)) continue;
        float s = score[(i - 1) * L + p] + tr[(p + 1) * L + c];
        if (s > best) best = s, arg = p;
      }
      if (best > kNone / 2) score[i * L + c] = best + em[i * L + c];
      back[i * L + c] = arg;
    }
  }
  float best = kNone;
  int arg = 0;
  for (int c = 0; c < L; ++c) {
    if (AllowedTransition(c, -1) && score[(n - 1) * L + c] > best) {
      best = score[(n - 1) * L + c], arg = c;
    }
  }
  std::vector<uint8_t> labels(n);
  for (uint32_t i = n; i-- > 0;) {
    labels[i] = static_cast<uint8_t>(arg);
    if (i > 0) arg = back[i * L + arg];
  }
  return labels;
}

TEST(Viterbi, SameLabelsAsTheNaiveDecoder) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> real(-4.0f, 4.0f);
  std::uniform_int_distribution<int> small(-2, 2);  // many equal scores: ties must break alike
  std::vector<float> scratch;
  std::vector<int> back;
  std::vector<uint8_t> labels;
  for (int round = 0; round < 400; ++round) {
    bool ties = round % 2 == 1;
    uint32_t n = 1 + round % 37;
    std::vector<float> em(n * kNumLabels), tr((kNumLabels + 1) * kNumLabels);
    for (float& x : em) x = ties ? static_cast<float>(small(rng)) : real(rng);
    for (float& x : tr) x = ties ? static_cast<float>(small(rng)) : real(rng);
    ViterbiDecode(em.data(), n, tr.data(), &scratch, &back, &labels);
    EXPECT_EQ(labels, NaiveViterbi(em, n, tr)) << "round " << round;
  }
}

NerModelData TinyModel() {
  NerModelData d;
  d.lang = "xx";
  d.header_json = R"({"lang":"xx","date":"2026-01-01"})";
  d.scale = 0.5f;
  d.keys = {7, 42};
  d.row_end = {1, 3};
  d.entry_labels = {static_cast<uint8_t>(LabelOf(EntityType::kPer, 3)), 0,
                    static_cast<uint8_t>(LabelOf(EntityType::kLoc, 3))};
  d.entry_weights = {100, 10, 200};
  d.transitions.assign((kNumLabels + 1) * kNumLabels, 0.0f);
  d.lemmatizer.rules_ = {LemmaRule{}, LemmaRule{1, ""}};
  d.lemmatizer.suffixes_.Insert(NameLemmatizer::SuffixKey(0, WordPosition::kSingle, 1, ""), 1);
  d.stats.words.Insert(HashBytes("x"), WordStats::Entry{3, 0});
  d.alias_ids = {"per:someone"};
  d.aliases[NerModel::AliasKey(EntityType::kPer, "someone")] = 0;
  return d;
}

class NerModelFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = fs::temp_directory_path() /
            ("vestnik_ner_model_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
             "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".model");
  }
  void TearDown() override { fs::remove(path_); }
  std::string ReadAll() {
    std::ifstream f(path_, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  }
  void WriteAll(const std::string& s) {
    std::ofstream f(path_, std::ios::binary | std::ios::trunc);
    f << s;
  }
  // Rewrites the trailer checksum after a deliberate edit, so that only the edit is detected.
  void FixChecksum(std::string* bytes) {
    std::string_view body(bytes->data(), bytes->size() - 12);
    uint64_t sum = HashBytes(body);
    std::memcpy(bytes->data() + bytes->size() - 8, &sum, 8);
  }
  fs::path path_;
};

TEST_F(NerModelFileTest, RoundTrip) {
  ASSERT_TRUE(NerModel::Save(TinyModel(), path_).ok());
  auto m = NerModel::Load(path_);
  ASSERT_TRUE(m.ok()) << m.status().message();
  const NerModel& model = **m;
  EXPECT_EQ(model.lang(), "xx");
  EXPECT_EQ(model.feature_count(), 2u);
  EXPECT_NE(model.header_json().find("2026-01-01"), std::string::npos);
  ASSERT_NE(model.Alias(EntityType::kPer, "someone"), nullptr);
  EXPECT_EQ(*model.Alias(EntityType::kPer, "someone"), "per:someone");
  EXPECT_EQ(model.Alias(EntityType::kLoc, "someone"), nullptr);
  EXPECT_EQ(model.lemmatizer().LemmatizeWord("Абв", EntityType::kPer, WordPosition::kSingle), "Аб");
  ASSERT_NE(model.stats().Find(HashBytes("x")), nullptr);
  // Token 0 has feature 7 (U-PER), token 1 feature 42 (U-LOC beats O).
  std::vector<uint64_t> feats = {7, 42, 99};
  std::vector<uint32_t> offsets = {0, 1, 3};
  NerModel::Scratch scratch;
  std::vector<uint8_t> labels;
  model.Tag(feats, offsets, 0, 2, &scratch, &labels);
  ASSERT_EQ(labels.size(), 2u);
  EXPECT_EQ(labels[0], LabelOf(EntityType::kPer, 3));
  EXPECT_EQ(labels[1], LabelOf(EntityType::kLoc, 3));
}

TEST_F(NerModelFileTest, RefusesBadMagic) {
  ASSERT_TRUE(NerModel::Save(TinyModel(), path_).ok());
  std::string b = ReadAll();
  b[0] = 'X';
  WriteAll(b);
  auto m = NerModel::Load(path_);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("bad magic"), std::string::npos);
}

TEST_F(NerModelFileTest, RefusesAnotherFormatVersion) {
  ASSERT_TRUE(NerModel::Save(TinyModel(), path_).ok());
  std::string b = ReadAll();
  uint32_t v = NerModel::kFormatVersion + 1;
  std::memcpy(b.data() + 8, &v, 4);
  FixChecksum(&b);
  WriteAll(b);
  auto m = NerModel::Load(path_);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("format version"), std::string::npos);
}

TEST_F(NerModelFileTest, RefusesOtherFeatureTemplates) {
  ASSERT_TRUE(NerModel::Save(TinyModel(), path_).ok());
  std::string b = ReadAll();
  uint64_t h = FeatureTemplateHash() ^ 1;
  std::memcpy(b.data() + 12, &h, 8);
  FixChecksum(&b);
  WriteAll(b);
  auto m = NerModel::Load(path_);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("feature templates"), std::string::npos);
}

TEST_F(NerModelFileTest, RefusesAnotherLabelSet) {
  ASSERT_TRUE(NerModel::Save(TinyModel(), path_).ok());
  std::string b = ReadAll();
  size_t pos = b.find("B-PER");
  ASSERT_NE(pos, std::string::npos);
  b[pos + 2] = 'X';
  FixChecksum(&b);
  WriteAll(b);
  auto m = NerModel::Load(path_);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("label"), std::string::npos);
}

TEST_F(NerModelFileTest, RefusesCorruptionAndTruncation) {
  ASSERT_TRUE(NerModel::Save(TinyModel(), path_).ok());
  std::string good = ReadAll();
  std::string b = good;
  b[b.size() / 2] ^= 0x55;
  WriteAll(b);
  auto m = NerModel::Load(path_);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("checksum"), std::string::npos);
  WriteAll(good.substr(0, good.size() - 20));
  EXPECT_FALSE(NerModel::Load(path_).ok());
  EXPECT_EQ(NerModel::Load(path_.string() + ".missing").status().code(), Status::Code::kNotFound);
}

}  // namespace
}  // namespace vestnik::entities
