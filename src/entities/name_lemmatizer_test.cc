#include "entities/name_lemmatizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "entities/ner_features.h"

namespace vestnik::entities {
namespace {

// A lemmatiser that strips "а" from persons' names, "ы"/"и" from their endings, and knows the
// word "игоря" as an exception; `extra` adds a rule only this one has ("о" → "").
NameLemmatizer Tables(bool extra) {
  NameLemmatizer l;
  l.rules_ = {LemmaRule{}, LemmaRule{1, ""}, LemmaRule{1, "ь"}, LemmaRule{1, "а"}};
  const uint8_t per = static_cast<uint8_t>(EntityType::kPer);
  for (WordPosition p : {WordPosition::kSingle, WordPosition::kFirst, WordPosition::kLast}) {
    l.suffixes_.Insert(NameLemmatizer::SuffixKey(per, p, 1, ""), 0);
    l.suffixes_.Insert(NameLemmatizer::SuffixKey(per, p, 1, "а"), 1);
    l.suffixes_.Insert(NameLemmatizer::SuffixKey(per, p, 1, "ы"), 3);
    if (extra) l.suffixes_.Insert(NameLemmatizer::SuffixKey(per, p, 1, "о"), 1);
  }
  l.words_.Insert(NameLemmatizer::WordKey(per, WordPosition::kSingle, "игоря"), 2);
  l.lemma_words_.Insert(HashBytes("путин"), 1);
  l.lemma_words_.Insert(HashBytes("москва"), 1);
  return l;
}

// Issue 7: with LemmaHints::tables_id the lookups of a word are remembered per thread; the
// lemmas must be the same as without, on every call, for two lemmatisers used in turn.
TEST(NameLemmatizerMemo, SameLemmasWithAndWithoutTheMemo) {
  NameLemmatizer a = Tables(false), b = Tables(true);
  NameLemmatizer::DocumentWords doc;
  doc.Reset(8);
  doc.Insert(HashBytes("петр"), 1);
  doc.Insert(HashBytes("минск"), 1);
  std::vector<EndingRewrite> rewrites(1);
  rewrites[0].kind = EndingRewrite::Kind::kLemma;
  rewrites[0].ending = "ь";
  rewrites[0].replacement = "й";
  NameLemmatizer::LemmaHints plain;
  plain.rewrites = &rewrites;
  NameLemmatizer::LemmaHints memo_a = plain, memo_b = plain;
  memo_a.tables_id = 101;
  memo_b.tables_id = 202;
  const std::vector<std::string> words = {"Путина", "Игоря", "Петра",  "Минско", "Москвы",
                                          "ПУТИНА", "Петро", "Путин",  "игоря",  "Я"};
  for (int round = 0; round < 3; ++round) {
    for (const std::string& w : words) {
      for (EntityType type : {EntityType::kPer, EntityType::kLoc}) {
        for (WordPosition pos : {WordPosition::kSingle, WordPosition::kFirst, WordPosition::kLast}) {
          std::string want_a = a.LemmatizeWord(w, type, pos, &doc, &plain);
          std::string want_b = b.LemmatizeWord(w, type, pos, &doc, &plain);
          EXPECT_EQ(a.LemmatizeWord(w, type, pos, &doc, &memo_a), want_a) << w << " " << round;
          EXPECT_EQ(b.LemmatizeWord(w, type, pos, &doc, &memo_b), want_b) << w << " " << round;
          EXPECT_EQ(a.LemmatizeWord(w, type, pos), a.LemmatizeWord(w, type, pos, nullptr, &memo_a));
        }
      }
    }
  }
  // The two tables differ where the extra rule applies, and each memo kept its own answer.
  EXPECT_EQ(a.LemmatizeWord("Минско", EntityType::kPer, WordPosition::kSingle, &doc, &memo_a),
            "Минско");
  EXPECT_EQ(b.LemmatizeWord("Минско", EntityType::kPer, WordPosition::kSingle, &doc, &memo_b),
            "Минск");
  EXPECT_EQ(a.LemmatizeWord("Игоря", EntityType::kPer, WordPosition::kSingle, &doc, &memo_a),
            "Игорь");
}

}  // namespace
}  // namespace vestnik::entities
