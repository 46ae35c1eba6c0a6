#include "quotes/speaker_ranker.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "pipeline/pipeline.h"

namespace vestnik::quotes {
namespace {

namespace fs = std::filesystem;

const Pipeline& SharedPipeline() {
  static const std::unique_ptr<Pipeline> p = [] {
    auto r = Pipeline::Create();
    EXPECT_TRUE(r.ok()) << r.status().message();
    return std::move(r.value());
  }();
  return *p;
}

// An English article of our own, analysed with the rules' speakers only.
Document RulesOnly() {
  Document d;
  d.id = "own";
  d.lang_hint = "en";
  d.body =
      "Maria Lopez met Peter Brandt in Madrid on Monday. \"We will build the bridge,\" Lopez "
      "said. The minister added that the plan was ready. Brandt told reporters that he doubted "
      "it.\n";
  AnalyzeOptions o;
  o.speaker_ranker = false;
  SharedPipeline().Analyze(&d, o);
  return d;
}

fs::path TempFile(const std::string& name) {
  return fs::temp_directory_path() / ("vestnik-speaker-" + std::to_string(::getpid()) + "-" + name);
}

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void Spit(const fs::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
}

uint64_t Fnv(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

SpeakerModelData Toy() {
  SpeakerModelData d;
  d.lang = "en";
  d.header_json = R"({"data":"toy"})";
  d.margin = 0.5f;
  d.weights = {{"k=mention", 1.5f}, {"adj", 2.0f}, {"k=none", -1.0f}};
  return d;
}

TEST(SpeakerRanker, CandidatesOfAQuoteWithACue) {
  Document d = RulesOnly();
  const LangResources& lr = SharedPipeline().resources().Lang("en");
  int with_cue = 0;
  for (const Quote& q : d.quotes) {
    auto cands = SpeakerCandidates(d, lr, q, /*names=*/true);
    if (q.cue_span.empty()) {
      EXPECT_TRUE(cands.empty());
      continue;
    }
    ++with_cue;
    ASSERT_GE(cands.size(), 2u);
    EXPECT_EQ(cands[0].kind, SpeakerCandidate::Kind::kNone);
    int picks = 0;
    for (const auto& c : cands) {
      picks += c.rule_pick;
      EXPECT_FALSE(c.features.empty());
      ASSERT_EQ(c.ids.size(), c.features.size());
      for (size_t f = 0; f < c.ids.size(); ++f)
        EXPECT_EQ(c.ids[f], SpeakerFeatureId(c.features[f]));
    }
    EXPECT_EQ(picks, 1);
  }
  EXPECT_GE(with_cue, 2);
}

TEST(SpeakerRanker, SavesAndLoads) {
  fs::path f = TempFile("ok.model");
  ASSERT_TRUE(SpeakerRanker::Save(Toy(), f).ok());
  auto m = SpeakerRanker::Load(f);
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ((*m)->data().lang, "en");
  EXPECT_EQ((*m)->data().header_json, Toy().header_json);
  EXPECT_FLOAT_EQ((*m)->data().margin, 0.5f);
  SpeakerCandidate c;
  c.ids = {SpeakerFeatureId("k=mention"), SpeakerFeatureId("adj"), SpeakerFeatureId("unknown")};
  EXPECT_DOUBLE_EQ((*m)->Score(c), 3.5);
  fs::remove(f);
}

TEST(SpeakerRanker, RefusesACorruptOrMismatchedFile) {
  fs::path f = TempFile("bad.model");
  ASSERT_TRUE(SpeakerRanker::Save(Toy(), f).ok());
  const std::string good = Slurp(f);

  std::string flipped = good;
  flipped[good.size() / 2] ^= 0x40;
  Spit(f, flipped);
  auto m = SpeakerRanker::Load(f);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find(f.string()), std::string::npos);
  EXPECT_NE(m.status().message().find("checksum"), std::string::npos);

  Spit(f, good.substr(0, good.size() - 5));
  m = SpeakerRanker::Load(f);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find(f.string()), std::string::npos);

  Spit(f, "NOTAMODELATALL-------------------");
  m = SpeakerRanker::Load(f);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("bad magic"), std::string::npos);

  // Another feature-template hash, with a valid checksum: refused as trained otherwise.
  std::string other = good.substr(0, good.size() - 12);
  other[12] ^= 0x01;  // the hash follows the magic (8) and the format version (4)
  uint64_t sum = Fnv(other);
  other.append("END\0", 4);
  other.append(reinterpret_cast<const char*>(&sum), 8);
  Spit(f, other);
  m = SpeakerRanker::Load(f);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("feature templates"), std::string::npos);
  EXPECT_NE(m.status().message().find(f.string()), std::string::npos);
  fs::remove(f);
}

TEST(SpeakerRanker, WithoutAModelTheRulesStand) {
  Document rules = RulesOnly();
  // An empty model scores every candidate 0: none beats the rules' pick.
  Document d = rules;
  SpeakerRanker empty(SpeakerModelData{});
  empty.Rerank(SharedPipeline().resources().Lang("en"), &d);
  ASSERT_EQ(d.quotes.size(), rules.quotes.size());
  for (size_t i = 0; i < d.quotes.size(); ++i) {
    EXPECT_EQ(d.quotes[i].speaker, rules.quotes[i].speaker);
    EXPECT_EQ(d.quotes[i].speaker_entity, rules.quotes[i].speaker_entity);
    EXPECT_EQ(d.quotes[i].speaker_span, rules.quotes[i].speaker_span);
  }
  // English does not switch the ranker on without saying so in its settings, and no model
  // for a language leaves the rules alone: the default analysis is the rules' when
  // models/ holds no speaker model for it or the setting is off.
  Document dflt;
  dflt.lang_hint = "en";
  dflt.body = rules.body;
  SharedPipeline().Analyze(&dflt);
  if (!SharedPipeline().resources().Lang("en").speaker_ranker) {
    ASSERT_EQ(dflt.quotes.size(), rules.quotes.size());
    for (size_t i = 0; i < dflt.quotes.size(); ++i) {
      EXPECT_EQ(dflt.quotes[i].speaker, rules.quotes[i].speaker);
    }
  }
}

TEST(SpeakerRanker, AModelThatPrefersNoSpeakerOverrulesTheRules) {
  Document d = RulesOnly();
  SpeakerModelData m;
  m.weights = {{"k=none", 10.0f}};
  m.margin = 1;
  SpeakerRanker(m).Rerank(SharedPipeline().resources().Lang("en"), &d);
  int changed = 0;
  for (const Quote& q : d.quotes) {
    if (q.cue_span.empty()) continue;
    EXPECT_TRUE(q.speaker.empty());
    EXPECT_EQ(q.speaker_entity, -1);
    ++changed;
  }
  EXPECT_GT(changed, 0);
}

}  // namespace
}  // namespace vestnik::quotes
