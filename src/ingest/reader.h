// Readers: turn input files and streams into Documents.
//
// Reads: plain-text articles (with the optional "date YYYY[-MM[-DD]]" header), JSON Lines
// (one article per line), directories of those (walked recursively, sorted), standard input.
// Adds: Document::id, body, date, title, url, source, lang_hint, warnings.
// Guarantees: the body is valid UTF-8 (invalid bytes repaired to U+FFFD with a warning);
// a bad input or line yields an error naming the input (and line) and never stops the reading
// of the lines beside it; articles come out in input order.
#ifndef VESTNIK_INGEST_READER_H_
#define VESTNIK_INGEST_READER_H_

#include <functional>
#include <string>
#include <string_view>

#include "core/document.h"
#include "core/status.h"

namespace vestnik::ingest {

// Receives each article or the error met in its place; returns false to stop reading.
using ArticleSink = std::function<bool(Result<Document>)>;

// Reads one command-line input: a file, a directory, or "-" for standard input. The returned
// Status is an error only when the input itself cannot be read at all (missing, unreadable);
// errors inside it (a malformed line) go to the sink and reading goes on.
Status ReadInput(const std::string& input, const ArticleSink& sink);

// Builds a Document from a plain-text article: parses the date header and the title.
Document ParseTextArticle(std::string id, std::string_view bytes);

// Builds a Document from one JSON Lines record; `where` names it in errors ("file:12").
Result<Document> ParseJsonArticle(std::string_view line, const std::string& where);

// Recognises "YYYY", "YYYY-MM" or "YYYY-MM-DD" (also the date part of an ISO timestamp).
bool ParseIsoDate(std::string_view s, std::string* out);

}  // namespace vestnik::ingest

#endif  // VESTNIK_INGEST_READER_H_
