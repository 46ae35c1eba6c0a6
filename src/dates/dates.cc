#include "dates/dates.h"

#include <chrono>
#include <cstdio>
#include <string_view>

#include "core/utf8.h"

namespace vestnik::dates {
namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

bool ValidDay(int y, int m, int d) {
  using namespace std::chrono;
  return year_month_day{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}}.ok();
}

std::string Format(int y, int m = 0, int d = 0) {
  char buf[16];
  if (d) std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  else if (m) std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  else std::snprintf(buf, sizeof buf, "%04d", y);
  return buf;
}

int Month(const LangResources& lr, const Document& doc, uint32_t k, uint32_t* len) {
  auto m = lr.months.MatchAt(doc, k);
  if (!m) return 0;
  // A month abbreviation must carry its dot or be followed by a number ("Jan" vs "Jan.").
  int v = std::atoi(m.entry->values[0].c_str());
  if (v < 1 || v > 12) return 0;
  *len = m.length;
  return v;
}

bool IsYear(const Document& doc, uint32_t k, int* y) {
  if (k >= doc.tokens.size() || doc.tokens[k].kind != TokenKind::kNumber) return false;
  std::string_view t = doc.NormText(doc.tokens[k]);
  if (t.size() != 4 || !AllDigits(t)) return false;
  *y = ToInt(t);
  return *y >= 1800 && *y <= 2200;
}

bool IsDayNumber(const Document& doc, uint32_t k, int* d) {
  if (k >= doc.tokens.size() || doc.tokens[k].kind != TokenKind::kNumber) return false;
  std::string_view t = doc.NormText(doc.tokens[k]);
  if (t.size() > 2 || !AllDigits(t)) return false;
  *d = ToInt(t);
  return *d >= 1 && *d <= 31;
}

// A connector between coordinated months: "и", "and", "&", ",", "–".
bool IsConnector(const LangResources& lr, const Document& doc, uint32_t k) {
  std::string_view t = doc.NormText(doc.tokens[k]);
  if (t == "&" || t == "," || t == "-" || t == "—" || t == "/") return true;
  return doc.tokens[k].kind == TokenKind::kWord && t.size() <= 4 &&
         lr.function_words.FindWord(doc.Folded(doc.tokens[k])) != nullptr;
}

}  // namespace

std::string ShiftDate(const std::string& iso, int days) {
  if (iso.size() != 10 || days == 0) return iso;
  using namespace std::chrono;
  year_month_day ymd{year{ToInt(iso.substr(0, 4))},
                     month{static_cast<unsigned>(ToInt(iso.substr(5, 2)))},
                     day{static_cast<unsigned>(ToInt(iso.substr(8, 2)))}};
  if (!ymd.ok()) return iso;
  year_month_day out{sys_days{ymd} + std::chrono::days{days}};
  return Format(static_cast<int>(out.year()), static_cast<unsigned>(out.month()),
                static_cast<unsigned>(out.day()));
}

