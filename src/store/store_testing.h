// Helpers for the store's tests: synthetic analysed articles and a canonical dump of a store.
//
// Reads: nothing but what the tests hand it. Adds: Documents with entities, mentions, quotes
// and dates at correct byte offsets, without running the pipeline (fast, also under ASan);
// the logical content of every table as text, to compare two stores.
// Guarantees: MakeArticle(i) is the same Document for the same i on every run.
#ifndef VESTNIK_STORE_STORE_TESTING_H_
#define VESTNIK_STORE_STORE_TESTING_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "core/document.h"
#include "core/resources.h"
#include "entities/kb.h"
#include "entities/romanize.h"
#include "store/store.h"

namespace vestnik::store::testing {

// A scratch folder under the system's temp dir, removed with the object.
class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            ("vestnik-store-" + std::to_string(::getpid()) + "-" +
             (info ? std::string(info->name()) : std::string("x")));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string File(const std::string& name) const { return (path_ / name).string(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The romaniser and knowledge base the pipeline would use, loaded once per test binary.
struct NameResources {
  std::unique_ptr<Resources> resources;
  std::unique_ptr<entities::Romanizer> romanizer;
  entities::KnowledgeBase kb;
};
inline const NameResources& Names() {
  static const NameResources* r = [] {
    auto* n = new NameResources();
    auto res = Resources::Load(Resources::DefaultRoot());
    if (!res.ok()) {
      ADD_FAILURE() << res.status().message();
      std::abort();
    }
    n->resources = std::move(res.value());
    n->romanizer = std::make_unique<entities::Romanizer>(*n->resources);
    auto kb = entities::KnowledgeBase::Load(Resources::DefaultRoot() / "data" / "kb" /
                                            "entities.tsv");
    if (kb.ok()) n->kb = std::move(kb.value());
    return n;
  }();
  return *r;
}

// Builds an article piece by piece, recording byte offsets.
class ArticleBuilder {
 public:
  explicit ArticleBuilder(Document* d) : d_(d) {}
  Span Text(const std::string& s) {
    Span span{static_cast<uint32_t>(d_->body.size()),
              static_cast<uint32_t>(d_->body.size() + s.size())};
    d_->body += s;
    return span;
  }
  int Entity(const std::string& id, EntityType type, const std::string& name,
             const std::string& latin, bool known) {
    for (size_t i = 0; i < d_->entities.size(); ++i) {
      if (d_->entities[i].id == id) return static_cast<int>(i);
    }
    vestnik::Entity e;
    e.id = id;
    e.type = type;
    e.name = name;
    e.latin = latin;
    e.known = known;
    d_->entities.push_back(e);
    return static_cast<int>(d_->entities.size() - 1);
  }
  Span Mention(int entity, const std::string& text, const std::string& lemma) {
    Span s = Text(text);
    vestnik::Mention m;
    m.span = s;
    m.text = text;
    m.lemma = lemma;
    m.entity = entity;
    m.type = d_->entities[entity].type;
    d_->entities[entity].mentions.push_back(static_cast<uint32_t>(d_->mentions.size()));
    d_->mentions.push_back(m);
    return s;
  }

 private:
  Document* d_;
};

// Article i: Борис Руге quotes about Kosovo (and, every third article, Vučić), Вучич answers,
// dates in 2024 spread over months; every fifth article is in English.
inline Document MakeArticle(int i) {
  Document d;
  d.id = "synthetic-" + std::to_string(i);
  char date[16];
  std::snprintf(date, sizeof(date), "2024-%02d-%02d", 1 + i % 12, 1 + i % 28);
  d.date = date;
  d.title = "Article " + std::to_string(i);
  if (i % 4 == 0) d.source = "Outlet " + std::to_string(i % 3);
  const bool english = i % 5 == 0;
  d.lang = english ? "en" : "bg";
  d.script = english ? "Latn" : "Cyrl";
  ArticleBuilder b(&d);
  int ruge = b.Entity("per:boris-ruge", EntityType::kPer, english ? "Boris Ruge" : "Борис Руге",
                      "Boris Ruge", false);
  Span speaker = b.Mention(ruge, english ? "Boris Ruge" : "Борис Руге",
                           english ? "Boris Ruge" : "Борис Руге");
  b.Text(english ? " said: \"" : " каза: „");
  Quote q;
  q.kind = QuoteKind::kDirect;
  uint32_t qstart = static_cast<uint32_t>(d.body.size());
  b.Text(english ? "Security in " : "Сигурността в ");
  int kosovo = b.Entity("kosovo", EntityType::kLoc, english ? "Kosovo" : "Косово", "Kosovo", true);
  b.Mention(kosovo, english ? "Kosovo" : "Косово", english ? "Kosovo" : "Косово");
  b.Text(english ? " matters, number " : " е важна, номер ");
  b.Text(std::to_string(i));
  if (i % 3 == 0) {
    b.Text(english ? ", and so does " : ", както и ");
    int vucic = b.Entity("aleksandar-vucic", EntityType::kPer,
                         english ? "Aleksandar Vučić" : "Александър Вучич", "Aleksandar Vučić",
                         true);
    b.Mention(vucic, english ? "Vučić" : "Вучич", english ? "Vučić" : "Вучич");
  }
  q.span = {qstart, static_cast<uint32_t>(d.body.size())};
  q.text = d.body.substr(qstart);
  q.speaker = english ? "Boris Ruge" : "Борис Руге";
  q.speaker_entity = ruge;
  q.speaker_span = speaker;
  q.cue = english ? "said" : "каза";
  q.channel = i % 2 ? "X" : "";
  q.via = i % 7 == 0 ? "Reuters" : "";
  q.lang = d.lang;
  d.quotes.push_back(q);
  b.Text(english ? "\". " : "“. ");
  int vucic = b.Entity("aleksandar-vucic", EntityType::kPer,
                       english ? "Aleksandar Vučić" : "Александър Вучич", "Aleksandar Vučić", true);
  Span v = b.Mention(vucic, english ? "Aleksandar Vučić" : "Александър Вучич",
                     english ? "Aleksandar Vučić" : "Александър Вучич");
  b.Text(english ? " answered that " : " отговори, че ");
  Quote q2;
  q2.kind = QuoteKind::kIndirect;
  uint32_t q2start = static_cast<uint32_t>(d.body.size());
  int eu = b.Entity("european-union", EntityType::kOrg, english ? "European Union" : "Европейски съюз",
                    "European Union", true);
  b.Mention(eu, english ? "the European Union" : "Европейския съюз",
            english ? "European Union" : "Европейски съюз");
  b.Text(english ? " waits" : " чака");
  q2.span = {q2start, static_cast<uint32_t>(d.body.size())};
  q2.text = d.body.substr(q2start);
  q2.speaker = d.entities[vucic].name;
  q2.speaker_entity = vucic;
  q2.speaker_span = v;
  q2.cue = english ? "answered" : "отговори";
  q2.lang = d.lang;
  d.quotes.push_back(q2);
  b.Text(english ? " since yesterday." : " от вчера.");
  DateMention dm;
  dm.text = english ? "yesterday" : "вчера";
  size_t at = d.body.rfind(dm.text);
  dm.span = {static_cast<uint32_t>(at), static_cast<uint32_t>(at + dm.text.size())};
  dm.values = {*d.date};
  d.dates.push_back(dm);
  return d;
}

// The logical content of a store: every row of every table in key order (the full-text index
// as the quotations it finds for a few words).
inline std::string Dump(const Store& store) {
  std::string out;
  const char* queries[] = {
      "SELECT id, hex(hash), ext_id, date, title, url, source, lang, script, warnings, bytes, "
      "body FROM documents ORDER BY id",
      "SELECT id, ext_id, type, name, latin, known FROM entities ORDER BY id",
      "SELECT entity, name, key, script, lang, origin, seen FROM names ORDER BY entity, name",
      "SELECT key, entity, whole FROM name_keys ORDER BY key, entity",
      "SELECT doc, ord, entity, name, latin, mentions FROM doc_entities ORDER BY doc, ord",
      "SELECT doc, ord, entity, entity_ord, start_byte, end_byte, text, lemma FROM mentions "
      "ORDER BY doc, ord",
      "SELECT id, doc, ord, date, start_byte, end_byte, text, kind, speaker, speaker_entity, "
      "speaker_start, speaker_end, speaker_text, cue, channel, via, lang, channel_inherited "
      "FROM quotes ORDER BY id",
      "SELECT doc, ord, start_byte, end_byte, text, value FROM dates ORDER BY doc, ord",
      "SELECT entity, quote FROM quote_entities ORDER BY entity, quote",
      "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'kosovo' ORDER BY rowid",
      "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'сигурността' ORDER BY rowid",
  };
  for (const char* q : queries) {
    out += std::string("## ") + q + "\n";
    auto st = store.db().Prepare(q);
    if (!st.ok()) return "error: " + st.status().message();
    int cols = st->columns();
    for (;;) {
      auto more = st->Step();
      if (!more.ok()) return "error: " + more.status().message();
      if (!*more) break;
      for (int c = 0; c < cols; ++c) {
        out += st->IsNull(c) ? "NULL" : st->Text(c);
        out += c + 1 < cols ? "\t" : "\n";
      }
    }
  }
  return out;
}

}  // namespace vestnik::store::testing

#endif  // VESTNIK_STORE_STORE_TESTING_H_
