// `vestnik train ner`, `vestnik eval ner` (docs/NER.md) and `vestnik train nouns`.
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>

#include "commands.h"
#include "core/resources.h"
#include "entities/kb.h"
#include "entities/ner_model.h"
#include "entities/train/ner_train.h"
#include "entities/train/nouns_trainer.h"

namespace vestnik::cli {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string x; std::getline(in, x, ',');) {
    if (!x.empty()) out.push_back(x);
  }
  return out;
}

std::set<std::string> SplitComma(const std::string& s) {
  std::set<std::string> out;
  std::istringstream in(s);
  for (std::string x; std::getline(in, x, ',');) {
    if (!x.empty()) out.insert(x);
  }
  return out;
}

CLI::App* Group(CLI::App& app, const std::string& name, const std::string& help) {
  CLI::App* g = nullptr;
  try {
    g = app.get_subcommand(name);
  } catch (const CLI::OptionNotFound&) {
    g = nullptr;
  }
  if (!g) {
    g = app.add_subcommand(name, help);
    g->require_subcommand(1);
  }
  return g;
}

}  // namespace

void RegisterNer(CLI::App& app, std::vector<Command>* out) {
  struct TrainArgs {
    std::string lang, data = "../shared/data", out, holdout, extra, tagger_from;
    int epochs = 12;
    float prune = 0.0f, dropout = 0.0f;
    int min_count = 2;
  };
  auto t = std::make_shared<TrainArgs>();
  auto* train = Group(app, "train", "Train vestnik's models from annotated corpora");
  auto* tn = train->add_subcommand(
      "ner", "Train the entity model of one language: SlavicNER (bg cs pl ru sl uk) or CoNLL-2003 (en)");
  tn->add_option("--lang", t->lang, "Language: bg, cs, pl, ru, sl, uk or en")->required();
  tn->add_option("--data", t->data, "Corpora root (default ../shared/data)");
  tn->add_option("--out", t->out, "Model file to write (e.g. models/ner-bg.model)")->required();
  tn->add_option("--holdout-topics", t->holdout, "SlavicNER topics to leave out, comma-separated");
  tn->add_option("--extra-langs", t->extra, "SlavicNER languages whose documents are added, comma-separated");
  tn->add_option("--epochs", t->epochs, "Perceptron epochs (default 12)");
  tn->add_option("--dropout", t->dropout, "Feature dropout while training (default 0)");
  tn->add_option("--prune", t->prune, "Drop averaged weights of at most this magnitude (default 0)");
  tn->add_option("--min-count", t->min_count, "Keep features seen at least this often (default 2)");
  tn->add_option("--tagger-from", t->tagger_from,
                 "Keep this model's tagger and learn only its lemma rules and aliases again");
  out->push_back({tn, [t] {
    entities::train::NerTrainOptions o;
    o.lang = t->lang;
    o.data_root = t->data;
    o.holdout_topics = SplitComma(t->holdout);
    o.extra_langs = SplitList(t->extra);
    o.epochs = t->epochs;
    o.prune = t->prune;
    o.dropout = t->dropout;
    o.min_feature_count = t->min_count;
    o.tagger_from = t->tagger_from;
    std::ostringstream cmd;
    cmd << "vestnik train ner --lang " << t->lang << " --data " << t->data << " --out " << t->out;
    if (!t->holdout.empty()) cmd << " --holdout-topics " << t->holdout;
    if (!t->extra.empty()) cmd << " --extra-langs " << t->extra;
    if (t->epochs != 12) cmd << " --epochs " << t->epochs;
    if (t->dropout != 0.0f) cmd << " --dropout " << t->dropout;
    if (t->prune != 0.0f) cmd << " --prune " << t->prune;
    if (t->min_count != 2) cmd << " --min-count " << t->min_count;
    if (!t->tagger_from.empty()) cmd << " --tagger-from " << t->tagger_from;
    o.command = cmd.str();
    fs::path root = Resources::DefaultRoot();
    auto res = Resources::Load(root);
    if (!res.ok()) {
      std::cerr << "vestnik: error: " << res.status().message() << "\n";
      return 1;
    }
    auto kb = entities::KnowledgeBase::LoadDefault(root);
    if (!kb.ok()) {
      std::cerr << "vestnik: error: " << kb.status().message() << "\n";
      return 1;
    }
    auto data = entities::train::TrainNer(**res, *kb, o, std::cerr);
    if (!data.ok()) {
      std::cerr << "vestnik: error: " << data.status().message() << "\n";
      return 2;
    }
    auto s = entities::NerModel::Save(*data, t->out);
    if (!s.ok()) {
      std::cerr << "vestnik: error: " << s.message() << "\n";
      return 2;
    }
    std::error_code ec;
    std::cerr << "wrote " << t->out << " (" << fs::file_size(t->out, ec) << " bytes)\n";
    return 0;
  }});

  struct EvalArgs {
    std::string data = "../shared/data", langs, topics = "us_election_2020,ryanair", models, errors;
    bool train = false;
    int epochs = 12, min_count = 2;
    float dropout = 0.0f, prune = 0.0f;
    std::string extra;
    std::string min_f1, min_lemma;
    double min_link = 0;
  };
  auto e = std::make_shared<EvalArgs>();
  auto* eval = Group(app, "eval", "Measure quality against annotated data");
  auto* en = eval->add_subcommand(
      "ner", "Score entities on held-out SlavicNER topics and CoNLL-2003 eng.testa");
  en->add_option("--data", e->data, "Corpora root (default ../shared/data)");
  en->add_option("--lang", e->langs, "Languages, comma-separated (default bg,cs,pl,ru,sl,uk,en)");
  en->add_option("--topics", e->topics, "Held-out SlavicNER topics to score (default us_election_2020,ryanair)");
  en->add_flag("--train", e->train, "Train each language's model without those topics first (in memory)");
  en->add_option("--models", e->models, "Folder of ner-<lang>.model files (default <root>/models)");
  en->add_option("--epochs", e->epochs, "Epochs when training (default 12)");
  en->add_option("--dropout", e->dropout, "When training: feature dropout (default 0)");
  en->add_option("--prune", e->prune, "When training: drop weights of at most this magnitude (default 0)");
  en->add_option("--min-count", e->min_count, "When training: keep features seen this often (default 2)");
  en->add_option("--extra-langs", e->extra, "When training: add these SlavicNER languages' documents");
  en->add_option("--min-f1", e->min_f1,
                 "Quality gate: exit 1 when a language's strict F1 is below this (0.8, or bg=0.8,cs=0.7,...)");
  en->add_option("--min-lemma", e->min_lemma, "Quality gate: lemma accuracy per SlavicNER language (as --min-f1)");
  en->add_option("--min-link", e->min_link, "Quality gate: linking accuracy over all SlavicNER languages");
  en->add_option("--errors", e->errors, "Write missed and spurious mentions and wrong lemmas to this file");
  out->push_back({en, [e] {
    entities::train::NerEvalOptions o;
    o.data_root = e->data;
    o.langs = SplitList(e->langs);
    o.topics = SplitComma(e->topics);
    o.train = e->train;
    o.models_dir = e->models;
    o.epochs = e->epochs;
    o.min_feature_count = e->min_count;
    o.dropout = e->dropout;
    o.prune = e->prune;
    o.extra_langs = SplitList(e->extra);
    for (auto [text, target] : {std::pair{&e->min_f1, &o.min_f1}, std::pair{&e->min_lemma, &o.min_lemma}}) {
      for (const std::string& item : SplitList(*text)) {
        size_t eq = item.find('=');
        std::string lang = eq == std::string::npos ? "" : item.substr(0, eq);
        try {
          (*target)[lang] = std::stod(eq == std::string::npos ? item : item.substr(eq + 1));
        } catch (...) {
          std::cerr << "vestnik: error: bad threshold " << item << "\n";
          return 2;
        }
      }
    }
    o.min_link = e->min_link;
    o.errors_file = e->errors;
    return entities::train::RunNerEval(o, std::cout, std::cerr);
  }});

  auto na = std::make_shared<entities::train::NounsTrainArgs>();
  auto* tc = train->add_subcommand(
      "nouns", "Learn which capitalised words are common nouns, not names, from unlabelled German news");
  tc->add_option("--lang", na->lang, "Language (default de; the only one with unlabelled text here)");
  tc->add_option("--data", na->data_root, "Corpus root (default ../shared/data)");
  tc->add_option("--out", na->out, "Model file (default models/common-nouns-<lang>.tsv)");
  tc->add_option("--holdout", na->holdout,
                 "Leave out the first N articles (those `vestnik eval quotes --limit N` scores)");
  tc->add_option("--min-det", na->selection.min_det, "Times after a determiner (default 2)");
  tc->add_option("--min-det-share", na->selection.min_det_share,
                 "Least share of capitalised uses inside sentences after a determiner (default 0.5)");
  out->push_back({tc, [na] {
    na->command = "vestnik train nouns";
    if (na->lang != "de") na->command += " --lang " + na->lang;
    if (!na->data_root.empty()) na->command += " --data " + na->data_root;
    if (na->holdout) na->command += " --holdout " + std::to_string(na->holdout);
    if (na->selection.min_det != 2) na->command += " --min-det " + std::to_string(na->selection.min_det);
    if (na->selection.min_det_share != 0.5) {
      std::ostringstream x;
      x << na->selection.min_det_share;
      na->command += " --min-det-share " + x.str();
    }
    return entities::train::RunNounsTrain(*na);
  }});
}

}  // namespace vestnik::cli
