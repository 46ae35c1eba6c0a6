#include "entities/romanize.h"

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "core/resources.h"

namespace vestnik::entities {
namespace {

namespace fs = std::filesystem;

// The source tree's resources (lang/, data/name_key.tsv).
const Resources& Res() {
  static const Resources* r = [] {
    auto loaded = Resources::Load(Resources::DefaultRoot());
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.status().message();
      std::abort();
    }
    return loaded.value().release();
  }();
  return *r;
}

const Romanizer& Rom() {
  static const Romanizer* r = new Romanizer(Res());
  return *r;
}

TEST(NameKeyTest, RulesLoad) { EXPECT_TRUE(Rom().status().ok()) << Rom().status().message(); }

// Spellings of one name in the SlavicNER languages, Serbian, Croatian and English.
TEST(NameKeyTest, SpellingsOfOneNameAcrossLanguagesAndScriptsMeet) {
  const Romanizer& r = Rom();
  const std::string pennsylvania = r.NameKey("Pennsylvania");
  for (const char* s : {"Пенсильвания", "Пенсилвания", "Пенсільванія", "Pensylwania",
                        "Pensylvánie", "Pensilvanija", "Пенсилванија"}) {
    EXPECT_EQ(r.NameKey(s), pennsylvania) << s;
  }
  for (const char* s : {"Teksas", "Тексас", "Техас", "Tehas"}) {
    EXPECT_EQ(r.NameKey(s), r.NameKey("Texas")) << s;
  }
  EXPECT_EQ(r.NameKey("Хиллари Клинтон"), r.NameKey("Hillary Clinton"));
  EXPECT_EQ(r.NameKey("Тръмп"), r.NameKey("Трамп"));  // bg ъ
  EXPECT_EQ(r.NameKey("Вучич"), r.NameKey("Vučić"));
  EXPECT_EQ(r.NameKey("Вучић"), r.NameKey("Vucic"));
  EXPECT_EQ(r.NameKey("Đoković"), r.NameKey("Djokovic"));
  EXPECT_EQ(r.NameKey("Ławrow"), r.NameKey("Лавров"));
  EXPECT_EQ(r.NameKey("Юлия"), r.NameKey("Julia"));
  EXPECT_EQ(r.NameKey("Shoigu"), r.NameKey("Шойгу"));
  EXPECT_EQ(r.NameKey("Michigan"), r.NameKey("Мичиган"));
  EXPECT_EQ(r.NameKey("Kalifornie"), r.NameKey("Калифорния"));
  // Separators and signs do not count: a hashtag or a hyphenated form names the same.
  EXPECT_EQ(r.NameKey("#Ryanair"), r.NameKey("Ryanair"));
  EXPECT_EQ(r.NameKey("Hillary  Clinton"), r.NameKey("Hillary-Clinton"));
}

// The key merges letters, never endings: names of different people stay apart.
TEST(NameKeyTest, DifferentNamesStayApart) {
  const Romanizer& r = Rom();
  EXPECT_NE(r.NameKey("Ivan"), r.NameKey("Ivana"));
  EXPECT_NE(r.NameKey("Jan"), r.NameKey("Jana"));
  EXPECT_NE(r.NameKey("Aleksandr"), r.NameKey("Aleksandra"));
  EXPECT_NE(r.NameKey("Иван Петров"), r.NameKey("Иван Петрова"));
  // Acronyms and Roman numerals are kept as written.
  EXPECT_NE(r.NameKey("BBC"), r.NameKey("BC"));
  EXPECT_NE(r.NameKey("Aleksandr II"), r.NameKey("Aleksandr I"));
  EXPECT_EQ(r.NameKey("EPP"), "epp");
}

TEST(NameKeyTest, IsAsciiLettersDigitsAndDashes) {
  const Romanizer& r = Rom();
  EXPECT_EQ(r.NameKey("Пенсильвания"), "pensilvania");
  EXPECT_EQ(r.NameKey("Об'єднані Нації"), "obiednani-naci");
  EXPECT_EQ(r.NameKey("#RNC2020"), "rnc2020");
  EXPECT_EQ(r.NameKey("  "), "");
}

TEST(NameKeyTest, AMalformedRuleFileIsReported) {
  fs::path root = fs::path(::testing::TempDir()) / "vestnik_name_key_test";
  fs::create_directories(root / "lang");
  fs::create_directories(root / "data");
  std::ofstream(root / "data" / "name_key.tsv") << "latin\tw\tv\nphonetic\tx\tks\n";
  auto res = Resources::Load(root);
  ASSERT_TRUE(res.ok()) << res.status().message();
  Romanizer r(**res);
  EXPECT_FALSE(r.status().ok());
  EXPECT_NE(r.status().message().find("name_key.tsv:2"), std::string::npos) << r.status().message();
  fs::remove_all(root);
}

TEST(NameKeyTest, WithoutRulesItIsTheRomanisedName) {
  fs::path root = fs::path(::testing::TempDir()) / "vestnik_name_key_none";
  fs::create_directories(root / "lang");
  auto res = Resources::Load(root);
  ASSERT_TRUE(res.ok()) << res.status().message();
  Romanizer r(**res);
  EXPECT_TRUE(r.status().ok());
  EXPECT_EQ(r.NameKey("Pensylwania"), "pensylwania");
  EXPECT_EQ(r.NameKey("Вучич"), r.Key("Вучич"));
  fs::remove_all(root);
}

}  // namespace
}  // namespace vestnik::entities
