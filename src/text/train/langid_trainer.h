// Training of the close-group discriminator (runtime in text/langid_model.h).
//
// Reads: labelled training texts (langid_corpus.h). Adds: one multinomial logistic-regression
// model per group over hashed character n-grams and words (ExtractLangIdFeatures), trained by
// AdaGrad on class-balanced samples, then quantised to int8 with one scale per group.
// Guarantees: deterministic for the same data and options (fixed seed; groups are trained in
// parallel but each on its own thread and random stream); a group without training text for
// one of its labels is an error naming it.
#ifndef VESTNIK_TEXT_TRAIN_LANGID_TRAINER_H_
#define VESTNIK_TEXT_TRAIN_LANGID_TRAINER_H_

#include <filesystem>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "core/status.h"
#include "text/langid_model.h"
#include "text/train/langid_corpus.h"

namespace vestnik::text::train {

struct LangIdGroupSpec {
  std::string name;
  std::string script;
  std::vector<std::string> labels;
  std::vector<std::string> alphabets;  // per label, UTF-8 lower-case letters ("" or absent: any)
  std::vector<float> cld2_bonus;       // per label (absent: 0)
};

// bg/mk/ru/uk/be/sr in Cyrillic; sr against hr+bs, then hr/bs, in Latin; cs/sk.
std::vector<LangIdGroupSpec> DefaultLangIdGroups();

struct LangIdTrainOptions {
  enum class Method { kLogistic, kNaiveBayes };
  Method method = Method::kLogistic;
  float nb_alpha = 0.5f;  // naive Bayes: additive smoothing, in feature occurrences per 1e6
  LangIdFeatureSettings features;
  int epochs = 6;
  float learning_rate = 0.3f;  // AdaGrad step
  float l2 = 0.0f;             // L2 penalty on the weights of each example's features
  // How much of each label's training draws comes from each source (normalised over the
  // sources the label has), so that a big corpus of one domain (Alo for Serbian) cannot teach
  // "this domain = this language".
  std::map<std::string, float> source_share = {
      {"dsl", 1.0f}, {"slavicner", 1.0f}, {"alo", 1.0f}, {"ud", 0.5f}, {"lingua", 0.6f}};
  size_t draws_per_label = 40000;  // training examples drawn per label and epoch
  size_t max_per_source = 0;       // keep at most this many texts per label and source (0: all)
  // Share of draws that train on a random run of 1-12 words of the example instead of all of
  // it: short texts (headlines, quotations, posts) look like that, and a rare label's few
  // sentences yield many different examples.
  float fragment_share = 0.5f;
  uint32_t seed = 20240611;
  int threads = 2;
};

// Trains one model holding every group of `groups`; `log` (may be null) gets progress.
Result<std::unique_ptr<LangIdModel>> TrainLangIdModel(const std::vector<LangIdSample>& train,
                                                      const std::vector<LangIdGroupSpec>& groups,
                                                      const LangIdTrainOptions& options,
                                                      LangIdCues cues,
                                                      const std::string& data_description,
                                                      const std::string& command,
                                                      std::ostream* log);

// Reads a cue file (models/langid.cues.tsv: class<TAB>pattern) into *cues.
Status LoadLangIdCues(const std::filesystem::path& path, LangIdCues* cues);

// Adds the ekavian/ijekavian word pairs learnt from the Serbian, Croatian and Bosnian training
// texts (yat.h) to the classes "ekavian" and "ijekavian".
Status AddLearnedYatCues(const std::vector<LangIdSample>& train, LangIdCues* cues);

// `vestnik train langid`: loads the corpora, trains, writes the model and prints its size.
struct LangIdTrainArgs {
  std::string data_root;  // default ../shared/data
  std::string out;        // default <vestnik root>/models/langid.model
  int epochs = -1;        // -1: the trainer's default
  int hash_bits = -1;
  int max_n = -1;
  int threads = 2;
  int exclude_fold = -1;  // also keep this fold out of training (tuning runs)
  std::vector<std::string> groups;  // train only these groups (default: all)
  int draws = -1;         // draws per label and epoch (-1: default)
  float fragments = -1;   // fragment share (-1: default)
  std::string cues;       // cue file (default models/langid.cues.tsv; "none": no cues)
  std::vector<std::string> shares;  // SOURCE=SHARE overrides of source_share
  std::string method;     // "lr" (default) or "nb"
  float alpha = -1;       // naive Bayes smoothing (-1: default)
  float l2 = -1;          // logistic regression L2 (-1: default)
  int max_per_source = -1;  // texts kept per label and source (-1: default, 0: all)
  std::string command;    // recorded in the model
};
int RunLangIdTrain(const LangIdTrainArgs& args);

}  // namespace vestnik::text::train

#endif  // VESTNIK_TEXT_TRAIN_LANGID_TRAINER_H_
