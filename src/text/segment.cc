#include "text/segment.h"

#include <string_view>

#include "core/utf8.h"

namespace vestnik::text {
namespace {

// A letter or a digit (utf8::IsLetter || utf8::IsDigit), inline: it is tested on every
// character of every word.
[[gnu::always_inline]] inline bool IsWordChar(char32_t c) {
  if (c < 0x80) return ((c | 32) >= 'a' && (c | 32) <= 'z') || (c >= '0' && c <= '9');
  return utf8::internal::IsLetterNonAscii(c) || utf8::internal::IsDigitNonAscii(c);
}

bool IsAsciiAlnum(char32_t c) {
  return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
}

bool IsTrailingUrlPunct(char c) {
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' ||
         c == '"' || c == '\'';
}

// The end of a URL starting at s[i], or i when there is none.
size_t ScanUrl(std::string_view s, size_t i) {
  // Most runs are words: without a scheme, a URL's host (ASCII letters, digits, dots and
  // hyphens) is followed by a slash, which is checked before scanning the whole run.
  const std::string_view rest = s.substr(i);
  if (!rest.starts_with("http://") && !rest.starts_with("https://") && !rest.starts_with("www.")) {
    size_t h = i;
    while (h < s.size() && (IsAsciiAlnum(static_cast<unsigned char>(s[h])) || s[h] == '.' ||
                            s[h] == '-')) {
      ++h;
    }
    if (h == s.size() || s[h] != '/') return i;
  }
  size_t end = i;
  while (end < s.size()) {
    unsigned char b = static_cast<unsigned char>(s[end]);
    if (b <= ' ' || b == '"' || b == '<' || b == '>') break;
    if (b >= 0x80) {  // stop at non-ASCII quotation marks and spaces
      size_t k = end;
      char32_t c = utf8::Next(s, &k);
      if (IsQuoteMark(c) || utf8::IsSpace(c) || c == U'—') break;
      end = k;
      continue;
    }
    ++end;
  }
  std::string_view run = s.substr(i, end - i);
  bool scheme = run.starts_with("http://") || run.starts_with("https://") ||
                run.starts_with("www.");
  if (!scheme) {
    // domain.tld/path: labels of ASCII letters, digits and hyphens, a dot, then a slash.
    size_t slash = run.find('/');
    if (slash == std::string_view::npos || slash < 4) return i;
    std::string_view host = run.substr(0, slash);
    size_t dot = host.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || host.size() - dot < 3) return i;
    for (char ch : host) {
      if (!(IsAsciiAlnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-')) return i;
    }
    for (size_t k = dot + 1; k < host.size(); ++k) {
      if (!((host[k] | 32) >= 'a' && (host[k] | 32) <= 'z')) return i;
    }
  }
  while (end > i && IsTrailingUrlPunct(s[end - 1])) {
    if (s[end - 1] == ')' && run.find('(') != std::string_view::npos) break;
    --end;
  }
  return end;
}

// The end of an e-mail address that starts at s[i] (a word char), or i.
size_t ScanEmail(std::string_view s, size_t i) {
  size_t k = i;
  while (k < s.size() && (IsAsciiAlnum(static_cast<unsigned char>(s[k])) || s[k] == '.' ||
                          s[k] == '_' || s[k] == '-' || s[k] == '+')) {
    ++k;
  }
  if (k == i || k >= s.size() || s[k] != '@') return i;
  size_t d = k + 1, last_dot = 0;
  while (d < s.size() && (IsAsciiAlnum(static_cast<unsigned char>(s[d])) || s[d] == '.' || s[d] == '-')) {
    ++d;
  }
  while (d > k + 1 && (s[d - 1] == '.' || s[d - 1] == '-')) --d;  // "…@example.com." ends a sentence
  for (size_t x = k + 1; x < d; ++x) {
    if (s[x] == '.') last_dot = x;
  }
  // A dot inside the domain with at least two letters after it.
  if (last_dot == 0 || d - last_dot < 3) return i;
  return d;
}

bool IsRegionalIndicator(char32_t c) { return c >= 0x1F1E6 && c <= 0x1F1FF; }

// The folded word (letters only) that starts at s[i], or "" when none does.
std::string FoldedWordAt(std::string_view s, size_t i) {
  size_t e = i;
  while (e < s.size()) {
    size_t q = e;
    if (!utf8::IsLetter(utf8::Next(s, &q))) break;
    e = q;
  }
  std::string folded;
  if (e > i) utf8::AppendFolded(s.substr(i, e - i), &folded);
  return folded;
}

// Whether s[i] starts a number of one or two digits followed by a dot: a day or a month of a
// date written with spaces ("14. 10. 2024").
bool IsShortDottedNumberAt(std::string_view s, size_t i) {
  size_t e = i;
  while (e < s.size() && s[e] >= '0' && s[e] <= '9') ++e;
  return e > i && e - i <= 2 && e < s.size() && s[e] == '.';
}

// Whether the number s[start, dot) and the dot after it are an ordinal, in a language that
// writes ordinals with a dot: the dot is followed by a space and a lower-case word ("16.
// januara", "2007. godine") or a month name ("3. Oktober"), or the number is the day or the
// month of a date written with spaces ("14. 10. 2024", "do 25. 7. na", "7. 8.,"). `prev` is the
// token before the number, if any.
bool IsOrdinalDot(const LangResources& lr, const Document& doc, std::string_view s, size_t start,
                  size_t dot, const Token* prev) {
  bool short_number = dot - start <= 2;
  if (short_number && prev != nullptr && prev->kind == TokenKind::kNumber &&
      prev->norm.end + 1 == start && s[prev->norm.end] == ' ' && prev->norm.size() <= 3 &&
      doc.NormText(*prev).back() == '.') {
    return true;  // the month after a day: "14. 10."
  }
  if (dot + 2 >= s.size() || s[dot + 1] != ' ') return false;
  size_t q = dot + 2;
  char32_t next = utf8::Next(s, &q);
  if (utf8::IsLetter(next)) {
    return !utf8::IsUpper(next) || lr.months.FindWord(FoldedWordAt(s, dot + 2)) != nullptr;
  }
  return short_number && IsShortDottedNumberAt(s, dot + 2);
}

// Whether folded `first` and `second` (both with their dots) are the two parts of an
// abbreviation written with a space ("z. B.", "т. е."): listed with the space.
bool IsSpacedAbbreviation(const LangResources& lr, std::string_view first,
                          std::string_view second) {
  std::string joined;
  joined.reserve(first.size() + second.size() + 1);
  joined.append(first).append(" ").append(second);
  return lr.abbreviations.count(joined) > 0;
}

// Where a clitic of lr.clitics starts at the end of the word [start, end) ("’s" of
// "Johnson’s", "n't" of "don't"), leaving a stem of at least one letter; 0 if none.
size_t CliticStart(const LangResources& lr, std::string_view s, size_t start, size_t end) {
  auto same = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if ((a[i] | 32) != (b[i] | 32)) return false;
    }
    return true;
  };
  for (const std::string& c : lr.clitics) {
    size_t apos = c.find('\'');
    if (apos == std::string::npos) continue;
    std::string_view pre = std::string_view(c).substr(0, apos);
    std::string_view post = std::string_view(c).substr(apos + 1);
    if (end - start < post.size() + pre.size() + 2) continue;
    size_t p = end - post.size();
    if (!same(s.substr(p, post.size()), post)) continue;
    size_t a;
    if (s[p - 1] == '\'') {
      a = p - 1;
    } else if (p >= start + 4 && s.substr(p - 3, 3) == "\u2019") {
      a = p - 3;
    } else {
      continue;
    }
    if (a < start + pre.size() + 1 || !same(s.substr(a - pre.size(), pre.size()), pre)) continue;
    return a - pre.size();
  }
  return 0;
}

}  // namespace

