// vestnik_stages_bench: Google Benchmark of each pipeline stage, one core, on a sample of
// articles, and reference points on the same bytes.
//
//   VESTNIK_BENCH_INPUT=DIR[:DIR...] [VESTNIK_BENCH_MAX_BYTES=N]
//       vestnik_stages_bench [--benchmark_...]
//
// Inputs are read as `vestnik analyze` reads them (files, directories of .txt/.jsonl); each
// input contributes articles up to VESTNIK_BENCH_MAX_BYTES of body (default 512 KiB; 0: all of
// it), so one directory per language gives a balanced sample. When VESTNIK_BENCH_INPUT is unset
// or empty, the articles of examples/ under the resource root are used. A missing input (or no
// article at all) prints "skipped: ..." and exits 0.
//
// Benchmarks (bytes/s are body bytes, items/s are articles; all on one thread):
//   stage/<name>      one stage (Pipeline::RunStage) over every article, which has been
//                     through the stages before it
//   text_layer        normalise + langid + segment (issue 3's "text layer")
//   analyze           every stage (Pipeline::Analyze)
//   store_write       StoreWriter::Add of every analysed article into a new store, committed
//                     (VESTNIK_BENCH_SCRATCH holds the file; default: the working directory)
//   ref/icu_sentences ICU's sentence BreakIterator alone over each body (UTF-8 UText, no copy)
//   ref/cld2          CLD2 alone over each whole body (the langid stage reads a sample)
//
// bench/run.sh runs this and prints the figures with the end-to-end ones.
// clang-format off
#include <cstdio>  // before compact_lang_det.h, which uses FILE without including it
#include <cld2/public/compact_lang_det.h>
// clang-format on
#include <benchmark/benchmark.h>
#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "core/document.h"
#include "ingest/reader.h"
#include "pipeline/pipeline.h"
#include "store/store.h"
#include "store/writer.h"

namespace {

namespace fs = std::filesystem;
using vestnik::Document;
using vestnik::Pipeline;
using vestnik::Stage;

struct Sample {
  std::vector<Document> docs;  // analysed once, in full
  int64_t bytes = 0;
};

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, ':')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

// Reads up to `max_bytes` of bodies from each input (0: no limit). Returns false (after
// printing why) when an input is absent or unreadable, or there is no article at all.
bool ReadSample(const std::vector<std::string>& inputs, int64_t max_bytes, Sample* sample) {
  for (const std::string& input : inputs) {
    if (!fs::exists(input)) {
      std::cout << "skipped: " << input << " is absent\n";
      return false;
    }
    int64_t taken = 0;
    vestnik::Status s = vestnik::ingest::ReadInput(input, [&](vestnik::Result<Document> r) {
      if (!r.ok()) return true;
      taken += static_cast<int64_t>(r->body.size());
      sample->bytes += static_cast<int64_t>(r->body.size());
      sample->docs.push_back(std::move(r.value()));
      return max_bytes <= 0 || taken < max_bytes;
    });
    if (!s.ok()) {
      std::cout << "skipped: " << s.message() << "\n";
      return false;
    }
  }
  if (sample->docs.empty()) {
    std::cout << "skipped: no articles in the inputs\n";
    return false;
  }
  return true;
}

void SetCounters(benchmark::State& state, const Sample& sample) {
  state.SetBytesProcessed(state.iterations() * sample.bytes);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(sample.docs.size()));
}

void BenchStages(benchmark::State& state, const Pipeline* pipeline, Sample* sample,
                 std::vector<Stage> stages) {
  for (auto _ : state) {
    for (Document& d : sample->docs) {
      for (Stage s : stages) pipeline->RunStage(s, &d);
    }
  }
  SetCounters(state, *sample);
}

