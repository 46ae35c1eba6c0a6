#include "entities/kb.h"

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

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

TEST(KnowledgeBaseTest, WithoutTransliterationNothingIsAdded) {
  auto path = WriteKb("kb_plain.tsv", "klan-kosova\tORG\tKlan Kosova\tsr-Latn:Klan Kosova\n");
  auto kb = KnowledgeBase::Load(path);
  ASSERT_TRUE(kb.ok()) << kb.status().message();
  EXPECT_EQ(kb->Find("клан косова"), nullptr);
}

}  // namespace
}  // namespace vestnik::entities
