// The text layer's trainers and evaluators (src/text/train/): `vestnik train langid`,
// `vestnik eval langid` and `vestnik train segment`.
#include <memory>

#include "commands.h"
#include "text/train/langid_eval.h"
#include "text/train/langid_trainer.h"
#include "text/train/starters_trainer.h"

namespace vestnik::cli {
namespace {

// The subcommand `name` of `app`, created when no other command group has added it yet.
CLI::App* SubcommandGroup(CLI::App& app, const std::string& name, const std::string& help) {
  for (CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_name() == name) return sub;
  }
  CLI::App* g = app.add_subcommand(name, help);
  g->require_subcommand(1);
  return g;
}

}  // namespace

void RegisterLangid(CLI::App& app, std::vector<Command>* out) {
  auto ta = std::make_shared<text::train::LangIdTrainArgs>();
  auto* train = SubcommandGroup(app, "train", "Train vestnik's models from annotated corpora");
  auto* tl = train->add_subcommand(
      "langid", "Train the close-group language discriminator (bg/mk/ru/uk/be/sr, sr/hr/bs, cs/sk)");
  tl->add_option("--data", ta->data_root, "Corpus root (default ../shared/data)");
  tl->add_option("--out", ta->out, "Model file (default models/langid.model)");
  tl->add_option("--epochs", ta->epochs, "Training epochs (default 6)");
  tl->add_option("--hash-bits", ta->hash_bits, "Feature buckets as a power of two (default 16)");
  tl->add_option("--max-n", ta->max_n, "Longest character n-gram (default 5)");
  tl->add_option("--threads", ta->threads, "Groups trained at once (default 2)");
  tl->add_option("--groups", ta->groups, "Train only these groups: cyrillic bcms czsk (tuning)");
  tl->add_option("--draws", ta->draws, "Examples drawn per label and epoch (default 40000)");
  tl->add_option("--fragments", ta->fragments, "Share of draws cut to a run of 1-12 words (default 0.5)");
  tl->add_option("--cues", ta->cues, "Cue file (default models/langid.cues.tsv; none: no cues)");
  tl->add_option("--max-per-source", ta->max_per_source, "Texts kept per label and corpus (default: all)");
  tl->add_option("--share", ta->shares, "SOURCE=SHARE: weight of a corpus within each label (dsl slavicner alo ud lingua)");
  tl->add_option("--l2", ta->l2, "Logistic regression L2 penalty (default 0)");
  tl->add_option("--method", ta->method, "lr (logistic regression, default) or nb (naive Bayes)");
  tl->add_option("--alpha", ta->alpha, "Naive Bayes smoothing (default 0.5)");
  tl->add_option("--exclude-fold", ta->exclude_fold,
                 "Also keep this fold (0-3) out of training, to tune on it");
  out->push_back({tl, [ta] {
                    ta->command = "vestnik train langid";
                    if (!ta->data_root.empty()) ta->command += " --data " + ta->data_root;
                    if (!ta->out.empty()) ta->command += " --out " + ta->out;
                    if (ta->epochs > 0) ta->command += " --epochs " + std::to_string(ta->epochs);
                    if (ta->hash_bits > 0) ta->command += " --hash-bits " + std::to_string(ta->hash_bits);
                    if (ta->max_n > 0) ta->command += " --max-n " + std::to_string(ta->max_n);
                    if (ta->exclude_fold >= 0) ta->command += " --exclude-fold " + std::to_string(ta->exclude_fold);
                    return text::train::RunLangIdTrain(*ta);
                  }});

  auto sa = std::make_shared<text::train::StartersTrainArgs>();
  auto* ts = train->add_subcommand(
      "segment", "Learn the words that open sentences (headlines run into their text) from raw news");
  ts->add_option("--data", sa->data_root, "Corpus root (default ../shared/data)");
  ts->add_option("--out", sa->out, "Model file (default models/sentence-starters.tsv)");
  ts->add_option("--min-starts", sa->selection.min_starts, "Times capitalised at a sentence start (default 8)");
  ts->add_option("--min-lower", sa->selection.min_lower, "Times written in lower case (default 3)");
  ts->add_option("--min-starts-any", sa->selection.min_starts_any,
                 "Sentence starts needed to split after a capitalised word too (default 10)");
  ts->add_option("--max-mid-share", sa->selection.max_mid_share,
                 "Most capitalised uses inside a sentence, as a share (default 0.03)");
  out->push_back({ts, [sa] {
                    sa->command = "vestnik train segment";
                    if (!sa->data_root.empty()) sa->command += " --data " + sa->data_root;
                    return text::train::RunStartersTrain(*sa);
                  }});

  auto ea = std::make_shared<text::train::LangIdEvalArgs>();
  auto* eval = SubcommandGroup(app, "eval", "Measure quality against annotated data");
  auto* el = eval->add_subcommand(
      "langid", "Language identification on held-out articles, sentences and words: CLD2 alone and with vestnik's discriminator");
  el->add_option("--data", ea->data_root, "Corpus root (default ../shared/data)");
  el->add_option("--model", ea->model, "Model file (default models/langid.model; \"none\": CLD2 alone)");
  el->add_option("--min", ea->min,
                 "Gate UNIT:LANG=ACCURACY (UNIT articles|sentences|pairs|words; LANG a row or all); "
                 "exit 1 when below");
  el->add_flag("--errors", ea->errors, "List the misidentified texts (unit, gold, vestnik, CLD2, source, text)");
  el->add_flag("--by-source", ea->by_source, "One row per language and corpus");
  el->add_option("--dev-fold", ea->exclude_fold, "Evaluate this development fold (0-3) instead of the held-out fold 4");
  out->push_back({el, [ea] { return text::train::RunLangIdEval(*ea); }});
}

}  // namespace vestnik::cli
