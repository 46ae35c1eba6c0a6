#include "core/document.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/resources.h"
#include "text/normalize.h"
#include "text/segment.h"

namespace vestnik {
namespace {

TEST(OffsetMapTest, EmptyMapIsIdentity) {
  OffsetMap m;
  EXPECT_TRUE(m.identity());
  EXPECT_EQ(m.ToOriginalStart(0), 0u);
  EXPECT_EQ(m.ToOriginalStart(17), 17u);
  EXPECT_EQ(m.ToOriginalEnd(0), 0u);
  EXPECT_EQ(m.ToOriginalEnd(9), 9u);
  EXPECT_EQ(m.ToOriginal(Span{3, 8}), (Span{3, 8}));
}

TEST(OffsetMapTest, AdjacentCopyPiecesActAsOne) {
  OffsetMap m;
  m.Add(0, 3, 0, 3, true);
  m.Add(3, 4, 3, 7, true);
  EXPECT_FALSE(m.identity());
  for (uint32_t n = 0; n <= 7; ++n) {
    EXPECT_EQ(m.ToOriginalStart(n), n) << n;
    EXPECT_EQ(m.ToOriginalEnd(n), n) << n;
  }
}

TEST(OffsetMapTest, CopyPiecesWithAGapInTheOriginalAreNotMerged) {
  // "abc" copied, original bytes 3..5 dropped, "defg" copied from 5..9.
  OffsetMap m;
  m.Add(0, 3, 0, 3, true);
  m.Add(3, 4, 5, 9, true);
  EXPECT_EQ(m.ToOriginalStart(2), 2u);
  EXPECT_EQ(m.ToOriginalStart(3), 5u);  // a merged piece would say 3
  EXPECT_EQ(m.ToOriginalStart(4), 6u);
  EXPECT_EQ(m.ToOriginalEnd(3), 3u);    // just past 'c'
  EXPECT_EQ(m.ToOriginalEnd(4), 6u);
  EXPECT_EQ(m.ToOriginalEnd(7), 9u);
  EXPECT_EQ(m.ToOriginal(Span{0, 7}), (Span{0, 9}));
  EXPECT_EQ(m.ToOriginal(Span{3, 5}), (Span{5, 7}));
}

TEST(OffsetMapTest, ReplacementMapsInnerOffsetsToTheRangeEnds) {
  // Original "a&amp;b" (7 bytes) normalised to "a&b".
  OffsetMap m;
  m.Add(0, 1, 0, 1, true);
  m.Add(1, 1, 1, 6, false);
  m.Add(2, 1, 6, 7, true);
  EXPECT_EQ(m.ToOriginalStart(0), 0u);
  EXPECT_EQ(m.ToOriginalStart(1), 1u);
  EXPECT_EQ(m.ToOriginalEnd(2), 6u);
  EXPECT_EQ(m.ToOriginalStart(2), 6u);
  EXPECT_EQ(m.ToOriginalEnd(3), 7u);
  EXPECT_EQ(m.ToOriginal(Span{1, 2}), (Span{1, 6}));
  EXPECT_EQ(m.ToOriginal(Span{0, 3}), (Span{0, 7}));
}

TEST(OffsetMapTest, MultiByteReplacementInnerOffsets) {
  // A 10-byte original word replaced by a 7-byte normalised one, followed by " x".
  OffsetMap m;
  m.Add(0, 7, 0, 10, false);
  m.Add(7, 2, 10, 12, true);
  for (uint32_t n = 1; n < 7; ++n) {
    EXPECT_EQ(m.ToOriginalStart(n), 0u) << n;
    EXPECT_EQ(m.ToOriginalEnd(n), 10u) << n;
  }
  EXPECT_EQ(m.ToOriginalStart(0), 0u);
  EXPECT_EQ(m.ToOriginalEnd(7), 10u);
  EXPECT_EQ(m.ToOriginalStart(7), 10u);
  EXPECT_EQ(m.ToOriginalStart(8), 11u);
  EXPECT_EQ(m.ToOriginalEnd(9), 12u);
  EXPECT_EQ(m.ToOriginal(Span{3, 5}), (Span{0, 10}));
}

TEST(OffsetMapTest, DeletionPiece) {
  // "ab" + 2-byte soft hyphen + "cd": normalised "abcd".
  OffsetMap m;
  m.Add(0, 2, 0, 2, true);
  m.Add(2, 0, 2, 4, false);
  m.Add(2, 2, 4, 6, true);
  EXPECT_EQ(m.ToOriginalStart(2), 4u);  // 'c' starts after the deleted bytes
  EXPECT_EQ(m.ToOriginalEnd(2), 2u);    // 'b' ends before them
  EXPECT_EQ(m.ToOriginalStart(3), 5u);
  EXPECT_EQ(m.ToOriginal(Span{0, 4}), (Span{0, 6}));
  EXPECT_EQ(m.ToOriginal(Span{2, 4}), (Span{4, 6}));
  EXPECT_EQ(m.ToOriginal(Span{0, 2}), (Span{0, 2}));
}

TEST(SpanTest, Helpers) {
  Span a{2, 7};
  EXPECT_EQ(a.size(), 5u);
  EXPECT_FALSE(a.empty());
  EXPECT_TRUE((Span{4, 4}).empty());
  EXPECT_TRUE((Span{5, 3}).empty());
  EXPECT_TRUE(a.Contains(a));
  EXPECT_TRUE(a.Contains(Span{2, 3}));
  EXPECT_TRUE(a.Contains(Span{6, 7}));
  EXPECT_FALSE(a.Contains(Span{1, 3}));
  EXPECT_FALSE(a.Contains(Span{6, 8}));
  EXPECT_TRUE(a.Overlaps(Span{6, 9}));
  EXPECT_TRUE(a.Overlaps(Span{0, 3}));
  EXPECT_TRUE(a.Overlaps(Span{3, 4}));
  EXPECT_FALSE(a.Overlaps(Span{7, 9}));  // touching is not overlapping
  EXPECT_FALSE(a.Overlaps(Span{0, 2}));
  EXPECT_EQ(a, (Span{2, 7}));
  EXPECT_NE(a, (Span{2, 8}));
}

Document Build(const std::string& body) {
  LangResources lr;
  Document d;
  d.body = body;
  text::Normalize(d.body, &d.norm_text, &d.norm_map);
  text::Tokenize(lr, &d);
  text::SplitSentences(lr, &d);
  return d;
}

TEST(DocumentTest, TextAccessors) {
  Document d = Build("Alpha BETA. Gamma delta.");
  ASSERT_EQ(d.tokens.size(), 6u);
  EXPECT_EQ(d.Text(d.tokens[1].span), "BETA");
  EXPECT_EQ(d.NormText(d.tokens[1]), "BETA");
  EXPECT_EQ(d.Folded(d.tokens[1]), "beta");
  EXPECT_EQ(d.Text(Span{0, 5}), "Alpha");
}

TEST(DocumentTest, TokenAtFindsFirstTokenAtOrAfterOffset) {
  // Tokens: Alpha[0,5) beta[6,10) .[10,11) Gamma[12,17) delta[18,23) .[23,24)
  Document d = Build("Alpha beta. Gamma delta.");
  ASSERT_EQ(d.tokens.size(), 6u);
  EXPECT_EQ(d.TokenAt(0), 0u);
  EXPECT_EQ(d.TokenAt(1), 1u);   // inside "Alpha": the next token
  EXPECT_EQ(d.TokenAt(5), 1u);
  EXPECT_EQ(d.TokenAt(6), 1u);
  EXPECT_EQ(d.TokenAt(10), 2u);
  EXPECT_EQ(d.TokenAt(11), 3u);
  EXPECT_EQ(d.TokenAt(23), 5u);
  EXPECT_EQ(d.TokenAt(24), 6u);  // past the last token: tokens.size()
  EXPECT_EQ(d.TokenAt(1000), 6u);
}

TEST(DocumentTest, SentenceOf) {
  Document d = Build("Alpha beta. Gamma delta. Omega!");
  ASSERT_EQ(d.sentences.size(), 3u);
  EXPECT_EQ(d.SentenceOf(0), 0u);
  EXPECT_EQ(d.SentenceOf(2), 0u);
  EXPECT_EQ(d.SentenceOf(3), 1u);
  EXPECT_EQ(d.SentenceOf(5), 1u);
  EXPECT_EQ(d.SentenceOf(6), 2u);
  EXPECT_EQ(d.SentenceOf(7), 2u);
}

TEST(DocumentTest, SentenceOfWithHandMadeSentences) {
  Document d;
  d.sentences.resize(3);
  d.sentences[0].first_token = 0;
  d.sentences[0].end_token = 4;
  d.sentences[1].first_token = 4;
  d.sentences[1].end_token = 5;
  d.sentences[2].first_token = 5;
  d.sentences[2].end_token = 9;
  EXPECT_EQ(d.SentenceOf(3), 0u);
  EXPECT_EQ(d.SentenceOf(4), 1u);
  EXPECT_EQ(d.SentenceOf(5), 2u);
  EXPECT_EQ(d.SentenceOf(8), 2u);
  Document empty;
  EXPECT_EQ(empty.SentenceOf(0), 0u);
  EXPECT_EQ(empty.TokenAt(0), 0u);
}

TEST(DocumentTest, TokenSpansMapThroughTheNormalisationMap) {
  // The soft hyphen inside "Пу­тин" is removed from norm_text; the token still covers it.
  Document d = Build("Пу\u00ADтин дойде.");
  ASSERT_GE(d.tokens.size(), 1u);
  EXPECT_EQ(d.NormText(d.tokens[0]), "Путин");
  EXPECT_EQ(d.Text(d.tokens[0].span), "Пу\u00ADтин");
}

TEST(EnumNamesTest, EntityTypesAndQuoteKinds) {
  EXPECT_STREQ(EntityTypeName(EntityType::kOrg), "ORG");
  EXPECT_EQ(ParseEntityType("GPE"), EntityType::kLoc);
  EXPECT_EQ(ParseEntityType("PER"), EntityType::kPer);
  EXPECT_FALSE(ParseEntityType("per").has_value());
  for (EntityType t : {EntityType::kPer, EntityType::kOrg, EntityType::kLoc, EntityType::kEvt,
                       EntityType::kPro}) {
    EXPECT_EQ(ParseEntityType(EntityTypeName(t)), t);
  }
  EXPECT_STREQ(QuoteKindName(QuoteKind::kEmbeddedPost), "embedded_post");
}

}  // namespace
}  // namespace vestnik
