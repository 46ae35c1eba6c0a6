// `vestnik train speakers`: the speaker ranker (src/eval/speaker_train.h).
#include <memory>
#include <sstream>

#include "commands.h"
#include "eval/speaker_train.h"

namespace vestnik::cli {

void RegisterSpeakers(CLI::App& app, std::vector<Command>* out) {
  auto a = std::make_shared<eval::SpeakerTrainArgs>();
  CLI::App* train = app.get_subcommand("train");  // RegisterNer made the group
  auto* ts = train->add_subcommand(
      "speakers", "Train the speaker ranker from PolNeAR train (en) or GermEval (de)");
  ts->add_option("--corpus", a->corpus, "polnear (its train split) or germeval");
  ts->add_option("--data", a->data, "Corpora root (default ../shared/data)");
  ts->add_option("--dir", a->dir,
                 "The corpus folder itself (default: its training split under --data)");
  ts->add_option("--out", a->out, "Model file to write (e.g. models/speakers-en.model)")
      ->required();
  ts->add_option("--lang", a->lang, "The language the model is for (default en / de)");
  ts->add_option("--holdout-every", a->holdout_every,
                 "Leave out the articles whose index % N == 0 (eval quotes --every N scores them)");
  ts->add_option("--epochs", a->epochs, "Perceptron epochs (default 10)");
  ts->add_option("--folds", a->folds, "Cross-validation folds for the margin (default 5)");
  out->push_back({ts, [a] {
                    std::ostringstream cmd;
                    cmd << "vestnik train speakers --corpus " << a->corpus << " --data " << a->data
                        << " --out " << a->out;
                    if (!a->dir.empty()) cmd << " --dir " << a->dir;
                    if (!a->lang.empty()) cmd << " --lang " << a->lang;
                    if (a->holdout_every > 0) cmd << " --holdout-every " << a->holdout_every;
                    if (a->epochs != 10) cmd << " --epochs " << a->epochs;
                    if (a->folds != 5) cmd << " --folds " << a->folds;
                    a->command = cmd.str();
                    return eval::RunSpeakerTrain(*a);
                  }});
}

}  // namespace vestnik::cli
