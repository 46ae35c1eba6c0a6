#include "pipeline/pipeline.h"

#include "dates/dates.h"
#include "text/langid.h"
#include "text/normalize.h"
#include "text/segment.h"

namespace vestnik {

Result<std::unique_ptr<Pipeline>> Pipeline::Create(const std::filesystem::path& root_in,
                                                   bool speaker_models) {
  std::filesystem::path root = root_in.empty() ? Resources::DefaultRoot() : root_in;
  auto p = std::unique_ptr<Pipeline>(new Pipeline());
  auto res = Resources::Load(root);
  if (!res.ok()) return res.status();
  p->resources_ = std::move(res.value());
  auto kb = entities::KnowledgeBase::LoadDefault(root, &p->resources_->Lang("sr").translit);
  if (!kb.ok()) return kb.status();
  p->kb_ = std::move(kb.value());
  p->romanizer_ = std::make_unique<entities::Romanizer>(*p->resources_);
  if (!p->romanizer_->status().ok()) return p->romanizer_->status();
  auto models = entities::LoadNerModels(root / "models");  // none for a language: rules
  if (!models.ok()) return models.status();
  p->recognizer_ = std::make_unique<entities::EntityRecognizer>(p->kb_, *p->romanizer_,
                                                                std::move(models.value()));
  p->quotes_ = std::make_unique<quotes::QuoteExtractor>(*p->resources_);
  if (speaker_models) {
    auto rankers = quotes::LoadSpeakerRankers(root / "models");  // none: the rules' speakers
    if (!rankers.ok()) return rankers.status();
    p->speaker_rankers_ = std::move(rankers.value());
  }
  // The close-group language discriminator; without the file, CLD2 alone identifies languages.
  if (std::filesystem::path lm = root / "models" / "langid.model"; std::filesystem::exists(lm)) {
    auto langid = text::LangIdModel::Load(lm);
    if (!langid.ok()) return langid.status();
    p->langid_ = std::move(langid.value());
  }
  return p;
}

const char* StageName(Stage stage) {
  switch (stage) {
    case Stage::kNormalize:
      return "normalise";
    case Stage::kLangId:
      return "langid";
    case Stage::kSegment:
      return "segment";
    case Stage::kEntities:
      return "entities";
    case Stage::kQuotes:
      return "quotes";
    case Stage::kDates:
      return "dates";
  }
  return "?";
}

void Pipeline::Analyze(Document* doc, const AnalyzeOptions& options) const {
  for (Stage stage : kAllStages) RunStage(stage, doc, options);
}

void Pipeline::RunStage(Stage stage, Document* doc, const AnalyzeOptions& options) const {
  // The model also serves the span-level calls of later stages (the quotes' languages).
  text::ScopedLangIdModel langid_scope(langid_.get());
  switch (stage) {
    case Stage::kNormalize:
      text::Normalize(doc->body, &doc->norm_text, &doc->norm_map);
      return;
    case Stage::kLangId: {
      text::LanguageGuess g =
          text::IdentifyLanguage(doc->norm_text, doc->lang_hint.value_or(""), langid_.get());
      doc->script = g.script;
      doc->lang = g.lang;
      if (doc->lang_hint && !doc->lang_hint->empty()) doc->lang = *doc->lang_hint;
      if (!options.force_lang.empty()) doc->lang = options.force_lang;
      return;
    }
    case Stage::kSegment: {
      const LangResources& lr = resources_->Lang(doc->lang);
      text::Tokenize(lr, doc);
      text::SplitSentences(lr, doc);
      return;
    }
    case Stage::kEntities:
      recognizer_->Annotate(resources_->Lang(doc->lang), doc);
      return;
    case Stage::kQuotes: {
      const LangResources& lr = resources_->Lang(doc->lang);
      quotes_->Annotate(lr, doc);
      const quotes::SpeakerRanker* ranker =
          options.speaker_model && options.speaker_model->data().lang == doc->lang
              ? options.speaker_model
              : nullptr;
      if (!ranker && options.speaker_ranker && lr.speaker_ranker) {
        if (auto it = speaker_rankers_.find(doc->lang); it != speaker_rankers_.end()) {
          ranker = it->second.get();
        }
      }
      if (ranker) ranker->Rerank(lr, doc);
      return;
    }
    case Stage::kDates:
      dates::Annotate(*resources_, doc);
      return;
  }
}

}  // namespace vestnik
