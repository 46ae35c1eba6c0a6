// A trained ranker of the speaker candidates of one quotation (issue 5): a linear model over
// small, language-independent features that may overrule the rules' speaker.
//
// Reads: a Document after the rule-based quotes stage (tokens, sentences, mentions, entities,
// quotes with their cue_span and speaker), the language's pronouns, titles and prepositions;
// a model file models/speakers-<lang>.model (format below). Adds: for a quotation with a cue,
// its candidates — the rules' pick, the speaker-like mentions (PER/ORG names in capitals),
// third-person pronouns and titled role nouns of the cue's sentence and the sentence before,
// the words right before the cue that no name covers (a subject's head: "the emails
// revealed", "I think"), and "no speaker" — each with named features; Rerank replaces a quotation's
// speaker, speaker_entity and speaker_span with the best candidate when its score beats the rules'
// pick by the model's margin, and changes nothing else.
// Guarantees: a loaded model is immutable and thread-safe; Load refuses a file with another
// magic, format version or feature-template hash, or a truncated or corrupted one, with a
// Status naming the file and the mismatch. Without a model nothing changes.
//
// File format (little-endian): "VSPKRNK1" magic, u32 format version, u64 feature-template
// hash, string language, string JSON header (provenance: data, command, date, scores,
// licence), f32 margin, u32 n, n × (string feature, f32 weight), "END\0", u64 FNV-1a checksum
// of everything before the end marker. Strings are u32 length + bytes.
#ifndef VESTNIK_QUOTES_SPEAKER_RANKER_H_
#define VESTNIK_QUOTES_SPEAKER_RANKER_H_

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/document.h"
#include "core/resources.h"
#include "core/status.h"

namespace vestnik::quotes {

struct SpeakerCandidate {
  enum class Kind : uint8_t { kNone, kMention, kPronoun, kTitle, kWords, kRule };
  Kind kind = Kind::kNone;
  Span span;            // the words naming it; empty for kNone
  int entity = -1;      // Document::entities index it stands for; -1: none
  std::string speaker;  // what Quote::speaker becomes when it is chosen and entity < 0
  bool rule_pick = false;
  bool oblique = false;  // a name whose last word differs from its lemma's ("к Джавиду")
  std::vector<uint64_t> ids;          // the features, as SpeakerFeatureId of their names
  std::vector<std::string> features;  // their names, when asked for (training)
};

// The id of a feature name (a 64-bit hash).
uint64_t SpeakerFeatureId(std::string_view name);

// The version of the feature templates below; a model trained with other templates is refused.
inline constexpr uint32_t kSpeakerFeatureVersion = 1;

// Candidates of quote `q` of `doc` (empty when it has no cue_span). Exactly one has
// rule_pick set; the first is always "no speaker". Feature names too when `names`.
std::vector<SpeakerCandidate> SpeakerCandidates(const Document& doc, const LangResources& lr,
                                                const Quote& q, bool names = false);

struct SpeakerModelData {
  std::string lang;
  std::string header_json;  // provenance
  float margin = 0;         // the best must beat the rules' pick by more than this
  std::unordered_map<std::string, float> weights;
};

class SpeakerRanker {
 public:
  explicit SpeakerRanker(SpeakerModelData d);
  static Result<std::unique_ptr<SpeakerRanker>> Load(const std::filesystem::path& file);
  static Status Save(const SpeakerModelData& d, const std::filesystem::path& file);
  // The hash of the feature templates this build computes (kSpeakerFeatureVersion and the
  // template names).
  static uint64_t TemplateHash();

  double Score(const SpeakerCandidate& c) const;
  // Index of the best-scoring candidate (the first among equals); -1 when `cands` is empty.
  int Best(const std::vector<SpeakerCandidate>& cands) const;
  // Replaces the speakers of doc->quotes where the ranker's best beats the rules' pick.
  void Rerank(const LangResources& lr, Document* doc) const;
  const SpeakerModelData& data() const { return d_; }

 private:
  SpeakerModelData d_;
  std::unordered_map<uint64_t, float> by_id_;  // the weights by SpeakerFeatureId
};

// Sets q's speaker fields to candidate c (speaker, speaker_entity, speaker_span).
void ApplyCandidate(const Document& doc, const SpeakerCandidate& c, Quote* q);

// The models of a folder, models/speakers-<lang>.model, by language; none: an empty map.
Result<std::map<std::string, std::shared_ptr<const SpeakerRanker>>> LoadSpeakerRankers(
    const std::filesystem::path& dir);

}  // namespace vestnik::quotes

#endif  // VESTNIK_QUOTES_SPEAKER_RANKER_H_
