// Writing analysed articles into the store: the single writer.
//
// Reads: Documents after the pipeline (entities, mentions, quotes, dates filled in).
// Adds: one documents row per new article (keyed by its content hash, hash.h), its entities
// merged by id with every other article's (one entities row per referent), every name variant
// seen (mention text, lemma, canonical and romanised name, knowledge-base names) with its keys
// (names.h), mentions, quotes (and their full-text index), dates.
// Guarantees: idempotent: an article already stored (same content hash) adds nothing. Atomic per
// commit: a transaction holds whole articles, so a crash (kill -9, power loss) leaves the store
// as of the last commit, and running the same input again completes it to exactly what one
// clean run gives (rows, ids and all). One StoreWriter per database at a time (BEGIN IMMEDIATE:
// a second one waits, then fails with a message); not thread-safe itself (BackgroundWriter runs
// it on its own thread).
#ifndef VESTNIK_STORE_WRITER_H_
#define VESTNIK_STORE_WRITER_H_

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/document.h"
#include "core/status.h"
#include "entities/kb.h"
#include "entities/romanize.h"
#include "store/store.h"

namespace vestnik::store {

struct WriterOptions {
  // A transaction is committed after this many articles or this long, whichever comes first.
  int commit_articles = 1000;
  int commit_millis = 2000;
};

struct IngestCounts {
  int64_t articles = 0;  // handed to the writer
  int64_t added = 0;     // new articles stored
  int64_t already = 0;   // skipped: the same content was stored before
  int64_t bytes = 0;     // body bytes handed over
  int64_t added_bytes = 0;
  int64_t entities = 0;  // entities seen for the first time
  int64_t mentions = 0, quotes = 0, dates = 0;
  IngestCounts& operator+=(const IngestCounts& o);
};

class StoreWriter {
 public:
  // `store` must be opened with Store::Mode::kWrite. `romanizer` (for name keys) and `kb` (for
  // the names of known entities; may be null) must outlive the writer.
  StoreWriter(Store* store, const entities::Romanizer& romanizer,
              const entities::KnowledgeBase* kb, WriterOptions options = {});
  ~StoreWriter();  // rolls back what is not committed

  // Stores `doc` in the open transaction (beginning one if needed) and commits when the
  // transaction is full or old enough. On error the open transaction is rolled back (the
  // articles of it are lost, never half-stored) and the writer may be used again.
  Status Add(const Document& doc);
  // Commits the open transaction, if any.
  Status Commit();

  // What the committed transactions added.
  const IngestCounts& committed() const { return committed_; }
  // Called after each commit with committed() (on the writer's thread).
  void set_on_commit(std::function<void(const IngestCounts&)> f) { on_commit_ = std::move(f); }

 private:
  Status Prepare();
  Status Begin();
  Status AddInTransaction(const Document& doc);
  Result<int64_t> EntityId(const Entity& e);
  Status AddName(int64_t entity, EntityType type, std::string_view name, std::string_view origin,
                 std::string_view lang);
  void Abort();

  Store* store_;
  const entities::Romanizer& romanizer_;
  const entities::KnowledgeBase* kb_;
  WriterOptions options_;
  std::unordered_map<std::string, uint32_t> kb_index_;  // KB id → index

  struct Statements;
  std::unique_ptr<Statements> st_;
  bool in_transaction_ = false;
  int transaction_articles_ = 0;
  std::chrono::steady_clock::time_point transaction_start_;

  // What this writer knows is stored (valid while no transaction is rolled back).
  std::unordered_map<std::string, int64_t> entity_ids_;
  std::unordered_set<std::string> names_seen_;

  IngestCounts committed_, pending_;
  std::function<void(const IngestCounts&)> on_commit_;
};

// Runs a StoreWriter on a thread of its own, so that analysis goes on while it writes.
class BackgroundWriter {
 public:
  explicit BackgroundWriter(StoreWriter* writer, size_t max_queue = 512);
  ~BackgroundWriter();  // Finish()

  // Queues the document (waiting while `max_queue` are queued). Drops what the store does not
  // keep (tokens, sentences, normalised text) first. Returns the writer's error once it has
  // failed; from then on nothing more is written.
  Status Add(Document doc);
  // Waits until everything queued is written, commits, stops the thread; the first error.
  Status Finish();
  // A snapshot of what is committed so far (any thread).
  IngestCounts committed() const;

 private:
  void Run();
  StoreWriter* writer_;
  size_t max_queue_;
  mutable std::mutex mu_;
  std::condition_variable changed_;
  std::deque<Document> queue_;
  bool done_ = false;
  bool finished_ = false;
  Status error_;
  IngestCounts snapshot_;
  std::thread thread_;
};

}  // namespace vestnik::store

#endif  // VESTNIK_STORE_WRITER_H_
