// Language and script identification.
//
// Reads: normalised text (a whole body or any span of it: a quotation, an embedded post, a
// headline) and, optionally, the discriminator model of models/langid.model (langid_model.h).
// Adds: an ISO 639-1 code and an ISO 15924 script code.
// Guarantees: total and thread-safe (CLD2's tables are static and read-only; a loaded model is
// immutable); "und" when nothing can be said (no letters).
//
// How it decides: CLD2 (full tables) gives the broad answer. When that answer falls in one of
// the model's close groups for the text's script (bg/mk/ru/uk/be/sr in Cyrillic; sr against
// hr+bs, then hr/bs, and cs/sk in Latin) — or the text is Cyrillic and CLD2 has named a
// language that is not written in Cyrillic, as it does with short Cyrillic text — the group's
// linear model over character n-grams, words and lexical cues picks the language among those
// whose alphabet fits the text's letters, reading a bounded sample of a long text. A Latin text
// with letters no language of CLD2's group writes (ć in a text CLD2 called Slovak) goes to a
// group whose alphabets fit. Without a model, CLD2 alone answers. Serbian is "sr" in either
// script. Quality and speed: docs/QUALITY.md.
#ifndef VESTNIK_TEXT_LANGID_H_
#define VESTNIK_TEXT_LANGID_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace vestnik::text {

class LangIdModel;

// CLD2 and the discriminator read at most this much of a text: for a long article, windows at
// its beginning, middle and end (SampleText in langid_model.h). Enough for a sure answer, and
// it bounds the cost per article (CLD2 reads only 10-20 MB/s, the text layer aims at 50).
inline constexpr size_t kCld2SampleBytes = 1024;
inline constexpr size_t kDiscriminatorSampleBytes = 1000;

struct LanguageGuess {
  std::string lang = "und";  // ISO 639-1 ("sr" for Serbian in either script)
  std::string script = "Zyyy";
  bool reliable = false;
  int percent = 0;  // share of the text in `lang` (CLD2's estimate)
};

// The majority script of the letters in `text`.
std::string DominantScript(std::string_view text);

// Identifies the main language of `text`. `hint` (ISO 639-1, may be empty) breaks ties for
// short or ambiguous text. `model` refines CLD2 inside the close groups; when null, the model
// of the innermost ScopedLangIdModel on this thread is used, if any, else CLD2 alone.
LanguageGuess IdentifyLanguage(std::string_view text, std::string_view hint = {},
                               const LangIdModel* model = nullptr);

// CLD2 alone (no discriminator), whatever model is in scope, on at most `max_bytes` of the
// text (`eval langid` shows CLD2 on whole texts as its baseline).
LanguageGuess IdentifyLanguageCld2(std::string_view text, std::string_view hint = {},
                                   size_t max_bytes = kCld2SampleBytes);

// Makes `model` the default of IdentifyLanguage on the current thread for the lifetime of the
// scope (the Pipeline wraps Analyze in one, so every stage's span-level calls use the model it
// loaded). Scopes nest; `model` must outlive the scope and may be null (CLD2 alone).
class ScopedLangIdModel {
 public:
  explicit ScopedLangIdModel(const LangIdModel* model);
  ~ScopedLangIdModel();
  ScopedLangIdModel(const ScopedLangIdModel&) = delete;
  ScopedLangIdModel& operator=(const ScopedLangIdModel&) = delete;

 private:
  const LangIdModel* previous_;
};

}  // namespace vestnik::text

#endif  // VESTNIK_TEXT_LANGID_H_
