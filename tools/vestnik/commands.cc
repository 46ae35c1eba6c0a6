#include "commands.h"

#include <iostream>
#include <memory>

#include "analyze.h"
#include "core/resources.h"
#include "entities/kb.h"
#include "eval/eval_quotes.h"
#include "eval/eval_segment.h"

namespace vestnik::cli {

void RegisterAnalyze(CLI::App& app, std::vector<Command>* out) {
  auto a = std::make_shared<AnalyzeArgs>();
  auto* cmd = app.add_subcommand("analyze", "Analyse articles: quotes, speakers, entities, dates");
  cmd->add_option("inputs", a->inputs, "Files, directories or - for standard input")->required();
  cmd->add_option("--format", a->format, "jsonl | json | text (default: text on a terminal, else jsonl)");
  cmd->add_option("--with", a->with, "Extra output: text,sentences,tokens");
  cmd->add_option("--lang", a->lang, "Language of every input (ISO 639-1), skips identification");
  cmd->add_option("--threads", a->threads, "Worker threads (default: all cores)");
  cmd->add_flag("--keep-going", a->keep_going, "Skip bad inputs and go on");
  out->push_back({cmd, [a] { return RunAnalyze(*a); }});
}

void RegisterEval(CLI::App& app, std::vector<Command>* out) {
  auto* eval = app.add_subcommand("eval", "Measure quality against annotated data");
  eval->require_subcommand(1);
  auto qa = std::make_shared<eval::QuoteEvalArgs>();
  auto* eq = eval->add_subcommand("quotes", "Score quotes: GOLD (JSON/JSONL, seed format) against INPUT");
  eq->add_option("gold", qa->gold, "Gold file: JSONL or a single JSON object like the seed's gold")->required();
  eq->add_option("inputs", qa->inputs, "Articles to analyse (when the gold holds quote texts)");
  eq->add_option("--pred", qa->pred, "Score this vestnik JSONL output instead of analysing");
  eq->add_option("--data", qa->data_root, "Root that gold \"doc\" paths are relative to (default ../shared/data)");
  eq->add_option("--script", qa->script, "Cyrl: transliterate Serbian Latin articles and gold to Cyrillic first");
  eq->add_option("--corpus", qa->corpus, "polnear | germeval | adaq: GOLD is that corpus's folder (e.g. ../shared/data/polnear/dev)");
  eq->add_option("--limit", qa->limit, "Score at most this many articles of a corpus");
  eq->add_flag("--errors", qa->errors, "List missed, spurious and mis-attributed quotes");
  eq->add_option("--min-f1", qa->min_f1, "Exit 1 when end-to-end F1 is below this (quality gate)");
  eq->add_option("--every", qa->every,
                 "Score only the corpus articles whose index % N == 0 (a held-out part)");
  eq->add_option("--speaker-model", qa->speaker_model,
                 "Use this speaker ranker model, whatever the settings say");
  eq->add_flag("--rules-only", qa->rules_only, "The rules' speakers only (no speaker ranker)");
  out->push_back({eq, [qa] { return eval::RunQuoteEval(*qa); }});

  auto sa = std::make_shared<eval::SegmentEvalArgs>();
  auto* es = eval->add_subcommand("segment", "Sentence and token F1 on the UD dev sets, beside ICU");
  es->add_option("--data", sa->data_root, "Corpus root holding ud/ (default ../shared/data)");
  es->add_option("--lang", sa->langs, "Languages (default: bg sr ru en)");
  es->add_option("--min-f1", sa->min_f1, "Exit 1 when a language's sentence F1 is below this");
  es->add_option("--min-token-f1", sa->min_token_f1, "Exit 1 when a language's token F1 is below this");
  es->add_option("--errors", sa->errors, "Print up to N missed and spurious sentence ends per language");
  out->push_back({es, [sa] { return eval::RunSegmentEval(*sa); }});
}

void RegisterKb(CLI::App& app, std::vector<Command>* out) {
  struct KbArgs {
    std::string id, type, latin;
    std::vector<std::string> names;
  };
  auto k = std::make_shared<KbArgs>();
  auto* kb = app.add_subcommand("kb", "The knowledge base of entities (data/kb/)");
  kb->require_subcommand(1);
  auto* add = kb->add_subcommand("add", "Add an entity: vestnik kb add ID TYPE LATIN lang:name...");
  add->add_option("id", k->id, "Lower-case ASCII slug, e.g. boris-ruge")->required();
  add->add_option("type", k->type, "PER, ORG, LOC, EVT or PRO")->required();
  add->add_option("latin", k->latin, "Romanised canonical name")->required();
  add->add_option("names", k->names, "Names as lang:form (bg:Борис Руге, *:@handle)")->required();
  out->push_back({add, [k] {
    entities::KbEntity e;
    e.id = k->id;
    auto type = ParseEntityType(k->type);
    if (!type) {
      std::cerr << "vestnik: error: unknown type " << k->type << " (PER, ORG, LOC, EVT, PRO)\n";
      return 2;
    }
    e.type = *type;
    e.latin = k->latin;
    for (const auto& n : k->names) {
      size_t colon = n.find(':');
      if (colon == std::string::npos || colon == 0 || colon + 1 == n.size()) {
        std::cerr << "vestnik: error: a name is lang:form, not \"" << n << "\"\n";
        return 2;
      }
      e.names.emplace_back(n.substr(0, colon), n.substr(colon + 1));
    }
    auto path = Resources::DefaultRoot() / "data" / "kb" / "entities.tsv";
    auto existing = entities::KnowledgeBase::Load(path);
    if (existing.ok()) {
      for (size_t i = 0; i < existing->size(); ++i) {
        if (existing->entity(static_cast<uint32_t>(i)).id == e.id) {
          std::cerr << "vestnik: error: " << e.id << " is already in " << path.string() << "\n";
          return 2;
        }
      }
    }
    auto s = entities::KnowledgeBase::Append(path, e);
    if (!s.ok()) {
      std::cerr << "vestnik: error: " << s.message() << "\n";
      return 2;
    }
    std::cout << "added " << e.id << " to " << path.string() << "\n";
    return 0;
  }});
}

}  // namespace vestnik::cli