bool IsQuoteMark(char32_t c) {
  switch (c) {
    case U'"': case U'\'': case U'„': case U'“': case U'”': case U'«': case U'»':
    case U'‚': case U'‘': case U'’': case U'‹': case U'›': case U'「': case U'」':
      return true;
    default:
      return false;
  }
}

void Tokenize(const LangResources& lr, Document* doc) {
  const std::string& s = doc->norm_text;
  doc->tokens.clear();
  doc->fold_text.clear();
  doc->tokens.reserve(s.size() / 5 + 1);
  doc->fold_text.reserve(s.size());
  bool space = true, newline = true, paragraph = true;
  int newlines = 0;
  size_t i = 0;
  // URLs and e-mail addresses are looked for only where a chunk of non-space text starts
  // (or after an opening bracket or quotation mark), so each chunk is scanned once: linear.
  size_t chunk_start = 0;
  auto emit = [&](size_t from, size_t to, TokenKind kind) {
    Token t;
    t.norm = {static_cast<uint32_t>(from), static_cast<uint32_t>(to)};
    t.span = doc->norm_map.ToOriginal(t.norm);
    t.kind = kind;
    t.space_before = space;
    t.newline_before = newline;
    t.paragraph_before = paragraph;
    uint32_t f0 = static_cast<uint32_t>(doc->fold_text.size());
    std::string_view text = std::string_view(s).substr(from, to - from);
    utf8::AppendFolded(text, &doc->fold_text);
    t.fold = {f0, static_cast<uint32_t>(doc->fold_text.size())};
    t.upper = utf8::StartsUpper(text);
    doc->tokens.push_back(t);
    space = newline = paragraph = false;
    newlines = 0;
  };
  while (i < s.size()) {
    size_t start = i;
    char32_t c = utf8::Next(s, &i);
    if (utf8::IsSpace(c)) {
      chunk_start = i;
      space = true;
      if (c == '\n') {
        newline = true;
        if (++newlines >= 2) paragraph = true;
      }
      continue;
    }
    // URLs and e-mail addresses.
    if (c == '(' || c == '[' || c == '<' || IsQuoteMark(c)) chunk_start = i;
    if (IsAsciiAlnum(c) && start == chunk_start) {
      size_t u = ScanUrl(s, start);
      if (u > start) {
        emit(start, u, TokenKind::kUrl);
        i = u;
        continue;
      }
      size_t e = ScanEmail(s, start);
      if (e > start) {
        emit(start, e, TokenKind::kEmail);
        i = e;
        continue;
      }
    }
    if ((c == '@' || c == '#') && i < s.size()) {
      size_t k = i;
      while (k < s.size()) {
        size_t m = k;
        char32_t d = utf8::Next(s, &m);
        if (!(IsWordChar(d) || d == '_')) break;
        k = m;
      }
      if (k > i) {
        emit(start, k, c == '@' ? TokenKind::kHandle : TokenKind::kHashtag);
        i = k;
        continue;
      }
    }
    if (utf8::IsDigit(c)) {
      // Numbers with inner separators: 29.03.2019, 1,000.50, 12:30, 2023-05.
      size_t k = i;
      while (k < s.size()) {
        size_t m = k;
        char32_t d = utf8::Next(s, &m);
        if (utf8::IsDigit(d)) {
          k = m;
          continue;
        }
        if ((d == '.' || d == ',' || d == ':' || d == '/' || d == '-') && m < s.size()) {
          size_t m2 = m;
          char32_t e = utf8::Next(s, &m2);
          if (utf8::IsDigit(e)) {
            k = m2;
            continue;
          }
        }
        break;
      }
      // Digits glued to letters stay a word ("5G", "2023-та"), unless the letters are an
      // abbreviation such as the year mark in "29.03.2019г.".
      size_t m = k;
      bool glued_abbreviation = false;
      if (k < s.size() && utf8::IsLetter(utf8::Next(s, &m))) {
        size_t e = k;
        while (e < s.size()) {
          size_t q = e;
          if (!utf8::IsLetter(utf8::Next(s, &q))) break;
          e = q;
        }
        if (e < s.size() && s[e] == '.') {
          std::string folded;
          utf8::AppendFolded(std::string_view(s).substr(k, e + 1 - k), &folded);
          glued_abbreviation = lr.abbreviations.count(folded) > 0;
        }
      }
      m = k;
      if (!glued_abbreviation && k < s.size() && utf8::IsLetter(utf8::Next(s, &m))) {
        // A decimal number glued to its unit stays whole: "1.2bn", "2,5km".
        size_t separators = 0, separator = 0;
        for (size_t x = start; x < k; ++x) {
          if (s[x] < '0' || s[x] > '9') {
            ++separators;
            separator = x;
          }
        }
        if (separators == 1 && (s[separator] == '.' || s[separator] == ',')) {
          size_t e = k;
          while (e < s.size()) {
            size_t q = e;
            if (!IsWordChar(utf8::Next(s, &q))) break;
            e = q;
          }
          emit(start, e, TokenKind::kWord);
          i = e;
          continue;
        }
        i = start;  // fall through to word scanning
      } else {
        // "1-й", "80-ih", "25-metarskim", "3-та": a number with a case or ordinal suffix.
        if (k + 1 < s.size() && s[k] == '-') {
          size_t e = k + 1;
          while (e < s.size()) {
            size_t q = e;
            if (!utf8::IsLetter(utf8::Next(s, &q))) break;
            e = q;
          }
          if (e > k + 1) {
            emit(start, e, TokenKind::kWord);
            i = e;
            continue;
          }
        }
        // Ordinal numbers written with a dot where the language does so (IsOrdinalDot).
        if (lr.ordinal_dot && k + 1 < s.size() && s[k] == '.' &&
            IsOrdinalDot(lr, *doc, s, start, k,
                         doc->tokens.empty() ? nullptr : &doc->tokens.back())) {
          emit(start, k + 1, TokenKind::kNumber);
          i = k + 1;
          continue;
        }
        emit(start, k, TokenKind::kNumber);
        i = k;
        continue;
      }
      c = utf8::Next(s, &i);
    }
    if (IsWordChar(c)) {
      // A line break lost in scraping, a headline run into its lead ("… повишат заразатаОт
      // организацията …"): a word in lower case, five letters or more, that runs into a
      // capital followed by lower case ends before the capital, whose word opens a paragraph.
      // Names in camel case start with a capital or a short part ("ЛаудаМоушън", "easyJet").
      size_t lower_run = utf8::IsLetter(c) && !utf8::IsUpper(c) ? 1 : 0;
      bool lost_break = false;
      // For a capital that ends a lower-case run: whether lower case follows it at `after`.
      auto runs_into_capital = [&](size_t after) {
        if (lower_run < 5 || after >= s.size()) return false;
        char32_t e = utf8::Next(s, &after);
        return utf8::IsLetter(e) && !utf8::IsUpper(e);
      };
      size_t k = i;
      while (k < s.size()) {
        // ASCII letters and digits, the common case, a byte at a time.
        if (const unsigned char b = static_cast<unsigned char>(s[k]); b < 0x80 && IsAsciiAlnum(b)) {
          if (b >= 'a' && b <= 'z') {
            lower_run += lower_run != 0;
          } else if (lower_run != 0) {
            if (b >= 'A' && b <= 'Z' && runs_into_capital(k + 1)) {
              lost_break = true;
              break;
            }
            lower_run = 0;
          }
          ++k;
          continue;
        }
        size_t m = k;
        char32_t d = utf8::Next(s, &m);
        if (IsWordChar(d)) {
          if (lower_run != 0) {
            if (!utf8::IsUpper(d)) {
              lower_run = utf8::IsLetter(d) ? lower_run + 1 : 0;
            } else if (runs_into_capital(m)) {
              lost_break = true;
              break;
            } else {
              lower_run = 0;
            }
          }
          k = m;
          continue;
        }
        // Inner hyphen or apostrophe followed by a word character.
        if ((d == '-' || d == '\'' || d == U'’') && m < s.size()) {
          size_t m2 = m;
          char32_t e = utf8::Next(s, &m2);
          if (IsWordChar(e)) {
            lower_run = 0;
            k = m2;
            continue;
          }
        }
        break;
      }
      if (lost_break) {
        emit(start, k, TokenKind::kWord);
        space = newline = paragraph = true;
        i = k;
        continue;
      }
      // File names and bare domains: "Fashion.hr", "report.pdf", "alt.animals.cat".
      while (k + 2 < s.size() && s[k] == '.' && s[k + 1] >= 'a' && s[k + 1] <= 'z' &&
             static_cast<unsigned char>(s[start]) < 0x80) {
        size_t e = k + 1;
        while (e < s.size() && IsAsciiAlnum(static_cast<unsigned char>(s[e]))) ++e;
        if (e - k - 1 < 2) break;
        k = e;
      }
      // Abbreviations with their dots: the longest listed form starting here.
      if (k < s.size() && s[k] == '.') {
        size_t best = 0;
        std::string folded;
        size_t p = k;
        while (p < s.size() && s[p] == '.' && p + 1 - start <= lr.max_abbreviation_bytes + 1) {
          folded.clear();
          utf8::AppendFolded(std::string_view(s).substr(start, p + 1 - start), &folded);
          if (lr.abbreviations.count(folded)) best = p + 1;
          // Extend over "X." or "X.Y." sequences (no spaces): т.е. / U.S.
          size_t q = p + 1;
          while (q < s.size()) {
            size_t m = q;
            char32_t d = utf8::Next(s, &m);
            if (!utf8::IsLetter(d)) break;
            q = m;
          }
          if (q == p + 1 || q - p > 6) break;
          p = q;
        }
        // A hyphenated word whose last part is a listed abbreviation keeps its dot too
        // ("R-Fla.", "D-Mo.": party and state).
        if (!best) {
          size_t hyphen = std::string_view(s).substr(start, k - start).rfind('-');
          if (hyphen != std::string_view::npos && hyphen + 1 < k - start) {
            std::string last;
            utf8::AppendFolded(std::string_view(s).substr(start + hyphen + 1, k + 1 - start - hyphen - 1),
                               &last);
            if (lr.abbreviations.count(last)) best = k + 1;
          }
        }
        // A single upper-case letter and its dot is an initial ("Б. Джонсън", "J. Biden").
        size_t m = start;
        char32_t first = utf8::Next(s, &m);
        if (!best && m == k && utf8::IsUpper(first)) best = k + 1;
        // Either part of an abbreviation listed with a space ("z. B.", "т. е."), each its
        // own token with its dot.
        if (!best) {
          std::string here;
          utf8::AppendFolded(std::string_view(s).substr(start, k + 1 - start), &here);
          if (k + 2 < s.size() && s[k + 1] == ' ') {
            size_t e = k + 2;
            while (e < s.size()) {
              size_t q = e;
              if (!utf8::IsLetter(utf8::Next(s, &q))) break;
              e = q;
            }
            if (e > k + 2 && e < s.size() && s[e] == '.') {
              std::string next;
              utf8::AppendFolded(std::string_view(s).substr(k + 2, e + 1 - (k + 2)), &next);
              if (IsSpacedAbbreviation(lr, here, next)) best = k + 1;
            }
          }
          if (!best && !doc->tokens.empty()) {
            const Token& prev = doc->tokens.back();
            if (prev.norm.end + 1 == start && s[prev.norm.end] == ' ' &&
                IsSpacedAbbreviation(lr, doc->Folded(prev), here)) {
              best = k + 1;
            }
          }
        }
        if (best) k = best;
      }
      // A clitic after an apostrophe is a token of its own where the language splits it.
      if (size_t split = CliticStart(lr, s, start, k); split > start) {
        emit(start, split, TokenKind::kWord);
        emit(split, k, TokenKind::kWord);
        i = k;
        continue;
      }
      emit(start, k, TokenKind::kWord);
      i = k;
      continue;
    }
    if (IsRegionalIndicator(c) && i < s.size()) {  // a flag: two regional indicators
      size_t k = i;
      if (IsRegionalIndicator(utf8::Next(s, &k))) {
        emit(start, k, TokenKind::kEmoji);
        i = k;
        continue;
      }
    }
    if (utf8::IsEmoji(c)) {
      size_t k = i;
      // Variation selectors, skin tones, tags, and pictographs joined by a zero-width joiner
      // ("👨‍👩‍👧"); pictographs side by side ("🚗❄️") are tokens of their own.
      bool joiner = false;
      while (k < s.size()) {
        size_t m = k;
        char32_t d = utf8::Next(s, &m);
        if ((d >= 0xFE00 && d <= 0xFE0F) || (d >= 0x1F3FB && d <= 0x1F3FF) ||
            (d >= 0xE0020 && d <= 0xE007F) || (joiner && utf8::IsEmoji(d))) {
          joiner = false;
          k = m;
          continue;
        }
        if (d == 0x200D) {
          joiner = true;
          k = m;
          continue;
        }
        break;
      }
      emit(start, k, TokenKind::kEmoji);
      i = k;
      continue;
    }
    // Punctuation: runs of one ASCII mark stay together ("...", "--", "``", "''", "***"),
    // as do runs of ?! and emoticons (":)", ":-(", ";)").
    if (c == '?' || c == '!') {
      while (i < s.size() && (s[i] == '?' || s[i] == '!')) ++i;
    } else if ((c == ':' || c == ';') && i < s.size()) {
      size_t k = i;
      if (k < s.size() && (s[k] == '-' || s[k] == '\'')) ++k;
      if (k < s.size() && (s[k] == ')' || s[k] == '(' || s[k] == 'D' || s[k] == 'P' || s[k] == 'p') &&
          (k + 1 >= s.size() || !IsAsciiAlnum(static_cast<unsigned char>(s[k + 1])))) {
        i = k + 1;
      }
    } else if (c < 0x80 && c != '(' && c != ')' && c != '[' && c != ']' && c != ',' &&
               c != '"' && c != '/') {
      while (i < s.size() && static_cast<unsigned char>(s[i]) == c) ++i;
    }
    emit(start, i, (c < 0x80 && !IsAsciiAlnum(c)) || IsQuoteMark(c) || c == U'—' || c == U'…'
                       ? TokenKind::kPunct
                       : TokenKind::kSymbol);
  }
}

