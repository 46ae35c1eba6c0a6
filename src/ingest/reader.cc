#include "ingest/reader.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/utf8.h"

namespace vestnik::ingest {
namespace fs = std::filesystem;

namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Repairs invalid UTF-8 and a leading byte-order mark, noting what it did.
std::string CleanBytes(std::string_view bytes, std::vector<std::string>* warnings) {
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  size_t repaired = 0;
  if (utf8::IsValid(bytes)) return std::string(bytes);
  std::string out = utf8::Repair(bytes, &repaired);
  warnings->push_back("invalid UTF-8: " + std::to_string(repaired) +
                      " byte(s) replaced with U+FFFD");
  return out;
}

void SetTitleFromFirstLine(Document* doc) {
  size_t nl = doc->body.find('\n');
  if (nl == std::string::npos) return;
  size_t next = nl + 1;
  while (next < doc->body.size() && (doc->body[next] == ' ' || doc->body[next] == '\t' ||
                                     doc->body[next] == '\r')) {
    ++next;
  }
  if (next >= doc->body.size() || doc->body[next] != '\n') return;
  std::string title = doc->body.substr(0, nl);
  while (!title.empty() && IsBlank(title.back())) title.pop_back();
  size_t b = 0;
  while (b < title.size() && IsBlank(title[b])) ++b;
  if (b < title.size()) doc->title = title.substr(b);
}

bool ReadFile(const fs::path& path, std::string* out, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::error_code ec;
    *error = fs::exists(path, ec) ? "cannot open (permission denied?)" : "no such file";
    return false;
  }
  // Whole blocks through the stream buffer: reading character by character through an
  // istreambuf_iterator cost about 1 % of `vestnik analyze`.
  out->clear();
  std::error_code ec;
  const uintmax_t size = fs::file_size(path, ec);
  if (!ec && size < (uintmax_t{1} << 32)) out->reserve(static_cast<size_t>(size));
  char block[1 << 16];
  while (in.read(block, sizeof block) || in.gcount() > 0) {
    out->append(block, static_cast<size_t>(in.gcount()));
  }
  if (in.bad()) {
    *error = "read error";
    return false;
  }
  return true;
}

bool IsJsonlName(const fs::path& p) {
  std::string ext = p.extension().string();
  return ext == ".jsonl" || ext == ".ndjson";
}

bool IsKnownExtension(const fs::path& p) {
  std::string ext = p.extension().string();
  return ext == ".txt" || ext == ".jsonl" || ext == ".ndjson" || ext == ".text";
}

bool ReadJsonlStream(std::istream& in, const std::string& name, const ArticleSink& sink) {
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    size_t first = 0;
    while (first < line.size() && IsBlank(line[first])) ++first;
    if (first == line.size()) continue;
    if (!sink(ParseJsonArticle(line, name + ":" + std::to_string(n)))) return false;
  }
  return true;
}

Status ReadFileInput(const fs::path& path, const std::string& name, const ArticleSink& sink,
                     bool* go_on) {
  *go_on = true;
  if (IsJsonlName(path)) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::error_code ec;
      return fs::exists(path, ec) ? Status::IoError(name + ": cannot open")
                                  : Status::NotFound(name + ": no such file");
    }
    *go_on = ReadJsonlStream(in, name, sink);
    return Status::Ok();
  }
  std::string bytes, error;
  if (!ReadFile(path, &bytes, &error)) {
    return error == "no such file" ? Status::NotFound(name + ": " + error)
                                   : Status::IoError(name + ": " + error);
  }
  // Any file but .txt whose first non-blank character is '{' is JSON Lines.
  if (path.extension() != ".txt") {
    size_t first = bytes.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    while (first < bytes.size() && IsBlank(bytes[first])) ++first;
    if (first < bytes.size() && bytes[first] == '{') {
      std::istringstream in(bytes);
      *go_on = ReadJsonlStream(in, name, sink);
      return Status::Ok();
    }
  }
  *go_on = sink(ParseTextArticle(name, bytes));
  return Status::Ok();
}

}  // namespace

bool ParseIsoDate(std::string_view s, std::string* out) {
  auto digits = [&](size_t at, size_t n) {
    if (at + n > s.size()) return false;
    for (size_t i = at; i < at + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
    }
    return true;
  };
  if (!digits(0, 4)) return false;
  size_t len = 4;
  if (s.size() >= 7 && s[4] == '-' && digits(5, 2)) {
    int month = (s[5] - '0') * 10 + (s[6] - '0');
    if (month < 1 || month > 12) return false;
    len = 7;
    if (s.size() >= 10 && s[7] == '-' && digits(8, 2)) {
      int day = (s[8] - '0') * 10 + (s[9] - '0');
      int year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
      static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
      bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
      if (day < 1 || day > kDays[month - 1] || (month == 2 && day == 29 && !leap)) return false;
      len = 10;
    }
  }
  // The date must end here (or continue as a timestamp "T..." / " 12:00").
  if (s.size() > len && !(s[len] == 'T' || IsBlank(s[len]))) return false;
  *out = std::string(s.substr(0, len));
  return true;
}

