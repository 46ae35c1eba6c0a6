#include "entities/train/ner_train.h"

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <time.h>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>

#include "core/provenance.h"
#include "entities/recognizer.h"
#include "entities/romanize.h"
#include "entities/train/corpus.h"
#include "entities/train/lemma_learner.h"
#include "entities/train/ner_scorer.h"
#include "entities/train/tagger_trainer.h"

namespace vestnik::entities::train {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// Training sequences: sentences, joined where a gold span crosses their boundary.
std::vector<std::pair<uint32_t, uint32_t>> Sequences(const Document& doc,
                                                     const std::vector<uint8_t>& gold,
                                                     size_t* crossing) {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  for (const Sentence& s : doc.sentences) {
    if (s.end_token <= s.first_token) continue;
    bool inside = s.first_token > 0 && gold[s.first_token] != 0 &&
                  (PartOf(gold[s.first_token]) == 1 || PartOf(gold[s.first_token]) == 2);
    if (inside && !out.empty() && out.back().second == s.first_token) {
      out.back().second = s.end_token;
      ++*crossing;
    } else {
      out.emplace_back(s.first_token, s.end_token);
    }
  }
  return out;
}

Result<std::vector<CorpusDoc>> ReadTraining(const fs::path& data_root, const std::string& lang,
                                            const std::set<std::string>& holdout) {
  if (lang == "en") return ReadConll(data_root / "conll2003-en" / "eng.train");
  return ReadSlavicNer(data_root, lang, {}, holdout);
}

// CPU time of this thread: speed per core, whatever else the machine is doing.
double ThreadSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

double RssMegabytes() {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;
  }
  return 0;
}

// The lemma rules and aliases of `lang` learnt from its gold mentions.
void LearnLemmasAndAliases(const std::vector<CorpusDoc>& docs, size_t main_count,
                           const KnowledgeBase& kb, NerModelData* data) {
  LemmaLearner lemmas;
  std::vector<const CorpusDoc*> main_ptrs;
  for (size_t i = 0; i < main_count; ++i) {
    main_ptrs.push_back(&docs[i]);
    for (const GoldMention& m : docs[i].gold) lemmas.Add(m.surface, m.lemma, m.type);
  }
  data->lemmatizer = lemmas.Build(2);
  data->alias_ids.clear();
  data->aliases.clear();
  LearnAliases(main_ptrs, 2, data, &kb);
}

// `vestnik train ner --tagger-from FILE`: FILE's tagger with lemma rules and aliases learnt anew.
Result<NerModelData> RelearnLemmas(const NerTrainOptions& opt, const KnowledgeBase& kb,
                                   const std::vector<CorpusDoc>& docs, std::ostream& log) {
  auto model = NerModel::Load(opt.tagger_from);
  if (!model.ok()) return model.status();
  if ((*model)->lang() != opt.lang) {
    return Status::InvalidArgument(opt.tagger_from.string() + " is a model for '" +
                                   (*model)->lang() + "', not '" + opt.lang + "'");
  }
  NerModelData data = (*model)->data();
  json h = json::parse(data.header_json, nullptr, false);
  if (!h.is_object()) h = json::object();
  std::set<std::string> held = h.value("holdout_topics", std::set<std::string>{});
  if (held != opt.holdout_topics) {
    return Status::InvalidArgument(opt.tagger_from.string() +
                                   ": its tagger was trained with other held-out topics");
  }
  LearnLemmasAndAliases(docs, docs.size(), kb, &data);
  h["lemma_rules"] = data.lemmatizer.rules_.size();
  h["lemma_words"] = data.lemmatizer.words_.size();
  h["lemma_suffixes"] = data.lemmatizer.suffixes_.size();
  h["aliases"] = data.aliases.size();
  h["lemmas_relearnt"] = {{"command", opt.command}, {"date", TrainingDate()}};
  data.header_json = h.dump();
  log << "relearnt lemmas of " << opt.tagger_from.string() << ": " << data.lemmatizer.rules_.size()
      << " lemma rules, " << data.lemmatizer.words_.size() << " exception words, "
      << data.lemmatizer.suffixes_.size() << " suffix nodes; " << data.aliases.size()
      << " aliases\n";
  return data;
}

}  // namespace