void BenchStoreWrite(benchmark::State& state, const Pipeline* pipeline, Sample* sample,
                     const fs::path& db) {
  for (auto _ : state) {
    state.PauseTiming();
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db.string() + suffix);
    auto store = vestnik::store::Store::Open(db.string(), vestnik::store::Store::Mode::kWrite);
    if (!store.ok()) {
      state.SkipWithError(store.status().message().c_str());
      return;
    }
    auto writer = std::make_unique<vestnik::store::StoreWriter>(
        store.value().get(), pipeline->romanizer(), &pipeline->kb());
    state.ResumeTiming();
    for (const Document& d : sample->docs) {
      vestnik::Status s = writer->Add(d);
      if (!s.ok()) {
        state.SkipWithError(s.message().c_str());
        return;
      }
    }
    vestnik::Status s = writer->Commit();
    if (!s.ok()) state.SkipWithError(s.message().c_str());
    state.PauseTiming();
    writer.reset();
    store.value().reset();
    state.ResumeTiming();
  }
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db.string() + suffix);
  SetCounters(state, *sample);
}

void BenchIcuSentences(benchmark::State& state, Sample* sample) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), err));
  if (U_FAILURE(err)) {
    state.SkipWithError("ICU sentence BreakIterator unavailable");
    return;
  }
  int64_t sentences = 0;
  for (auto _ : state) {
    for (const Document& d : sample->docs) {
      UText text = UTEXT_INITIALIZER;
      utext_openUTF8(&text, d.body.data(), static_cast<int64_t>(d.body.size()), &err);
      it->setText(&text, err);
      for (int32_t b = it->first(); b != icu::BreakIterator::DONE; b = it->next()) ++sentences;
      utext_close(&text);
    }
  }
  benchmark::DoNotOptimize(sentences);
  SetCounters(state, *sample);
}

void BenchCld2(benchmark::State& state, Sample* sample) {
  int64_t sum = 0;
  for (auto _ : state) {
    for (const Document& d : sample->docs) {
      bool reliable = false;
      CLD2::Language lang = CLD2::DetectLanguage(d.body.data(), static_cast<int>(d.body.size()),
                                                 /*is_plain_text=*/true, &reliable);
      sum += static_cast<int>(lang);
    }
  }
  benchmark::DoNotOptimize(sum);
  SetCounters(state, *sample);
}

void Register(const Pipeline* pipeline, Sample* sample, const fs::path& scratch) {
  auto reg = [](const std::string& name, auto&& fn) {
    benchmark::RegisterBenchmark(name.c_str(), fn)->Unit(benchmark::kMillisecond)->MinTime(0.5);
  };
  for (Stage s : vestnik::kAllStages) {
    reg(std::string("stage/") + vestnik::StageName(s),
        [=](benchmark::State& st) { BenchStages(st, pipeline, sample, {s}); });
  }
  reg("text_layer", [=](benchmark::State& st) {
    BenchStages(st, pipeline, sample, {Stage::kNormalize, Stage::kLangId, Stage::kSegment});
  });
  reg("analyze", [=](benchmark::State& st) {
    BenchStages(st, pipeline, sample,
                std::vector<Stage>(std::begin(vestnik::kAllStages), std::end(vestnik::kAllStages)));
  });
  reg("store_write", [=](benchmark::State& st) {
    BenchStoreWrite(st, pipeline, sample, scratch / "vestnik_stages_bench.db");
  });
  reg("ref/icu_sentences", [=](benchmark::State& st) { BenchIcuSentences(st, sample); });
  reg("ref/cld2", [=](benchmark::State& st) { BenchCld2(st, sample); });
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  auto pipeline = Pipeline::Create();
  if (!pipeline.ok()) {
    std::cerr << "vestnik_stages_bench: " << pipeline.status().message() << "\n";
    return 1;
  }
  const char* input = std::getenv("VESTNIK_BENCH_INPUT");
  std::vector<std::string> inputs =
      input && *input
          ? SplitList(input)
          : std::vector<std::string>{(pipeline.value()->resources().root() / "examples").string()};
  const char* max = std::getenv("VESTNIK_BENCH_MAX_BYTES");
  Sample sample;
  if (!ReadSample(inputs, max ? std::atoll(max) : (512 << 10), &sample)) return 0;
  for (Document& d : sample.docs) pipeline.value()->Analyze(&d);
  const char* scratch = std::getenv("VESTNIK_BENCH_SCRATCH");
  Register(pipeline.value().get(), &sample, scratch ? fs::path(scratch) : fs::current_path());
  std::cerr << "sample: " << sample.docs.size() << " articles, " << sample.bytes << " bytes\n";
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
