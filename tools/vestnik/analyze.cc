#include "analyze.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <iostream>
#include <sstream>
#include <thread>

#include "ingest/reader.h"

namespace vestnik::cli {
namespace {

void AnalyzeBatch(const Pipeline& pipeline, const AnalyzeOptions& options, int threads,
                  std::vector<Document>* batch) {
  if (threads <= 1 || batch->size() < 2) {
    for (Document& d : *batch) pipeline.Analyze(&d, options);
    return;
  }
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < batch->size(); i = next++) pipeline.Analyze(&(*batch)[i], options);
  };
  std::vector<std::thread> pool;
  int n = std::min<int>(threads, static_cast<int>(batch->size()));
  for (int t = 1; t < n; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}

}  // namespace

int ForEachAnalyzed(const Pipeline& pipeline, const std::vector<std::string>& inputs,
                    const AnalyzeOptions& options, int threads, bool keep_going,
                    const std::function<void(Document&)>& consume) {
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const size_t batch_size = static_cast<size_t>(threads) * 32;
  const size_t batch_bytes = 64u << 20;
  std::vector<Document> batch;
  size_t bytes = 0;
  int exit_code = 0;
  bool stop = false;
  auto flush = [&] {
    AnalyzeBatch(pipeline, options, threads, &batch);
    for (Document& d : batch) {
      for (const auto& w : d.warnings) std::cerr << "vestnik: warning: " << d.id << ": " << w << "\n";
      consume(d);
    }
    batch.clear();
    bytes = 0;
  };
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
    bytes += r->body.size();
    batch.push_back(std::move(r.value()));
    if (batch.size() >= batch_size || bytes >= batch_bytes) flush();
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
  flush();
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
