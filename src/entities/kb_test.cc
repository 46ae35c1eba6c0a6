#include "entities/kb.h"

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "core/resources.h"
#include "core/utf8.h"

namespace vestnik::entities {
namespace {

// Writes `text` to a fresh file under the test's temporary directory.
std::filesystem::path WriteKb(const std::string& name, const std::string& text) {
  auto path = std::filesystem::path(::testing::TempDir()) / name;
  std::ofstream(path) << text;
  return path;
}

TEST(KnowledgeBaseTest, SerbianLatinNamesGetTheirCyrillicForm) {
  auto path = WriteKb("kb_serbian.tsv",
                      "klan-kosova\tORG\tKlan Kosova\tsr-Latn:Klan Kosova|en:Klan Kosova\n"
                      "rts\tORG\tRTS\tsr-Latn:RTS\n"
                      "vucic\tPER\tAleksandar Vučić\tsr:Александар Вучић|sr-Latn:Aleksandar Vučić\n");
  Transliteration t;
  for (auto [l, c] : {std::pair{"k", "к"}, {"l", "л"}, {"a", "а"}, {"n", "н"}, {"o", "о"},
                      {"s", "с"}, {"v", "в"}, {"r", "р"}, {"t", "т"}}) {
    t.Add(l, c);
  }
  auto kb = KnowledgeBase::Load(path, &t);
  ASSERT_TRUE(kb.ok()) << kb.status().message();
  const auto* hits = kb->Find("клан косова");
  ASSERT_NE(hits, nullptr);
  EXPECT_EQ(kb->entity((*hits)[0].entity).id, "klan-kosova");
  EXPECT_EQ(kb->entity((*hits)[0].entity).NameFor("sr", "Cyrl"), "Клан Косова");
  hits = kb->Find("ртс");
  ASSERT_NE(hits, nullptr);
  EXPECT_EQ(kb->entity((*hits)[0].entity).NameFor("sr", "Cyrl"), "РТС");
  // An entity with its own Cyrillic name keeps it, and gets no second one.
  hits = kb->Find("aleksandar vučić");
  ASSERT_NE(hits, nullptr);
  const KbEntity& v = kb->entity((*hits)[0].entity);
  EXPECT_EQ(v.NameFor("sr", "Cyrl"), "Александар Вучић");
  EXPECT_EQ(v.names.size(), 2u);
}

// A neighbour's Latin name serves a Latin-script language only where the article spells it
// so: Serbian Latin's "Donald Tramp" is not Slovene's name for Trump, its "Beograd" is
// Croatian's.
TEST(KnowledgeBaseTest, FallbackLatinNameOnlyIfSpelledAlike) {
  KbEntity trump;
  trump.latin = "Donald Trump";
  trump.names = {{"sr", "Доналд Трамп"}, {"sr-Latn", "Donald Tramp"}, {"en", "Donald Trump"}};
  const std::vector<std::string> fallbacks = {"hr", "sr-Latn"};
  EXPECT_EQ(trump.NameFor("sl", "Latn", fallbacks, "Donald Trump"), "Donald Trump");
  EXPECT_EQ(trump.NameFor("sl", "Latn", fallbacks, "Trump"), "Donald Trump");
  EXPECT_EQ(trump.NameFor("hr", "Latn", fallbacks, "Tramp"), "Donald Tramp");
  EXPECT_EQ(trump.NameFor("hr", "Latn", fallbacks), "Donald Tramp");  // nothing written
  EXPECT_EQ(trump.NameFor("mk", "Cyrl", {"sr", "bg"}, "Трамп"), "Доналд Трамп");
  KbEntity belgrade;
  belgrade.latin = "Belgrade";
  belgrade.names = {{"sr-Latn", "Beograd"}, {"en", "Belgrade"}};
  EXPECT_EQ(belgrade.NameFor("hr", "Latn", {"sr-Latn"}, "Beograd"), "Beograd");
  KbEntity vucic;
  vucic.latin = "Aleksandar Vučić";
  vucic.names = {{"sr-Latn", "Aleksandar Vučić"}};
  EXPECT_EQ(vucic.NameFor("sl", "Latn", {"hr", "sr-Latn"}, "Vucic"), "Aleksandar Vučić");
}

TEST(KnowledgeBaseTest, WithoutTransliterationNothingIsAdded) {
  auto path = WriteKb("kb_plain.tsv", "klan-kosova\tORG\tKlan Kosova\tsr-Latn:Klan Kosova\n");
  auto kb = KnowledgeBase::Load(path);
  ASSERT_TRUE(kb.ok()) << kb.status().message();
  EXPECT_EQ(kb->Find("клан косова"), nullptr);
}

// Issue 4: places.tsv's entities are linked like the others but are no tagger features.
TEST(KnowledgeBaseTest, LinkOnlyFileIsOutOfTheGazetteer) {
  auto main_path = WriteKb("kb_main.tsv", "georgia\tLOC\tGeorgia\ten:Georgia|pl:Gruzja\n");
  auto places = WriteKb("kb_places.tsv",
                        "georgia-us-state\tLOC\tGeorgia\ten:Georgia|pl:Georgia|ru:Джорджия\n");
  auto kb = KnowledgeBase::Load(main_path);
  ASSERT_TRUE(kb.ok()) << kb.status().message();
  ASSERT_TRUE(kb->AddFile(places, nullptr, false).ok());
  ASSERT_EQ(kb->size(), 2u);
  EXPECT_TRUE(kb->entity(0).gazetteer);
  EXPECT_FALSE(kb->entity(1).gazetteer);
  const auto* hits = kb->Find("джорджия");
  ASSERT_NE(hits, nullptr);
  EXPECT_EQ(kb->entity((*hits)[0].entity).id, "georgia-us-state");
  hits = kb->Find("georgia");  // both, the file loaded first first
  ASSERT_NE(hits, nullptr);
  ASSERT_EQ(hits->size(), 2u);
  EXPECT_EQ(kb->entity((*hits)[0].entity).id, "georgia");
  KnowledgeBase tagger = kb->GazetteerOnly();
  ASSERT_EQ(tagger.size(), 1u);
  EXPECT_EQ(tagger.entity(0).id, "georgia");
  EXPECT_EQ(tagger.Find("джорджия"), nullptr);
}

// GazetteerOnly's indexes are taken from the original's (2026-11-29, branch speed6): the same
// look-ups as indexing the kept entities anew, without the surname pass's entries.
TEST(KnowledgeBaseTest, GazetteerOnlyCopiesTheIndexesWithoutSurnames) {
  auto path = WriteKb("kb_gazetteer_copy.tsv",
                      "spajic\tPER\tMilojko Spajić\tsr-Latn:Milojko Spajić\n"
                      "nato\tORG\tNATO\ten:NATO|bg:НАТО\n"
                      "kosovo-online\tORG\tKosovo Online\ten:Kosovo Online\n"
                      "long\tLOC\tA B C D E\ten:A B C D E\n");
  auto kb = KnowledgeBase::Load(path, nullptr);
  ASSERT_TRUE(kb.ok()) << kb.status().message();
  ASSERT_NE(kb->Find("spajić"), nullptr);  // the surname pass's entry
  KnowledgeBase g = kb->GazetteerOnly();
  EXPECT_EQ(g.size(), kb->size());
  EXPECT_EQ(g.max_words(), 5u);
  EXPECT_EQ(g.Find("spajić"), nullptr);
  // "milojko spajic": the Latin name without its diacritics (by_ascii_).
  for (const char* name : {"milojko spajić", "milojko spajic", "нато", "nato", "a b c d e"}) {
    const auto* hits = g.Find(name);
    ASSERT_NE(hits, nullptr) << name;
    ASSERT_EQ(hits->size(), 1u) << name;
    EXPECT_EQ(g.entity((*hits)[0].entity).id, kb->entity((*kb->Find(name))[0].entity).id);
    EXPECT_FALSE((*hits)[0].surname_only);
  }
  EXPECT_TRUE((*g.Find("nato"))[0].acronym);
  const auto* compact = g.FindCompact("kosovo-online");
  ASSERT_NE(compact, nullptr);
  EXPECT_EQ(g.entity((*compact)[0].entity).id, "kosovo-online");
}

// The project's own places.tsv loads beside entities.tsv, and its names are gazetteer features
// (since 2026-11-29, branch ner5); institutions.tsv's are not.
TEST(KnowledgeBaseTest, DefaultKnowledgeBaseHasThePlaces) {
  auto kb = KnowledgeBase::LoadDefault(Resources::DefaultRoot());
  ASSERT_TRUE(kb.ok()) << kb.status().message();
  const auto* hits = kb->Find("северная каролина");
  ASSERT_NE(hits, nullptr);
  const KbEntity& nc = kb->entity((*hits)[0].entity);
  EXPECT_EQ(nc.id, "north-carolina");
  EXPECT_TRUE(nc.gazetteer);
  EXPECT_NE(kb->GazetteerOnly().Find("северная каролина"), nullptr);
  hits = kb->Find("karolina północna");
  ASSERT_NE(hits, nullptr);
  EXPECT_EQ(kb->entity((*hits)[0].entity).id, "north-carolina");
  EXPECT_LT(kb->GazetteerOnly().size(), kb->size());
  // institutions.tsv gives an entity of entities.tsv more names, for linking only: the bare
  // "Kongres" is the id of "Конгресс США", yet no gazetteer name.
  hits = kb->Find("kongres");
  ASSERT_NE(hits, nullptr);
  EXPECT_EQ(kb->entity((*hits)[0].entity).id, "us-congress");
  EXPECT_FALSE(kb->entity((*hits)[0].entity).gazetteer);
  EXPECT_EQ(kb->GazetteerOnly().Find("kongres"), nullptr);
  hits = kb->Find("республиканская партия");
  ASSERT_NE(hits, nullptr);
  EXPECT_EQ(kb->entity((*hits)[0].entity).id, "us-republican-party");
}

}  // namespace
}  // namespace vestnik::entities
