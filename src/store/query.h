// Questions to the store: who said what, and what it knows about an entity.
//
// Reads: a Store (any number of readers, while a writer runs) and the pipeline's Romanizer, so
// that a NAME typed in any script or spelling gives the key the writer stored (names.h).
// Adds: nothing to the database. These are the calls the CLI (vestnik quotes, vestnik entity)
// and the HTTP server share.
// Guarantees: each call reads one consistent snapshot (whole articles only); a malformed
// filter is an InvalidArgument naming the option; errors from the database name its file.
// Results are ordered newest first (article date, then storage order), undated articles last.
#ifndef VESTNIK_STORE_QUERY_H_
#define VESTNIK_STORE_QUERY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "entities/romanize.h"
#include "store/store.h"

namespace vestnik::store {

// Entities a NAME may mean: any variant seen in any script (Vucic = Вучич = Vučić), a person's
// final name words alone ("Ruge" finds "Борис Руге"), or an entity id ("name:boris-ruge").
// Ordered by id; empty when nothing matches.
Result<std::vector<int64_t>> ResolveName(const Store& store, const entities::Romanizer& romanizer,
                                         std::string_view name);

struct QuoteFilter {
  std::string speaker;  // NAME of the speaker (ResolveName)
  std::string about;    // NAME of an entity mentioned inside the quotation
  std::string from, to;  // article dates, inclusive: YYYY, YYYY-MM or YYYY-MM-DD
  std::string lang;      // the quotation's language (ISO 639-1)
  std::string text;      // words the quotation contains (FTS5; case and diacritics folded)
  int64_t limit = 100;   // 0: no limit
  int64_t offset = 0;
};

struct QuoteRow {
  int64_t id = 0;         // the quote's row id
  std::string doc_id;     // the article's id as ingested
  std::optional<std::string> date, title, url, source;
  uint32_t start = 0, end = 0;  // UTF-8 byte offsets into the article's body
  std::string text, kind;
  std::optional<std::string> speaker, speaker_entity, speaker_name, speaker_text, cue, channel,
      via;
  std::string lang;
  bool channel_inherited = false;
};

// `romanizer` may be null when the filter names nobody (no speaker, no about): loading it is
// most of a short command's time.
Result<std::vector<QuoteRow>> FindQuotes(const Store& store, const entities::Romanizer* romanizer,
                                         const QuoteFilter& filter);

// The words of a --text filter as an FTS5 query: each word a quoted string (so that no user
// input is FTS syntax), all of them required.
std::string FtsQuery(std::string_view words);

struct EntityName {
  std::string name, script, lang;
  std::string origin;  // how it was first recorded: kb, name, latin, mention, lemma
  bool seen = false;   // written in an article (else a canonical, romanised or kb form)
};

struct Related {
  std::string id, name, type;
  int64_t count = 0;
};

struct EntityReport {
  std::string id, type, name, latin;
  bool known = false;
  int64_t documents = 0, mentions = 0;
  int64_t quotes_by = 0;     // quotations it is the speaker of
  int64_t quotes_about = 0;  // quotations that name it
  std::vector<EntityName> names;  // every variant, by script then name
  std::vector<std::pair<std::string, int64_t>> months;  // YYYY-MM (or "undated") → mentions
  std::vector<Related> co_mentioned;  // entities in the same articles, by shared articles
  std::vector<Related> named_by;      // speakers whose quotations name it, by quotations
  std::vector<Related> outlets;       // who relays its quotations: via, else article source
  std::vector<QuoteRow> latest;       // its latest quotations
};

struct EntityReportOptions {
  int top = 10;     // co-mentioned, named_by, outlets
  int latest = 5;   // latest quotations
  int max_entities = 3;  // when NAME matches several, the most mentioned first
};

// Reports on the entities NAME matches (most mentioned first); empty when none.
Result<std::vector<EntityReport>> DescribeEntities(const Store& store,
                                                   const entities::Romanizer& romanizer,
                                                   std::string_view name,
                                                   const EntityReportOptions& options = {});

// The most mentioned entities (by articles), optionally of one type ("PER", ...).
Result<std::vector<Related>> TopEntities(const Store& store, int limit,
                                         const std::string& type = "");

}  // namespace vestnik::store

#endif  // VESTNIK_STORE_QUERY_H_
