// The pipeline: the only place that knows the order of the stages.
//
// Reads: a Document from a reader (src/ingest); models/ (entity, speaker, langid). Adds: every
// annotation, in order: text (normalise, language, tokens, sentences) → entities → quotes → dates.
// Guarantees: Analyze never throws and never fails on any body (resources are loaded and
// checked once, in Create); the Pipeline is immutable after Create and Analyze may run on many
// threads at once.
#ifndef VESTNIK_PIPELINE_PIPELINE_H_
#define VESTNIK_PIPELINE_PIPELINE_H_

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "core/document.h"
#include "core/resources.h"
#include "core/status.h"
#include "entities/kb.h"
#include "entities/recognizer.h"
#include "entities/romanize.h"
#include "quotes/extractor.h"
#include "quotes/speaker_ranker.h"
#include "text/langid_model.h"

namespace vestnik {

struct AnalyzeOptions {
  std::string force_lang;  // --lang: skip identification
  // The trained speaker ranker (models/speakers-<lang>.model, used where the language's
  // settings switch `speaker_ranker` on). false: the rules' speakers only (training).
  bool speaker_ranker = true;
  // A ranker to use instead for the documents in its language, whatever the settings say
  // (evaluation); not owned.
  const quotes::SpeakerRanker* speaker_model = nullptr;
};

// The stages, in the order Analyze runs them. Each replaces only its own fields of the
// Document (normalise: norm_text, norm_map; langid: lang, script; segment: tokens, fold_text,
// sentences; entities: mentions, entities; quotes: quotes; dates: dates).
enum class Stage : uint8_t { kNormalize, kLangId, kSegment, kEntities, kQuotes, kDates };
inline constexpr Stage kAllStages[] = {Stage::kNormalize, Stage::kLangId, Stage::kSegment,
                                       Stage::kEntities,  Stage::kQuotes, Stage::kDates};
const char* StageName(Stage stage);  // "normalise", "langid", ...

class Pipeline {
 public:
  // Loads lang/, data/kb/ and models/ under `root` (Resources::DefaultRoot() if empty);
  // the speaker models only when `speaker_models` (their trainer runs without them, so that
  // a model of other feature templates does not stop it).
  static Result<std::unique_ptr<Pipeline>> Create(const std::filesystem::path& root = {},
                                                  bool speaker_models = true);

  // Runs every stage on `doc`, in order.
  void Analyze(Document* doc, const AnalyzeOptions& options = {}) const;

  // Runs one stage on `doc`, which must have been through the stages before it (bench/ times
  // the stages one by one this way). Running a stage again gives the same Document.
  void RunStage(Stage stage, Document* doc, const AnalyzeOptions& options = {}) const;

  const Resources& resources() const { return *resources_; }
  const entities::KnowledgeBase& kb() const { return kb_; }
  const entities::Romanizer& romanizer() const { return *romanizer_; }

 private:
  Pipeline() = default;
  std::unique_ptr<Resources> resources_;
  entities::KnowledgeBase kb_;
  std::unique_ptr<entities::Romanizer> romanizer_;
  std::unique_ptr<entities::EntityRecognizer> recognizer_;
  std::unique_ptr<quotes::QuoteExtractor> quotes_;
  std::map<std::string, std::shared_ptr<const quotes::SpeakerRanker>> speaker_rankers_;
  std::unique_ptr<text::LangIdModel> langid_;  // null: CLD2 alone
};

}  // namespace vestnik

#endif  // VESTNIK_PIPELINE_PIPELINE_H_
