// `vestnik analyze`: reads inputs, runs the pipeline on many threads, writes in input order.
#ifndef VESTNIK_TOOLS_VESTNIK_ANALYZE_H_
#define VESTNIK_TOOLS_VESTNIK_ANALYZE_H_

#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "core/document.h"
#include "pipeline/output.h"
#include "pipeline/pipeline.h"

namespace vestnik::cli {

struct AnalyzeArgs {
  std::vector<std::string> inputs;
  std::string format;  // jsonl | json | text; empty: text on a terminal, else jsonl
  std::string with;    // comma list: text,sentences,tokens
  std::string lang;
  int threads = 0;     // 0: all cores
  bool keep_going = false;
};

// Runs the pipeline over `inputs` and hands each analysed Document, in input order, to
// `consume`. Errors are written to stderr naming the input; returns the process exit code
// (0, or 2 when an input failed and keep_going is off).
int ForEachAnalyzed(const Pipeline& pipeline, const std::vector<std::string>& inputs,
                    const AnalyzeOptions& options, int threads, bool keep_going,
                    const std::function<void(Document&)>& consume);

int RunAnalyze(const AnalyzeArgs& args);

}  // namespace vestnik::cli

#endif  // VESTNIK_TOOLS_VESTNIK_ANALYZE_H_
