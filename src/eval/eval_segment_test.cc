#include "eval/eval_segment.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace vestnik::eval {
namespace {

std::vector<std::string> Texts(const UdDocument& d, const std::vector<Span>& spans) {
  std::vector<std::string> out;
  for (Span s : spans) out.push_back(d.text.substr(s.start, s.end - s.start));
  return out;
}

// Multi-word tokens: one token each; their words replace them among the words only when
// they spell out a token that has an apostrophe ("didn't", not the typo "its" = "it" "s").
TEST(ReadConllu, TokensAndWords) {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("vestnik_conllu_" + std::to_string(::getpid()));
  {
    std::ofstream out(path);
    out << "# text = I didn't see its tail.\n"
           "1\tI\tI\tPRON\t_\t_\t0\troot\t_\t_\n"
           "2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n"
           "2\tdid\tdo\tAUX\t_\t_\t4\taux\t_\t_\n"
           "3\tn't\tnot\tPART\t_\t_\t4\tadvmod\t_\t_\n"
           "4\tsee\tsee\tVERB\t_\t_\t0\troot\t_\t_\n"
           "5-6\tits\t_\t_\t_\t_\t_\t_\t_\t_\n"
           "5\tit\tit\tPRON\t_\t_\t7\tnmod\t_\t_\n"
           "6\ts\t's\tPART\t_\t_\t5\tcase\t_\t_\n"
           "7\ttail\ttail\tNOUN\t_\t_\t4\tobj\t_\tSpaceAfter=No\n"
           "8\t.\t.\tPUNCT\t_\t_\t4\tpunct\t_\t_\n"
           "\n";
  }
  auto docs = ReadConllu(path.string());
  std::filesystem::remove(path);
  ASSERT_TRUE(docs.ok()) << docs.status().message();
  ASSERT_EQ(docs->size(), 1u);
  const UdDocument& d = (*docs)[0];
  EXPECT_EQ(Texts(d, d.tokens), (std::vector<std::string>{"I", "didn't", "see", "its", "tail", "."}));
  EXPECT_EQ(Texts(d, d.words),
            (std::vector<std::string>{"I", "did", "n't", "see", "its", "tail", "."}));
  EXPECT_EQ(d.sentences.size(), 1u);
}

}  // namespace
}  // namespace vestnik::eval
