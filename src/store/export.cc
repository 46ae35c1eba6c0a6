#include "store/export.h"

#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <unordered_map>

#include "pipeline/output.h"

namespace vestnik::store {

struct DocumentLoader::Statements {
  Statement document, entities, mentions, quotes, dates;
};

DocumentLoader::DocumentLoader(const Store& store) : store_(store) {}
DocumentLoader::~DocumentLoader() = default;

namespace {

std::optional<QuoteKind> ParseQuoteKind(std::string_view s) {
  for (QuoteKind k : {QuoteKind::kDirect, QuoteKind::kIndirect, QuoteKind::kMixed,
                      QuoteKind::kEmbeddedPost}) {
    if (s == QuoteKindName(k)) return k;
  }
  return std::nullopt;
}

std::vector<std::string> SplitSpaces(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= s.size()) {
    size_t sp = s.find(' ', i);
    if (sp == std::string_view::npos) sp = s.size();
    if (sp > i) out.emplace_back(s.substr(i, sp - i));
    i = sp + 1;
  }
  return out;
}

}  // namespace

Result<Document> DocumentLoader::Load(int64_t rowid) {
  const Connection& db = store_.db();
  if (!st_) {
    auto st = std::make_unique<Statements>();
    struct {
      Statement* stmt;
      const char* sql;
    } all[] = {
        {&st->document,
         "SELECT ext_id, date, title, url, source, lang, script, warnings, body FROM documents "
         "WHERE id = ?"},
        {&st->entities,
         "SELECT de.ord, de.entity, de.name, de.latin, e.ext_id, e.type, e.known "
         "FROM doc_entities de JOIN entities e ON e.id = de.entity WHERE de.doc = ? "
         "ORDER BY de.ord"},
        {&st->mentions,
         "SELECT entity_ord, start_byte, end_byte, text, lemma FROM mentions WHERE doc = ? "
         "ORDER BY ord"},
        {&st->quotes,
         "SELECT start_byte, end_byte, text, kind, speaker, speaker_entity, speaker_start, "
         "speaker_end, cue, channel, via, lang, channel_inherited FROM quotes WHERE doc = ? "
         "ORDER BY ord"},
        {&st->dates,
         "SELECT start_byte, end_byte, text, value FROM dates WHERE doc = ? ORDER BY ord"},
    };
    for (auto& [stmt, sql] : all) {
      auto p = db.Prepare(sql);
      if (!p.ok()) return p.status();
      *stmt = std::move(p.value());
    }
    st_ = std::move(st);
  }
  const std::string where = store_.path() + ": article " + std::to_string(rowid);
  Document doc;
  {
    Statement& s = st_->document;
    s.Bind(1, rowid);
    auto row = s.Step();
    if (!row.ok()) return row.status();
    if (!*row) {
      s.Reset();
      return Status::NotFound(where + " is not stored");
    }
    doc.id = s.Text(0);
    doc.date = s.OptText(1);
    doc.title = s.OptText(2);
    doc.url = s.OptText(3);
    doc.source = s.OptText(4);
    doc.lang = s.Text(5);
    doc.script = s.Text(6);
    if (!s.IsNull(7)) {
      auto j = nlohmann::json::parse(s.TextView(7), nullptr, false);
      if (!j.is_array()) {
        s.Reset();
        return Status::Corruption(where + ": malformed warnings");
      }
      for (const auto& w : j) {
        if (w.is_string()) doc.warnings.push_back(w.get<std::string>());
      }
    }
    doc.body = s.Text(8);
    s.Reset();
  }
  std::unordered_map<int64_t, int> by_global;  // entity row id → index in doc.entities
  {
    Statement& s = st_->entities;
    s.Bind(1, rowid);
    for (;;) {
      auto row = s.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      Entity e;
      e.name = s.Text(2);
      e.latin = s.Text(3);
      e.id = s.Text(4);
      auto type = ParseEntityType(s.TextView(5));
      if (!type) {
        s.Reset();
        return Status::Corruption(where + ": unknown entity type " + s.Text(5));
      }
      e.type = *type;
      e.known = s.Int(6) != 0;
      by_global.emplace(s.Int(1), static_cast<int>(doc.entities.size()));
      doc.entities.push_back(std::move(e));
    }
    s.Reset();
  }
  {
    Statement& s = st_->mentions;
    s.Bind(1, rowid);
    for (;;) {
      auto row = s.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      Mention m;
      int64_t entity = s.Int(0);
      m.span = {static_cast<uint32_t>(s.Int(1)), static_cast<uint32_t>(s.Int(2))};
      if (entity < 0 || static_cast<size_t>(entity) >= doc.entities.size() ||
          m.span.end < m.span.start || m.span.end > doc.body.size()) {
        s.Reset();
        return Status::Corruption(where + ": a mention out of range");
      }
      m.text = s.IsNull(3) ? std::string(doc.Text(m.span)) : s.Text(3);
      m.lemma = s.IsNull(4) ? m.text : s.Text(4);
      m.entity = static_cast<int>(entity);
      m.type = doc.entities[entity].type;
      doc.entities[entity].mentions.push_back(static_cast<uint32_t>(doc.mentions.size()));
      doc.mentions.push_back(std::move(m));
    }
    s.Reset();
  }
  {
    Statement& s = st_->quotes;
    s.Bind(1, rowid);
    for (;;) {
      auto row = s.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      Quote q;
      q.span = {static_cast<uint32_t>(s.Int(0)), static_cast<uint32_t>(s.Int(1))};
      q.text = s.Text(2);
      auto kind = ParseQuoteKind(s.TextView(3));
      if (!kind) {
        s.Reset();
        return Status::Corruption(where + ": unknown quote kind " + s.Text(3));
      }
      q.kind = *kind;
      if (!s.IsNull(4)) q.speaker = s.Text(4);
      if (!s.IsNull(5)) {
        auto it = by_global.find(s.Int(5));
        if (it != by_global.end()) q.speaker_entity = it->second;
      }
      if (!s.IsNull(6)) {
        q.speaker_span = {static_cast<uint32_t>(s.Int(6)), static_cast<uint32_t>(s.Int(7))};
        if (q.speaker_span.end > doc.body.size() || q.speaker_span.end < q.speaker_span.start) {
          s.Reset();
          return Status::Corruption(where + ": a speaker span out of range");
        }
      }
      if (!s.IsNull(8)) q.cue = s.Text(8);
      if (!s.IsNull(9)) q.channel = s.Text(9);
      if (!s.IsNull(10)) q.via = s.Text(10);
      q.lang = s.Text(11);
      q.channel_inherited = s.Int(12) != 0;
      doc.quotes.push_back(std::move(q));
    }
    s.Reset();
  }
  {
    Statement& s = st_->dates;
    s.Bind(1, rowid);
    for (;;) {
      auto row = s.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      DateMention d;
      d.span = {static_cast<uint32_t>(s.Int(0)), static_cast<uint32_t>(s.Int(1))};
      d.text = s.Text(2);
      d.values = SplitSpaces(s.TextView(3));
      doc.dates.push_back(std::move(d));
    }
    s.Reset();
  }
  return doc;
}

