#include "text/langid.h"

#include <cstdio>  // compact_lang_det.h uses FILE without including it
#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include "core/utf8.h"
#include "text/langid_model.h"

namespace vestnik::text {
namespace {


thread_local const LangIdModel* tls_model = nullptr;

// Languages CLD2 may name for Cyrillic text that are really written in Cyrillic. Any other
// answer for a Cyrillic text (CLD2 says "en" for many short Russian sentences) is a miss that
// the Cyrillic group should settle.
bool WrittenInCyrillic(std::string_view code) {
  static constexpr std::string_view kCodes[] = {"bg", "mk", "ru", "uk", "be", "sr", "kk", "ky",
                                                "mn", "tg", "tt", "ba", "cv", "os", "ab", "ce"};
  for (auto c : kCodes) {
    if (c == code) return true;
  }
  return false;
}

}  // namespace

std::string DominantScript(std::string_view text) {
  int counts[8] = {0};
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  for (size_t i = 0; i < n;) {
    unsigned char b = p[i];
    if (b < 0x80) {  // ASCII
      ++i;
      if ((b | 32) >= 'a' && (b | 32) <= 'z') ++counts[static_cast<int>(utf8::Script::kLatin)];
      continue;
    }
    // Two-byte letters of Cyrillic (U+0400..U+04FF) and Latin-1/Extended-A (U+00C0..U+017F)
    // by their lead byte, without decoding; the rest through utf8.
    if (i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
      if (b >= 0xD0 && b <= 0xD3) {
        bool letter = !(b == 0xD2 && p[i + 1] >= 0x82 && p[i + 1] <= 0x89);  // U+0482..U+0489
        counts[static_cast<int>(utf8::Script::kCyrillic)] += letter;
        i += 2;
        continue;
      }
      if ((b == 0xC3 && p[i + 1] != 0x97 && p[i + 1] != 0xB7) || b == 0xC4 || b == 0xC5) {
        ++counts[static_cast<int>(utf8::Script::kLatin)];
        i += 2;
        continue;
      }
    }
    char32_t c = utf8::Next(text, &i);
    if (!utf8::IsLetter(c)) continue;
    ++counts[static_cast<int>(utf8::ScriptOf(c))];
  }
  int best = static_cast<int>(utf8::Script::kCommon);
  int best_count = 0;
  for (int s = 0; s < 8; ++s) {
    if (s == static_cast<int>(utf8::Script::kCommon)) continue;
    if (counts[s] > best_count) best = s, best_count = counts[s];
  }
  return utf8::ScriptCode(static_cast<utf8::Script>(best));
}

LanguageGuess IdentifyLanguageCld2(std::string_view text, std::string_view hint,
                                   size_t max_bytes) {
  LanguageGuess g;
  g.script = DominantScript(text);
  if (g.script == "Zyyy") return g;
  CLD2::CLDHints hints = {nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  std::string hint_str(hint);
  if (!hint.empty()) hints.language_hint = CLD2::GetLanguageFromName(hint_str.c_str());
  CLD2::Language lang3[3];
  int percent3[3];
  double score3[3];
  int text_bytes = 0;
  bool reliable = false;
  std::string buffer;
  std::string_view sample = SampleText(text, max_bytes, &buffer);
  CLD2::Language lang = CLD2::ExtDetectLanguageSummary(
      sample.data(), static_cast<int>(sample.size()), /*is_plain_text=*/true, &hints,
      CLD2::kCLDFlagBestEffort, lang3, percent3, score3, nullptr, &text_bytes, &reliable);
  std::string code = CLD2::LanguageCode(lang);
  if (code == "un" || code == "xxx" || lang == CLD2::UNKNOWN_LANGUAGE) {
    if (!hint.empty()) code = hint_str;
    else code = "und";
  }
  size_t dash = code.find('-');
  if (dash != std::string::npos) code = code.substr(0, dash);
  g.lang = code;
  g.reliable = reliable;
  g.percent = percent3[0];
  return g;
}

LanguageGuess IdentifyLanguage(std::string_view text, std::string_view hint,
                               const LangIdModel* model) {
  LanguageGuess g = IdentifyLanguageCld2(text, hint);
  if (model == nullptr) model = tls_model;
  if (model == nullptr || g.script == "Zyyy") return g;
  const LangIdModel::Group* group = model->GroupFor(g.lang, g.script);
  if (group == nullptr && g.script == "Cyrl" && !WrittenInCyrillic(g.lang)) {
    group = model->GroupFor("ru", "Cyrl");
  }
  if (group == nullptr) return g;
  std::string buffer;
  std::string_view sample = SampleText(text, kDiscriminatorSampleBytes, &buffer);
  // Letters no language of the group writes (ć in a text CLD2 called Slovak): another group
  // of the script whose alphabets fit, if there is one.
  if (!model->Fits(*group, sample)) {
    for (const auto& other : model->groups()) {
      if (&other != group && other.script == group->script && model->IsEntry(other) &&
          model->Fits(other, sample)) {
        group = &other;
        break;
      }
    }
  }
  float margin = 0;
  std::string label = model->Decide(*group, sample, g.lang, &margin);
  if (label.empty()) return g;
  if (label != g.lang) {
    g.lang = label;
    g.reliable = margin > 2;
  }
  return g;
}

ScopedLangIdModel::ScopedLangIdModel(const LangIdModel* model) : previous_(tls_model) {
  tls_model = model;
}

ScopedLangIdModel::~ScopedLangIdModel() { tls_model = previous_; }

}  // namespace vestnik::text