namespace {

bool IsFinalPunct(std::string_view t) {
  return t == "." || t == "!" || t == "?" || t == "..." || t == "…" ||
         (t.size() > 1 && (t[0] == '?' || t[0] == '!'));
}

bool IsClosing(std::string_view t) {
  return t == ")" || t == "]" || t == "”" || t == "“" || t == "»" || t == "\"" || t == "'" ||
         t == "''" || t == "’" || t == "«" || t == "›";
}

// Whether token `i` can open a sentence. A dash does, unless it follows a closing quotation mark
// and a lower-case word follows it: the attribution of a quoted question or exclamation
// ("„Ще има ли глоби?“ – питат шофьори"). (Without quotation marks, BTB cuts such attributions
// off as sentences of their own.)
bool OpensSentence(const Document& doc, uint32_t i) {
  const Token& t = doc.tokens[i];
  if (t.upper || t.kind == TokenKind::kNumber || t.kind == TokenKind::kHandle ||
      t.kind == TokenKind::kHashtag || t.kind == TokenKind::kEmoji) {
    return true;
  }
  std::string_view x = doc.NormText(t);
  if (x == "—" || x == "-" || x == "--") {
    if (i + 1 >= doc.tokens.size() || i == 0 || !IsClosing(doc.NormText(doc.tokens[i - 1]))) {
      return true;
    }
    const Token& next = doc.tokens[i + 1];
    return next.newline_before || next.kind != TokenKind::kWord || next.upper;
  }
  return x == "„" || x == "“" || x == "\"" || x == "«" || x == "»" || x == "‚" || x == "(" ||
         x == "'" || x == "''" || x == "‘" || x == "•" || x == "*" || x.starts_with("``");
}

}  // namespace