Result<ExportFormat> ParseExportFormat(std::string_view name) {
  if (name == "jsonl") return ExportFormat::kJsonl;
  if (name == "csv") return ExportFormat::kCsv;
  if (name == "gkg") return ExportFormat::kGkg;
  return Status::InvalidArgument("--format takes jsonl, csv or gkg, not \"" + std::string(name) +
                                 "\"");
}

namespace {

// Ends the read transaction however the export ends.
struct ReadSnapshot {
  Connection& db;
  bool open = false;
  explicit ReadSnapshot(Connection& c) : db(c) {}
  Status Begin() {
    Status s = db.Exec("BEGIN");
    if (!s.ok()) return s;
    open = true;
    // A deferred transaction takes its snapshot at the first read.
    auto first = db.QueryInt("SELECT count(*) FROM sqlite_schema");
    return first.ok() ? Status::Ok() : first.status();
  }
  ~ReadSnapshot() {
    if (open) db.Exec("COMMIT");
  }
};

}  // namespace

Status Export(const Store& store, ExportFormat format,
              const std::function<bool(std::string_view)>& write) {
  Connection& db = const_cast<Store&>(store).db();
  ReadSnapshot snapshot(db);
  Status s = snapshot.Begin();
  if (!s.ok()) return s;
  std::string buffer;
  if (format == ExportFormat::kCsv) {
    AppendQuoteCsvHeader(&buffer);
    if (!write(buffer)) return Status::Ok();
    // Storage order: the quotes of each article in the article's order.
    auto st = db.Prepare("SELECT q.id FROM quotes q ORDER BY q.doc, q.ord");
    if (!st.ok()) return st.status();
    std::vector<int64_t> ids;
    for (;;) {
      auto more = st->Step();
      if (!more.ok()) return more.status();
      if (!*more) break;
      ids.push_back(st->Int(0));
    }
    auto row = db.Prepare(
        "SELECT q.id, d.ext_id, q.date, d.title, d.url, d.source, q.start_byte, q.end_byte, "
        "q.text, q.kind, q.speaker, e.ext_id, e.latin, q.speaker_text, q.cue, q.channel, q.via, "
        "q.lang, q.channel_inherited FROM quotes q JOIN documents d ON d.id = q.doc "
        "LEFT JOIN entities e ON e.id = q.speaker_entity WHERE q.id = ?");
    if (!row.ok()) return row.status();
    for (int64_t id : ids) {
      row->Bind(1, id);
      auto more = row->Step();
      if (!more.ok()) return more.status();
      if (!*more) {
        row->Reset();
        continue;
      }
      QuoteRow r;
      r.id = row->Int(0);
      r.doc_id = row->Text(1);
      r.date = row->OptText(2);
      r.title = row->OptText(3);
      r.url = row->OptText(4);
      r.source = row->OptText(5);
      r.start = static_cast<uint32_t>(row->Int(6));
      r.end = static_cast<uint32_t>(row->Int(7));
      r.text = row->Text(8);
      r.kind = row->Text(9);
      r.speaker = row->OptText(10);
      r.speaker_entity = row->OptText(11);
      r.speaker_name = row->OptText(12);
      r.speaker_text = row->OptText(13);
      r.cue = row->OptText(14);
      r.channel = row->OptText(15);
      r.via = row->OptText(16);
      r.lang = row->Text(17);
      r.channel_inherited = row->Int(18) != 0;
      row->Reset();
      buffer.clear();
      AppendQuoteCsv(r, &buffer);
      if (!write(buffer)) return Status::Ok();
    }
    return Status::Ok();
  }
  auto st = db.Prepare("SELECT id FROM documents ORDER BY id");
  if (!st.ok()) return st.status();
  std::vector<int64_t> ids;
  for (;;) {
    auto more = st->Step();
    if (!more.ok()) return more.status();
    if (!*more) break;
    ids.push_back(st->Int(0));
  }
  DocumentLoader loader(store);
  OutputOptions json;
  for (int64_t id : ids) {
    auto doc = loader.Load(id);
    if (!doc.ok()) return doc.status();
    buffer.clear();
    if (format == ExportFormat::kJsonl) WriteJson(*doc, json, &buffer);
    else AppendGkgRecord(*doc, id, &buffer);
    if (!write(buffer)) return Status::Ok();
  }
  return Status::Ok();
}

