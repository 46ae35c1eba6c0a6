#include "store/query.h"

#include <algorithm>
#include <cctype>

namespace vestnik::store {
namespace {

bool ValidDate(std::string_view s) {
  auto digits = [&](size_t from, size_t n) {
    for (size_t i = from; i < from + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    }
    return true;
  };
  if (s.size() == 4) return digits(0, 4);
  if (s.size() == 7) return digits(0, 4) && s[4] == '-' && digits(5, 2);
  if (s.size() == 10) return digits(0, 4) && s[4] == '-' && digits(5, 2) && s[7] == '-' && digits(8, 2);
  return false;
}

std::string IdList(const std::vector<int64_t>& ids) {
  std::string out;
  for (int64_t id : ids) {
    if (!out.empty()) out += ',';
    out += std::to_string(id);
  }
  return out;
}

// Quotations that name one of `ids` inside their span.
std::string AboutSubquery(const std::vector<int64_t>& ids) {
  return "SELECT quote FROM quote_entities WHERE entity IN (" + IdList(ids) + ")";
}

struct ResolvedFilter {
  std::optional<std::vector<int64_t>> speakers, about;
};

Result<std::vector<QuoteRow>> RunQuoteQuery(const Store& store, const ResolvedFilter& ids,
                                            const QuoteFilter& f) {
  std::vector<std::string> where;
  std::vector<std::string> params;
  if (ids.speakers) where.push_back("q.speaker_entity IN (" + IdList(*ids.speakers) + ")");
  if (ids.about) where.push_back("q.id IN (" + AboutSubquery(*ids.about) + ")");
  if (!f.from.empty()) {
    where.push_back("q.date >= ?");
    params.push_back(f.from);
  }
  if (!f.to.empty()) {
    where.push_back("q.date < ?");  // "2024-09~" is above every date in September 2024
    params.push_back(f.to + "~");
  }
  if (!f.lang.empty()) {
    where.push_back("q.lang = ?");
    params.push_back(f.lang);
  }
  if (!f.text.empty()) {
    where.push_back("q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)");
    params.push_back(FtsQuery(f.text));
  }
  std::string sql = "WITH hits AS MATERIALIZED (SELECT q.id, q.date FROM quotes q";
  for (size_t i = 0; i < where.size(); ++i) sql += (i ? " AND " : " WHERE ") + where[i];
  sql += " ORDER BY q.date DESC, q.id DESC";
  if (f.limit > 0 || f.offset > 0) {
    sql += " LIMIT " + std::to_string(f.limit > 0 ? f.limit : -1) + " OFFSET " +
           std::to_string(std::max<int64_t>(0, f.offset));
  }
  sql +=
      ") SELECT q.id, d.ext_id, q.date, d.title, d.url, d.source, q.start_byte, q.end_byte, "
      "q.text, q.kind, q.speaker, e.ext_id, e.latin, q.speaker_text, q.cue, q.channel, q.via, "
      "q.lang, q.channel_inherited FROM hits h JOIN quotes q ON q.id = h.id "
      "JOIN documents d ON d.id = q.doc LEFT JOIN entities e ON e.id = q.speaker_entity "
      "ORDER BY h.date DESC, h.id DESC";
  auto st = store.db().Prepare(sql);
  if (!st.ok()) return st.status();
  for (size_t i = 0; i < params.size(); ++i) st->Bind(static_cast<int>(i + 1), params[i]);
  std::vector<QuoteRow> rows;
  for (;;) {
    auto more = st->Step();
    if (!more.ok()) return more.status();
    if (!*more) break;
    QuoteRow r;
    r.id = st->Int(0);
    r.doc_id = st->Text(1);
    r.date = st->OptText(2);
    r.title = st->OptText(3);
    r.url = st->OptText(4);
    r.source = st->OptText(5);
    r.start = static_cast<uint32_t>(st->Int(6));
    r.end = static_cast<uint32_t>(st->Int(7));
    r.text = st->Text(8);
    r.kind = st->Text(9);
    r.speaker = st->OptText(10);
    r.speaker_entity = st->OptText(11);
    r.speaker_name = st->OptText(12);
    r.speaker_text = st->OptText(13);
    r.cue = st->OptText(14);
    r.channel = st->OptText(15);
    r.via = st->OptText(16);
    r.lang = st->Text(17);
    r.channel_inherited = st->Int(18) != 0;
    rows.push_back(std::move(r));
  }
  return rows;
}

Result<std::vector<Related>> RelatedRows(const Store& store, const std::string& sql, int64_t id,
                                         int limit) {
  auto st = store.db().Prepare(sql);
  if (!st.ok()) return st.status();
  st->Bind(1, id).Bind(2, int64_t{limit});
  std::vector<Related> out;
  for (;;) {
    auto more = st->Step();
    if (!more.ok()) return more.status();
    if (!*more) break;
    out.push_back({st->Text(0), st->Text(1), st->Text(2), st->Int(3)});
  }
  return out;
}

}  // namespace

std::string FtsQuery(std::string_view words) {
  std::string out;
  size_t i = 0;
  while (i < words.size()) {
    while (i < words.size() && std::isspace(static_cast<unsigned char>(words[i]))) ++i;
    size_t start = i;
    while (i < words.size() && !std::isspace(static_cast<unsigned char>(words[i]))) ++i;
    if (i == start) break;
    if (!out.empty()) out += ' ';
    out += '"';
    for (char c : words.substr(start, i - start)) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  return out;
}

Result<std::vector<int64_t>> ResolveName(const Store& store, const entities::Romanizer& romanizer,
                                         std::string_view name) {
  auto st = store.db().Prepare(
      "SELECT entity FROM name_keys WHERE key = ?1 "
      "UNION SELECT id FROM entities WHERE ext_id = ?2 ORDER BY 1");
  if (!st.ok()) return st.status();
  st->Bind(1, romanizer.Key(name)).Bind(2, name);
  std::vector<int64_t> ids;
  for (;;) {
    auto more = st->Step();
    if (!more.ok()) return more.status();
    if (!*more) break;
    ids.push_back(st->Int(0));
  }
  return ids;
}

Result<std::vector<QuoteRow>> FindQuotes(const Store& store, const entities::Romanizer* romanizer,
                                         const QuoteFilter& filter) {
  if ((!filter.speaker.empty() || !filter.about.empty()) && !romanizer) {
    return Status::InvalidArgument("a speaker or about NAME needs the romaniser");
  }
  if (!filter.from.empty() && !ValidDate(filter.from)) {
    return Status::InvalidArgument("--from takes YYYY, YYYY-MM or YYYY-MM-DD, not \"" +
                                   filter.from + "\"");
  }
  if (!filter.to.empty() && !ValidDate(filter.to)) {
    return Status::InvalidArgument("--to takes YYYY, YYYY-MM or YYYY-MM-DD, not \"" + filter.to +
                                   "\"");
  }
  if (!filter.text.empty() && FtsQuery(filter.text).empty()) {
    return Status::InvalidArgument("--text has no words");
  }
  ResolvedFilter ids;
  if (!filter.speaker.empty()) {
    auto r = ResolveName(store, *romanizer, filter.speaker);
    if (!r.ok()) return r.status();
    if (r->empty()) return std::vector<QuoteRow>{};
    ids.speakers = std::move(r.value());
  }
  if (!filter.about.empty()) {
    auto r = ResolveName(store, *romanizer, filter.about);
    if (!r.ok()) return r.status();
    if (r->empty()) return std::vector<QuoteRow>{};
    ids.about = std::move(r.value());
  }
  return RunQuoteQuery(store, ids, filter);
}

Result<std::vector<EntityReport>> DescribeEntities(const Store& store,
                                                   const entities::Romanizer& romanizer,
                                                   std::string_view name,
                                                   const EntityReportOptions& options) {
  auto ids = ResolveName(store, romanizer, name);
  if (!ids.ok()) return ids.status();
  const Connection& db = store.db();

  // The most mentioned matches first.
  std::vector<std::pair<int64_t, std::pair<int64_t, int64_t>>> ranked;  // id → (docs, mentions)
  {
    auto st = db.Prepare(
        "SELECT count(*), coalesce(sum(mentions), 0) FROM doc_entities WHERE entity = ?");
    if (!st.ok()) return st.status();
    for (int64_t id : *ids) {
      st->Bind(1, id);
      auto row = st->Step();
      if (!row.ok()) return row.status();
      ranked.push_back({id, {st->Int(0), st->Int(1)}});
      st->Reset();
    }
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.second.second > b.second.second;
  });
  if (options.max_entities > 0 && ranked.size() > static_cast<size_t>(options.max_entities)) {
    ranked.resize(static_cast<size_t>(options.max_entities));
  }

  std::vector<EntityReport> out;
  for (const auto& [id, counts] : ranked) {
    EntityReport r;
    r.documents = counts.first;
    r.mentions = counts.second;
    {
      auto st = db.Prepare("SELECT ext_id, type, name, latin, known FROM entities WHERE id = ?");
      if (!st.ok()) return st.status();
      st->Bind(1, id);
      auto row = st->Step();
      if (!row.ok()) return row.status();
      if (!*row) continue;
      r.id = st->Text(0);
      r.type = st->Text(1);
      r.name = st->Text(2);
      r.latin = st->Text(3);
      r.known = st->Int(4) != 0;
    }
    {
      auto st = db.Prepare(
          "SELECT name, script, lang, origin, seen FROM names WHERE entity = ? "
          "ORDER BY script, name");
      if (!st.ok()) return st.status();
      st->Bind(1, id);
      for (;;) {
        auto more = st->Step();
        if (!more.ok()) return more.status();
        if (!*more) break;
        r.names.push_back({st->Text(0), st->Text(1), st->Text(2), st->Text(3), st->Int(4) != 0});
      }
    }
    {
      auto st = db.Prepare(
          "SELECT coalesce(substr(d.date, 1, 7), 'undated') AS month, sum(de.mentions) "
          "FROM doc_entities de JOIN documents d ON d.id = de.doc WHERE de.entity = ? "
          "GROUP BY month ORDER BY month");
      if (!st.ok()) return st.status();
      st->Bind(1, id);
      for (;;) {
        auto more = st->Step();
        if (!more.ok()) return more.status();
        if (!*more) break;
        r.months.emplace_back(st->Text(0), st->Int(1));
      }
    }
    auto co = RelatedRows(
        store,
        "SELECT e.ext_id, e.latin, e.type, count(*) AS n FROM doc_entities a "
        "JOIN doc_entities b ON b.doc = a.doc AND b.entity != a.entity "
        "JOIN entities e ON e.id = b.entity WHERE a.entity = ?1 "
        "GROUP BY b.entity ORDER BY n DESC, e.ext_id LIMIT ?2",
        id, options.top);
    if (!co.ok()) return co.status();
    r.co_mentioned = std::move(co.value());
    auto named = RelatedRows(
        store,
        "SELECT coalesce(e.ext_id, ''), coalesce(e.latin, q.speaker), coalesce(e.type, ''), "
        "count(*) AS n FROM quote_entities qe JOIN quotes q ON q.id = qe.quote "
        "LEFT JOIN entities e ON e.id = q.speaker_entity "
        "WHERE qe.entity = ?1 AND q.speaker IS NOT NULL "
        "AND (q.speaker_entity IS NULL OR q.speaker_entity != ?1) "
        "GROUP BY coalesce(e.ext_id, q.speaker) ORDER BY n DESC, 2 LIMIT ?2",
        id, options.top);
    if (!named.ok()) return named.status();
    r.named_by = std::move(named.value());
    auto outlets = RelatedRows(
        store,
        "SELECT coalesce(q.via, d.source) AS outlet, coalesce(q.via, d.source), "
        "CASE WHEN q.via IS NULL THEN 'source' ELSE 'via' END, count(*) AS n FROM quotes q "
        "JOIN documents d ON d.id = q.doc WHERE q.speaker_entity = ?1 AND outlet IS NOT NULL "
        "GROUP BY outlet ORDER BY n DESC, outlet LIMIT ?2",
        id, options.top);
    if (!outlets.ok()) return outlets.status();
    r.outlets = std::move(outlets.value());
    {
      auto by = db.QueryInt("SELECT count(*) FROM quotes WHERE speaker_entity = " +
                            std::to_string(id));
      if (!by.ok()) return by.status();
      r.quotes_by = *by;
      auto about = db.QueryInt("SELECT count(*) FROM quote_entities WHERE entity = " +
                               std::to_string(id));
      if (!about.ok()) return about.status();
      r.quotes_about = *about;
    }
    ResolvedFilter f;
    f.speakers = std::vector<int64_t>{id};
    QuoteFilter limit;
    limit.limit = options.latest;
    auto latest = RunQuoteQuery(store, f, limit);
    if (!latest.ok()) return latest.status();
    r.latest = std::move(latest.value());
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<Related>> TopEntities(const Store& store, int limit, const std::string& type) {
  std::string sql =
      "SELECT e.ext_id, e.latin, e.type, count(*) AS n FROM doc_entities de "
      "JOIN entities e ON e.id = de.entity";
  if (!type.empty()) sql += " WHERE e.type = ?1";
  sql += " GROUP BY de.entity ORDER BY n DESC, e.ext_id LIMIT " + std::to_string(limit);
  auto st = store.db().Prepare(sql);
  if (!st.ok()) return st.status();
  if (!type.empty()) st->Bind(1, type);
  std::vector<Related> out;
  for (;;) {
    auto more = st->Step();
    if (!more.ok()) return more.status();
    if (!*more) break;
    out.push_back({st->Text(0), st->Text(1), st->Text(2), st->Int(3)});
  }
  return out;
}

}  // namespace vestnik::store