Result<NerModelData> TrainNer(const Resources& res, const KnowledgeBase& kb,
                              const NerTrainOptions& opt, std::ostream& log) {
  auto t0 = std::chrono::steady_clock::now();
  bool conll = opt.lang == "en";
  if (!conll && std::find(kSlavicNerLanguages.begin(), kSlavicNerLanguages.end(), opt.lang) ==
                    kSlavicNerLanguages.end()) {
    return Status::InvalidArgument("no training data for language '" + opt.lang +
                                   "' (SlavicNER: bg cs pl ru sl uk; CoNLL-2003: en)");
  }
  auto main_docs = ReadTraining(opt.data_root, opt.lang, opt.holdout_topics);
  if (!main_docs.ok()) return main_docs.status();
  if (main_docs->empty()) return Status::NotFound("no training documents for " + opt.lang);
  if (!opt.tagger_from.empty()) return RelearnLemmas(opt, kb, *main_docs, log);
  std::vector<CorpusDoc> docs = std::move(main_docs.value());
  size_t main_count = docs.size();
  for (const std::string& extra : opt.extra_langs) {
    if (extra == opt.lang) continue;
    auto more = ReadTraining(opt.data_root, extra, opt.holdout_topics);
    if (!more.ok()) return more.status();
    for (auto& d : *more) {
      d.doc.lang = extra;
      docs.push_back(std::move(d));
    }
  }
  for (size_t i = 0; i < docs.size(); ++i) {
    PrepareText(res, i < main_count ? opt.lang : docs[i].doc.lang, &docs[i].doc);
  }
  std::set<std::string> topics;
  size_t mentions = 0, tokens = 0;
  for (size_t i = 0; i < main_count; ++i) {
    topics.insert(docs[i].topic);
    mentions += docs[i].gold.size();
    tokens += docs[i].doc.tokens.size();
  }
  log << "train ner " << opt.lang << ": " << main_count << " documents, " << tokens << " tokens, "
      << mentions << " mentions";
  if (docs.size() > main_count) {
    log << " (+" << docs.size() - main_count << " documents of the other languages)";
  }
  log << "; text stage " << std::fixed << std::setprecision(1) << Seconds(t0) << " s\n";

  NerModelData data;
  data.lang = opt.lang;
  // Unlabelled-text statistics: the training documents' own text.
  {
    std::vector<const Document*> texts;
    for (size_t i = 0; i < main_count; ++i) texts.push_back(&docs[i].doc);
    LearnWordStats(texts, 2, &data.stats);
  }
  // Features, gold labels, sequences.
  // The gazetteer features read entities.tsv's names only (KbEntity::gazetteer).
  KnowledgeBase tagger_kb = kb.GazetteerOnly();
  FeatureExtractor extractor(&tagger_kb);
  AlignmentStats align, extra_align;
  size_t crossing = 0;
  std::vector<std::vector<uint64_t>> raw(docs.size());
  std::vector<TrainDoc> train(docs.size());
  std::unordered_map<uint64_t, uint32_t> counts;
  for (size_t i = 0; i < docs.size(); ++i) {
    const Document& d = docs[i].doc;
    const LangResources& lr = res.Lang(i < main_count ? opt.lang : d.lang);
    extractor.Extract(d, lr, i < main_count ? &data.stats : nullptr, &raw[i], &train[i].offsets);
    AlignmentStats& a = i < main_count ? align : extra_align;
    train[i].gold = GoldLabels(d, docs[i].gold, &a);
    train[i].sequences = Sequences(d, train[i].gold, &crossing);
    for (uint64_t f : raw[i]) ++counts[f];
  }
  std::vector<uint64_t> keys;
  std::unordered_map<uint64_t, uint32_t> index;
  for (const auto& [f, c] : counts) {
    if (static_cast<int>(c) >= opt.min_feature_count) keys.push_back(f);
  }
  std::sort(keys.begin(), keys.end());
  index.reserve(keys.size());
  for (uint32_t i = 0; i < keys.size(); ++i) index[keys[i]] = i;
  counts.clear();
  for (size_t i = 0; i < docs.size(); ++i) {
    TrainDoc& td = train[i];
    std::vector<uint32_t> offsets{0};
    td.feats.reserve(raw[i].size());
    for (size_t t = 0; t + 1 < td.offsets.size(); ++t) {
      for (uint32_t f = td.offsets[t]; f < td.offsets[t + 1]; ++f) {
        auto it = index.find(raw[i][f]);
        if (it != index.end()) td.feats.push_back(it->second);
      }
      offsets.push_back(static_cast<uint32_t>(td.feats.size()));
    }
    td.offsets.swap(offsets);
    std::vector<uint64_t>().swap(raw[i]);
  }
  log << "  " << keys.size() << " features (seen at least " << opt.min_feature_count
      << " times); " << align.misaligned << " of " << align.spans
      << " gold spans not on token boundaries; " << crossing << " cross a sentence end\n";

  PerceptronOptions po;
  po.epochs = opt.epochs;
  po.prune = opt.prune;
  po.dropout = opt.dropout;
  po.progress = [&](int epoch, double err) {
    log << "  epoch " << epoch << ": " << std::setprecision(4) << err * 100 << "% tokens wrong, "
        << std::setprecision(1) << Seconds(t0) << " s\n";
  };
  TrainPerceptron(train, keys, po, &data);

  // Lemma rules and aliases from the main language's gold mentions.
  LearnLemmasAndAliases(docs, main_count, kb, &data);

  json h;
  h["lang"] = opt.lang;
  h["model"] = "averaged structured perceptron, BILOU, first-order Viterbi";
  h["corpus"] = conll ? "CoNLL-2003 English eng.train (Reuters corpus terms)"
                      : "SlavicNER (Piskorski, Marcińczuk, Yangarber, LREC-COLING 2024), research use only";
  h["topics"] = topics;
  h["holdout_topics"] = opt.holdout_topics;
  h["extra_langs"] = opt.extra_langs;
  h["documents"] = main_count;
  h["tokens"] = tokens;
  h["mentions"] = mentions;
  h["epochs"] = opt.epochs;
  h["dropout"] = opt.dropout;
  h["features"] = data.keys.size();
  h["weights"] = data.entry_weights.size();
  h["lemma_rules"] = data.lemmatizer.rules_.size();
  h["lemma_words"] = data.lemmatizer.words_.size();
  h["lemma_suffixes"] = data.lemmatizer.suffixes_.size();
  h["aliases"] = data.aliases.size();
  h["word_stats"] = data.stats.words.size();
  h["misaligned_spans"] = align.misaligned;
  h["gold_spans"] = align.spans;
  h["command"] = opt.command;
  h["date"] = TrainingDate();
  h["feature_templates"] = FeatureTemplateHash();
  data.header_json = h.dump();
  log << "  " << data.keys.size() << " features kept with " << data.entry_weights.size()
      << " weights; " << data.lemmatizer.rules_.size() << " lemma rules, "
      << data.lemmatizer.words_.size() << " exception words, " << data.lemmatizer.suffixes_.size()
      << " suffix nodes; " << data.aliases.size() << " aliases; " << std::setprecision(1)
      << Seconds(t0) << " s\n";
  return data;
}