namespace {

void JsonField(const char* key, const std::optional<std::string>& v, std::string* out) {
  *out += ",\"";
  *out += key;
  *out += "\":";
  if (v) AppendJsonString(*v, out);
  else *out += "null";
}

void CsvCell(std::string_view s, std::string* out) {
  bool quote = s.find_first_of(",\"\n\r") != std::string_view::npos;
  if (!quote) {
    out->append(s);
    return;
  }
  out->push_back('"');
  for (char c : s) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

}  // namespace

void AppendQuoteJson(const QuoteRow& q, std::string* out) {
  *out += "{\"doc\":";
  AppendJsonString(q.doc_id, out);
  JsonField("date", q.date, out);
  JsonField("source", q.source, out);
  JsonField("url", q.url, out);
  *out += ",\"start\":" + std::to_string(q.start) + ",\"end\":" + std::to_string(q.end);
  *out += ",\"text\":";
  AppendJsonString(q.text, out);
  *out += ",\"kind\":";
  AppendJsonString(q.kind, out);
  JsonField("speaker", q.speaker, out);
  JsonField("speaker_entity", q.speaker_entity, out);
  JsonField("speaker_latin", q.speaker_name, out);
  JsonField("speaker_text", q.speaker_text, out);
  JsonField("cue", q.cue, out);
  JsonField("channel", q.channel, out);
  JsonField("via", q.via, out);
  *out += ",\"lang\":";
  AppendJsonString(q.lang, out);
  if (q.channel_inherited) *out += ",\"channel_inherited\":true";
  *out += "}\n";
}

void AppendQuoteCsvHeader(std::string* out) {
  *out +=
      "doc,date,source,speaker,speaker_entity,speaker_latin,kind,cue,channel,via,lang,start,end,"
      "text\n";
}

void AppendQuoteCsv(const QuoteRow& q, std::string* out) {
  auto opt = [](const std::optional<std::string>& v) -> std::string_view {
    return v ? std::string_view(*v) : std::string_view();
  };
  std::string_view cells[] = {q.doc_id,          opt(q.date),    opt(q.source),
                              opt(q.speaker),    opt(q.speaker_entity), opt(q.speaker_name),
                              q.kind,            opt(q.cue),     opt(q.channel),
                              opt(q.via),        q.lang};
  for (std::string_view c : cells) {
    CsvCell(c, out);
    out->push_back(',');
  }
  *out += std::to_string(q.start) + "," + std::to_string(q.end) + ",";
  CsvCell(q.text, out);
  out->push_back('\n');
}

namespace {

// GKG fields are delimited by tab, '#', ';', ',' and '|': those characters (and line breaks)
// become spaces inside a value.
std::string GkgClean(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '\t': case '\n': case '\r': case '#': case ';': case ',': case '|':
        out.push_back(' ');
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string XmlEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '\t': case '\n': case '\r': out += ' '; break;
      default: out.push_back(c);
    }
  }
  return out;
}