namespace {

// Whether token `i` opens a sentence that runs on from the previous one without punctuation (a
// headline or caption followed by its text on the same line): a learnt sentence starter
// ("Според", "Tokom"), capitalised, right after a word (not an abbreviation) or a number, or
// after a closing quotation mark or bracket that follows one.
bool StartsRunOnSentence(const LangResources& lr, const Document& doc, uint32_t i) {
  if (lr.sentence_starters.empty() || i == 0) return false;
  const Token& t = doc.tokens[i];
  if (t.kind != TokenKind::kWord || !t.upper || !t.space_before) return false;
  std::string_view norm = doc.NormText(t);
  size_t first = 0;
  utf8::Next(norm, &first);
  if (first < norm.size() && utf8::IsAllCaps(norm)) return false;  // acronyms; "В" may start
  uint32_t p = i - 1;
  if (doc.tokens[p].kind == TokenKind::kPunct) {
    std::string_view closing = doc.NormText(doc.tokens[p]);
    if (!IsClosing(closing) || doc.tokens[p].space_before || p == 0) return false;
    --p;
  }
  const Token& prev = doc.tokens[p];
  if (prev.kind != TokenKind::kWord && prev.kind != TokenKind::kNumber) return false;
  std::string_view pn = doc.NormText(prev);
  if (pn.empty() || pn.back() == '.') return false;  // abbreviations decide on their own
  auto it = lr.sentence_starters.find(std::string(doc.Folded(t)));
  return it != lr.sentence_starters.end() && (it->second || !prev.upper);
}

}  // namespace

