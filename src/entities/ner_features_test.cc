#include "entities/ner_features.h"

#include <gtest/gtest.h>

#include <set>

#include "core/resources.h"
#include "entities/name_lemmatizer.h"
#include "text/normalize.h"
#include "text/segment.h"

namespace vestnik::entities {
namespace {

TEST(NerFeatures, ShortShape) {
  EXPECT_EQ(ShortShape("Вучич"), "Xx");
  EXPECT_EQ(ShortShape("НАТО"), "X");
  EXPECT_EQ(ShortShape("COVID-19"), "X-d");
  EXPECT_EQ(ShortShape("McDonald"), "XxXx");
  EXPECT_EQ(ShortShape("„"), "„");
}

TEST(NerFeatures, HashesAreStable) {
  // Part of the model file format: these values must not change between builds.
  EXPECT_EQ(HashBytes(""), HashBytes(""));
  EXPECT_NE(HashBytes("a"), HashBytes("b"));
  EXPECT_EQ(HashBytes("Вучич"), HashBytes(std::string("Вучич")));
  EXPECT_NE(FeatureTemplateHash(), 0u);
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

TEST(NerFeatures, OneListPerTokenAndDeterministic) {
  LangResources lr;
  lr.code = "bg";
  Document d = Prepared("Вучич каза, че Сърбия остава неутрална.", lr);
  FeatureExtractor fx(nullptr);
  std::vector<uint64_t> a, b;
  std::vector<uint32_t> oa, ob;
  fx.Extract(d, lr, nullptr, &a, &oa);
  fx.Extract(d, lr, nullptr, &b, &ob);
  ASSERT_EQ(oa.size(), d.tokens.size() + 1);
  EXPECT_EQ(a, b);
  EXPECT_EQ(oa, ob);
  for (size_t i = 0; i + 1 < oa.size(); ++i) EXPECT_GT(oa[i + 1], oa[i]) << i;
}

TEST(NerFeatures, GazetteerAndStatisticsChangeFeatures) {
  auto kb_path = Resources::DefaultRoot() / "data" / "kb" / "entities.tsv";
  auto kb = KnowledgeBase::Load(kb_path);
  ASSERT_TRUE(kb.ok()) << kb.status().message();
  LangResources lr;
  lr.code = "bg";
  Document d = Prepared("Срещата в Косово мина добре.", lr);
  std::vector<uint64_t> with, without;
  std::vector<uint32_t> ow, oo;
  FeatureExtractor(&*kb).Extract(d, lr, nullptr, &with, &ow);
  FeatureExtractor(nullptr).Extract(d, lr, nullptr, &without, &oo);
  EXPECT_GT(with.size(), without.size()) << "Косово is a knowledge-base name";
  WordStats stats;
  stats.words.Insert(HashBytes("мина"), WordStats::Entry{1, 0});
  std::vector<uint64_t> with_stats;
  std::vector<uint32_t> os;
  FeatureExtractor(nullptr).Extract(d, lr, &stats, &with_stats, &os);
  EXPECT_GT(with_stats.size(), without.size());
}

// A noun of group_nouns.txt ("демократите") gets a feature of its own, the same in lower case
// and capitalised save for the capitalisation it is conjoined with.
TEST(NerFeatures, GroupNounIsAFeature) {
  LangResources plain, with_groups;
  plain.code = with_groups.code = "bg";
  with_groups.group_nouns.Add("демократите", {});
  for (const char* text : {"Там демократите победиха.", "Там Демократите победиха."}) {
    Document d = Prepared(text, plain);
    FeatureExtractor fx(nullptr);
    std::vector<uint64_t> a, b;
    std::vector<uint32_t> oa, ob;
    fx.Extract(d, plain, nullptr, &a, &oa);
    fx.Extract(d, with_groups, nullptr, &b, &ob);
    ASSERT_EQ(oa.size(), ob.size());
    for (size_t i = 0; i + 1 < oa.size(); ++i) {
      EXPECT_EQ(ob[i + 1] - ob[i], oa[i + 1] - oa[i] + (i == 1 ? 1 : 0)) << text << ": token " << i;
    }
  }
}

// The tagger's split of the features (EmissionCache): the word features of tokens i-2..i+2
// at their offsets and the context features of token i are Extract's features of token i.
TEST(NerFeatures, WordAndContextFeaturesAreExtracts) {
  auto root = Resources::DefaultRoot();
  auto resources = Resources::Load(root);
  ASSERT_TRUE(resources.ok()) << resources.status().message();
  auto kb = KnowledgeBase::Load(root / "data" / "kb" / "entities.tsv");
  ASSERT_TRUE(kb.ok()) << kb.status().message();
  const LangResources& lr = (*resources)->Lang("bg");
  FeatureExtractor fx(&*kb);
  WordStats stats;
  stats.words.Insert(HashBytes("косово"), WordStats::Entry{5, 2});
  stats.words.Insert(HashBytes("каза"), WordStats::Entry{1, 0});
  for (const char* text :
       {"Президентът Румен Радев каза, че „България остава в НАТО“ и Косово.\n\nБойко "
        "Борисов заяви днес в София: „Косова и Сърбия“ (COVID-19, т.е. 2021), а демократите и "
        "Републиканците мълчат.",
        "Косово", "", "„ „ Каза"}) {
    Document d = Prepared(text, lr);
    const uint32_t n = static_cast<uint32_t>(d.tokens.size());
    std::vector<uint64_t> all, context;
    std::vector<uint32_t> oa, oc;
    fx.Extract(d, lr, &stats, &all, &oa);
    std::vector<WordType> types(n);
    for (uint32_t i = 0; i < n; ++i) DescribeWord(d, d.tokens[i], &stats, &types[i]);
    fx.ExtractContext(d, lr, types.data(), &context, &oc);
    ASSERT_EQ(oc.size(), oa.size());
    for (uint32_t i = 0; i < n; ++i) {
      std::multiset<uint64_t> want(all.begin() + oa[i], all.begin() + oa[i + 1]);
      std::multiset<uint64_t> got(context.begin() + oc[i], context.begin() + oc[i + 1]);
      for (int off = -2; off <= 2; ++off) {
        int64_t k = static_cast<int64_t>(i) + off;
        uint64_t buf[kMaxWordFeatures];
        size_t m = AppendWordFeatures(k >= 0 && k < n ? &types[k] : nullptr, off, buf);
        got.insert(buf, buf + m);
      }
      EXPECT_EQ(got, want) << text << ": token " << i;
    }
    // ExtractContextSplit: the lexical features and the pattern's are ExtractContext's.
    std::vector<uint64_t> lexical;
    std::vector<uint32_t> ol;
    std::vector<ContextPattern> patterns;
    fx.ExtractContextSplit(d, lr, types.data(), &lexical, &ol, &patterns);
    ASSERT_EQ(ol.size(), oc.size());
    ASSERT_EQ(patterns.size(), n);
    for (uint32_t i = 0; i < n; ++i) {
      std::multiset<uint64_t> want(context.begin() + oc[i], context.begin() + oc[i + 1]);
      std::multiset<uint64_t> got(lexical.begin() + ol[i], lexical.begin() + ol[i + 1]);
      uint64_t buf[kMaxPatternFeatures];
      size_t m = AppendPatternFeatures(patterns[i], buf);
      got.insert(buf, buf + m);
      EXPECT_EQ(got, want) << text << ": token " << i;
      EXPECT_LE(ol[i + 1] - ol[i], kMaxLexicalContextFeatures);
    }
  }
}

TEST(NameLemmatizer, ApplyKeepsCase) {
  EXPECT_EQ(NameLemmatizer::Apply("Вучича", LemmaRule{1, ""}), "Вучич");
  EXPECT_EQ(NameLemmatizer::Apply("Trumpa", LemmaRule{1, ""}), "Trump");
  EXPECT_EQ(NameLemmatizer::Apply("ЕВРОПЕЙСКИЯ", LemmaRule{1, ""}), "ЕВРОПЕЙСКИ");
  EXPECT_EQ(NameLemmatizer::Apply("Republike", LemmaRule{1, "a"}), "Republika");
  EXPECT_EQ(NameLemmatizer::Apply("REPUBLIKE", LemmaRule{1, "a"}), "REPUBLIKA");
  EXPECT_EQ(NameLemmatizer::Apply("Я", LemmaRule{3, ""}), "Я") << "never empties a word";
}

TEST(NameLemmatizer, WordsBeforeSuffixesAndTypes) {
  NameLemmatizer l;
  l.rules_ = {LemmaRule{}, LemmaRule{1, ""}, LemmaRule{1, "ь"}};
  uint8_t per = static_cast<uint8_t>(EntityType::kPer);
  l.suffixes_.Insert(NameLemmatizer::SuffixKey(per, WordPosition::kSingle, 1, ""), 0);
  l.suffixes_.Insert(NameLemmatizer::SuffixKey(per, WordPosition::kSingle, 1, "а"), 1);
  l.words_.Insert(NameLemmatizer::WordKey(per, WordPosition::kSingle, "игоря"), 2);
  EXPECT_EQ(l.LemmatizeWord("Путина", EntityType::kPer, WordPosition::kSingle), "Путин");
  EXPECT_EQ(l.LemmatizeWord("Игоря", EntityType::kPer, WordPosition::kSingle), "Игорь");
  EXPECT_EQ(l.LemmatizeWord("Путин", EntityType::kPer, WordPosition::kSingle), "Путин");
  // Nothing learned for LOC: the word stays.
  EXPECT_EQ(l.LemmatizeWord("Москва", EntityType::kLoc, WordPosition::kSingle), "Москва");
  std::string bytes;
  l.Serialize(&bytes);
  auto back = NameLemmatizer::Parse(bytes);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->LemmatizeWord("Игоря", EntityType::kPer, WordPosition::kSingle), "Игорь");
  EXPECT_FALSE(NameLemmatizer::Parse(bytes.substr(0, bytes.size() - 1)).ok());
}

}  // namespace
}  // namespace vestnik::entities
