#include "text/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <cctype>
#include <cstring>

#include "core/utf8.h"

namespace vestnik::text {
namespace {

// Latin letter, its Cyrillic look-alike.
constexpr std::pair<char32_t, char32_t> kHomoglyphs[] = {
    {U'A', U'А'}, {U'B', U'В'}, {U'C', U'С'}, {U'E', U'Е'}, {U'H', U'Н'}, {U'K', U'К'},
    {U'M', U'М'}, {U'O', U'О'}, {U'P', U'Р'}, {U'T', U'Т'}, {U'X', U'Х'}, {U'Y', U'У'},
    {U'a', U'а'}, {U'c', U'с'}, {U'e', U'е'}, {U'o', U'о'}, {U'p', U'р'}, {U'x', U'х'},
    {U'y', U'у'}, {U'i', U'і'}, {U'j', U'ј'}, {U's', U'ѕ'}, {U'I', U'І'}, {U'J', U'Ј'},
    {U'S', U'Ѕ'},
};

// What one code point becomes: 0 = unchanged, kDelete = removed, else the replacement.
constexpr char32_t kDelete = 0xFFFFFFFF;

char32_t MapChar(char32_t c) {
  switch (c) {
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
    case 0x200E: case 0x200F: case 0x202A: case 0x202B: case 0x202C: case 0x202D:
    case 0x202E: case 0x2066: case 0x2067: case 0x2068: case 0x2069: case 0x061C:
      return kDelete;
    case 0x00A0: case 0x2000: case 0x2001: case 0x2002: case 0x2003: case 0x2004:
    case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009: case 0x200A:
    case 0x202F: case 0x205F: case 0x3000:
      return U' ';
    case 0x2010: case 0x2011: case 0x2212: case 0xFE63: case 0xFF0D:
      return U'-';
    case 0x2012: case 0x2013: case 0x2015: case 0x2E3A: case 0x2E3B: case 0xFE58:
      return U'—';
    case 0x201F: case 0x301D: return U'“';
    case 0x301E: return U'”';
    case 0x2033: case 0x02BA: case 0xFF02: case 0x301F: return U'"';
    case 0x00B4: case 0x2032: case 0x02BC: case 0xFF07: case 0x02B9: return U'\'';
    case 0x2028: case 0x2029: case 0x0085: return U'\n';
    case 0x00A8: return kDelete;  // stray diaeresis
    default:
      return 0;
  }
}

bool IsCyrillic(char32_t c) { return c >= 0x0400 && c <= 0x052F; }
bool IsLatinLetter(char32_t c) { return utf8::ScriptOf(c) == utf8::Script::kLatin; }

struct Entity {
  const char* name;
  char32_t value;
};
constexpr Entity kEntities[] = {
    {"amp", U'&'},   {"quot", U'"'},   {"apos", U'\''},  {"lt", U'<'},      {"gt", U'>'},
    {"nbsp", U' '},  {"shy", kDelete}, {"laquo", U'«'},  {"raquo", U'»'},   {"bdquo", U'„'},
    {"ldquo", U'“'}, {"rdquo", U'”'},  {"lsquo", U'‘'},  {"rsquo", U'’'},   {"sbquo", U'‚'},
    {"ndash", U'—'}, {"mdash", U'—'},  {"hellip", U'…'}, {"euro", U'€'},    {"copy", U'©'},
    {"reg", U'®'},   {"deg", U'°'},    {"times", U'×'},  {"zwj", kDelete},  {"zwnj", kDelete},
};

// Decodes an HTML entity at s[i] ('&'); returns its end or 0.
size_t DecodeEntity(std::string_view s, size_t i, char32_t* value) {
  size_t semi = s.find(';', i + 1);
  if (semi == std::string_view::npos || semi - i > 10 || semi == i + 1) return 0;
  std::string_view name = s.substr(i + 1, semi - i - 1);
  if (name[0] == '#') {
    char32_t v = 0;
    bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    size_t k = hex ? 2 : 1;
    if (k >= name.size()) return 0;
    for (; k < name.size(); ++k) {
      char ch = name[k];
      int d;
      if (ch >= '0' && ch <= '9') d = ch - '0';
      else if (hex && (ch | 32) >= 'a' && (ch | 32) <= 'f') d = (ch | 32) - 'a' + 10;
      else return 0;
      v = v * (hex ? 16 : 10) + d;
      if (v > 0x10FFFF) return 0;
    }
    if (v == 0 || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *value = v;
    return semi + 1;
  }
  for (const Entity& e : kEntities) {
    if (name == e.name) {
      *value = e.value;
      return semi + 1;
    }
  }
  return 0;
}

class Builder {
 public:
  Builder(std::string* out, OffsetMap* map) : out_(out), map_(map) {}
  void Copy(std::string_view body, size_t from, size_t to) {
    uint32_t n = static_cast<uint32_t>(out_->size());
    out_->append(body.substr(from, to - from));
    map_->Add(n, static_cast<uint32_t>(to - from), from, to, true);
  }
  void Replace(size_t from, size_t to, std::string_view with) {
    uint32_t n = static_cast<uint32_t>(out_->size());
    out_->append(with);
    map_->Add(n, static_cast<uint32_t>(with.size()), from, to, false);
  }

 private:
  std::string* out_;
  OffsetMap* map_;
};

// Decides the script a mixed Latin/Cyrillic word should be written in: the majority script,
// provided every minority letter has a look-alike there. Returns 0 for "leave it".
int WordTargetScript(std::string_view body, size_t from, size_t to, int previous_script) {
  int lat = 0, cyr = 0, lat_fixable = 0, cyr_fixable = 0;
  for (size_t i = from; i < to;) {
    char32_t c = utf8::Next(body, &i);
    if (IsCyrillic(c)) {
      ++cyr;
      if (HomoglyphCounterpart(c)) ++cyr_fixable;
    } else if (IsLatinLetter(c)) {
      ++lat;
      if (HomoglyphCounterpart(c)) ++lat_fixable;
    }
  }
  if (lat == 0 || cyr == 0) return 0;
  int target = cyr > lat ? 2 : lat > cyr ? 1 : previous_script;
  if (target == 2 && lat_fixable == lat) return 2;
  if (target == 1 && cyr_fixable == cyr) return 1;
  return 0;
}

// Whether body[i] starts a quotation mark typed with two ASCII characters: ",," opening a
// quotation (after a space, a bracket or the start, before a word or a mark), or "''" (exactly
// two apostrophes) that may close one.
bool IsTypedQuote(std::string_view body, size_t i) {
  if (i + 1 >= body.size() || body[i + 1] != body[i]) return false;
  if (body[i] == '\'') {
    return (i == 0 || body[i - 1] != '\'') && (i + 2 >= body.size() || body[i + 2] != '\'');
  }
  char before = i == 0 ? ' ' : body[i - 1];
  if (!(before == ' ' || before == '\n' || before == '\t' || before == '(')) return false;
  if (i + 2 >= body.size()) return false;
  unsigned char after = static_cast<unsigned char>(body[i + 2]);
  return after >= 0x80 || std::isalnum(after);
}

// Whether the zero-width joiner at body[at, after) joins two pictographs (an emoji sequence such
// as "👨‍👩‍👧"; a variation selector or skin tone may stand before it).
bool IsEmojiJoint(std::string_view body, size_t at, size_t after) {
  if (after >= body.size() || at == 0) return false;
  size_t k = after;
  if (!utf8::IsEmoji(utf8::Next(body, &k))) return false;
  size_t p = at;
  do {
    --p;
  } while (p > 0 && (static_cast<unsigned char>(body[p]) & 0xC0) == 0x80);
  size_t q = p;
  char32_t before = utf8::Next(body, &q);
  return utf8::IsEmoji(before) || (before >= 0xFE00 && before <= 0xFE0F) ||
         (before >= 0x1F3FB && before <= 0x1F3FF);
}

// The letters of a word, by script.
struct WordLetters {
  int lat = 0, cyr = 0, lat_fixable = 0, cyr_fixable = 0, lower = 0;
};

WordLetters CountLetters(std::string_view body, size_t from, size_t to) {
  WordLetters w;
  for (size_t i = from; i < to;) {
    char32_t c = utf8::Next(body, &i);
    if (!utf8::IsLetter(c) || c == 0x0301 || c == 0x0300) continue;
    if (!utf8::IsUpper(c)) ++w.lower;
    if (IsCyrillic(c)) {
      ++w.cyr;
      if (HomoglyphCounterpart(c)) ++w.cyr_fixable;
    } else if (IsLatinLetter(c)) {
      ++w.lat;
      if (HomoglyphCounterpart(c)) ++w.lat_fixable;
    }
  }
  return w;
}

// The script (1 Latin, 2 Cyrillic) of a word in capitals that can only be that script (it has
// a letter without a look-alike: "БИРАЧКО", "NATO"), or 0.
int DefiniteCapsScript(const WordLetters& w) {
  if (w.lower > 0 || w.lat + w.cyr < 2 || (w.lat > 0 && w.cyr > 0)) return 0;
  if (w.cyr > w.cyr_fixable) return 2;
  if (w.lat > w.lat_fixable) return 1;
  return 0;
}

// A word in capitals made only of look-alikes ("MECTO" typed in Latin) is put in the script of
// a neighbouring capitalised word that can only be in the other script ("БИРАЧКО MECTO").
// Returns the target script or 0.
int CapsLookAlikeTarget(const WordLetters& w, int previous_caps, int next_caps) {
  if (w.lower > 0 || w.lat + w.cyr < 2 || (w.lat > 0 && w.cyr > 0)) return 0;
  if (w.lat > 0 && w.lat_fixable == w.lat && (previous_caps == 2 || next_caps == 2)) return 2;
  if (w.cyr > 0 && w.cyr_fixable == w.cyr && (previous_caps == 1 || next_caps == 1)) return 1;
  return 0;
}

// What one pass over a word tells Normalize.
struct WordScan {
  size_t end = 0;           // past the word's last letter or mark
  bool mixed = false;       // both Latin and Cyrillic letters: WordTargetScript decides
  bool has_accent = false;  // U+0300 or U+0301 somewhere
  int first_script = 0;     // of its first Latin or Cyrillic letter: 1 Latin, 2 Cyrillic, 0 none
  bool caps = false;        // letters of one script only, none of them lower case
};

// Scans the word whose first letter `first` ends at body[next].
WordScan ScanWord(std::string_view body, char32_t first, size_t next) {
  WordScan w;
  bool lat = false, cyr = false, lower = false;
  auto see = [&](char32_t d) {
    if (!lower && !utf8::IsUpper(d) && d != 0x0301 && d != 0x0300) lower = true;
    if (IsCyrillic(d)) {
      cyr = true;
      if (!w.first_script) w.first_script = 2;
    } else if (IsLatinLetter(d)) {
      lat = true;
      if (!w.first_script) w.first_script = 1;
    } else if (d == 0x0301 || d == 0x0300) {
      w.has_accent = true;
    }
  };
  see(first);
  size_t end = next;
  while (end < body.size()) {
    size_t k = end;
    char32_t d = utf8::Next(body, &k);
    if (!utf8::IsLetter(d)) break;
    see(d);
    end = k;
  }
  w.end = end;
  w.mixed = lat && cyr;
  w.caps = !lower && lat != cyr;
  return w;
}

}  // namespace

bool IsDeleted(char32_t c) { return MapChar(c) == kDelete; }

char32_t HomoglyphCounterpart(char32_t c) {
  for (const auto& [lat, cyr] : kHomoglyphs) {
    if (c == lat) return cyr;
    if (c == cyr) return lat;
  }
  return 0;
}

std::string SkeletonKey(std::string_view s) {
  std::string mapped;
  for (size_t i = 0; i < s.size();) {
    char32_t c = utf8::Next(s, &i);
    if (IsCyrillic(c)) {
      if (char32_t l = HomoglyphCounterpart(c)) c = l;
    }
    utf8::Append(c, &mapped);
  }
  return utf8::FoldCase(mapped);
}

void Normalize(std::string_view body, std::string* out, OffsetMap* map) {
  out->clear();
  out->reserve(body.size());
  *map = OffsetMap();
  Builder b(out, map);
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  // Checked on the UTF-8 bytes themselves: no UTF-16 copy of the body.
  bool is_nfc = U_SUCCESS(err) &&
                nfc->isNormalizedUTF8(
                    icu::StringPiece(body.data(), static_cast<int32_t>(body.size())), err) &&
                U_SUCCESS(err);

  size_t copy_from = 0;  // start of a run of unchanged bytes not yet emitted
  int previous_script = 0;
  int previous_caps = 0;          // DefiniteCapsScript of the previous word
  size_t previous_word_end = 0;   // where the previous word ended
  bool typed_open = false;        // a ",," typed for „ waits for its "''"
  size_t i = 0;
  auto flush = [&](size_t upto) {
    if (upto > copy_from) b.Copy(body, copy_from, upto);
  };
  while (i < body.size()) {
    unsigned char byte = static_cast<unsigned char>(body[i]);
    if ((byte == ',' || (byte == '\'' && typed_open)) && IsTypedQuote(body, i)) {
      // Quotation marks typed as two commas and two apostrophes: ,,Beograd'' → „Beograd".
      // ("''" alone, as in ''Vesti.bg'', is left as it is.)
      flush(i);
      b.Replace(i, i + 2, byte == ',' ? "„" : "\"");
      typed_open = byte == ',';
      i = copy_from = i + 2;
      continue;
    }
    if (byte < 0x80 && byte != '&' && !((byte | 32) >= 'a' && (byte | 32) <= 'z')) {
      ++i;
      continue;
    }
    if (byte == '&') {
      char32_t v = 0;
      size_t end = DecodeEntity(body, i, &v);
      if (end) {
        flush(i);
        std::string rep;
        char32_t m = v == kDelete ? kDelete : MapChar(v);
        if (m != kDelete) utf8::Append(m ? m : v, &rep);
        b.Replace(i, end, rep);
        i = copy_from = end;
      } else {
        ++i;
      }
      continue;
    }
    size_t start = i;
    char32_t c = utf8::Next(body, &i);
    if (utf8::IsLetter(c)) {
      // A whole word: letters and combining marks, read once (ScanWord).
      WordScan scan = ScanWord(body, c, i);
      const size_t end = scan.end;
      int target = scan.mixed ? WordTargetScript(body, start, end, previous_script) : 0;
      int caps_script = 0;
      if (scan.caps) {
        // A word in capitals (rare): its look-alikes, and its neighbours separated by spaces.
        WordLetters letters = CountLetters(body, start, end);
        caps_script = DefiniteCapsScript(letters);
        int before = 0, after = 0;
        if (previous_word_end > 0 && body.find_first_not_of(' ', previous_word_end) == start) {
          before = previous_caps;
        }
        size_t next = body.find_first_not_of(' ', end);
        if (next != std::string_view::npos && next > end) {
          size_t next_end = next;
          while (next_end < body.size()) {
            size_t k = next_end;
            if (!utf8::IsLetter(utf8::Next(body, &k))) break;
            next_end = k;
          }
          if (next_end > next) after = DefiniteCapsScript(CountLetters(body, next, next_end));
        }
        if (target == 0) target = CapsLookAlikeTarget(letters, before, after);
      }
      previous_caps = caps_script;
      previous_word_end = end;
      const bool has_accent = scan.has_accent;
      if (target != 0 || has_accent || !is_nfc) {
        std::string word;
        char32_t prev = 0;
        for (size_t k = start; k < end;) {
          char32_t d = utf8::Next(body, &k);
          if ((d == 0x0301 || d == 0x0300) && IsCyrillic(prev)) continue;  // stress marks
          if (target == 2 && IsLatinLetter(d)) d = HomoglyphCounterpart(d);
          if (target == 1 && IsCyrillic(d)) d = HomoglyphCounterpart(d);
          utf8::Append(d, &word);
          prev = d;
        }
        if (!is_nfc) {
          UErrorCode e2 = U_ZERO_ERROR;
          icu::UnicodeString u = icu::UnicodeString::fromUTF8(word);
          icu::UnicodeString n = nfc->normalize(u, e2);
          if (U_SUCCESS(e2)) {
            word.clear();
            n.toUTF8String(word);
          }
        }
        if (word != body.substr(start, end - start)) {
          flush(start);
          b.Replace(start, end, word);
          copy_from = end;
        }
      }
      if (scan.first_script) previous_script = scan.first_script;
      i = end;
      continue;
    }
    char32_t m = MapChar(c);
    if (c == 0x200D && IsEmojiJoint(body, start, i)) m = 0;  // "👨‍👩‍👧" stays one emoji
    if (m == 0 && !is_nfc && c >= 0x300) {
      // Outside words NFC works per character (singletons such as U+037E → ';').
      UErrorCode e2 = U_ZERO_ERROR;
      icu::UnicodeString one(static_cast<UChar32>(c));
      icu::UnicodeString n = nfc->normalize(one, e2);
      if (U_SUCCESS(e2) && n != one) {
        std::string rep;
        n.toUTF8String(rep);
        flush(start);
        b.Replace(start, i, rep);
        copy_from = i;
        continue;
      }
    }
    if (m) {
      flush(start);
      std::string rep;
      if (m != kDelete) utf8::Append(m, &rep);
      b.Replace(start, i, rep);
      copy_from = i;
    }
  }
  flush(body.size());
  if (map->identity() == false && out->size() == body.size() &&
      std::memcmp(out->data(), body.data(), body.size()) == 0) {
    *map = OffsetMap();
  }
}

}  // namespace vestnik::text
