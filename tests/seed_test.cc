// The archetype article end to end against its gold file (../shared/seed). Skips with a clear
// message when ../shared is absent.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "eval/quote_scorer.h"
#include "ingest/reader.h"
#include "pipeline/output.h"
#include "pipeline/pipeline.h"

namespace vestnik {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kSeedDir = fs::path(VESTNIK_SOURCE_DIR) / ".." / "shared" / "seed";
const fs::path kSeed = kSeedDir / "000_fe472cf9f28a5c5d.txt";
const fs::path kGold = kSeedDir / "000_fe472cf9f28a5c5d.gold.json";

class SeedTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!fs::exists(kSeed) || !fs::exists(kGold)) return;
    auto p = Pipeline::Create(VESTNIK_SOURCE_DIR);
    ASSERT_TRUE(p.ok()) << p.status().message();
    pipeline_ = std::move(p.value()).release();
    std::ifstream in(kSeed, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    doc_ = new Document(ingest::ParseTextArticle(kSeed.string(), bytes));
    pipeline_->Analyze(doc_);
    std::ifstream g(kGold);
    gold_ = new json(json::parse(g));
    std::string out;
    WriteJson(*doc_, {}, &out);
    pred_ = new json(json::parse(out));
  }
  static void TearDownTestSuite() {
    delete pipeline_;
    delete doc_;
    delete gold_;
    delete pred_;
  }
  void SetUp() override {
    if (!fs::exists(kSeed)) GTEST_SKIP() << "../shared/seed is absent: seed test skipped";
  }
  // The predicted quote matching gold quote `i` by word overlap, or null.
  const json* Match(size_t i) const {
    const json& gq = (*gold_)["quotes"][i];
    const json* best = nullptr;
    double best_f = 0.5;
    for (const json& q : (*pred_)["quotes"]) {
      double f = eval::OverlapF1(gq["text"].get<std::string>(), q["text"].get<std::string>());
      if (f >= best_f) best_f = f, best = &q;
    }
    return best;
  }
  static Pipeline* pipeline_;
  static Document* doc_;
  static json* gold_;
  static json* pred_;
};
Pipeline* SeedTest::pipeline_ = nullptr;
Document* SeedTest::doc_ = nullptr;
json* SeedTest::gold_ = nullptr;
json* SeedTest::pred_ = nullptr;

TEST_F(SeedTest, DateLanguageAndScript) {
  EXPECT_EQ((*pred_)["date"], "2024-08");
  EXPECT_EQ((*pred_)["lang"], "bg");
  EXPECT_EQ((*pred_)["script"], "Cyrl");
}

TEST_F(SeedTest, AllSevenQuotesWithSpeakerCueChannelVia) {
  eval::QuoteScore s = eval::ScoreDocument(*gold_, *pred_, "seed");
  EXPECT_EQ(s.match, 7);
  EXPECT_EQ(s.speaker_ok, 7);
  EXPECT_EQ(s.pred, 7) << "no spurious quotes";
  const json& gq = (*gold_)["quotes"];
  for (size_t i = 0; i < gq.size(); ++i) {
    const json* p = Match(i);
    ASSERT_NE(p, nullptr) << "gold quote " << i << " not found";
    EXPECT_EQ((*p)["kind"], gq[i]["kind"]) << i;
    EXPECT_EQ((*p)["lang"], gq[i]["lang"]) << i;
    if (gq[i]["cue"].is_string()) {
      EXPECT_EQ((*p)["cue"], gq[i]["cue"]) << i;
    }
    EXPECT_EQ((*p)["channel"], gq[i]["channel"]) << i;
    EXPECT_EQ((*p)["via"], gq[i]["via"]) << i;
    // Quote texts are the exact body bytes between the offsets.
    size_t a = (*p)["start"], b = (*p)["end"];
    EXPECT_EQ(doc_->body.substr(a, b - a), (*p)["text"].get<std::string>());
  }
}

TEST_F(SeedTest, QuoteTextsEqualGoldExactly) {
  const json& gq = (*gold_)["quotes"];
  for (size_t i = 0; i < gq.size(); ++i) {
    const json* p = Match(i);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ((*p)["text"], gq[i]["text"]) << i;
  }
}

const json* EntityWithMention(const json& pred, const std::string& text) {
  for (const json& e : pred["entities"]) {
    for (const json& m : e["mentions"]) {
      if (m["text"] == text) return &e;
    }
  }
  return nullptr;
}

TEST_F(SeedTest, VucicAndHandleAreOneEntityRugeAnother) {
  const json* vucic = EntityWithMention(*pred_, "Вучич");
  const json* handle = EntityWithMention(*pred_, "@avucic");
  const json* ruge = EntityWithMention(*pred_, "Руге");
  ASSERT_NE(vucic, nullptr);
  ASSERT_NE(handle, nullptr);
  ASSERT_NE(ruge, nullptr);
  EXPECT_EQ((*vucic)["id"], (*handle)["id"]);
  EXPECT_NE((*vucic)["id"], (*ruge)["id"]);
  EXPECT_EQ((*vucic)["type"], "PER");
  EXPECT_EQ((*vucic)["name"], "Александър Вучич");
  EXPECT_EQ((*ruge)["name"], "Борис Руге");
  EXPECT_EQ((*ruge)["latin"], "Boris Ruge");
}

TEST_F(SeedTest, PlacesAndOrganisationsFound) {
  for (const char* name : {"НАТО", "Косово", "Сърбия", "Прищина", "КФОР"}) {
    EXPECT_NE(EntityWithMention(*pred_, name), nullptr) << name;
  }
  const json* nato = EntityWithMention(*pred_, "НАТО");
  ASSERT_NE(nato, nullptr);
  EXPECT_EQ((*nato)["type"], "ORG");
  EXPECT_EQ(EntityWithMention(*pred_, "#NATO"), nato) << "НАТО and #NATO are one entity";
}

TEST_F(SeedTest, DatesNormalisedAgainstTheArticleDate) {
  std::map<std::string, json> by_text;
  for (const json& d : (*pred_)["dates"]) by_text[d["text"]] = d["value"];
  for (const json& g : (*gold_)["dates"]) {
    ASSERT_TRUE(by_text.count(g["text"])) << g["text"];
    EXPECT_EQ(by_text[g["text"]], g["value"]) << g["text"];
  }
}

}  // namespace
}  // namespace vestnik