void SplitSentences(const LangResources& lr, Document* doc) {
  doc->sentences.clear();
  const auto& toks = doc->tokens;
  uint32_t n = static_cast<uint32_t>(toks.size());
  uint32_t paragraph = 0, begin = 0;
  auto close = [&](uint32_t end) {
    if (end <= begin) return;
    Sentence s;
    s.first_token = begin;
    s.end_token = end;
    s.span = {toks[begin].span.start, toks[end - 1].span.end};
    s.paragraph = paragraph;
    doc->sentences.push_back(s);
    begin = end;
  };
  for (uint32_t i = 0; i < n; ++i) {
    if (i > begin && (toks[i].paragraph_before || StartsRunOnSentence(lr, *doc, i))) {
      close(i);
    }
    if (toks[i].paragraph_before && i > 0) ++paragraph;
    std::string_view t = doc->NormText(toks[i]);
    bool boundary = false;
    uint32_t end = i + 1;
    if (IsFinalPunct(t)) {
      while (end < n && IsClosing(doc->NormText(toks[end])) && !toks[end].space_before) ++end;
      boundary = end >= n || toks[end].newline_before || OpensSentence(*doc, end);
      // "… end. next sentence" in lower case (web text), but not "3. място", "…и т. н.", an
      // ellipsis, or a quotation closed before its attribution ("„Защо?“ попита той").
      if (!boundary && end == i + 1 && toks[end].space_before && toks[end].kind == TokenKind::kWord &&
          t != "..." && t != "…" && i > 0 && toks[i - 1].kind == TokenKind::kWord &&
          !toks[i].space_before) {
        std::string_view prev = doc->NormText(toks[i - 1]);
        size_t letters = 0;
        for (size_t k = 0; k < prev.size();) letters += utf8::IsLetter(utf8::Next(prev, &k));
        boundary = letters > 1;
      }
    } else if (toks[i].kind == TokenKind::kWord && t.size() > 1 && t.back() == '.' &&
               i + 1 < n) {
      // An abbreviation ends the sentence when a capitalised word follows ("… 2023 г. НАТО"),
      // unless it stands before names ("проф.", "Mr.") or is an initial ("Б. Джонсън").
      size_t letters = 0;
      for (size_t k = 0; k < t.size();) {
        char32_t c = utf8::Next(t, &k);
        letters += utf8::IsLetter(c);
      }
      bool initial = letters == 1 && toks[i].upper;
      // Dotted capitals ("U.S.", "S.A.D.") name things far more often than they end sentences.
      size_t dots = 0;
      for (char ch : t) dots += ch == '.';
      if (dots >= 2 && utf8::IsAllCaps(t)) initial = true;
      bool prefix = lr.prefix_abbreviations.count(std::string(doc->Folded(toks[i]))) > 0;
      // A year mark ends a sentence only after its year ("… 2019 г. Новый …"); elsewhere it
      // is another word ("в г. Орске": город).
      if (!prefix && lr.year_markers.FindWord(doc->Folded(toks[i])) != nullptr &&
          (i == 0 || toks[i - 1].kind != TokenKind::kNumber)) {
        prefix = true;
      }
      // Nor inside an abbreviation written with a space ("z. B.", "т. е.").
      if (toks[i + 1].space_before && !toks[i + 1].newline_before &&
          IsSpacedAbbreviation(lr, doc->Folded(toks[i]), doc->Folded(toks[i + 1]))) {
        prefix = true;
      }
      boundary = !initial && !prefix && toks[i + 1].upper && toks[i + 1].kind == TokenKind::kWord;
    } else if (t == ":" && lr.colon_capital_ends_sentence && i + 1 < n && i > begin &&
               toks[i + 1].space_before && !toks[i + 1].newline_before &&
               toks[i + 1].kind == TokenKind::kWord && toks[i + 1].upper) {
      boundary = true;
    } else if (i + 1 < n && toks[i + 1].newline_before && !toks[i + 1].paragraph_before) {
      // A line without final punctuation (a headline, a list item) ends a sentence when the
      // next line starts with a capital and this line is short.
      uint32_t line_start = i;
      while (line_start > begin && !toks[line_start].newline_before) --line_start;
      // Short: under 72 characters, where text wrapped at 72-80 columns has its longer lines
      // (characters, not bytes: a Cyrillic headline takes twice as many bytes).
      std::string_view line = std::string_view(doc->norm_text)
                                  .substr(toks[line_start].norm.start,
                                          toks[i].norm.end - toks[line_start].norm.start);
      size_t chars = 0;
      for (size_t k = 0; k < line.size(); ++k) {
        chars += (static_cast<unsigned char>(line[k]) & 0xC0) != 0x80;
      }
      bool continues = t == "," || t == ";" || t == "-" || t == "(";
      // A line ending with a colon introduces the next one ("Here's an excerpt:\n…").
      boundary = (t == ":" && (toks[i + 1].upper || OpensSentence(*doc, i + 1))) ||
                 (!continues && t != ":" && toks[i + 1].upper && chars < 72 && line_start == begin);
    }
    if (boundary) {
      close(end);
      i = end - 1;
    }
  }
  close(n);
  (void)lr;
}

}  // namespace vestnik::text
