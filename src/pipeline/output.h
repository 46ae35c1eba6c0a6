// Output: the analysed Document as the contract's JSON (docs/FORMAT.md) or as a report.
//
// Reads: a Document after the pipeline. Adds: nothing. Guarantees: valid UTF-8 JSON on one
// line per document (jsonl) with the fields of ../shared/docs/CONTRACT.md; offsets are the
// Document's (UTF-8 bytes into the body).
#ifndef VESTNIK_PIPELINE_OUTPUT_H_
#define VESTNIK_PIPELINE_OUTPUT_H_

#include <string>

#include "core/document.h"

namespace vestnik {

struct OutputOptions {
  bool with_text = false;
  bool with_sentences = false;
  bool with_tokens = false;
  bool pretty = false;  // --format json: indented
};

void WriteJson(const Document& doc, const OutputOptions& options, std::string* out);
void WriteReport(const Document& doc, std::string* out);

// Appends `s` as a JSON string literal.
void AppendJsonString(std::string_view s, std::string* out);

}  // namespace vestnik

#endif  // VESTNIK_PIPELINE_OUTPUT_H_
