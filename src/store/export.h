// Reading stored articles back: whole Documents, and exports of the whole store.
//
// Reads: a Store. Adds: nothing to it. Documents come back as the pipeline made them (the
// fields of docs/FORMAT.md), so `vestnik export --format jsonl` prints what `vestnik analyze
// --format jsonl` printed for the same articles; quotations as JSON Lines or CSV rows; and
// GDELT GKG 2.1-style tab-separated records (docs/STORE.md says what each column holds).
// Guarantees: an export reads one snapshot (articles committed while it runs are not in it),
// in storage order; offsets stay UTF-8 byte offsets into the body, in GKG columns too.
#ifndef VESTNIK_STORE_EXPORT_H_
#define VESTNIK_STORE_EXPORT_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/document.h"
#include "core/status.h"
#include "store/query.h"
#include "store/store.h"

namespace vestnik::store {

// Loads stored articles by row id; keeps its statements prepared between calls.
class DocumentLoader {
 public:
  explicit DocumentLoader(const Store& store);
  ~DocumentLoader();
  // The article stored under `rowid`: reader fields, language, script, warnings, entities with
  // their mentions, quotes and dates (no tokens or sentences). NotFound when there is none.
  Result<Document> Load(int64_t rowid);

 private:
  struct Statements;
  const Store& store_;
  std::unique_ptr<Statements> st_;
};

enum class ExportFormat { kJsonl, kCsv, kGkg };
Result<ExportFormat> ParseExportFormat(std::string_view name);

// Writes every article (jsonl: the analyze format; gkg: one record per article) or every
// quotation (csv: QuoteCsvHeader columns) to `write`, which returns false to stop early.
Status Export(const Store& store, ExportFormat format,
              const std::function<bool(std::string_view)>& write);

// One quotation as a JSON object on one line (with its newline).
void AppendQuoteJson(const QuoteRow& q, std::string* out);
// The CSV header and one row (RFC 4180 quoting, CRLF-free: rows end with '\n').
void AppendQuoteCsvHeader(std::string* out);
void AppendQuoteCsv(const QuoteRow& q, std::string* out);

// One GKG 2.1-style record (27 tab-separated columns and a newline) for a stored article.
void AppendGkgRecord(const Document& doc, int64_t rowid, std::string* out);

}  // namespace vestnik::store

#endif  // VESTNIK_STORE_EXPORT_H_
