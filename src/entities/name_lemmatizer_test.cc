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

TEST(NameLemmatizerTest, GivenNameAgreesWithSurname) {
  using Words = std::vector<std::string_view>;
  using Lemmas = std::vector<std::string>;
  // The surname lost -а: so does the given name left as written.
  Lemmas l = {"Роберта", "Мюллер"};
  NameLemmatizer::AgreeWithSurname(Words{"Роберта", "Мюллера"}, &l);
  EXPECT_EQ(l, (Lemmas{"Роберт", "Мюллер"}));
  // The surname stays and ends in a consonant: a masculine rewrite of the given name is undone,
  // a feminine nominative kept, an oblique woman's name left to its rewrite.
  l = {"Ад", "Шифф"};
  NameLemmatizer::AgreeWithSurname(Words{"Адам", "Шифф"}, &l);
  EXPECT_EQ(l, (Lemmas{"Адам", "Шифф"}));
  l = {"Тереза", "Мэй"};
  NameLemmatizer::AgreeWithSurname(Words{"Терезы", "Мэй"}, &l);
  EXPECT_EQ(l, (Lemmas{"Тереза", "Мэй"}));
  l = {"Камала", "Харрис"};
  NameLemmatizer::AgreeWithSurname(Words{"Камалой", "Харрис"}, &l);
  EXPECT_EQ(l, (Lemmas{"Камала", "Харрис"}));
  l = {"Авра", "Линкольн"};
  NameLemmatizer::AgreeWithSurname(Words{"Авраам", "Линкольн"}, &l);
  EXPECT_EQ(l, (Lemmas{"Авраам", "Линкольн"}));
  l = {"Ангел", "Меркель"};
  NameLemmatizer::AgreeWithSurname(Words{"Ангелу", "Меркель"}, &l);
  EXPECT_EQ(l, (Lemmas{"Ангел", "Меркель"}));
  // A surname ending in a vowel says nothing.
  l = {"Петр", "Порошенко"};
  NameLemmatizer::AgreeWithSurname(Words{"Петра", "Порошенко"}, &l);
  EXPECT_EQ(l, (Lemmas{"Петр", "Порошенко"}));
}

TEST(NameLemmatizerTest, ComplementsOfTheHeadKeepTheirCase) {
  using Words = std::vector<std::string_view>;
  using Lemmas = std::vector<std::string>;
  const std::vector<std::string> endings = {"ый", "ий", "ая", "ого", "ой"};
  Lemmas l = {"Европейская", "ассоциация", "пилоты"};
  NameLemmatizer::KeepComplements(Words{"Европейской", "ассоциации", "пилотов"}, endings, &l);
  EXPECT_EQ(l, (Lemmas{"Европейская", "ассоциация", "пилотов"}));
  l = {"Национальный", "комитет", "Республиканская", "партия"};
  NameLemmatizer::KeepComplements(Words{"Национального", "комитета", "Республиканской", "партии"},
                                  endings, &l);
  EXPECT_EQ(l, (Lemmas{"Национальный", "комитет", "Республиканской", "партии"}));
  // Without the language's endings nothing changes.
  l = {"Палата", "представитель"};
  NameLemmatizer::KeepComplements(Words{"Палаты", "представителей"}, {}, &l);
  EXPECT_EQ(l, (Lemmas{"Палата", "представитель"}));
}

TEST(NameLemmatizerTest, ForeignScriptEndingIsRefused) {
  EXPECT_TRUE(NameLemmatizer::ForeignScript("Belgium", "Belgiuя"));
  EXPECT_FALSE(NameLemmatizer::ForeignScript("Трампа", "Трамп"));
  EXPECT_FALSE(NameLemmatizer::ForeignScript("SpaceХ", "SpaceХ"));  // the word mixes already
  EXPECT_FALSE(NameLemmatizer::ForeignScript("2020", "2020"));
}

}  // namespace
}  // namespace vestnik::entities