int Number(std::string_view digits) {
  int n = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return 0;
    n = n * 10 + (c - '0');
  }
  return n;
}

// "2024-09-12" → "20240912000000"; missing month or day are "00".
std::string GkgDate(const std::optional<std::string>& date) {
  std::string out = "00000000000000";
  if (!date) return out;
  std::string digits;
  for (char c : *date) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  for (size_t i = 0; i < digits.size() && i < 8; ++i) out[i] = digits[i];
  return out;
}

}  // namespace

void AppendGkgRecord(const Document& doc, int64_t rowid, std::string* out) {
  std::string date = GkgDate(doc.date);
  std::vector<std::string> col(27);
  col[0] = date + "-" + std::to_string(rowid);  // GKGRECORDID
  col[1] = date;                                // V2.1DATE
  col[2] = "1";                                 // V2SOURCECOLLECTIONIDENTIFIER: web
  col[3] = doc.source ? GkgClean(*doc.source) : "";
  col[4] = doc.url ? GkgClean(*doc.url) : GkgClean(doc.id);  // V2DOCUMENTIDENTIFIER
  // V1/V2 persons (11, 12), organisations (13, 14), locations (9, 10), all names (23).
  std::map<EntityType, std::vector<std::string>> v1;
  std::map<EntityType, std::string> v2;
  std::string all_names;
  for (const Entity& e : doc.entities) {
    std::string name = GkgClean(e.latin);
    v1[e.type].push_back(name);
    for (uint32_t m : e.mentions) {
      uint32_t offset = doc.mentions[m].span.start;
      std::string& v = v2[e.type];
      if (e.type == EntityType::kLoc) {
        // Type#FullName#CountryCode#ADM1#ADM2#Lat#Long#FeatureID#Offset (not geocoded: the
        // feature is vestnik's entity id).
        if (!v.empty()) v += ';';
        v += "0#" + name + "######" + GkgClean(e.id) + "#" + std::to_string(offset);
      } else if (e.type == EntityType::kPer || e.type == EntityType::kOrg) {
        if (!v.empty()) v += ';';
        v += name + "," + std::to_string(offset);
      }
      if (!all_names.empty()) all_names += ';';
      all_names += name + "," + std::to_string(offset);
    }
  }
  auto join = [](const std::vector<std::string>& names, std::string (*f)(const std::string&)) {
    std::string s;
    for (const auto& n : names) {
      if (!s.empty()) s += ';';
      s += f(n);
    }
    return s;
  };
  col[9] = join(v1[EntityType::kLoc], [](const std::string& n) {
    return "0#" + n + "#####";
  });
  col[10] = v2[EntityType::kLoc];
  col[11] = join(v1[EntityType::kPer], [](const std::string& n) { return n; });
  col[12] = v2[EntityType::kPer];
  col[13] = join(v1[EntityType::kOrg], [](const std::string& n) { return n; });
  col[14] = v2[EntityType::kOrg];
  // V2.1ENHANCEDDATES: Resolution#Month#Day#Year#Offset (1: year, 2: month, 4: day).
  std::string dates;
  for (const DateMention& d : doc.dates) {
    for (const std::string& v : d.values) {
      if (v.size() < 4) continue;
      std::string year = v.substr(0, 4);
      int month = v.size() >= 7 ? Number(v.substr(5, 2)) : 0;
      int day = v.size() >= 10 ? Number(v.substr(8, 2)) : 0;
      const char* res = v.size() >= 10 ? "4" : v.size() >= 7 ? "2" : "1";
      if (!dates.empty()) dates += ';';
      dates += std::string(res) + "#" + std::to_string(month) + "#" + std::to_string(day) + "#" +
               year + "#" + std::to_string(d.span.start);
    }
  }
  col[16] = dates;
  // V2.1QUOTATIONS: Offset|Length|Verb|Quote, and here a fifth field: the speaker.
  std::string quotes;
  for (const Quote& q : doc.quotes) {
    if (!quotes.empty()) quotes += '#';
    std::string speaker = q.speaker;
    if (q.speaker_entity >= 0) speaker = doc.entities[q.speaker_entity].latin;
    quotes += std::to_string(q.span.start) + "|" + std::to_string(q.span.size()) + "|" +
              GkgClean(q.cue) + "|" + GkgClean(q.text) + "|" + GkgClean(speaker);
  }
  col[22] = quotes;
  col[23] = all_names;
  // V2.1TRANSLATIONINFO: the source language (ISO 639-1 here), when not English.
  if (!doc.lang.empty() && doc.lang != "en" && doc.lang != "und") col[25] = "srclc:" + doc.lang;
  if (doc.title) col[26] = "<PAGE_TITLE>" + XmlEscape(*doc.title) + "</PAGE_TITLE>";
  for (size_t i = 0; i < col.size(); ++i) {
    if (i) out->push_back('\t');
    *out += col[i];
  }
  out->push_back('\n');
}

}  // namespace vestnik::store
