#include "analyze.h"

#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <sstream>
#include <thread>

#include "ingest/reader.h"
#include "pipeline/ordered_analyzer.h"

namespace vestnik::cli {

int ForEachAnalyzed(const Pipeline& pipeline, const std::vector<std::string>& inputs,
                    const AnalyzeOptions& options, int threads, bool keep_going,
                    const std::function<void(Document&)>& consume) {
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  // Articles in flight: enough to keep every thread busy past a long article.
  const size_t window_articles = static_cast<size_t>(threads) * 32;
  const size_t window_bytes = 64u << 20;
  OrderedAnalyzer analyzer(pipeline, options, threads, window_articles, window_bytes,
                           [&](Document& d) {
                             for (const auto& w : d.warnings) {
                               std::cerr << "vestnik: warning: " << d.id << ": " << w << "\n";
                             }
                             consume(d);
                           });
  int exit_code = 0;
  bool stop = false;
  auto sink = [&](Result<Document> r) -> bool {
    if (!r.ok()) {
      std::cerr << "vestnik: error: " << r.status().message() << "\n";
      if (!keep_going) {
        exit_code = 2;
        stop = true;
        return false;
      }
      return true;
    }
    analyzer.Push(std::move(r.value()));
    return true;
  };
  for (const std::string& input : inputs) {
    Status s = ingest::ReadInput(input, sink);
    if (!s.ok()) {
      std::cerr << "vestnik: error: " << s.message() << "\n";
      if (!keep_going) {
        exit_code = 2;
        stop = true;
      }
    }
    if (stop) break;
  }
  analyzer.Finish();
  return exit_code;
}

int RunAnalyze(const AnalyzeArgs& args) {
  std::string format = args.format;
  if (format.empty()) format = isatty(STDOUT_FILENO) ? "text" : "jsonl";
  if (format != "jsonl" && format != "json" && format != "text") {
    std::cerr << "vestnik: error: --format must be jsonl, json or text\n";
    return 2;
  }
  OutputOptions out;
  std::stringstream with(args.with);
  std::string item;
  while (std::getline(with, item, ',')) {
    if (item == "text") out.with_text = true;
    else if (item == "sentences") out.with_sentences = true;
    else if (item == "tokens") out.with_tokens = true;
    else if (!item.empty()) {
      std::cerr << "vestnik: error: --with takes text, sentences, tokens (not \"" << item << "\")\n";
      return 2;
    }
  }
  out.pretty = format == "json";
  auto pipeline = Pipeline::Create();
  if (!pipeline.ok()) {
    std::cerr << "vestnik: error: " << pipeline.status().message() << "\n";
    return 1;
  }
  AnalyzeOptions options;
  options.force_lang = args.lang;
  std::string buffer;
  auto consume = [&](Document& d) {
    buffer.clear();
    if (format == "text") WriteReport(d, &buffer);
    else WriteJson(d, out, &buffer);
    std::fwrite(buffer.data(), 1, buffer.size(), stdout);
  };
  int code = ForEachAnalyzed(*pipeline.value(), args.inputs, options, args.threads,
                             args.keep_going, consume);
  std::fflush(stdout);
  return code;
}

}  // namespace vestnik::cli
