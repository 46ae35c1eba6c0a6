#include "text/langid.h"

#include <cstdio>  // compact_lang_det.h uses FILE without including it
#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include "core/utf8.h"

namespace vestnik::text {

std::string DominantScript(std::string_view text) {
  int counts[8] = {0};
  for (size_t i = 0; i < text.size();) {
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

LanguageGuess IdentifyLanguage(std::string_view text, std::string_view hint) {
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
  CLD2::Language lang = CLD2::ExtDetectLanguageSummary(
      text.data(), static_cast<int>(text.size()), /*is_plain_text=*/true, &hints,
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

}  // namespace vestnik::text
