// Language and script identification.
//
// Reads: normalised text (a whole body or any span of it). Adds: an ISO 639-1 code and an
// ISO 15924 script code. Guarantees: total and thread-safe (CLD2's tables are static and
// read-only); "und" when nothing can be said (no letters).
#ifndef VESTNIK_TEXT_LANGID_H_
#define VESTNIK_TEXT_LANGID_H_

#include <string>
#include <string_view>

namespace vestnik::text {

struct LanguageGuess {
  std::string lang = "und";  // ISO 639-1 ("sr" for Serbian in either script)
  std::string script = "Zyyy";
  bool reliable = false;
  int percent = 0;  // share of the text in `lang`
};

// The majority script of the letters in `text`.
std::string DominantScript(std::string_view text);

// Identifies the main language of `text`. `hint` (ISO 639-1, may be empty) breaks ties for
// short or ambiguous text.
LanguageGuess IdentifyLanguage(std::string_view text, std::string_view hint = {});

}  // namespace vestnik::text

#endif  // VESTNIK_TEXT_LANGID_H_