namespace {

// Finds dates in tokens [from, to) with one language's words.
void AnnotateRange(const LangResources& lr, uint32_t from, uint32_t to, Document* doc) {
  const auto& toks = doc->tokens;
  uint32_t n = to;
  int article_year = 0;
  if (doc->date && doc->date->size() >= 4) article_year = ToInt(doc->date->substr(0, 4));
  auto add = [&](uint32_t first, uint32_t end, std::vector<std::string> values) {
    // A year marker right after belongs to the expression ("2023 г.").
    if (end < n) {
      if (auto m = lr.year_markers.MatchAt(*doc, end)) end += m.length;
    }
    DateMention d;
    d.span = {toks[first].span.start, toks[end - 1].span.end};
    d.text = std::string(doc->Text(d.span));
    d.values = std::move(values);
    doc->dates.push_back(std::move(d));
    return end;
  };
  uint32_t k = from;
  while (k < n) {
    const Token& t = toks[k];
    // Relative days.
    if (t.kind == TokenKind::kWord) {
      if (auto r = lr.relative_dates.MatchAt(*doc, k); r && doc->date) {
        int days = std::atoi(r.entry->values[0].c_str());
        k = add(k, k + r.length, {ShiftDate(*doc->date, days)});
        continue;
      }
    }
    // Numeric dates: 29.03.2019, 29/03/2019, 2019-03-29.
    if (t.kind == TokenKind::kNumber) {
      std::string_view s = doc->NormText(t);
      int y = 0, m = 0, d = 0;
      if (s.size() == 10 && s[4] == '-' && s[7] == '-' && AllDigits(s.substr(0, 4))) {
        y = ToInt(s.substr(0, 4)), m = ToInt(s.substr(5, 2)), d = ToInt(s.substr(8, 2));
      } else if (s.size() >= 8 && s.size() <= 10) {
        size_t a = s.find_first_of("./"), b = s.find_last_of("./");
        if (a != b && a != std::string_view::npos && s[a] == s[b] && AllDigits(s.substr(0, a)) &&
            AllDigits(s.substr(a + 1, b - a - 1)) && AllDigits(s.substr(b + 1)) &&
            s.size() - b - 1 == 4) {
          d = ToInt(s.substr(0, a)), m = ToInt(s.substr(a + 1, b - a - 1)),
          y = ToInt(s.substr(b + 1));
        }
      }
      if (y && m >= 1 && m <= 12 && ValidDay(y, m, d)) {
        k = add(k, k + 1, {Format(y, m, d)});
        continue;
      }
    }
    // Month names: [day] month [(connector) [day] month]* [year].
    uint32_t len = 0;
    int day_first = 0;
    uint32_t start = k;
    if (IsDayNumber(*doc, k, &day_first) && k + 1 < n && Month(lr, *doc, k + 1, &len)) {
      ++k;
    } else {
      day_first = 0;
    }
    int month = Month(lr, *doc, k, &len);
    if (!month) {
      k = start + 1;
      continue;
    }
    std::vector<std::pair<int, int>> parts{{month, day_first}};  // (month, day)
    uint32_t j = k + len;
    while (j + 1 < n && IsConnector(lr, *doc, j)) {
      uint32_t q = j + 1;
      int d2 = 0;
      if (IsDayNumber(*doc, q, &d2) && q + 1 < n) ++q; else d2 = 0;
      uint32_t l2 = 0;
      int m2 = Month(lr, *doc, q, &l2);
      if (!m2) break;
      parts.push_back({m2, d2});
      j = q + l2;
    }
    int year = 0;
    bool has_year = IsYear(*doc, j, &year);
    // A bare month name without a day or a year is too often a word of another meaning.
    if (!has_year && parts.size() == 1 && day_first == 0) {
      k = j;
      continue;
    }
    if (!has_year) year = article_year;
    if (!year) {
      k = j;
      continue;
    }
    std::vector<std::string> values;
    for (auto [m, d] : parts) {
      if (d && ValidDay(year, m, d)) values.push_back(Format(year, m, d));
      else values.push_back(Format(year, m));
    }
    k = add(start, has_year ? j + 1 : j, std::move(values));
  }
}

}  // namespace

void Annotate(const Resources& res, Document* doc) {
  doc->dates.clear();
  uint32_t n = static_cast<uint32_t>(doc->tokens.size());
  // Quotations in another language (an English post in a Bulgarian article) are read with
  // their own language's month names; the rest with the document's.
  uint32_t k = 0;
  for (const Quote& q : doc->quotes) {
    if (q.lang == doc->lang || q.lang.empty()) continue;
    uint32_t first = doc->TokenAt(q.span.start), end = doc->TokenAt(q.span.end);
    if (first < k) continue;
    AnnotateRange(res.Lang(doc->lang), k, first, doc);
    AnnotateRange(res.Lang(q.lang), first, end, doc);
    k = end;
  }
  AnnotateRange(res.Lang(doc->lang), k, n, doc);
}

}  // namespace vestnik::dates
