// Analysis on many threads, results in input order.
//
// Reads: Documents pushed one by one (from a reader). Adds: runs Pipeline::Analyze on each, on
// worker threads, one article per task. Guarantees: `consume` sees every pushed Document,
// analysed, exactly once, in push order, on the thread that calls Push and Finish (so it needs
// no locking); output is the same whatever the number of threads.
//
// Design: a window of in-flight articles (a deque: references to its elements survive pushes
// at the back and pops at the front). Workers take the oldest article nobody analyses yet;
// the pushing thread hands finished articles at the front of the window to `consume` while it
// reads the next ones, so reading, analysis and writing overlap and no thread waits for a
// batch to finish. With one thread there are no workers: Push analyses and consumes at once.
#ifndef VESTNIK_PIPELINE_ORDERED_ANALYZER_H_
#define VESTNIK_PIPELINE_ORDERED_ANALYZER_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "core/document.h"
#include "pipeline/pipeline.h"

namespace vestnik {

class OrderedAnalyzer {
 public:
  using Consumer = std::function<void(Document&)>;

  // `pipeline` must outlive this object. `threads` >= 1 analyse; at most `window_articles`
  // articles and about `window_bytes` of bodies are in flight (pushed and not yet consumed).
  OrderedAnalyzer(const Pipeline& pipeline, const AnalyzeOptions& options, int threads,
                  size_t window_articles, size_t window_bytes, Consumer consume);
  // Stops the workers (after the article each is analysing) without consuming what is left;
  // call Finish first to consume everything. Safe when `consume` has thrown.
  ~OrderedAnalyzer();
  OrderedAnalyzer(const OrderedAnalyzer&) = delete;
  OrderedAnalyzer& operator=(const OrderedAnalyzer&) = delete;

  // Queues `doc`, waiting (and consuming finished articles) while the window is full.
  // Exceptions thrown by `consume` propagate to the caller.
  void Push(Document doc);
  // Waits for every queued article and consumes them; the object is done afterwards.
  void Finish();

 private:
  struct Slot {
    Document doc;
    bool done = false;
  };
  void Work();
  // Consumes finished articles at the front; with `wait`, waits for the front one first.
  // Returns false when there was nothing to consume.
  bool ConsumeFront(bool wait);
  void Stop();

  const Pipeline& pipeline_;
  const AnalyzeOptions options_;
  const size_t window_articles_, window_bytes_;
  Consumer consume_;

  std::mutex mu_;
  std::condition_variable work_ready_;  // an article to analyse, or stop
  std::condition_variable front_done_;  // the front article is analysed
  std::deque<Slot> window_;             // in push order; the front is consumed next
  size_t front_index_ = 0;              // push index of window_.front()
  size_t next_index_ = 0;               // push index of the next article to analyse
  size_t bytes_ = 0;                    // bodies in the window
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace vestnik

#endif  // VESTNIK_PIPELINE_ORDERED_ANALYZER_H_
