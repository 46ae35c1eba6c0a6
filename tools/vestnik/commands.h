// Subcommand registration: each command group lives in its own file and adds itself to the
// CLI11 app; main.cc only calls the Register functions and dispatches.
#ifndef VESTNIK_TOOLS_VESTNIK_COMMANDS_H_
#define VESTNIK_TOOLS_VESTNIK_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <vector>

namespace vestnik::cli {

// A registered command: once CLI11 has parsed, `run` is called if `parsed()` says so.
struct Command {
  CLI::App* app;
  std::function<int()> run;
};

void RegisterAnalyze(CLI::App& app, std::vector<Command>* out);
void RegisterEval(CLI::App& app, std::vector<Command>* out);
void RegisterKb(CLI::App& app, std::vector<Command>* out);
// train langid, eval langid (langid_commands.cc); call after RegisterEval.
void RegisterLangid(CLI::App& app, std::vector<Command>* out);
// train ner, eval ner (ner_commands.cc); call after RegisterEval.
void RegisterNer(CLI::App& app, std::vector<Command>* out);
// train speakers (speaker_commands.cc); call after RegisterNer.
void RegisterSpeakers(CLI::App& app, std::vector<Command>* out);
// ingest, quotes, entity, export: the corpus store (store_commands.cc).
void RegisterStore(CLI::App& app, std::vector<Command>* out);

}  // namespace vestnik::cli

#endif  // VESTNIK_TOOLS_VESTNIK_COMMANDS_H_
