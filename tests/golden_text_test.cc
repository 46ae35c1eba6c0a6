// Golden tests of the text layer per language: tests/golden/<lang>/text-<name>.txt with
// text-<name>.expect.json, and tests/golden/langid.jsonl.
//
// Each article runs through the real pipeline and the contract's output (`--with
// sentences,tokens`, docs/FORMAT.md). Checked exactly: "lang" and "script"; "sentences", the
// body text of every sentence in order (a readable diff on failure); "tokens", strings that must
// each be the body text of one token; "normalized" (optional), {token: its normalised form}.
// A case whose language identification is known to be wrong carries "known_failure": "why";
// its lang and script are then reported, not failed, and the rest is checked with the expected
// language given as the article's "lang".
// langid.jsonl: one {"text", "lang", "script", "known_failure"?} per line.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "ingest/reader.h"
#include "pipeline/output.h"
#include "pipeline/pipeline.h"
#include "shared_pipeline.h"

namespace vestnik {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path& GoldenDir() {
  static const fs::path dir = fs::path(VESTNIK_SOURCE_DIR) / "tests" / "golden";
  return dir;
}

using vestnik::test_support::SharedPipeline;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// A line-by-line diff of two lists (longest common subsequence): "  " both, "- " expected
// only, "+ " actual only.
std::string Diff(const std::vector<std::string>& expected, const std::vector<std::string>& actual) {
  size_t n = expected.size(), m = actual.size();
  std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      lcs[i][j] =
          expected[i] == actual[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::string out;
  size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && expected[i] == actual[j]) {
      out += "\n    " + expected[i++];
      ++j;
    } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      out += "\n  + " + actual[j++];
    } else {
      out += "\n  - " + expected[i++];
    }
  }
  return out;
}

// The analysis as `vestnik analyze --with sentences,tokens` reports it.
json AnalyzeToJson(Document* d) {
  SharedPipeline().Analyze(d);
  std::string out;
  OutputOptions options;
  options.with_sentences = options.with_tokens = true;
  WriteJson(*d, options, &out);
  return json::parse(out);
}

std::vector<std::string> SpanTexts(const std::string& body, const json& spans) {
  std::vector<std::string> out;
  for (const json& s : spans) {
    size_t start = s.at("start").get<size_t>(), end = s.at("end").get<size_t>();
    out.push_back(body.substr(start, end - start));
  }
  return out;
}

// Checks lang and script; a known failure is reported on standard output instead.
void CheckLanguage(const json& expected, const json& got, const std::string& what) {
  std::string want =
      expected.at("lang").get<std::string>() + "/" + expected.at("script").get<std::string>();
  std::string have = got.at("lang").get<std::string>() + "/" + got.at("script").get<std::string>();
  if (expected.contains("known_failure")) {
    std::cout << "[ KNOWN    ] " << what << ": expected " << want << ", got " << have
              << (want == have ? " (now right: drop the known_failure mark)" : "") << " — "
              << expected.at("known_failure").get<std::string>() << "\n";
    return;
  }
  EXPECT_EQ(have, want) << what;
}

std::vector<std::string> TextCases() {
  std::vector<std::string> cases;
  for (const auto& lang : fs::directory_iterator(GoldenDir())) {
    if (!lang.is_directory()) continue;
    for (const auto& e : fs::directory_iterator(lang.path())) {
      std::string name = e.path().filename().string();
      if (name.starts_with("text-") && name.ends_with(".txt")) {
        cases.push_back(lang.path().filename().string() + "/" + name.substr(0, name.size() - 4));
      }
    }
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

class GoldenTextTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenTextTest, LanguageSentencesAndTokens) {
  fs::path base = GoldenDir() / GetParam();
  fs::path txt = base.string() + ".txt", exp = base.string() + ".expect.json";
  ASSERT_TRUE(fs::exists(exp)) << "missing " << exp;
  json expected = json::parse(ReadFile(exp));
  Document d = ingest::ParseTextArticle(txt.string(), ReadFile(txt));
  json got = AnalyzeToJson(&d);
  CheckLanguage(expected, got, GetParam());
  if (expected.contains("known_failure")) {
    // Sentences and tokens are checked with the right language's resources, as a JSONL
    // article with its "lang" would be analysed.
    d = ingest::ParseTextArticle(txt.string(), ReadFile(txt));
    d.lang_hint = expected.at("lang").get<std::string>();
    got = AnalyzeToJson(&d);
  }

  std::vector<std::string> want_sentences =
      expected.at("sentences").get<std::vector<std::string>>();
  std::vector<std::string> sentences = SpanTexts(d.body, got.at("sentences"));
  EXPECT_TRUE(sentences == want_sentences)
      << "sentences (- expected only, + vestnik only):" << Diff(want_sentences, sentences);

  std::vector<std::string> tokens = SpanTexts(d.body, got.at("tokens"));
  std::multiset<std::string> token_set(tokens.begin(), tokens.end());
  for (const std::string& t : expected.at("tokens").get<std::vector<std::string>>()) {
    if (token_set.count(t)) continue;
    // Show the tokens that overlap the first occurrence of the expected one.
    std::string around;
    size_t at = d.body.find(t);
    for (const json& s : got.at("tokens")) {
      size_t start = s.at("start").get<size_t>(), end = s.at("end").get<size_t>();
      if (at != std::string::npos && end > at && start < at + t.size()) {
        around += " [" + d.body.substr(start, end - start) + "]";
      }
    }
    ADD_FAILURE() << "\"" << t << "\" is not one token; vestnik has" << around;
  }

  if (expected.contains("normalized")) {
    for (const auto& [form, norm] : expected.at("normalized").items()) {
      const Token* found = nullptr;
      for (const Token& t : d.tokens) {
        if (d.Text(t.span) == form) found = &t;
      }
      if (found == nullptr) {
        ADD_FAILURE() << "no token \"" << form << "\" to check its normalised form";
        continue;
      }
      EXPECT_EQ(std::string(d.NormText(*found)), norm.get<std::string>()) << "normalised " << form;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Articles, GoldenTextTest, ::testing::ValuesIn(TextCases()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string n = info.param;
                           for (char& ch : n) {
                             if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return n;
                         });

std::vector<json> LangIdCases() {
  std::vector<json> cases;
  std::ifstream in(GoldenDir() / "langid.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) cases.push_back(json::parse(line));
  }
  return cases;
}

class GoldenLangIdTest : public ::testing::TestWithParam<json> {};

TEST_P(GoldenLangIdTest, LanguageAndScript) {
  const json& c = GetParam();
  Document d;
  d.id = "langid";
  d.body = c.at("text").get<std::string>();
  json got = AnalyzeToJson(&d);
  CheckLanguage(c, got, d.body);
}

INSTANTIATE_TEST_SUITE_P(Texts, GoldenLangIdTest, ::testing::ValuesIn(LangIdCases()),
                         [](const ::testing::TestParamInfo<json>& info) {
                           return info.param.at("lang").get<std::string>() + "_" +
                                  info.param.at("script").get<std::string>() + "_" +
                                  std::to_string(info.index);
                         });

TEST(GoldenTextFilesTest, EveryLanguageFolderHasTextCasesAndLangIdHasLines) {
  EXPECT_GE(TextCases().size(), 13u);
  EXPECT_GE(LangIdCases().size(), 24u);
}

}  // namespace
}  // namespace vestnik
