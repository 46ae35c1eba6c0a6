// vestnik: who said what, to whom, about whom, where and when.
// Thin dispatcher: each subcommand is a library call (src/), its usage text here.
#include <CLI/CLI.hpp>
#include <iostream>

#include "analyze.h"
#include "entities/kb.h"
#include "eval/eval_quotes.h"

int main(int argc, char** argv) {
  CLI::App app{"vestnik — reads news in many languages and records who said what, to whom, "
               "about whom, where and when"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "vestnik 0.1.0");

  vestnik::cli::AnalyzeArgs a;
  auto* analyze = app.add_subcommand("analyze", "Analyse articles and print quotes, entities, dates");
  analyze->add_option("inputs", a.inputs, "Files, directories or - for standard input")->required();
  analyze->add_option("--format", a.format, "jsonl | json | text (default: text on a terminal, else jsonl)");
  analyze->add_option("--with", a.with, "Extra output: text,sentences,tokens");
  analyze->add_option("--lang", a.lang, "Language of every input (ISO 639-1), skips identification");
  analyze->add_option("--threads", a.threads, "Worker threads (default: all cores)");
  analyze->add_flag("--keep-going", a.keep_going, "Skip bad inputs and go on");

  auto* eval = app.add_subcommand("eval", "Measure quality against annotated data");
  eval->require_subcommand(1);
  vestnik::eval::QuoteEvalArgs qa;
  auto* eq = eval->add_subcommand("quotes", "Score quotes: GOLD (JSON/JSONL, seed format) against INPUT");
  eq->add_option("gold", qa.gold, "Gold file: JSONL or a single JSON object like the seed's gold")->required();
  eq->add_option("inputs", qa.inputs, "Articles to analyse, or a JSONL of vestnik output (--pred)");
  eq->add_option("--pred", qa.pred, "Score this vestnik JSONL output instead of analysing inputs");
  eq->add_option("--data", qa.data_root, "Root that gold \"doc\" paths are relative to (default ../shared/data)");
  eq->add_option("--script", qa.script, "Cyrl: transliterate Serbian Latin articles and gold to Cyrillic first");
  eq->add_flag("--errors", qa.errors, "List missed, spurious and mis-attributed quotes");
  eq->add_option("--min-f1", qa.min_f1, "Exit 1 when end-to-end F1 is below this (quality gate)");

  std::string kb_id, kb_type, kb_latin;
  std::vector<std::string> kb_names;
  auto* kb = app.add_subcommand("kb", "The knowledge base of entities (data/kb/)");
  kb->require_subcommand(1);
  auto* kb_add = kb->add_subcommand("add", "Add an entity: vestnik kb add ID TYPE LATIN lang:name...");
  kb_add->add_option("id", kb_id, "Lower-case ASCII slug, e.g. boris-ruge")->required();
  kb_add->add_option("type", kb_type, "PER, ORG, LOC, EVT or PRO")->required();
  kb_add->add_option("latin", kb_latin, "Romanised canonical name")->required();
  kb_add->add_option("names", kb_names, "Names as lang:form (bg:Борис Руге, *:@handle)")->required();

  CLI11_PARSE(app, argc, argv);

  if (analyze->parsed()) return vestnik::cli::RunAnalyze(a);
  if (eq->parsed()) return vestnik::eval::RunQuoteEval(qa);
  if (kb_add->parsed()) {
    vestnik::entities::KbEntity e;
    e.id = kb_id;
    auto type = vestnik::ParseEntityType(kb_type);
    if (!type) {
      std::cerr << "vestnik: error: unknown type " << kb_type << "\n";
      return 2;
    }
    e.type = *type;
    e.latin = kb_latin;
    for (const auto& n : kb_names) {
      size_t colon = n.find(':');
      if (colon == std::string::npos || colon == 0) {
        std::cerr << "vestnik: error: a name is lang:form, not \"" << n << "\"\n";
        return 2;
      }
      e.names.emplace_back(n.substr(0, colon), n.substr(colon + 1));
    }
    auto path = vestnik::Resources::DefaultRoot() / "data" / "kb" / "entities.tsv";
    auto s = vestnik::entities::KnowledgeBase::Append(path, e);
    if (!s.ok()) {
      std::cerr << "vestnik: error: " << s.message() << "\n";
      return 2;
    }
    std::cout << "added " << e.id << " to " << path.string() << "\n";
    return 0;
  }
  return 0;
}