int RunNerEval(const NerEvalOptions& opt, std::ostream& out, std::ostream& err) {
  fs::path root = Resources::DefaultRoot();
  auto res = Resources::Load(root);
  if (!res.ok()) {
    err << "vestnik: error: " << res.status().message() << "\n";
    return 2;
  }
  auto kb = KnowledgeBase::LoadDefault(root);
  if (!kb.ok()) {
    err << "vestnik: error: " << kb.status().message() << "\n";
    return 2;
  }
  Romanizer romanizer(**res);
  if (!romanizer.status().ok()) {
    err << "vestnik: error: " << romanizer.status().message() << "\n";
    return 2;
  }
  std::vector<std::string> langs = opt.langs;
  if (langs.empty()) {
    langs = kSlavicNerLanguages;
    langs.push_back("en");
  }
  NerModels models;
  double load_seconds = 0, load_mb = 0;
  if (!opt.train) {
    fs::path dir = opt.models_dir.empty() ? root / "models" : opt.models_dir;
    double before = RssMegabytes();
    auto t = std::chrono::steady_clock::now();
    auto m = LoadNerModels(dir);
    load_seconds = Seconds(t);
    load_mb = RssMegabytes() - before;
    if (!m.ok()) {
      err << "vestnik: error: " << m.status().message() << "\n";
      return 2;
    }
    models = std::move(m.value());
  }
  std::ofstream errors_out;
  if (!opt.errors_file.empty()) errors_out.open(opt.errors_file);

  out << "lang  docs  gold    pred    strict-P strict-R strict-F1 relaxed-F1 lemma  link   MB/s  misaligned\n";
  LinkScorer link_all;
  NerCounts slavic_all;
  bool gate_failed = false;
  std::string topics_str;
  for (const auto& t : opt.topics) topics_str += (topics_str.empty() ? "" : ",") + t;
  for (const std::string& lang : langs) {
    std::shared_ptr<const NerModel> model;
    if (opt.train) {
      NerTrainOptions to;
      to.lang = lang;
      to.data_root = opt.data_root;
      if (lang != "en") to.holdout_topics = opt.topics;
      to.epochs = opt.epochs;
      to.prune = opt.prune;
      to.min_feature_count = opt.min_feature_count;
      to.dropout = opt.dropout;
      for (const auto& x : opt.extra_langs) {
        if (x != lang && lang != "en") to.extra_langs.push_back(x);
      }
      to.command = "vestnik eval ner --train";
      auto data = TrainNer(**res, *kb, to, err);
      if (!data.ok()) {
        err << "vestnik: error: " << data.status().message() << "\n";
        return 2;
      }
      model = std::make_shared<NerModel>(std::move(data.value()));
    } else {
      auto it = models.find(lang);
      if (it == models.end()) {
        err << "vestnik: warning: no model for " << lang << ": the rules are evaluated\n";
      } else {
        model = it->second;
        json h = json::parse(model->header_json(), nullptr, false);
        if (lang != "en" && h.is_object()) {
          std::set<std::string> held = h.value("holdout_topics", std::set<std::string>{});
          for (const std::string& t : opt.topics) {
            if (!held.count(t)) {
              err << "vestnik: warning: the " << lang << " model was trained on topic " << t
                  << ": its scores there are not held-out scores\n";
            }
          }
        }
      }
    }
    NerModels one;
    if (model) one[lang] = model;
    EntityRecognizer recognizer(*kb, romanizer, std::move(one));
    Result<std::vector<CorpusDoc>> docs =
        lang == "en" ? ReadConll(opt.data_root / "conll2003-en" / "eng.testa")
                     : ReadSlavicNer(opt.data_root, lang, opt.topics, {});
    if (!docs.ok()) {
      err << "vestnik: error: " << docs.status().message() << "\n";
      return 2;
    }
    NerCounts counts;
    AlignmentStats align;
    double seconds = 0;
    size_t bytes = 0;
    std::vector<std::string> errors;
    LinkScorer link_lang;
    const LangResources& lr = (*res)->Lang(lang);
    for (CorpusDoc& cd : *docs) {
      PrepareText(**res, lang, &cd.doc);
      GoldLabels(cd.doc, cd.gold, &align);
      double t = ThreadSeconds();
      recognizer.Annotate(lr, &cd.doc);
      seconds += ThreadSeconds() - t;
      bytes += cd.doc.body.size();
      ScoreDocument(cd.gold, cd.doc, &counts, lang == "en" ? nullptr : &link_all,
                    errors_out.is_open() ? &errors : nullptr);
      if (lang != "en") {
        // Per-language linking, on the same mentions.
        NerCounts scratch;
        ScoreDocument(cd.gold, cd.doc, &scratch, &link_lang, nullptr);
      }
      for (const auto& e : errors) errors_out << lang << "\t" << e << "\n";
      errors.clear();
    }
    if (lang != "en") slavic_all.Add(counts);
    double mbps = seconds > 0 ? bytes / 1e6 / seconds : 0;
    out << std::left << std::setw(6) << lang << std::setw(6) << docs->size() << std::setw(8)
        << counts.strict.gold << std::setw(8) << counts.strict.pred << std::fixed
        << std::setprecision(3) << std::setw(9) << counts.strict.precision() << std::setw(9)
        << counts.strict.recall() << std::setw(10) << counts.strict.f1() << std::setw(11)
        << counts.relaxed.f1() << std::setw(7) << counts.lemma_accuracy() << std::setw(7);
    if (lang == "en") {
      out << "-";
    } else {
      out << link_lang.Accuracy();
    }
    out << std::setprecision(2) << std::setw(6) << mbps << align.misaligned << "/" << align.spans
        << "\n";
    out << "      by type:";
    for (const auto& [t, f] : counts.by_type) {
      out << " " << EntityTypeName(t) << " " << std::setprecision(3) << f.f1() << " (" << f.gold << ")";
    }
    out << "\n";
    auto threshold = [&](const std::map<std::string, double>& m) {
      auto it = m.find(lang);
      if (it == m.end()) it = m.find("");
      return it == m.end() ? 0.0 : it->second;
    };
    if (counts.strict.f1() < threshold(opt.min_f1)) {
      err << "quality gate: " << lang << " strict F1 " << counts.strict.f1() << " < " << threshold(opt.min_f1) << "\n";
      gate_failed = true;
    }
    if (lang != "en" && counts.lemma_accuracy() < threshold(opt.min_lemma)) {
      err << "quality gate: " << lang << " lemma accuracy " << counts.lemma_accuracy() << " < " << threshold(opt.min_lemma) << "\n";
      gate_failed = true;
    }
  }
  if (link_all.mentions() > 0) {
    out << "SlavicNER all: strict F1 " << std::setprecision(3) << slavic_all.strict.f1()
        << ", relaxed F1 " << slavic_all.relaxed.f1() << ", lemma accuracy "
        << slavic_all.lemma_accuracy() << ", linking accuracy across documents and languages "
        << link_all.Accuracy() << " (" << link_all.mentions() << " mentions)\n";
    if (errors_out.is_open()) {
      for (const std::string& line : link_all.Misses()) errors_out << "all\t" << line << "\n";
    }
    if (link_all.Accuracy() < opt.min_link) {
      err << "quality gate: linking accuracy " << link_all.Accuracy() << " < " << opt.min_link << "\n";
      gate_failed = true;
    }
  }
  if (!opt.train) {
    out << "models: " << models.size() << " loaded in " << std::setprecision(3) << load_seconds
        << " s, " << std::setprecision(1) << load_mb << " MB resident\n";
  }
  if (!topics_str.empty()) out << "held-out topics: " << topics_str << "\n";
  return gate_failed ? 1 : 0;
}

}  // namespace vestnik::entities::train
