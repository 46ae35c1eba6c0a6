#include "store/writer.h"

#include <pthread.h>

#include "pipeline/output.h"
#include "store/hash.h"
#include "store/names.h"

namespace vestnik::store {

IngestCounts& IngestCounts::operator+=(const IngestCounts& o) {
  articles += o.articles;
  added += o.added;
  already += o.already;
  bytes += o.bytes;
  added_bytes += o.added_bytes;
  entities += o.entities;
  mentions += o.mentions;
  quotes += o.quotes;
  dates += o.dates;
  return *this;
}

struct StoreWriter::Statements {
  Statement insert_document, find_entity, insert_entity, insert_name, insert_key,
      insert_doc_entity, insert_mention, insert_quote, insert_quote_fts, insert_quote_entity,
      insert_date;
};

namespace {

// The names cache is a convenience (INSERT OR IGNORE does the real work): keep it bounded.
constexpr size_t kMaxNamesSeen = 2'000'000;

std::string WarningsJson(const std::vector<std::string>& warnings) {
  if (warnings.empty()) return {};
  std::string out = "[";
  for (size_t i = 0; i < warnings.size(); ++i) {
    if (i) out += ',';
    AppendJsonString(warnings[i], &out);
  }
  out += ']';
  return out;
}

}  // namespace

StoreWriter::StoreWriter(Store* store, const entities::Romanizer& romanizer,
                         const entities::KnowledgeBase* kb, WriterOptions options)
    : store_(store), romanizer_(romanizer), kb_(kb), options_(options) {
  if (kb_) {
    for (size_t i = 0; i < kb_->size(); ++i) kb_index_.emplace(kb_->entity(i).id, i);
  }
}

StoreWriter::~StoreWriter() {
  if (in_transaction_) store_->db().Exec("ROLLBACK");
}

Status StoreWriter::Prepare() {
  if (st_) return Status::Ok();
  auto st = std::make_unique<Statements>();
  Connection& db = store_->db();
  struct {
    Statement* stmt;
    const char* sql;
  } all[] = {
      {&st->insert_document,
       "INSERT INTO documents(hash, ext_id, date, title, url, source, lang, script, warnings, "
       "bytes, body) VALUES(?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(hash) DO NOTHING"},
      {&st->find_entity, "SELECT id FROM entities WHERE ext_id = ?"},
      {&st->insert_entity,
       "INSERT INTO entities(ext_id, type, name, latin, known) VALUES(?,?,?,?,?)"},
      {&st->insert_name,
       "INSERT INTO names(entity, name, key, script, lang, origin, seen) VALUES(?,?,?,?,?,?,?) "
       "ON CONFLICT(entity, name) DO UPDATE SET seen = 1 WHERE excluded.seen = 1 AND seen = 0"},
      {&st->insert_key,
       "INSERT INTO name_keys(key, entity, whole) VALUES(?,?,?) "
       "ON CONFLICT(key, entity) DO UPDATE SET whole = max(whole, excluded.whole)"},
      {&st->insert_doc_entity,
       "INSERT INTO doc_entities(doc, ord, entity, name, latin, mentions) VALUES(?,?,?,?,?,?)"},
      {&st->insert_mention,
       "INSERT INTO mentions(doc, ord, entity, entity_ord, start_byte, end_byte, text, lemma) "
       "VALUES(?,?,?,?,?,?,?,?)"},
      {&st->insert_quote,
       "INSERT INTO quotes(doc, ord, date, start_byte, end_byte, text, kind, speaker, "
       "speaker_entity, speaker_start, speaker_end, speaker_text, cue, channel, via, lang, "
       "channel_inherited) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"},
      {&st->insert_quote_fts, "INSERT INTO quotes_fts(rowid, text) VALUES(?,?)"},
      {&st->insert_quote_entity,
       "INSERT OR IGNORE INTO quote_entities(entity, quote) VALUES(?,?)"},
      {&st->insert_date,
       "INSERT INTO dates(doc, ord, start_byte, end_byte, text, value) VALUES(?,?,?,?,?,?)"},
  };
  for (auto& [stmt, sql] : all) {
    auto p = db.Prepare(sql);
    if (!p.ok()) return p.status();
    *stmt = std::move(p.value());
  }
  st_ = std::move(st);
  return Status::Ok();
}

Status StoreWriter::Begin() {
  Status s = store_->db().Exec("BEGIN IMMEDIATE");
  if (!s.ok()) return s;
  in_transaction_ = true;
  transaction_articles_ = 0;
  transaction_start_ = std::chrono::steady_clock::now();
  return Status::Ok();
}

void StoreWriter::Abort() {
  if (in_transaction_) store_->db().Exec("ROLLBACK");
  in_transaction_ = false;
  pending_ = {};
  // Ids and names cached during the rolled-back transaction are gone from the file.
  entity_ids_.clear();
  names_seen_.clear();
}

Status StoreWriter::Add(const Document& doc) {
  Status s = Prepare();
  if (!s.ok()) return s;
  if (!in_transaction_) {
    s = Begin();
    if (!s.ok()) return s;
  }
  s = AddInTransaction(doc);
  if (!s.ok()) {
    Abort();
    return s;
  }
  ++transaction_articles_;
  if (transaction_articles_ >= options_.commit_articles ||
      std::chrono::steady_clock::now() - transaction_start_ >=
          std::chrono::milliseconds(options_.commit_millis)) {
    return Commit();
  }
  return Status::Ok();
}

Status StoreWriter::Commit() {
  if (!in_transaction_) return Status::Ok();
  Status s = store_->db().Exec("COMMIT");
  if (!s.ok()) {
    Abort();
    return s;
  }
  in_transaction_ = false;
  committed_ += pending_;
  pending_ = {};
  if (on_commit_) on_commit_(committed_);
  return Status::Ok();
}

Result<int64_t> StoreWriter::EntityId(const Entity& e) {
  auto it = entity_ids_.find(e.id);
  if (it != entity_ids_.end()) return it->second;
  Statement& find = st_->find_entity;
  find.Bind(1, e.id);
  auto row = find.Step();
  if (!row.ok()) return row.status();
  if (*row) {
    int64_t id = find.Int(0);
    find.Reset();
    entity_ids_.emplace(e.id, id);
    return id;
  }
  find.Reset();
  Statement& ins = st_->insert_entity;
  ins.Bind(1, e.id).Bind(2, EntityTypeName(e.type)).Bind(3, e.name).Bind(4, e.latin);
  ins.Bind(5, int64_t{e.known});
  Status s = ins.Run();
  if (!s.ok()) return s;
  int64_t id = store_->db().LastInsertRowid();
  entity_ids_.emplace(e.id, id);
  ++pending_.entities;
  // A known entity brings every name the knowledge base has for it, in every script.
  if (e.known && kb_) {
    auto k = kb_index_.find(e.id);
    if (k != kb_index_.end()) {
      const entities::KbEntity& kbe = kb_->entity(k->second);
      s = AddName(id, e.type, kbe.latin, "kb", "*");
      if (!s.ok()) return s;
      for (const auto& [lang, form] : kbe.names) {
        s = AddName(id, e.type, form, "kb", lang);
        if (!s.ok()) return s;
      }
    }
  }
  return id;
}

Status StoreWriter::AddName(int64_t entity, EntityType type, std::string_view name,
                            std::string_view origin, std::string_view lang) {
  if (name.empty()) return Status::Ok();
  // Written in the article (a mention or its lemma), or derived (canonical, romanised, kb).
  const bool in_text = origin == "mention" || origin == "lemma";
  // Names from articles are cached: an article repeats the names of the ones before it.
  const bool cached = origin != "kb";
  std::string seen;
  if (cached) {
    seen = std::to_string(entity);
    seen += in_text ? '\x1e' : '\x1f';
    seen += name;
    if (names_seen_.contains(seen)) return Status::Ok();
  }
  std::string key = romanizer_.Key(name);
  Statement& ins = st_->insert_name;
  ins.Bind(1, entity).Bind(2, name).Bind(3, key).Bind(4, ScriptOfName(name)).Bind(5, lang);
  ins.Bind(6, origin).Bind(7, int64_t{in_text});
  Status s = ins.Run();
  if (!s.ok()) return s;
  if (store_->db().Changes() > 0) {
    for (const NameKey& k : KeysOfKey(key, type == EntityType::kPer)) {
      Statement& ik = st_->insert_key;
      ik.Bind(1, k.key).Bind(2, entity).Bind(3, int64_t{k.whole});
      s = ik.Run();
      if (!s.ok()) return s;
    }
  }
  if (cached) {
    if (names_seen_.size() >= kMaxNamesSeen) names_seen_.clear();
    names_seen_.insert(std::move(seen));
  }
  return Status::Ok();
}

Status StoreWriter::AddInTransaction(const Document& doc) {
  ++pending_.articles;
  pending_.bytes += static_cast<int64_t>(doc.body.size());
  Digest hash = ContentHash(doc);
  Statement& ins = st_->insert_document;
  ins.BindBlob(1, std::string_view(reinterpret_cast<const char*>(hash.data()), hash.size()));
  ins.Bind(2, doc.id).BindOpt(3, doc.date).BindOpt(4, doc.title).BindOpt(5, doc.url);
  ins.BindOpt(6, doc.source).Bind(7, doc.lang).Bind(8, doc.script);
  ins.BindOptText(9, WarningsJson(doc.warnings));
  ins.Bind(10, static_cast<int64_t>(doc.body.size())).Bind(11, doc.body);
  Status s = ins.Run();
  if (!s.ok()) return s;
  if (store_->db().Changes() == 0) {  // the same content is already stored
    ++pending_.already;
    return Status::Ok();
  }
  const int64_t id = store_->db().LastInsertRowid();
  ++pending_.added;
  pending_.added_bytes += static_cast<int64_t>(doc.body.size());

  std::vector<int64_t> global(doc.entities.size());
  for (size_t i = 0; i < doc.entities.size(); ++i) {
    const Entity& e = doc.entities[i];
    auto gid = EntityId(e);
    if (!gid.ok()) return gid.status();
    global[i] = *gid;
    Statement& de = st_->insert_doc_entity;
    de.Bind(1, id).Bind(2, static_cast<int64_t>(i)).Bind(3, *gid).Bind(4, e.name);
    de.Bind(5, e.latin).Bind(6, static_cast<int64_t>(e.mentions.size()));
    if (!(s = de.Run()).ok()) return s;
    if (!(s = AddName(*gid, e.type, e.name, "name", doc.lang)).ok()) return s;
    if (!(s = AddName(*gid, e.type, e.latin, "latin", "*")).ok()) return s;
  }
  for (size_t i = 0; i < doc.mentions.size(); ++i) {
    const Mention& m = doc.mentions[i];
    if (m.entity < 0 || static_cast<size_t>(m.entity) >= doc.entities.size()) continue;
    const EntityType type = doc.entities[m.entity].type;
    Statement& im = st_->insert_mention;
    im.Bind(1, id).Bind(2, static_cast<int64_t>(i)).Bind(3, global[m.entity]);
    im.Bind(4, int64_t{m.entity}).Bind(5, int64_t{m.span.start}).Bind(6, int64_t{m.span.end});
    // Text and lemma are kept only where they differ from the body and the text.
    if (m.span.end <= doc.body.size() && doc.Text(m.span) == m.text) im.BindNull(7);
    else im.Bind(7, m.text);
    if (m.lemma == m.text) im.BindNull(8);
    else im.Bind(8, m.lemma);
    if (!(s = im.Run()).ok()) return s;
    ++pending_.mentions;
    if (!(s = AddName(global[m.entity], type, m.text, "mention", doc.lang)).ok()) return s;
    if (!(s = AddName(global[m.entity], type, m.lemma, "lemma", doc.lang)).ok()) return s;
  }
  for (size_t i = 0; i < doc.quotes.size(); ++i) {
    const Quote& q = doc.quotes[i];
    Statement& iq = st_->insert_quote;
    iq.Bind(1, id).Bind(2, static_cast<int64_t>(i)).BindOpt(3, doc.date);
    iq.Bind(4, int64_t{q.span.start}).Bind(5, int64_t{q.span.end}).Bind(6, q.text);
    iq.Bind(7, QuoteKindName(q.kind)).BindOptText(8, q.speaker);
    if (q.speaker_entity >= 0 && static_cast<size_t>(q.speaker_entity) < global.size()) {
      iq.Bind(9, global[q.speaker_entity]);
    }
    if (!q.speaker_span.empty() && q.speaker_span.end <= doc.body.size()) {
      iq.Bind(10, int64_t{q.speaker_span.start}).Bind(11, int64_t{q.speaker_span.end});
      iq.Bind(12, doc.Text(q.speaker_span));
    }
    iq.BindOptText(13, q.cue).BindOptText(14, q.channel).BindOptText(15, q.via);
    iq.Bind(16, q.lang.empty() ? doc.lang : q.lang).Bind(17, int64_t{q.channel_inherited});
    if (!(s = iq.Run()).ok()) return s;
    const int64_t quote_id = store_->db().LastInsertRowid();
    Statement& fts = st_->insert_quote_fts;
    fts.Bind(1, quote_id).Bind(2, q.text);
    if (!(s = fts.Run()).ok()) return s;
    // The entities the quotation names: mentions inside its span.
    for (const Mention& m : doc.mentions) {
      if (m.entity < 0 || static_cast<size_t>(m.entity) >= global.size()) continue;
      if (m.span.start < q.span.start || m.span.end > q.span.end) continue;
      Statement& qe = st_->insert_quote_entity;
      qe.Bind(1, global[m.entity]).Bind(2, quote_id);
      if (!(s = qe.Run()).ok()) return s;
    }
    ++pending_.quotes;
  }
  for (size_t i = 0; i < doc.dates.size(); ++i) {
    const DateMention& d = doc.dates[i];
    std::string value;
    for (const auto& v : d.values) {
      if (!value.empty()) value += ' ';
      value += v;
    }
    Statement& idt = st_->insert_date;
    idt.Bind(1, id).Bind(2, static_cast<int64_t>(i)).Bind(3, int64_t{d.span.start});
    idt.Bind(4, int64_t{d.span.end}).Bind(5, d.text).Bind(6, value);
    if (!(s = idt.Run()).ok()) return s;
    ++pending_.dates;
  }
  return Status::Ok();
}

BackgroundWriter::BackgroundWriter(StoreWriter* writer, size_t max_queue)
    : writer_(writer), max_queue_(max_queue) {
  writer_->set_on_commit([this](const IngestCounts& c) {
    std::lock_guard<std::mutex> lock(mu_);
    snapshot_ = c;
  });
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "vestnik-writer");  // for top and perf
    Run();
  });
}

