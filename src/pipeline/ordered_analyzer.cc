#include "pipeline/ordered_analyzer.h"

#include <utility>

namespace vestnik {

OrderedAnalyzer::OrderedAnalyzer(const Pipeline& pipeline, const AnalyzeOptions& options,
                                 int threads, size_t window_articles, size_t window_bytes,
                                 Consumer consume)
    : pipeline_(pipeline),
      options_(options),
      window_articles_(window_articles > 0 ? window_articles : 1),
      window_bytes_(window_bytes),
      consume_(std::move(consume)) {
  if (threads <= 1) return;  // Push analyses inline
  for (int t = 0; t < threads; ++t) workers_.emplace_back([this] { Work(); });
}

OrderedAnalyzer::~OrderedAnalyzer() { Stop(); }

void OrderedAnalyzer::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  for (std::thread& t : workers_) t.join();
  workers_.clear();
}

void OrderedAnalyzer::Work() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    work_ready_.wait(lock,
                     [&] { return stopping_ || next_index_ < front_index_ + window_.size(); });
    if (stopping_) return;
    const size_t index = next_index_++;
    Slot& slot = window_[index - front_index_];  // stays valid: only done slots are popped
    lock.unlock();
    pipeline_.Analyze(&slot.doc, options_);
    lock.lock();
    slot.done = true;
    if (index == front_index_) front_done_.notify_one();
  }
}

bool OrderedAnalyzer::ConsumeFront(bool wait) {
  bool any = false;
  while (true) {
    Document doc;
    {
      std::unique_lock<std::mutex> lock(mu_);
      if (wait && !any) {
        front_done_.wait(lock, [&] { return window_.empty() || window_.front().done; });
      }
      if (window_.empty() || !window_.front().done) return any;
      doc = std::move(window_.front().doc);
      bytes_ -= doc.body.size();
      window_.pop_front();
      ++front_index_;
    }
    any = true;
    consume_(doc);
  }
}

void OrderedAnalyzer::Push(Document doc) {
  if (workers_.empty()) {
    pipeline_.Analyze(&doc, options_);
    consume_(doc);
    return;
  }
  ConsumeFront(/*wait=*/false);
  while (true) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      const bool full = window_.size() >= window_articles_ ||
                        (!window_.empty() && bytes_ + doc.body.size() > window_bytes_);
      if (!full) {
        bytes_ += doc.body.size();
        window_.push_back({std::move(doc), false});
        break;
      }
    }
    ConsumeFront(/*wait=*/true);
  }
  work_ready_.notify_one();
}

void OrderedAnalyzer::Finish() {
  while (ConsumeFront(/*wait=*/true)) {
  }
  Stop();
}

}  // namespace vestnik
