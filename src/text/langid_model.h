// The close-group discriminator behind IdentifyLanguage: linear models over hashed character
// n-grams, words and lexical cues that tell apart the languages CLD2 confuses (bg/mk/ru/uk/be/sr
// in Cyrillic; sr/hr/bs in Latin; cs/sk).
//
// Reads: a model file written by `vestnik train langid` (format below; provenance in
// models/README.md) and text. Adds: for a text already known to be in a group's script and in
// one of its languages, which of them. Guarantees: Load checks magic, format version, feature
// settings, cues, alphabets, sizes and a checksum and refuses a mismatch with a Status naming
// the file; a loaded model is immutable and safe to use from many threads at once; Classify
// and Decide are total (any bytes) and read all of what they are given (callers pass a
// SampleText of long texts).
//
// File format (little-endian), version 1:
//   "VSTKLID\n"  magic, 8 bytes
//   u32 version (1)
//   settings:   u32 min_n, u32 max_n, u32 word_features (0/1), u32 hash_bits
//   cues:       u32 count, then per cue two strings: class, pattern
//   strings (u32 length + bytes): description of the training data, date, command
//   u32 number of groups, then per group:
//     string name, string script (ISO 15924), u32 K labels, K strings (ISO 639-1),
//     K strings (alphabets, UTF-8), K f32 CLD2 bonuses,
//     f32 scale, K f32 biases, 2^hash_bits × K int8 weights (bucket-major)
//   u32 FNV-1a checksum of every byte before it
// A label may be a composite ("hr+bs") that a later group refines.
// A score is bias[k] + scale × Σ weight[feature][k] over the text's features.
#ifndef VESTNIK_TEXT_LANGID_MODEL_H_
#define VESTNIK_TEXT_LANGID_MODEL_H_

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace vestnik::text {

// How text becomes features. Stored in the model; the trainer and the runtime share
// ExtractLangIdFeatures so they cannot drift apart.
struct LangIdFeatureSettings {
  uint32_t min_n = 1;  // character n-grams of each word padded with a space on both sides
  uint32_t max_n = 5;
  bool word_features = true;  // the whole folded word as one more feature
  uint32_t hash_bits = 16;    // features hash into 2^hash_bits buckets
};

// Lexical cues: listed words and stems that mark a language or a variety (the yat reflex,
// words only Croatian uses, ...; models/langid.cues.tsv). A word that matches adds one feature
// per cue class it matches, whose weights the trainer learns like any other feature's: a cue
// class may speak for several languages, and a listed word absent from the training data still
// counts. Immutable after building; safe to share between threads.
class LangIdCues {
 public:
  static constexpr size_t kMaxCueLength = 24;  // letters

  // `pattern`: a lower-case word, or a stem ending in '*' for the words that start with it.
  // `cls`: the class name (letters, digits, '-', '_'); at most 64 classes.
  Status Add(std::string_view cls, std::string_view pattern);
  bool empty() const { return entries_.empty(); }
  size_t size() const { return entries_.size(); }
  // (class, pattern) in the order added: what the model file stores.
  const std::vector<std::pair<std::string, std::string>>& entries() const { return entries_; }
  // Appends the feature of each class that the folded word (`length` code points) matches,
  // and counts the match in (*class_counts)[class index] when `class_counts` is given.
  void Match(const char32_t* word, size_t length, uint32_t mask, std::vector<uint32_t>* out,
             std::vector<int>* class_counts = nullptr) const;
  // The index of class `cls` (as counted by Match), or -1.
  int ClassIndex(std::string_view cls) const;
  size_t classes() const { return classes_.size(); }

 private:
  void Insert(uint64_t key, uint64_t bits);
  uint64_t Find(uint64_t key) const;

  std::vector<std::pair<std::string, std::string>> entries_;
  std::vector<std::string> classes_;
  std::vector<uint32_t> class_hashes_;
  // Open addressing: 64-bit FNV of a word (or of a stem, salted) → bit set of classes.
  std::vector<uint64_t> keys_, bits_;
  size_t count_ = 0;
  size_t min_stem_ = ~size_t{0}, max_stem_ = 0;  // letters
};

// Whether `label` ("sr", or a composite "hr+bs") stands for `lang`.
bool LangIdLabelCovers(std::string_view label, std::string_view lang);

// Appends to *out the bucket of every feature of `text`: case-folded letters only (anything
// else separates words; an apostrophe between letters stays in the word), n-grams within a
// word, not across words, the word itself, and the classes of the cues it matches (`cues` may
// be null). Deterministic across platforms.
// `class_counts` (optional, sized to cues->classes()) counts the words of each cue class.
void ExtractLangIdFeatures(std::string_view text, const LangIdFeatureSettings& settings,
                           const LangIdCues* cues, std::vector<uint32_t>* out,
                           std::vector<int>* class_counts = nullptr);

// At most `max_bytes` of `text` for classification: the whole text when short enough, else
// evenly spaced windows cut at white space (so a long article is judged on its beginning,
// middle and end, not on its first paragraph alone).
std::string_view SampleText(std::string_view text, size_t max_bytes, std::string* buffer);

class LangIdModel {
 public:
  struct Group {
    std::string name;    // e.g. "cyrillic"
    std::string script;  // ISO 15924 script the group's texts are written in
    // ISO 639-1 codes, or composites such as "hr+bs" that a later group (the refinement,
    // labelled exactly hr and bs) splits: groups form small trees.
    std::vector<std::string> labels;
    // Per label: the lower-case non-ASCII letters the language writes ("" = no constraint). A
    // text with letters outside it (more than one per hundred letters, or any in a text of at
    // most a hundred) cannot be that language: Macedonian has no й ъ щ ю я, Bulgarian no ј љ
    // њ, Serbian no ѓ ќ ѕ, Belarusian no и щ, Slovak no ě ř ů.
    std::vector<std::u32string> alphabets;
    // Per label: added to its score when CLD2 named it, for the labels the training data
    // covers thinly (Macedonian and Belarusian have word lists only) and CLD2 knows well.
    std::vector<float> cld2_bonus;
    float scale = 1;
    std::vector<float> bias;     // one per label
    std::vector<int8_t> weights;  // 2^hash_bits × labels, bucket-major
  };

  struct Prediction {
    int label = -1;          // index into the group's labels; -1: no features
    float margin = 0;        // best score minus the runner-up's (log-odds)
    std::vector<float> scores;
  };

  // Reads and checks a model file.
  static Result<std::unique_ptr<LangIdModel>> Load(const std::filesystem::path& path);
  // Checks and decodes the bytes of a model file; `name` names it in errors.
  static Result<std::unique_ptr<LangIdModel>> Parse(std::string_view bytes,
                                                    const std::string& name = "model");
  // Builds a model from its parts (the trainer); Validate() tells whether they fit together.
  LangIdModel(LangIdFeatureSettings settings, LangIdCues cues, std::vector<Group> groups,
              std::string data, std::string date, std::string command);
  Status Validate() const;
  std::string Serialize() const;

  const LangIdFeatureSettings& settings() const { return settings_; }
  const LangIdCues& cues() const { return cues_; }
  const std::vector<Group>& groups() const { return groups_; }
  const std::string& training_data() const { return data_; }
  const std::string& date() const { return date_; }
  const std::string& command() const { return command_; }

  // The first group written in `script` with a label that covers `lang` (the entry point of
  // a tree of groups), or null.
  const Group* GroupFor(std::string_view lang, std::string_view script) const;
  const Group* GroupByName(std::string_view name) const;
  // The group that splits a composite label ("hr+bs") of `group`, or null for a plain label.
  const Group* Refinement(const Group& group, int label) const;

  // Scores `text` (all of it: sample long texts first with SampleText) against the group,
  // from its features alone (no alphabets, no CLD2 bonus).
  Prediction Classify(const Group& group, std::string_view text) const;
  Prediction ClassifyFeatures(const Group& group, const std::vector<uint32_t>& features) const;

  // Whether some label of `group` has an alphabet that fits `text` (see Group::alphabets).
  bool Fits(const Group& group, std::string_view text) const;
  // Whether `group` is the root of a tree (no other group refines into it).
  bool IsEntry(const Group& group) const;

  // Walks the tree of groups from `entry` down to a single language: at each group, the best
  // label among those whose alphabet fits the text (all of them if none fits), with the CLD2
  // bonus of the label covering `cld2_lang`. *margin (may be null) gets the smallest margin
  // met on the way. "" when the text has no features.
  std::string Decide(const Group& entry, std::string_view text, std::string_view cld2_lang,
                     float* margin) const;

 private:
  // Narrows *allowed (one flag per label of g, meaningful when any_allowed) to the label
  // whose own words the text has (class_counts: per cue class, from the text's features).
  void RestrictToOwnWords(const Group& g, const std::vector<int>& class_counts, bool any_allowed,
                          bool* allowed) const;
  const Group* FindRefinement(const Group& group, int label) const;

  LangIdFeatureSettings settings_;
  LangIdCues cues_;
  std::vector<Group> groups_;
  std::string data_, date_, command_;
  std::vector<std::vector<int>> children_;  // per group and label: the refining group or -1
};

}  // namespace vestnik::text

#endif  // VESTNIK_TEXT_LANGID_MODEL_H_