BackgroundWriter::~BackgroundWriter() { Finish(); }

Status BackgroundWriter::Add(Document doc) {
  // The store keeps the body and the annotations, not the pipeline's working data.
  doc.tokens = {};
  doc.sentences = {};
  doc.norm_text = {};
  doc.fold_text = {};
  doc.norm_map = OffsetMap{};
  std::unique_lock<std::mutex> lock(mu_);
  changed_.wait(lock, [&] { return queue_.size() < max_queue_ || !error_.ok(); });
  if (!error_.ok()) return error_;
  queue_.push_back(std::move(doc));
  changed_.notify_all();
  return Status::Ok();
}

void BackgroundWriter::Run() {
  for (;;) {
    Document doc;
    {
      std::unique_lock<std::mutex> lock(mu_);
      changed_.wait(lock, [&] { return !queue_.empty() || done_; });
      if (queue_.empty()) break;
      doc = std::move(queue_.front());
      queue_.pop_front();
      changed_.notify_all();
    }
    Status s = writer_->Add(doc);
    if (!s.ok()) {
      std::lock_guard<std::mutex> lock(mu_);
      error_ = s;
      queue_.clear();
      changed_.notify_all();
      return;
    }
  }
  Status s = writer_->Commit();
  std::lock_guard<std::mutex> lock(mu_);
  if (!s.ok() && error_.ok()) error_ = s;
}

Status BackgroundWriter::Finish() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (finished_) return error_;
    finished_ = true;
    done_ = true;
    changed_.notify_all();
  }
  if (thread_.joinable()) thread_.join();
  writer_->set_on_commit(nullptr);
  std::lock_guard<std::mutex> lock(mu_);
  return error_;
}

IngestCounts BackgroundWriter::committed() const {
  std::lock_guard<std::mutex> lock(mu_);
  return snapshot_;
}

}  // namespace vestnik::store
