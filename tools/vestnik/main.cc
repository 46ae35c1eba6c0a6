// vestnik: who said what, to whom, about whom, where and when.
// Thin dispatcher: each subcommand is a library call (src/); its options and usage text live
// in the file that registers it (commands.h).
#include <CLI/CLI.hpp>

#include "commands.h"

int main(int argc, char** argv) {
  CLI::App app{"vestnik — reads news in many languages and records who said what, to whom, "
               "about whom, where and when"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "vestnik 0.1.0");
  std::vector<vestnik::cli::Command> commands;
  vestnik::cli::RegisterAnalyze(app, &commands);
  vestnik::cli::RegisterEval(app, &commands);
  vestnik::cli::RegisterNer(app, &commands);
  vestnik::cli::RegisterLangid(app, &commands);
  vestnik::cli::RegisterSpeakers(app, &commands);
  vestnik::cli::RegisterKb(app, &commands);
  vestnik::cli::RegisterStore(app, &commands);
  CLI11_PARSE(app, argc, argv);
  for (const auto& c : commands) {
    if (c.app->parsed()) return c.run();
  }
  return 0;
}