Document ParseTextArticle(std::string id, std::string_view bytes) {
  Document doc;
  doc.id = std::move(id);
  std::string text = CleanBytes(bytes, &doc.warnings);
  // The optional header: white space, "date", white space, a date, white space.
  size_t i = 0;
  while (i < text.size() && IsBlank(text[i])) ++i;
  size_t body_start = 0;
  if (text.compare(i, 4, "date") == 0 && i + 4 < text.size() && IsBlank(text[i + 4])) {
    size_t j = i + 4;
    while (j < text.size() && IsBlank(text[j])) ++j;
    size_t k = j;
    while (k < text.size() && !IsBlank(text[k])) ++k;
    std::string date;
    if (ParseIsoDate(std::string_view(text).substr(j, k - j), &date) && date.size() == k - j) {
      doc.date = date;
      while (k < text.size() && IsBlank(text[k])) ++k;
      body_start = k;
    }
  }
  doc.body = text.substr(body_start);
  SetTitleFromFirstLine(&doc);
  if (doc.body.find_first_not_of(" \t\r\n") == std::string::npos) {
    doc.warnings.push_back("empty article");
  }
  return doc;
}

Result<Document> ParseJsonArticle(std::string_view line, const std::string& where) {
  std::vector<std::string> warnings;
  std::string clean = CleanBytes(line, &warnings);
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(clean);
  } catch (const nlohmann::json::exception& e) {
    std::string what = e.what();
    size_t cut = what.find("] ");
    return Status::InvalidArgument(where + ": malformed JSON (" +
                                   (cut == std::string::npos ? what : what.substr(cut + 2)) + ")");
  }
  if (!j.is_object()) return Status::InvalidArgument(where + ": a JSON object was expected");
  auto text = j.find("text");
  if (text == j.end() || !text->is_string()) {
    return Status::InvalidArgument(where + ": no \"text\" string");
  }
  Document doc;
  doc.warnings = std::move(warnings);
  auto id = j.find("id");
  if (id != j.end() && id->is_string()) {
    doc.id = id->get<std::string>();
  } else if (id != j.end() && id->is_number()) {
    doc.id = id->dump();
  } else {
    doc.id = where;
  }
  doc.body = text->get<std::string>();
  auto str = [&](const char* key) -> std::optional<std::string> {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) {
      return std::nullopt;
    }
    return it->get<std::string>();
  };
  if (auto d = str("date")) {
    std::string date;
    if (ParseIsoDate(*d, &date)) {
      doc.date = date;
    } else {
      doc.warnings.push_back("unrecognised date \"" + *d + "\" ignored");
    }
  }
  doc.url = str("url");
  doc.source = str("source");
  doc.lang_hint = str("lang");
  doc.title = str("title");
  if (!doc.title) SetTitleFromFirstLine(&doc);
  if (doc.title) {  // titles are one line in reports
    for (char& c : *doc.title) {
      if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    }
  }
  if (doc.body.find_first_not_of(" \t\r\n") == std::string::npos) {
    doc.warnings.push_back("empty article");
  }
  return doc;
}

Status ReadInput(const std::string& input, const ArticleSink& sink) {
  if (input == "-") {
    std::string all((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    size_t first = all.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    while (first < all.size() && IsBlank(all[first])) ++first;
    if (first < all.size() && all[first] == '{') {
      std::istringstream in(all);
      ReadJsonlStream(in, "-", sink);
    } else {
      sink(ParseTextArticle("-", all));
    }
    return Status::Ok();
  }
  fs::path path(input);
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    std::vector<fs::path> files;
    for (auto it = fs::recursive_directory_iterator(
             path, fs::directory_options::skip_permission_denied, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) break;
      if (it->is_regular_file(ec) && IsKnownExtension(it->path())) files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      bool go_on = true;
      Status s = ReadFileInput(f, f.string(), sink, &go_on);
      if (!s.ok() && !sink(s)) return Status::Ok();
      if (!go_on) return Status::Ok();
    }
    return Status::Ok();
  }
  if (!fs::exists(path, ec)) return Status::NotFound(input + ": no such file or directory");
  bool go_on = true;
  return ReadFileInput(path, input, sink, &go_on);
}

}  // namespace vestnik::ingest
