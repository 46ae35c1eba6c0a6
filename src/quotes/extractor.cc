#include "quotes/extractor.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_set>

#include "core/utf8.h"
#include "quotes/pairing.h"
#include "text/langid.h"
#include "text/normalize.h"
#include "text/segment.h"

namespace vestnik::quotes {
namespace {

// kWords: words that name the speaker without a known entity (a name the recogniser missed
// after a title, "ministr Dlouhý"; a sentence's subject, "Kritici říkají"): the speaker is
// the words themselves.
enum class SpeakerRef : uint8_t { kNone, kMention, kPronoun, kTitle, kWords };

// A quotation found in the text, before its speaker is resolved in reading order.
struct Candidate {
  uint32_t first = 0, end = 0;  // content tokens [first, end)
  QuoteKind kind = QuoteKind::kDirect;
  bool has_cue = false;
  uint32_t cue_first = 0, cue_end = 0;
  SpeakerRef ref = SpeakerRef::kNone;
  uint32_t ref_first = 0, ref_end = 0;  // the words that name the speaker
  int mention = -1;
  std::string channel, via;
  std::string platform;  // for embedded posts: the platform of its link
  bool continuation = false;  // no cue: carries the previous speaker on
  bool agentless = false;     // a cue with no agent ("Asked whether …"): no speaker
};

// Social platforms by the domains of their links.
std::string PlatformOfUrl(std::string_view url) {
  static constexpr std::pair<std::string_view, std::string_view> kDomains[] = {
      {"twitter.com", "X"},       {"x.com", "X"},           {"t.co", "X"},
      {"instagram.com", "Instagram"}, {"facebook.com", "Facebook"}, {"fb.com", "Facebook"},
      {"t.me", "Telegram"},       {"youtube.com", "YouTube"}, {"youtu.be", "YouTube"},
      {"tiktok.com", "TikTok"},   {"threads.net", "Threads"}, {"linkedin.com", "LinkedIn"},
  };
  size_t p = url.find("://");
  std::string_view host = p == std::string_view::npos ? url : url.substr(p + 3);
  host = host.substr(0, host.find('/'));
  for (const auto& [domain, name] : kDomains) {
    if (host == domain || (host.size() > domain.size() && host.ends_with(domain) &&
                           host[host.size() - domain.size() - 1] == '.')) {
      return std::string(name);
    }
  }
  return "";
}

class Extractor {
 public:
  Extractor(const Resources& res, const QuoteExtractor::FunctionWordLanguages& function_words,
            const LangResources& lr, Document* doc)
      : res_(res), function_words_(function_words), lr_(lr), doc_(*doc), toks_(doc->tokens) {
    n_ = static_cast<uint32_t>(toks_.size());
    mention_at_.assign(n_, -1);
    for (size_t m = 0; m < doc_.mentions.size(); ++m) {
      for (uint32_t k = doc_.mentions[m].first_token; k < doc_.mentions[m].end_token; ++k) {
        mention_at_[k] = static_cast<int>(m);
      }
    }
    sentence_of_.assign(n_, 0);
    for (uint32_t s = 0; s < doc_.sentences.size(); ++s) {
      for (uint32_t k = doc_.sentences[s].first_token; k < doc_.sentences[s].end_token; ++k) {
        sentence_of_[k] = s;
      }
    }
    in_direct_.assign(n_, false);
  }

  void Run() {
    FindDirect();
    FindColonHeadlines();
    FindDashSpeech();
    FindIndirect();
    FindPointedBack();
    FindReportedMood();
    FindEmbeddedPosts();
    Resolve();
  }

 private:
  std::string_view Text(uint32_t k) const { return doc_.NormText(toks_[k]); }
  std::string_view Fold(uint32_t k) const { return doc_.Folded(toks_[k]); }
  bool IsPunct(uint32_t k) const { return toks_[k].kind == TokenKind::kPunct; }
  bool IsComma(uint32_t k) const { return Text(k) == ","; }
  // A word for an unnamed part of people (lang/<code>/indefinite_sources.txt: "едни",
  // "некоторых", "others") that no name covers.
  // The length of the words for an unnamed part of people at k ("едни", "един от тях",
  // indefinite_sources.txt); 0 if none.
  uint32_t IndefiniteSource(uint32_t k) const {
    if (toks_[k].kind != TokenKind::kWord || mention_at_[k] >= 0) return 0;
    auto m = lr_.indefinite_sources.MatchAt(doc_, k);
    return m ? m.length : 0;
  }
  bool IsDash(uint32_t k) const { return Text(k) == "—" || Text(k) == "-"; }
  bool IsFinal(uint32_t k) const {
    std::string_view t = Text(k);
    return t == "." || t == "!" || t == "?" || t == "..." || t == "…" || t == "?!" || t == "!?";
  }
  bool IsQuoteMarkTok(uint32_t k) const {
    if (!IsPunct(k)) return false;
    size_t i = 0;
    std::string_view t = Text(k);
    return text::IsQuoteMark(utf8::Next(t, &i));
  }
  bool IsFunction(uint32_t k) const { return lr_.function_words.FindWord(Fold(k)) != nullptr; }
  bool IsPronoun(uint32_t k) const { return lr_.pronouns.FindWord(Fold(k)) != nullptr; }
  // A complementiser, not the pronoun its word may also be: "that" of "that’s" (a clitic
  // glued to it) opens no clause.
  bool IsComplementizer(uint32_t k) const {
    if (!lr_.complementizers.FindWord(Fold(k))) return false;
    return !(k + 1 < n_ && toks_[k + 1].span.start == toks_[k].span.end &&
             toks_[k + 1].kind == TokenKind::kWord && IsApostrophe(Text(k + 1)));
  }
  static bool IsApostrophe(std::string_view t) {
    return t.starts_with("'") || t.starts_with("\u2019");
  }
  const Sentence& SentenceAt(uint32_t k) const { return doc_.sentences[sentence_of_[k]]; }
  // Whether mention m names an organisation in capitals, a medium tagged as a product
  // included ("Axios", "Lloyd’s List").
  bool OrganisationOrMedium(int m) const {
    return m >= 0 && toks_[doc_.mentions[m].first_token].upper &&
           (doc_.mentions[m].type == EntityType::kOrg || doc_.mentions[m].type == EntityType::kPro);
  }
  bool IsSpeakerMention(int m) const {
    if (m < 0) return false;
    EntityType t = doc_.mentions[m].type;
    if (t != EntityType::kPer && t != EntityType::kOrg) return false;
    // A name in lower case is a group ("британците", "американци", "демократите"): the
    // people it names are not the one who speaks.
    return toks_[doc_.mentions[m].first_token].upper;
  }
  // Whether a person is named in an oblique case (its words differ from its nominative
  // lemma: "к Джавиду", "осудил Штайнмайера"): an object or addressee, not a subject.
  // Only when the nominative is written in the article too: a lemma nothing attests may be
  // the lemmatiser's mistake ("Emily Lau" → "Emila La"). The last words only: a first
  // name's lemma is the less sure one ("Petra" → "Petr").
  bool Oblique(int m) const {
    const Mention& x = doc_.mentions[m];
    if (x.type != EntityType::kPer || x.lemma.empty()) return false;
    auto last = [](std::string_view v) { return v.substr(v.rfind(' ') + 1); };
    std::string word = utf8::FoldCase(last(x.text)), lemma = utf8::FoldCase(last(x.lemma));
    if (word == lemma) return false;
    // The lemma is the known person's own name ("Bidna" → "Biden", Joe Biden in the knowledge
    // base): the form in the text is inflected.
    if (x.entity >= 0 && doc_.entities[x.entity].known &&
        (utf8::FoldCase(last(doc_.entities[x.entity].name)) == lemma ||
         utf8::FoldCase(last(doc_.entities[x.entity].latin)) == lemma)) {
      return true;
    }
    if (folded_words_.empty()) {
      for (const Token& t : toks_) {
        if (t.kind == TokenKind::kWord) folded_words_.insert(doc_.Folded(t));
      }
    }
    return folded_words_.count(lemma) > 0;
  }
  // A cue at token k. Not a word inside a name ("United States") nor one right after a
  // determiner, which makes it a noun ("the states", "a report"; lang/<code>/determiners.txt).
  PhraseTable::Match CueAt(uint32_t k) const {
    if (toks_[k].kind != TokenKind::kWord) return {};
    if (mention_at_[k] >= 0 && doc_.mentions[mention_at_[k]].first_token < k) return {};
    // (In a verb-second language a word pointing back that opens the sentence is a pronoun,
    // the subject or object before the finite verb: "Das erklärte ein Sprecher".)
    if (k > 0 && toks_[k - 1].kind == TokenKind::kWord && Determiner(k - 1) &&
        !(lr_.verb_second && sentence_of_[k - 1] == sentence_of_[k] &&
          SentenceAt(k).first_token == k - 1 && lr_.cataphora.MatchAt(doc_, k - 1))) {
      return {};
    }
    auto m = lr_.cues.MatchAt(doc_, k);
    if (!m && lr_.verb_second) m = SeparableCueAt(k);
    // Class `according-comma` ("…, so Schnappauf."): a cue only right after a comma or a
    // closing quotation mark, and not before a complementiser (a conjunction: "…, so dass").
    if (m && m.entry->values.size() > 1 && m.entry->values[1] == "according-comma" &&
        (!(k > 0 && (IsComma(k - 1) || IsQuoteMarkTok(k - 1))) ||
         (k + 1 < n_ && IsComplementizer(k + 1)))) {
      return {};
    }
    return m;
  }
  // In a verb-second language a cue of several words whose first is the finite verb may
  // stand split, its other words closing the clause ("wies die Darstellung zurück, …", "gab
  // er an, …"): the verb at k is then the cue, one token long, if the rest of the entry
  // stands in its clause within twelve tokens and ends it (a comma, colon, final
  // punctuation, a quotation mark or the end). Not for according-to phrases.
  PhraseTable::Match SeparableCueAt(uint32_t k) const {
    const auto* entries = lr_.cues.StartingWith(Fold(k));
    if (entries == nullptr) return {};
    for (const PhraseTable::Entry& e : *entries) {
      if (SeparableEnd(k, e) > 0) return {&e, 1};
    }
    return {};
  }
  // Where the rest of a split cue entry e whose verb is at k ends; 0 when it does not stand
  // in the clause.
  uint32_t SeparableEnd(uint32_t k, const PhraseTable::Entry& e) const {
    size_t n = e.words.size();
    if (n < 2 || (e.values.size() > 1 && e.values[1].starts_with("according"))) return 0;
    for (uint32_t q = k + 2; q + n - 1 <= n_ && q < k + 14; ++q) {
      if (IsPunct(q - 1) || in_direct_[q - 1] || toks_[q - 1].newline_before) return 0;
      bool ok = true;
      for (size_t w = 1; w < n && ok; ++w) ok = Fold(q + w - 1) == e.words[w];
      if (!ok) continue;
      uint32_t end = q + static_cast<uint32_t>(n) - 1;
      if (end >= n_ || toks_[end].newline_before || IsComma(end) || IsFinal(end) ||
          Text(end) == ":" || IsQuoteMarkTok(end)) {
        return end;
      }
    }
    return 0;
  }
  bool IsAccording(const PhraseTable::Match& m) const {
    return m && m.entry->values.size() > 1 && m.entry->values[1].starts_with("according");
  }
  // "по его словам": the phrase holds its own pronoun.
  bool IsAccordingSelf(const PhraseTable::Match& m) const {
    return m && m.entry->values.size() > 1 && m.entry->values[1] == "according-self";
  }
  // A naming verb ("назвал", "nazvao", "nannte"; class `name` in cues.tsv): what it reports
  // is its object and what the object is called.
  static bool IsNaming(const PhraseTable::Match& m) {
    return m && m.entry->values.size() > 1 && m.entry->values[1] == "name";
  }
  // "according to": a phrase that only ever attributes, so that a source of common nouns
  // closing the sentence is a source too ("…, according to federal statistics"); "podle"
  // also means "by" ("podle zákona"), and is "according" only with a name or title.
  bool IsAccordingAny(const PhraseTable::Match& m) const {
    return m && m.entry->values.size() > 1 && m.entry->values[1] == "according-any";
  }
  // "ersten Angaben zufolge": a postposition whose source stands before it.
  bool IsAccordingBefore(const PhraseTable::Match& m) const {
    return m && m.entry->values.size() > 1 && m.entry->values[1] == "according-before";
  }
  // Whether reported words [first, end) are a quotation's rather than a report with quoted
  // words in it (which Resolve makes mixed): they open as a quotation, or most of their words
  // are quoted.
  bool MostlyQuoted(uint32_t first, uint32_t end) const {
    int quoted = 0;
    for (uint32_t q = first; q < end; ++q) quoted += in_direct_[q] && !IsPunct(q);
    return (first < end && in_direct_[first]) || quoted * 2 > Words(first, end);
  }
  // Past the possessive clitic right after a speaker's words that end at `end` ("Семейството
  // ѝ", "Адвокатът му": settings `possessive_clitics`), or `end`.
  uint32_t WithPossessor(uint32_t end) const {
    if (end >= n_ || lr_.possessive_clitics.empty() || in_direct_[end] ||
        !toks_[end].space_before) {
      return end;
    }
    std::string_view f = Fold(end);
    for (const std::string& w : lr_.possessive_clitics) {
      if (f == w) return end + 1;
    }
    return end;
  }
  // Whether a folded word has an ending of adjectives in the plural (settings
  // plural_adjective_endings, ru "ые ие": "судоходные").
  bool PluralAdjective(std::string_view f) const {
    for (const std::string& e : lr_.plural_adjective_endings) {
      if (f.size() > e.size() + 2 && f.ends_with(e)) return true;
    }
    return false;
  }
  // The closing mark of a short capitalised name in marks that opens at token k and closes
  // before `hi` ("«Аэрофлот»", "„Медзакупівель“": up to five tokens inside), or 0.
  uint32_t MarkedNameClose(uint32_t k, uint32_t hi) const {
    if (!IsQuoteMarkTok(k) || close_of_.empty() || close_of_[k] <= k + 1 || close_of_[k] > k + 6 ||
        close_of_[k] >= hi || !toks_[k + 1].upper) {
      return 0;
    }
    return close_of_[k];
  }
  // Letters and other code points of token k ("като": 4, though 8 bytes).
  size_t Chars(uint32_t k) const {
    std::string_view t = Text(k);
    size_t n = 0;
    for (char ch : t) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
    return n;
  }
  // Whether the words right before a cue at q, after a comma past `from`, are a short
  // conjunction and an adverbial in lower case ("…“, но в същото време предупреди, че …"):
  // the cue then opens a predicate of its own.
  bool ConjoinedAfterComma(uint32_t from, uint32_t q) const {
    uint32_t j = q;
    while (j > from && q - j < 4 && toks_[j - 1].kind == TokenKind::kWord && !toks_[j - 1].upper &&
           !in_direct_[j - 1] && !CueAt(j - 1)) {
      --j;
    }
    return j < q && j > from && IsComma(j - 1) && IsFunction(j) && Chars(j) <= 4 &&
           !lr_.relative_pronouns.FindWord(Fold(j)) && !IsComplementizer(j);
  }
  int Words(uint32_t first, uint32_t end) const {
    int w = 0;
    for (uint32_t k = first; k < end; ++k) w += toks_[k].kind != TokenKind::kPunct;
    return w;
  }

  // The name that follows token k: a mention, a quoted name, or a run of capitalised words.
  // Returns its text and sets *end past it.
  std::string NameAfter(uint32_t k, uint32_t limit, uint32_t* end) const {
    if (k >= limit) return "";
    // A name may follow a few lower-case words that say what it is ("за новинарската
    // агенция Бета", "albanskog servisa RTK"), but no cue and no function word.
    for (uint32_t j = k; j < limit && j < k + 3; ++j) {
      if (toks_[j].kind != TokenKind::kWord || toks_[j].upper || IsFunction(j) || CueAt(j)) {
        if (j > k && (mention_at_[j] >= 0 || IsQuoteMarkTok(j))) {
          std::string name = NameAfter(j, limit, end);
          if (!name.empty()) return name;
        }
        break;
      }
    }
    if (auto ch = lr_.channels.MatchAt(doc_, k)) {  // "в профила си във Фейсбук"
      *end = k + ch.length;
      return ch.entry->values[0];
    }
    // (A name, not a word in lower case the tagger took for one: "американской".)
    if (mention_at_[k] >= 0 && toks_[k].upper) {
      const Mention& m = doc_.mentions[mention_at_[k]];
      *end = m.end_token;
      return std::string(doc_.Text(m.span));
    }
    if (IsQuoteMarkTok(k)) {  // "Х", „Дневник“
      uint32_t j = k + 1;
      while (j < limit && j < k + 6 && !IsQuoteMarkTok(j)) ++j;
      if (j < limit && j > k + 1 && IsQuoteMarkTok(j)) {
        *end = j + 1;
        return std::string(doc_.Text({toks_[k + 1].span.start, toks_[j - 1].span.end}));
      }
      return "";
    }
    if (toks_[k].kind == TokenKind::kUrl ||
        (toks_[k].kind == TokenKind::kWord && toks_[k].upper)) {
      uint32_t j = k + 1;
      while (j < limit && toks_[j].kind == TokenKind::kWord && toks_[j].upper && j < k + 5) ++j;
      *end = j;
      return std::string(doc_.Text({toks_[k].span.start, toks_[j - 1].span.end}));
    }
    return "";
  }

  // A platform name as users mean it: a listed channel, or a Latin word typed with Cyrillic
  // look-alikes ("Х" is X).
  std::string CanonicalChannel(const std::string& name) const {
    std::string folded = utf8::FoldCase(name);
    if (const auto* e = lr_.channels.FindWord(folded)) return e->values[0];
    bool all_homoglyphs = !name.empty();
    std::string latin;
    for (size_t i = 0; i < name.size();) {
      char32_t c = utf8::Next(name, &i);
      if (utf8::ScriptOf(c) == utf8::Script::kLatin) {
        utf8::Append(c, &latin);
        continue;
      }
      char32_t l = utf8::ScriptOf(c) == utf8::Script::kCyrillic ? text::HomoglyphCounterpart(c) : 0;
      if (!l) {
        all_homoglyphs = false;
        break;
      }
      utf8::Append(l, &latin);
    }
    if (all_homoglyphs && utf8::StartsUpper(latin)) return latin;
    return name;
  }

  // Channel and via named in tokens [lo, hi); marks their tokens in *used.
  void FindChannelVia(uint32_t lo, uint32_t hi, Candidate* c, std::vector<bool>* used) const {
    for (uint32_t k = lo; k < hi; ++k) {
      if (in_direct_[k] && !(c->kind != QuoteKind::kDirect)) continue;
      if (auto m = lr_.via.MatchAt(doc_, k); m && c->via.empty()) {
        uint32_t end = k + m.length;
        std::string name = NameAfter(k + m.length, hi, &end);
        if (!name.empty()) {
          c->via = name;
          for (uint32_t j = k; j < end; ++j) (*used)[j] = true;
          k = end - 1;
          continue;
        }
      }
      if (auto m = lr_.channel_phrases.MatchAt(doc_, k); m && c->channel.empty()) {
        std::string value = m.entry->values[0];
        uint32_t end = k + m.length;
        size_t slot = value.find("{}");
        if (slot != std::string::npos) {
          uint32_t name_end = end;
          std::string name = NameAfter(end, hi, &name_end);
          // With no name after it, a phrase may still tell the kind of channel (its third
          // column: "в интервью телеканалу" → television interview).
          if (name.empty() && m.entry->values.size() > 1 && !m.entry->values[1].empty()) {
            c->channel = m.entry->values[1];
            for (uint32_t j = k; j < end; ++j) (*used)[j] = true;
            k = end - 1;
            continue;
          }
          if (name.empty()) continue;
          std::string filled = value == "{}" ? CanonicalChannel(name) : name;
          value = value.substr(0, slot) + filled + value.substr(slot + 2);
          end = name_end;
        }
        c->channel = value;
        for (uint32_t j = k; j < end; ++j) (*used)[j] = true;
        k = end - 1;
        continue;
      }
      // A platform or medium right at the cue and governed by no preposition is its subject
      // ("БНТ съобщи", "съобщи БНТ"), not where the words were said ("пред БНТ").
      if (auto m = lr_.channels.MatchAt(doc_, k);
          m && c->channel.empty() && !SubjectAtCue(k, k + m.length, *c)) {
        c->channel = m.entry->values[0];
        for (uint32_t j = k; j < k + m.length; ++j) (*used)[j] = true;
        k += m.length - 1;
      }
    }
  }

  // Whether the words [first, end) stand right before or right after the candidate's cue,
  // governed by no preposition: where its subject stands.
  bool SubjectAtCue(uint32_t first, uint32_t end, const Candidate& c) const {
    if (!c.has_cue || AfterPreposition(first)) return false;
    return end == c.cue_first || first == c.cue_end;
  }

  // The person a title at k stands in apposition to: "Кадим Бхуто, председател на …, заяви",
  // a person's name right before the comma or dash before the title; -1 if none.
  int PersonBeforeApposition(uint32_t k) const {
    if (k < 2 || !(IsComma(k - 1) || IsDash(k - 1))) return -1;
    int m = mention_at_[k - 2];
    if (m < 0 || doc_.mentions[m].type != EntityType::kPer || doc_.mentions[m].end_token != k - 1 ||
        !IsSpeakerMention(m)) {
      return -1;
    }
    return m;
  }

  // Whether a preposition stands within the four words before token k, with no punctuation
  // between and not before lo: the phrase ending at k is governed ("u … listu „Ara“"). A
  // source preposition is the speaker's ("от летище „Пловдив“ съобщиха").
  bool GovernedPhrase(uint32_t k, uint32_t lo) const {
    for (uint32_t j = k; j > lo && j + 4 > k;) {
      --j;
      if (IsPunct(j)) return false;
      if (lr_.prepositions.FindWord(Fold(j))) return !lr_.source_prepositions.FindWord(Fold(j));
    }
    return false;
  }

  // Whether the word before token k is a preposition (k is governed: "в Государственной
  // думе", "with CNN").
  bool AfterPreposition(uint32_t k) const {
    return k > 0 && lr_.prepositions.FindWord(Fold(k - 1)) != nullptr;
  }

  // Makes mention m the candidate's speaker.
  void SetMention(int m, Candidate* c) const {
    c->ref = SpeakerRef::kMention;
    c->mention = m;
    c->ref_first = doc_.mentions[m].first_token;
    c->ref_end = doc_.mentions[m].end_token;
  }

  // Whether mention x follows another name right away, completing it ("МЗС України",
  // "ministerstvo Srbije"): a place there is no subject of its own.
  bool CompletesName(const Mention& x) const {
    return x.first_token > 0 && mention_at_[x.first_token - 1] >= 0;
  }

  // Whether mention m is a place standing for its government as the subject of the cue at
  // [cf, ce): right before or right after it, in the nominative (its lemma is its words) and
  // governed by no preposition ("Москва заявила", "заяви Вашингтон"; not "в Москве заявили",
  // "обвинил Россию").
  bool PlaceAtCue(int m, uint32_t cf, uint32_t ce) const {
    const Mention& x = doc_.mentions[m];
    if (x.type != EntityType::kLoc || !toks_[x.first_token].upper) return false;
    if (x.end_token != cf && x.first_token != ce) return false;
    if (AfterPreposition(x.first_token)) return false;
    if (CompletesName(x)) return false;
    return utf8::FoldCase(x.lemma) == utf8::FoldCase(x.text);
  }

  // Where a title that ends right before token `k` starts (at most three words back, not
  // before `lo`, with a link word between allowed: "председателят на"); `k` if none.
  uint32_t TitleEndingAt(uint32_t k, uint32_t lo) const {
    uint32_t e = k;
    if (e > lo && lr_.description_links.FindWord(Fold(e - 1))) --e;
    for (uint32_t t = e; t > lo && t + 3 >= e;) {
      --t;
      if (toks_[t].kind != TokenKind::kWord || mention_at_[t] >= 0) break;
      auto m = lr_.titles.MatchAt(doc_, t);
      if (m && t + m.length == e) return t;
    }
    return k;
  }

  // The PER mention that a title at [.., from) introduces, within a few words; -1 if none.
  int PersonAfterTitle(uint32_t from, uint32_t hi) const {
    // Up to eight words, the names of institutions between not counted ("профессор и
    // завкафедрой … Национального медицинского университета имени Богомольца Ольга …").
    uint32_t names = 0;
    for (uint32_t j = from; j < hi && j < from + 8 + names; ++j) {
      int m = mention_at_[j];
      if (m >= 0) {
        // A person by the entity's voted type too: one mention of a party tagged as a
        // person ("Президентът … сравни ценностите на Демократическата партия") is no name
        // for the title; nor is a group in lower case ("почетният консул … да посети
        // българите").
        if (doc_.mentions[m].type == EntityType::kPer &&
            doc_.entities[doc_.mentions[m].entity].type == EntityType::kPer) {
          if (!toks_[doc_.mentions[m].first_token].upper) return -1;
          // A person right after a link word is the title's complement, not its holder
          // ("съветникът на Тръмп", "семейството на Асия Биби").
          if (j > from && lr_.description_links.FindWord(Fold(j - 1))) return -1;
          return LastAdjacentPerson(m);
        }
        names += doc_.mentions[m].end_token - 1 - j;
        j = doc_.mentions[m].end_token - 1;  // "на СЗО", "на Обединеното кралство"
        continue;
      }
      // The name of an institution in marks passes as a mention does ("директора
      // „Медзакупівель“ Арсена Жумаділова").
      if (uint32_t close = MarkedNameClose(j, hi)) {
        names += close - j;
        j = close;
        continue;
      }
      if (IsFinal(j) || IsQuoteMarkTok(j) || CueAt(j)) return -1;
      if (IsComma(j) || IsDash(j)) continue;
      // Another title, not joined to this one by a coordinator, names the person after it
      // ("Губернатор встретился с гендиректором корпорации Андреем Богинским").
      if (j > from && !lr_.IsCoordinator(Fold(j - 1)) && lr_.titles.MatchAt(doc_, j)) return -1;
      // The head of an institution's name the recogniser missed passes as its lower-case
      // words do ("predstavnik Ministarstva odbrane Rusije Igor Konašenkov").
      if (toks_[j].kind == TokenKind::kWord && toks_[j].upper &&
          lr_.entity_keywords.FindWord(Fold(j))) {
        continue;
      }
      if (toks_[j].kind != TokenKind::kWord || toks_[j].upper) return -1;
    }
    return -1;
  }

  // Of person mentions that follow one another without a word between ("kouč Edmonton
  // Oilers Ted Green", a club read as a person), the last: two names side by side are a
  // modifier and its head, and the head comes last. Returns m itself when none follows.
  int LastAdjacentPerson(int m) const {
    while (true) {
      uint32_t e = doc_.mentions[m].end_token;
      if (e >= n_ || toks_[e].newline_before) return m;
      int next = mention_at_[e];
      if (next < 0 || next == m || doc_.mentions[next].type != EntityType::kPer ||
          doc_.mentions[next].first_token != e) {
        return m;
      }
      m = next;
    }
  }

  // The end of a name the recogniser missed right after a title at [.., from): capitalised
  // words that are no mention, function word, title, cue or entity keyword, on the same line
  // ("ministr Dlouhý", "asistent Neuwirth"), and not followed by a lower-case word that
  // would continue them as the name of an organisation ("predstavnik Ministarstva odbrane";
  // a cue or function word may follow). `from` itself when there is none.
  uint32_t UnknownNameEnd(uint32_t from, uint32_t hi) const {
    uint32_t j = from;
    while (j < hi && j < from + 3 && toks_[j].kind == TokenKind::kWord && toks_[j].upper &&
           !toks_[j].newline_before && mention_at_[j] < 0 && !in_direct_[j] && !IsFunction(j) &&
           !lr_.titles.MatchAt(doc_, j) && !CueAt(j) && !lr_.entity_keywords.MatchAt(doc_, j)) {
      ++j;
    }
    if (j > from && j < n_ && toks_[j].kind == TokenKind::kWord && !toks_[j].upper &&
        !IsFunction(j) && !CueAt(j)) {
      return from;
    }
    return j;
  }

  // The first person named in the rest of a frame after its cue, past adverbials and the
  // names they govern ("řekl včera v Berlíně … z Německa ruský prezident Boris Jelcin"):
  // up to 16 tokens, not past punctuation, a quotation, another cue or a complementiser.
  // Returns the mention or -1.
  int PersonLaterInFrame(uint32_t ce, uint32_t hi, const std::vector<bool>& used) const {
    for (uint32_t k = ce; k < hi && k < ce + 16; ++k) {
      if (IsPunct(k) || in_direct_[k] || CueAt(k) || IsComplementizer(k)) {
        return -1;
      }
      int m = mention_at_[k];
      if (m < 0) continue;
      // In the nominative (its lemma is the words themselves: "reagovanja Dačića" is not),
      // and not governed by a preposition.
      const Mention& x = doc_.mentions[m];
      uint32_t first = x.first_token;
      bool governed = AfterPreposition(first);
      bool nominative = utf8::FoldCase(x.lemma) == utf8::FoldCase(x.text);
      if (!used[first] && !governed && nominative && IsSpeakerMention(m) &&
          x.type == EntityType::kPer) {
        return LastAdjacentPerson(m);
      }
      k = doc_.mentions[m].end_token - 1;
    }
    return -1;
  }

  // The first token in [from, hi) that the frame's channel or via took, or hi: a speaker's
  // description ends before it ("официальные представители компании в социальной сети
  // Twitter" is the representatives, on Twitter).
  static uint32_t FrameWordsEnd(uint32_t from, uint32_t hi, const std::vector<bool>& used) {
    while (from < hi && !used[from]) ++from;
    return from;
  }

  // Whether a place's name that ends before token e stands alone: no capitalised word, title
  // or body goes on the phrase ("според Отава след …", not "according to Virginia AFL-CIO
  // President …").
  bool PlaceAlone(uint32_t e, uint32_t hi) const {
    return e >= hi || toks_[e].kind != TokenKind::kWord ||
           (!toks_[e].upper && mention_at_[e] < 0 && !lr_.titles.MatchAt(doc_, e) &&
            !lr_.bodies.MatchAt(doc_, e));
  }

  // The speaker nearest the cue at [cf, ce): after it first (inverted order), then before it.
  void FindSpeaker(uint32_t cf, uint32_t ce, uint32_t lo, uint32_t hi,
                   const std::vector<bool>& used, bool after_first, Candidate* c) const {
    bool crossed_comma = false;  // scan_before: a comma lies between k and the cue
    auto try_at = [&](uint32_t k) -> bool {
      if (used[k] || in_direct_[k]) return false;
      // "Други твърдят, че …", "…, смятат мнозина.": an unnamed part of people right at the
      // cue.
      if (uint32_t n = IndefiniteSource(k);
          n > 0 && (k + n == cf ||
                    (k == ce && (k + n >= hi || IsPunct(k + n) || IsComplementizer(k + n))))) {
        c->ref = SpeakerRef::kWords;
        c->ref_first = k;
        c->ref_end = k + n;
        return true;
      }
      int m = mention_at_[k];
      // An organisation or place that qualifies a title before a person's name ("European
      // Council President Donald Tusk", "Oversight Chairman Jason Chaffetz") names that person.
      if (m >= 0 && doc_.mentions[m].type != EntityType::kPer &&
          doc_.mentions[m].first_token == k) {
        uint32_t e = doc_.mentions[m].end_token;
        if (auto t = e < hi ? lr_.titles.MatchAt(doc_, e) : PhraseTable::Match{}) {
          int person = PersonAfterTitle(e + t.length, hi);
          if (person >= 0 && doc_.mentions[person].first_token == e + t.length) {
            SetMention(LastAdjacentPerson(person), c);
            return true;
          }
        }
      }
      // A person named in an oblique case is an object or addressee of the cue.
      if (IsSpeakerMention(m) && !Oblique(m)) {
        if (doc_.mentions[m].type == EntityType::kPer) m = LastAdjacentPerson(m);
        SetMention(m, c);
        return true;
      }
      if (m >= 0 && PlaceAtCue(m, cf, ce)) {
        SetMention(m, c);
        return true;
      }
      if (IsPronoun(k)) {
        c->ref = SpeakerRef::kPronoun;
        c->ref_first = k;
        c->ref_end = k + 1;
        return true;
      }
      if (auto t = lr_.titles.MatchAt(doc_, k)) {
        // A title names the person after it: "премиерът Борисов", "адвокатът на жената –
        // Наем Шакир", "генералният директор на СЗО Тедрос …".
        int person = PersonAfterTitle(k + t.length, hi);
        if (person < 0) person = PersonBeforeApposition(k);
        if (person >= 0) {
          SetMention(person, c);
          return true;
        }
        if (uint32_t e = UnknownNameEnd(k + t.length, hi); e > k + t.length) {
          c->ref = SpeakerRef::kWords;  // "ministr Dlouhý"
          c->ref_first = k;
          c->ref_end = e;
          return true;
        }
        c->ref = SpeakerRef::kTitle;
        c->ref_first = k;
        c->ref_end = DescriptionEnd(k + t.length, FrameWordsEnd(k + t.length, hi, used));
        return true;
      }
      // A body or a group speaking as one ("властите", "съобщи пресслужбата на Кремъл").
      // Before the cue it must be the subject right there, not one of a clause before a comma
      // ("nakon što je vlada smenjena, izjavio je").
      if (auto b = lr_.bodies.MatchAt(doc_, k); b && !crossed_comma) {
        // The body's own name after it ("изданието „Политико“", "агенция Ройтерс").
        uint32_t e = k + b.length;
        if (e < hi && IsQuoteMarkTok(e) && !close_of_.empty() && close_of_[e] > e + 1 &&
            close_of_[e] < n_) {
          uint32_t close = close_of_[e];
          // A title in marks capitalises its first word only („Морски вестник“).
          int m = mention_at_[e + 1];
          bool titled = !(IsSpeakerMention(m) && doc_.mentions[m].type != EntityType::kPer) &&
                        close < e + 6 && toks_[e + 1].upper;
          for (uint32_t j = e + 1; j < close && titled; ++j) titled = !IsPunct(j);
          if (titled) {
            c->ref = SpeakerRef::kWords;  // a name the recogniser missed
            c->ref_first = e + 1;
            c->ref_end = close;
            return true;
          }
          ++e;
        }
        if (int n = e < hi ? mention_at_[e] : -1;
            OrganisationOrMedium(n) && doc_.mentions[n].first_token == e) {
          SetMention(n, c);
          return true;
        }
        c->ref = SpeakerRef::kTitle;
        c->ref_first = DescribedStart(k, used);
        c->ref_end = BodyDescriptionEnd(k + b.length, FrameWordsEnd(k + b.length, hi, used));
        return true;
      }
      // Where nouns mark definiteness, a plural definite noun that opens the sentence is its
      // subject, with the attribute after it ("Защитниците на човешките права твърдят, че"),
      // unless it tells a time ("Първите дни …"). (A singular one mostly names again a
      // person named before: "Кандидатът заяви" is left to the search for a person.)
      if (toks_[k].kind == TokenKind::kWord && toks_[k].upper && mention_at_[k] < 0 &&
          !crossed_comma && SentenceAt(k).first_token == k && !IsFunction(k) && !CueAt(k) &&
          !lr_.DefiniteBySuffix(Fold(k)) && lr_.DefiniteBySuffix(Fold(k), /*plural=*/true)) {
        uint32_t e = std::max(k + 1, DescriptionEnd(k + 1, hi));
        bool timed = false;
        for (uint32_t j = k; j < e && !timed; ++j) timed = Timely(j);
        if (!timed) {
          c->ref = SpeakerRef::kTitle;
          c->ref_first = k;
          c->ref_end = e;
          return true;
        }
      }
      // A learnt common noun right before a person stands as a title does
      // ("Parteichef Müller": the recogniser names the person alone).
      if (k + 1 < hi && toks_[k].kind == TokenKind::kWord && toks_[k].upper && !toks_[k + 1].newline_before &&
          lr_.IsCommonNoun(Fold(k))) {
        int p = mention_at_[k + 1];
        if (IsSpeakerMention(p) && doc_.mentions[p].first_token == k + 1 &&
            doc_.mentions[p].type == EntityType::kPer) {
          SetMention(p, c);
          return true;
        }
      }
      // A learnt common noun right after a determiner that opens a clause (a subject's: "der",
      // "ein"; not "zum", "dem") names the speaker by description ("äußerten die Richter",
      // "sagte ein Sprecher").
      if (k > 0 && toks_[k].kind == TokenKind::kWord && toks_[k].upper && mention_at_[k] < 0 &&
          lr_.determiners.FindWord(Fold(k - 1)) && lr_.clause_starters.FindWord(Fold(k - 1)) &&
          !used[k - 1] && lr_.IsCommonNoun(Fold(k))) {
        c->ref = SpeakerRef::kTitle;
        c->ref_first = k - 1;
        c->ref_end = k + 1;
        return true;
      }
      return false;
    };
    // A capitalised name the recogniser missed that ends the frame after the cue ("…, tvrdí
    // Doležal.", "poznamenal po zápase Slabý, i když …"): the words as written. Only where a
    // capital marks a name (no learnt list of capitalised common nouns, as German has); not a
    // name a preposition governs, one that opens a sentence, or a time ("said Friday").
    auto unknown_name = [&](uint32_t k) -> bool {
      if (!lr_.common_nouns.empty() || mention_at_[k] >= 0 || used[k] || AfterPreposition(k) ||
          SentenceAt(k).first_token == k) {
        return false;
      }
      uint32_t e = UnknownNameEnd(k, hi);
      if (e == k || !(e >= hi || IsComma(e) || IsFinal(e))) return false;
      for (uint32_t j = k; j < e; ++j) {
        if (Timely(j)) return false;
      }
      c->ref = SpeakerRef::kWords;
      c->ref_first = k;
      c->ref_end = e;
      return true;
    };
    // After the cue: the speaker right there ("каза Вучич", "said the minister"), or a name
    // after a description in lower case ("твърди разобличителят Кристофър Уайли") — a name
    // not governed by a preposition ("каза пред Путин" names the addressee).
    // A programme's or a paper's title in marks, and after it (or as the channel) a name a
    // preposition governs, are passed ("заяви „Здравей, България“ по NOVA Огнян Манолев"):
    // they widen the reach.
    auto scan_after = [&]() {
      bool described = false;
      uint32_t passed = 0;
      for (uint32_t k = ce; k < hi && k < ce + passed + (described ? 7 : 4); ++k) {
        // A name in marks that ends the clause right after the cue is its subject ("…,
        // съобщи „Фокус“.", "отмечает «Лента.ру»."): the mention inside, or the name as
        // written.
        if (k == ce && IsQuoteMarkTok(k) && !close_of_.empty() && close_of_[k] > k + 1 &&
            close_of_[k] <= k + 6 && !used[k] && NameLike(k + 1, close_of_[k]) &&
            (close_of_[k] + 1 >= hi || IsFinal(close_of_[k] + 1) || IsComma(close_of_[k] + 1))) {
          uint32_t close = close_of_[k];
          int n = mention_at_[k + 1];
          if ((IsSpeakerMention(n) || OrganisationOrMedium(n)) &&
              doc_.mentions[n].first_token == k + 1 && doc_.mentions[n].end_token == close) {
            SetMention(n, c);
          } else {
            c->ref = SpeakerRef::kWords;
            c->ref_first = k + 1;
            c->ref_end = close;
          }
          return true;
        }
        if (IsQuoteMarkTok(k) && !close_of_.empty() && close_of_[k] > k &&
            close_of_[k] < k + 8 && !described) {
          passed += close_of_[k] + 1 - k;
          k = close_of_[k];
          continue;
        }
        if (mention_at_[k] >= 0 && doc_.mentions[mention_at_[k]].first_token == k &&
            AfterPreposition(k) && !described && (passed > 0 || used[k])) {
          uint32_t e = doc_.mentions[mention_at_[k]].end_token;
          passed += e - k;
          k = e - 1;
          continue;
        }
        if (passed > 0 && !described && AfterPreposition(k) && mention_at_[k] < 0 &&
            toks_[k].kind == TokenKind::kWord && toks_[k].upper) {  // "по Канал 5"
          uint32_t e = k + 1;
          while (e < hi && mention_at_[e] < 0 && !IsPunct(e) &&
                 (toks_[e].upper || toks_[e].kind == TokenKind::kNumber)) {
            ++e;
          }
          passed += e - k;
          k = e - 1;
          continue;
        }
        // The words of a channel the frame names are passed when a title or a person follows
        // them ("написала на своей странице в Facebook инфекционист").
        if (used[k] && !described && !IsPunct(k)) {
          uint32_t j = k;
          while (j < hi && used[j] && !IsPunct(j)) ++j;
          int p = j < hi ? mention_at_[j] : -1;
          if (j < hi && (lr_.titles.MatchAt(doc_, j) ||
                         (IsSpeakerMention(p) && doc_.mentions[p].type == EntityType::kPer))) {
            passed += j - k;
            k = j - 1;
            continue;
          }
        }
        if (IsComma(k) || IsFinal(k) || IsQuoteMarkTok(k) || CueAt(k)) return false;
        if (described) {
          int m = mention_at_[k];
          if (m >= 0 && doc_.mentions[m].first_token == k && !IsFunction(k - 1)) {
            if (IsSpeakerMention(m) && doc_.mentions[m].type == EntityType::kPer) return try_at(k);
            return false;
          }
          // "tvrdí vítkovický asistent Neuwirth": a title after its adjectives.
          if (m < 0 && (lr_.titles.MatchAt(doc_, k) || lr_.bodies.MatchAt(doc_, k))) {
            return try_at(k);
          }
          if (toks_[k].kind == TokenKind::kWord && toks_[k].upper) return unknown_name(k);
          if (toks_[k].kind != TokenKind::kWord || toks_[k].upper) return false;
          continue;
        }
        if (try_at(k)) return true;
        if (!IsFunction(k) && toks_[k].kind == TokenKind::kWord && !used[k]) {
          if (toks_[k].upper) return unknown_name(k);
          described = true;
        }
      }
      return false;
    };
    auto scan_before = [&]() {
      // "В администрации российского лидера отметили": a body after a source preposition
      // with its description up to the cue is the speaker, not a title in that description.
      for (uint32_t j = cf > lo + 8 ? cf - 8 : lo; j + 1 < cf; ++j) {
        if (used[j + 1] || !SourcePreposition(j)) continue;
        if (auto b = lr_.bodies.MatchAt(doc_, j + 1);
            b && j + 1 + b.length <= cf && mention_at_[j + 1] < 0 &&
            BodyDescriptionEnd(j + 1 + b.length, cf) == cf) {
          c->ref = SpeakerRef::kTitle;
          c->ref_first = j + 1;
          c->ref_end = cf;
          return true;
        }
      }
      for (uint32_t k = cf; k > lo && k + 8 > cf;) {
        --k;
        // A name in marks right before the cue is its subject ("компанията „Газпром“
        // заяви"): the mention inside, or the name as written.
        // Not a name a preposition governs with its noun ("u intervjuu za „Klan Kosova“
        // ocenio", "u … listu „Ara“ kazao").
        if (k + 1 == cf && IsQuoteMarkTok(k) && !open_of_.empty() && open_of_[k] + 1 < k &&
            open_of_[k] + 6 >= k && open_of_[k] >= lo && !used[k] &&
            !GovernedPhrase(open_of_[k], lo)) {
          uint32_t o = open_of_[k];
          for (uint32_t j = o + 1; j < k; ++j) {
            int m = mention_at_[j];
            if (m >= 0 && (doc_.mentions[m].type == EntityType::kOrg ||
                           doc_.mentions[m].type == EntityType::kPer)) {
              SetMention(m, c);
              return true;
            }
          }
          if (NameLike(o + 1, k)) {
            c->ref = SpeakerRef::kWords;
            c->ref_first = o + 1;
            c->ref_end = k;
            return true;
          }
        }
        // A bracketed note right after a name ("Rep. John Mica (R-Fla.) said") is passed.
        if (Text(k) == ")" && k + 1 == cf) {
          uint32_t o = k;
          while (o > lo && o + 6 > k && Text(o) != "(") --o;
          if (Text(o) == "(" && o > lo && IsSpeakerMention(mention_at_[o - 1]) &&
              doc_.mentions[mention_at_[o - 1]].end_token == o) {
            k = o;
            continue;
          }
        }
        if (IsFinal(k) || IsQuoteMarkTok(k)) return false;
        if (IsComma(k)) {
          crossed_comma = true;
          continue;
        }
        // "От БСП заявиха", "В Кремле заявили": a clause opened by a source preposition.
        if (mention_at_[k] >= 0) {
          const Mention& m = doc_.mentions[mention_at_[k]];
          if (m.first_token > lo && SourcePreposition(m.first_token - 1) && !used[m.first_token] &&
              (m.type == EntityType::kOrg || m.type == EntityType::kLoc ||
               m.type == EntityType::kPer)) {
            SetMention(mention_at_[k], c);
            return true;
          }
        }
        if (mention_at_[k] >= 0 && IsSpeakerMention(mention_at_[k])) {
          uint32_t first = doc_.mentions[mention_at_[k]].first_token;
          // A name the channel or the via took ("u intervjuu za agenciju Beta") is passed, and
          // so is one right after a preposition ("выступил в Государственной думе, заявив").
          if (used[first] || AfterPreposition(first)) {
            k = first;
            continue;
          }
          // One a preposition governs a few words back, with its title ("… Nikolić danas je
          // u razgovoru sa ambasadorom SAD Kajlom Skotom ocenio", "Dodik je …, u prisustvu
          // patrijarha Irineja, rekao"), yields to a person named earlier in the sentence who
          // is not governed: the subject.
          if (doc_.mentions[mention_at_[k]].type == EntityType::kPer && GovernedPhrase(first, lo)) {
            int subject = -1;
            for (uint32_t j = first; j > lo;) {
              --j;
              if ((IsPunct(j) && !IsComma(j)) || in_direct_[j]) break;
              int m = mention_at_[j];
              if (m < 0) continue;
              j = doc_.mentions[m].first_token;
              if (IsSpeakerMention(m) && doc_.mentions[m].type == EntityType::kPer &&
                  !GovernedPhrase(j, lo) && !used[j]) {
                subject = m;
              }
            }
            if (subject >= 0) {
              SetMention(LastAdjacentPerson(subject), c);
              return true;
            }
          }
          // A group in the plural whose complement the name is ("Источники агентства Reuters
          // рассказали") speaks, not the name.
          if (uint32_t h = PluralHeadBefore(first); h < first && h >= lo && !used[h]) {
            return try_at(h) || true;
          }
          // An organisation that completes a title before it ("Lider Nove demokratije je
          // predvideo", "председателят на БСП заяви") is the title's complement: the titled
          // person speaks.
          if (doc_.mentions[mention_at_[k]].type != EntityType::kPer) {
            if (uint32_t t = TitleEndingAt(first, lo); t < first) return try_at(t) || true;
          }
          // "Gary Johnson’s doctor said": the possessor is not the speaker; the phrase is.
          uint32_t me = doc_.mentions[mention_at_[k]].end_token;
          if (me + 1 < cf && cf - me <= 4 && IsApostrophe(Text(me)) && !used[me]) {
            bool plain = true;
            for (uint32_t j = me + 1; j < cf && plain; ++j) {
              plain = toks_[j].kind == TokenKind::kWord && mention_at_[j] < 0 && !IsFunction(j) &&
                      !IsPronoun(j) && !IsApostrophe(Text(j));
            }
            if (plain) {
              c->ref = SpeakerRef::kWords;
              c->ref_first = first;
              c->ref_end = cf;
              return true;
            }
          }
          return try_at(first) || true;
        }
        // "a source said", "the campaign said": a common noun phrase opened by a determiner
        // right before the cue names the speaker by description.
        if (toks_[k].kind == TokenKind::kWord && lr_.clause_starters.FindWord(Fold(k)) &&
            k + 1 < cf && !IsPronoun(k)) {
          // Content words only: "their check by announcing", "his plan and vowed", "this
          // month announced" name no speaker.
          // A function word may stand between the phrase and its cue ("Die Kanadier hingegen
          // sagten"): it is no part of the phrase.
          uint32_t e = cf;
          while (e > k + 2 && IsFunction(e - 1) && !IsPronoun(e - 1)) --e;
          bool plain = true;
          for (uint32_t j = k + 1; j < e && plain; ++j) {
            plain = toks_[j].kind == TokenKind::kWord && mention_at_[j] < 0 && !IsPronoun(j) &&
                    !IsFunction(j) && !lr_.time_nouns.FindWord(Fold(j));
          }
          if (plain && cf - k <= 4) {
            c->ref = SpeakerRef::kTitle;
            c->ref_first = k;
            c->ref_end = e;
            return true;
          }
        }
        // Walking back, "Minister" may end a longer title ("Prime Minister"): start there.
        for (uint32_t b = k > lo + 2 ? k - 2 : lo; b < k; ++b) {
          auto t = lr_.titles.MatchAt(doc_, b);
          if (t && b + t.length == k + 1) {
            k = b;
            break;
          }
        }
        // A title right after a preposition names someone else ("согласился с министром").
        bool governed = AfterPreposition(k) &&
                        (lr_.titles.MatchAt(doc_, k) || lr_.bodies.MatchAt(doc_, k)) &&
                        !SourcePreposition(k - 1);
        if (!governed && try_at(k)) return true;
        // A country or city right before its verb speaks for its government: "Холандия обяви".
        // Not one a preposition governs ("v Bejrútu prohlásil").
        if (k + 1 == cf && mention_at_[k] >= 0 &&
            doc_.mentions[mention_at_[k]].type == EntityType::kLoc &&
            !AfterPreposition(doc_.mentions[mention_at_[k]].first_token) &&
            !CompletesName(doc_.mentions[mention_at_[k]])) {
          SetMention(mention_at_[k], c);
          return true;
        }
      }
      return false;
    };
    bool found = after_first || FrontedAdverbial(cf, lo)
                     ? (scan_after() || scan_before())
                     : (CoordinatedSubject(cf, lo, used, c) || scan_before() || scan_after());
    // A cue in the plural has a group for its subject, not one person found near it ("…
    // политици проведоха среща с … Мишел Барние и му заявиха, че …").
    uint32_t gf = 0, ge = 0;
    if (found && c->ref == SpeakerRef::kMention &&
        doc_.mentions[c->mention].type == EntityType::kPer && CuePlural(cf, ce) &&
        !Coordinated(c->mention) && GroupPhrase(lo, cf, &gf, &ge)) {
      c->ref = SpeakerRef::kTitle;
      c->ref_first = gf;
      c->ref_end = ge;
    }
    if (found) return;
    if (int m = PersonLaterInFrame(ce, hi, used); m >= 0) {
      SetMention(m, c);
      return;
    }
    // A group or a brand right before the cue, when no one else is named: "Republicans
    // said", "Ryanair said". (Not before a person later in the frame: in free word order it
    // may be the object, "… LN uvedl zástupce agentury Petr Bořuta".)
    // (Function words may stand between: "The Sunday Telegraph также полагает".)
    uint32_t b = cf;
    while (b > lo + 1 && IsFunction(b - 1) && mention_at_[b - 1] < 0 && !IsPronoun(b - 1)) --b;
    if (b > lo && mention_at_[b - 1] >= 0 && !used[b - 1] &&
        doc_.mentions[mention_at_[b - 1]].type == EntityType::kPro &&
        !AfterPreposition(doc_.mentions[mention_at_[b - 1]].first_token)) {
      SetMention(mention_at_[b - 1], c);
      return;
    }
    // After a fronted adverbial the subject follows the finite verb: a noun phrase right
    // there names it when nothing else does ("In einer Mitteilung gab die Bürgerinitiative
    // an, …").
    if (FrontedAdverbial(cf, lo) && ce < hi) {
      uint32_t k = ce;
      if (Determiner(k) && !lr_.prepositions.FindWord(Fold(k))) ++k;
      for (int a = 0; a < 3 && k < hi && Adjective(k); ++a) ++k;
      if (k < hi && k > ce && NounHead(k) && mention_at_[k] < 0 && !used[k] && !Timely(k)) {
        c->ref = SpeakerRef::kWords;
        c->ref_first = ce;
        c->ref_end = k + 1;
        return;
      }
    }
    // A noun phrase in the plural that opens the sentence right before a cue in the plural
    // is its subject, a group named by its words ("Судоходные брокеры заявили, что …"):
    // adjectives and a head with plural endings, no name, no function word.
    if (uint32_t sf = SentenceAt(cf).first_token; sf >= lo && cf > sf && cf <= sf + 3 &&
                                                  CuePlural(cf, ce) &&
                                                  lr_.IsPluralNoun(Fold(cf - 1))) {
      bool phrase = true;
      for (uint32_t k = sf; k < cf && phrase; ++k) {
        phrase = toks_[k].kind == TokenKind::kWord && (k == sf || !toks_[k].upper) &&
                 mention_at_[k] < 0 && !used[k] && !in_direct_[k] && !IsFunction(k) &&
                 !IsPronoun(k) && !CueAt(k) && !Timely(k) && !lr_.prepositions.FindWord(Fold(k)) &&
                 (lr_.IsPluralNoun(Fold(k)) || (k + 1 < cf && PluralAdjective(Fold(k))));
      }
      if (phrase) {
        c->ref = SpeakerRef::kWords;
        c->ref_first = sf;
        c->ref_end = cf;
        return;
      }
    }
    SubjectOpeningClause(cf, lo, used, c);
  }

  // Whether, in a verb-second language (settings `verb_second`), the words [lo, cf) before
  // the cue are one adverbial that opens the clause, a preposition's phrase or a relative
  // date with no comma ("In der Begründung äußerten die Richter", "Heute sagte er"): the
  // subject then follows the finite verb.
  bool FrontedAdverbial(uint32_t cf, uint32_t lo) const {
    if (!lr_.verb_second || cf <= lo || toks_[lo].kind != TokenKind::kWord ||
        !(lr_.prepositions.FindWord(Fold(lo)) || lr_.relative_dates.FindWord(Fold(lo)))) {
      return false;
    }
    for (uint32_t k = lo; k < cf; ++k) {
      if (IsPunct(k) && !IsQuoteMarkTok(k)) return false;
    }
    return true;
  }

  // "Песков напомнил о словах Владимира Путина … и сказал, что …": a cue right after a
  // conjunction with no speaker near it, or whose nearest person is inflected (its words are
  // not its lemma: an object), takes the person in the nominative who opens the sentence, the
  // subject of both predicates.
  void PreferOpeningSubject(const Sentence& sent, Candidate* c) const {
    if ((c->ref != SpeakerRef::kMention && c->ref != SpeakerRef::kNone) ||
        c->cue_first < sent.first_token + 3 || !lr_.IsCoordinator(Fold(c->cue_first - 1)) ||
        (c->ref == SpeakerRef::kMention && c->ref_first > c->cue_first)) {
      return;
    }
    auto nominative = [&](const Mention& x) {
      return utf8::FoldCase(x.lemma) == utf8::FoldCase(x.text);
    };
    if (c->ref == SpeakerRef::kMention) {
      const Mention& near = doc_.mentions[c->mention];
      if (near.type != EntityType::kPer || nominative(near)) return;
    }
    // (Not a name that a title opens: "Poglavar Islamske zajednice Srbije Adem Zilkić".)
    int m = mention_at_[sent.first_token];
    if (m < 0 || m == c->mention || !IsSpeakerMention(m) ||
        lr_.titles.MatchAt(doc_, sent.first_token)) {
      return;
    }
    const Mention& x = doc_.mentions[m];
    if (x.type != EntityType::kPer || !nominative(x) || x.first_token != sent.first_token) return;
    SetMention(LastAdjacentPerson(m), c);
  }

  // In a verb-second language the words before the finite verb are one phrase: when the cue
  // follows a phrase that opens its sentence with a person's name and goes on over attributes
  // and descriptions set off by commas ("Angela Merkel, die Vorsitzende der Partei in Berlin,
  // sagte"), that person speaks, not a name inside the description. (Settings `verb_second`
  // and `source_attributes`.)
  void PrefieldSubject(const Sentence& sent, Candidate* c) const {
    if (!lr_.verb_second || lr_.source_attributes.empty() || !c->has_cue) return;
    uint32_t lo = sent.first_token, cf = c->cue_first;
    if (cf <= lo + 2 || lr_.prepositions.FindWord(Fold(lo))) return;
    uint32_t k = lo;
    if (Determiner(k)) ++k;
    for (int a = 0; a < 3 && k < cf && Adjective(k); ++a) ++k;
    if (k >= cf || !NounHead(k) || Timely(k)) return;
    uint32_t h = k;
    int person = -1, named = -1;
    for (int i = 0; i < 4 && h < cf && NounHead(h); ++i) {
      int m = mention_at_[h];
      if (m >= 0 && doc_.mentions[m].type == EntityType::kPer && IsSpeakerMention(m)) person = m;
      if (m >= 0 && named < 0 && IsSpeakerMention(m)) named = m;
      h = m >= 0 ? doc_.mentions[m].end_token : h + 1;
    }
    if (h >= cf) return;
    uint32_t e = SourcePhraseEnd(h, cf);
    if (e == h || !(e == cf || (IsComma(e) && e + 1 == cf))) return;
    if (person >= 0) {
      if (c->ref == SpeakerRef::kMention && c->mention == person) return;
      SetMention(person, c);
      return;
    }
    // A body or group at the head ("Das tibetische Exilparlament im indischen Dharamshala
    // erklärte"): not a name in its attributes. (A title's attributes name whom it speaks
    // for, which is read elsewhere: "Ein Sprecher der Polizei sagte".)
    if (lr_.titles.MatchAt(doc_, k) || c->ref_first < h || c->ref_first >= cf) return;
    // (A person set off by commas after the head is its name: "Die Leiterin, Anna Weber,".)
    if (c->ref == SpeakerRef::kMention && doc_.mentions[c->mention].type == EntityType::kPer &&
        IsComma(c->ref_first - 1)) {
      return;
    }
    if (c->ref != SpeakerRef::kMention && c->ref != SpeakerRef::kWords) return;
    if (named >= 0) {
      SetMention(named, c);
      return;
    }
    c->ref = SpeakerRef::kWords;
    c->ref_first = lo;
    c->ref_end = h;
  }

  // "Доналд Тръмп разкритикува начина, по който СЗО …, и обяви, че …": a cue right after a
  // comma and a conjunction shares the subject of the predicate before it — the sentence's first
  // pronoun or person or organisation that no preposition governs, before any comma. Sets c
  // when found.
  bool CoordinatedSubject(uint32_t cf, uint32_t lo, const std::vector<bool>& used,
                          Candidate* c) const {
    // Only after a comma: without one ("… izjavio je da … i poručio") the nearest subject
    // is found as usual; with one, the clause before may be a subordinate one ("по който").
    if (cf <= lo + 3 || !lr_.IsCoordinator(Fold(cf - 1)) || !IsComma(cf - 2)) return false;
    for (uint32_t k = lo; k + 1 < cf; ++k) {
      if (IsPunct(k) || in_direct_[k] || used[k]) return false;
      // A title opening the subject names the person after it ("Poglavar Islamske zajednice
      // Srbije Adem Zilkić izjavio je … i ukazao"), or leaves the subject to the usual search;
      // so does a body ("Predstavnici Komesarijata …").
      if (auto t = lr_.titles.MatchAt(doc_, k); t && !AfterPreposition(k)) {
        int person = PersonAfterTitle(k + t.length, cf);
        if (person < 0) return false;
        SetMention(person, c);
        return true;
      }
      if (lr_.bodies.MatchAt(doc_, k)) return false;
      if (IsPronoun(k)) {
        c->ref = SpeakerRef::kPronoun;
        c->ref_first = k;
        c->ref_end = k + 1;
        return true;
      }
      int m = mention_at_[k];
      if (m < 0) continue;
      const Mention& x = doc_.mentions[m];
      if (AfterPreposition(x.first_token)) {
        k = x.end_token - 1;
        continue;
      }
      if (!IsSpeakerMention(m)) return false;
      SetMention(x.type == EntityType::kPer ? LastAdjacentPerson(m) : m, c);
      return true;
    }
    return false;
  }

  // "Kritici říkají, že …", "Potočná upozornila, …": the capitalised word that opens the
  // clause right before its cue (function words aside) is its subject when nothing else
  // names the speaker — a noun or a name the recogniser missed. Not a pronoun, title, date
  // word or mention (those are read elsewhere). Sets c when found.
  void SubjectOpeningClause(uint32_t cf, uint32_t lo, const std::vector<bool>& used,
                            Candidate* c) const {
    if (cf <= lo) return;
    uint32_t k = lo;
    while (k < cf && IsPunct(k)) ++k;
    if (k >= cf || toks_[k].kind != TokenKind::kWord || !toks_[k].upper || used[k] ||
        in_direct_[k] || mention_at_[k] >= 0 || IsFunction(k) || IsPronoun(k) || CueAt(k) ||
        lr_.relative_dates.FindWord(Fold(k)) || lr_.months.FindWord(Fold(k)) ||
        IsComplementizer(k) || lr_.parenthetical_openers.FindWord(Fold(k))) {
      return;
    }
    // Or a run of capitalised words, a name the recogniser missed ("The Sunday Telegraph
    // также полагает").
    uint32_t e = k + 1;
    while (e < cf && e < k + 4 && toks_[e].kind == TokenKind::kWord && toks_[e].upper &&
           !toks_[e].newline_before && mention_at_[e] < 0 && !used[e] && !CueAt(e) && !Timely(e)) {
      ++e;
    }
    for (uint32_t j = e; j < cf; ++j) {
      if (!IsFunction(j)) return;
    }
    c->ref = SpeakerRef::kWords;
    c->ref_first = k;
    c->ref_end = e;
  }

  // Whether token p is a source preposition that opens its clause ("От министерството
  // съобщиха", "…, а от партията заявиха").
  bool SourcePreposition(uint32_t p) const {
    if (!lr_.source_prepositions.FindWord(Fold(p))) return false;
    uint32_t first = SentenceAt(p).first_token;
    if (p == first) return true;
    if (IsComma(p - 1) || IsDash(p - 1)) return true;
    if (p - 1 == first && IsFunction(p - 1)) return true;  // "А от …"
    // After when it was said: "В сряда от Европейската агенция по лекарствата заявиха", "До
    // этого в компании проинформировали".
    bool timed = false, function = true;
    for (uint32_t j = first; j < p; ++j) {
      bool when = Timely(j);
      if (!when && !lr_.prepositions.FindWord(Fold(j)) && !IsFunction(j)) return false;
      timed |= when;
      function &= !when;
    }
    return (timed && p <= first + 4) || (function && p <= first + 2);
  }

  // Where a description of a body starts, looking back from its head noun at k: in languages
  // that mark the noun phrase definite on its first word, at the nearest such word within
  // three lower-case words ("пакистанските власти"); else at the head.
  uint32_t DescribedStart(uint32_t k, const std::vector<bool>& used) const {
    if (lr_.definite_suffixes.empty() || lr_.DefiniteBySuffix(Fold(k), true)) return k;
    for (uint32_t j = k; j > 0 && j + 3 > k;) {
      --j;
      bool opens = j == SentenceAt(j).first_token;  // capitalised as the sentence's first word
      if (toks_[j].kind != TokenKind::kWord || (toks_[j].upper && !opens) || used[j] || in_direct_[j] ||
          IsFunction(j) || CueAt(j)) {
        break;
      }
      if (lr_.DefiniteBySuffix(Fold(j), true)) return j;
    }
    return k;
  }

  // Where the clause of token k ends: the end of its sentence, a quotation mark that opens a
  // new quotation, or the paragraph.
  uint32_t ClauseEnd(uint32_t k) const {
    uint32_t s_end = SentenceAt(std::min(k, n_ - 1)).end_token;
    uint32_t j = k;
    while (j < s_end && j < n_ && !(j > k && toks_[j].paragraph_before)) ++j;
    return j;
  }

  // Whether [first, end) is a short phrase that ends with a person's name, bar the final
  // punctuation: what follows a framing cue ("…, claims its former lawyer John Carter.").
  bool EndsWithSpeaker(uint32_t first, uint32_t end) const {
    while (end > first && IsPunct(end - 1)) --end;
    if (end <= first || end - first > 8) return false;
    int m = mention_at_[end - 1];
    return IsSpeakerMention(m) && doc_.mentions[m].type == EntityType::kPer &&
           doc_.mentions[m].end_token == end;
  }

  // Where a title that names nobody goes on as a description: over lower-case words and the
  // names of organisations and places after it ("говорител на Европейската комисия",
  // "spokesman for the State Department"), up to six tokens, not over a person, a cue or
  // punctuation, and not ending on a function word.
  uint32_t DescriptionEnd(uint32_t from, uint32_t hi) const {
    uint32_t j = from, end = from;
    while (j < hi && j < from + 6) {
      if (toks_[j].kind != TokenKind::kWord || in_direct_[j] || CueAt(j) || IsPronoun(j)) break;
      int m = mention_at_[j];
      if (m >= 0) {
        if (doc_.mentions[m].type == EntityType::kPer) {
          // A person after a link word is the description's complement ("семейството на
          // Асия Биби", "съветникът на Тръмп"), and ends it.
          if (j > from && !lr_.description_links.empty() &&
              lr_.description_links.FindWord(Fold(j - 1)) && doc_.mentions[m].first_token == j) {
            end = doc_.mentions[m].end_token;
          }
          break;
        }
        j = end = doc_.mentions[m].end_token;
        // A content word right after the name opens a phrase of its own ("според източници
        // на Bloomberg европейските власти настояват"); a link word goes on ("… на ЕК по …").
        if (j < hi && toks_[j].kind == TokenKind::kWord && mention_at_[j] < 0 && !IsFunction(j)) {
          break;
        }
        continue;
      }
      if (toks_[j].upper) break;
      // After a title in the definite form a content word right there is no attribute of it
      // but the verb's object ("изброява експертът предимствата на …"): attributes follow
      // a link word ("говорителят на …").
      if (j == from && from > 0 && !IsFunction(j) && toks_[from - 1].kind == TokenKind::kWord &&
          lr_.DefiniteBySuffix(Fold(from - 1))) {
        break;
      }
      // Where "of" is a case, a preposition goes on only to a name ("zmocněnec OSN pro
      // Afghánistán"), not over a circumstance ("kancléř ve svém programovém prohlášení",
      // "autor na vernisáži"); elsewhere it may be the "of" ("говорител на правителството").
      // (Languages that say "of" with a case: lang/<code>/settings.tsv genitive_case.)
      if (lr_.genitive_case && lr_.prepositions.FindWord(Fold(j)) &&
          !(j + 1 < hi && mention_at_[j + 1] >= 0)) {
        break;
      }
      // Where a word links the complement ("говорител на правителството"), another
      // preposition is a circumstance ("руски експерт пред официоза").
      if (!lr_.description_links.empty() && lr_.prepositions.FindWord(Fold(j)) &&
          !lr_.description_links.FindWord(Fold(j))) {
        break;
      }
      // Nor over an adverb or particle ("премиерът още веднъж изтъкна", "vláda tento týden
      // slíbila"): a function word that is neither a link, a preposition nor a determiner
      // ends it, where links or a genitive case mark the attributes.
      if ((!lr_.description_links.empty() || lr_.genitive_case) && IsFunction(j) &&
          !lr_.description_links.FindWord(Fold(j)) && !lr_.prepositions.FindWord(Fold(j)) &&
          !Determiner(j)) {
        break;
      }
      ++j;
      if (!IsFunction(j - 1)) end = j;
    }
    return end;
  }

  // Where the description of a body goes on: in languages that link a complement with a
  // word ("пресслужбата на Кремъл", "employees of the airport"), only over such a complement
  // ("пътници пред БНТ" stops at "пред"); elsewhere as a title's.
  uint32_t BodyDescriptionEnd(uint32_t from, uint32_t hi) const {
    if (lr_.description_links.empty()) return DescriptionEnd(from, hi);
    if (from >= hi || !lr_.description_links.FindWord(Fold(from))) return from;
    uint32_t end = DescriptionEnd(from, hi);
    return end > from + 1 ? end : from;
  }

  // Whether words of its sentence stand before token `k`.
  bool WordsBefore(uint32_t k) const {
    for (uint32_t j = SentenceAt(k).first_token; j < k; ++j) {
      if (toks_[j].kind == TokenKind::kWord) return true;
    }
    return false;
  }

  // Whether [first, end) is exactly one name the recogniser found („Северен поток-2“,
  // "Росийская газета": names written with lower-case words).
  bool OneMention(uint32_t first, uint32_t end) const {
    int m = mention_at_[first];
    return m >= 0 && doc_.mentions[m].first_token == first && doc_.mentions[m].end_token == end;
  }

  // Capitalised words (or numbers) only, without sentence punctuation: a name or a title.
  bool NameLike(uint32_t first, uint32_t end) const {
    if (!toks_[first].upper) return false;
    for (uint32_t k = first; k < end; ++k) {
      // A dot inside a word is part of a web address ("Лента.ру", "iz.ru").
      bool in_word =
          k > first && k + 1 < end && !toks_[k].space_before && !toks_[k + 1].space_before;
      if (in_word && Text(k) == ".") {
        ++k;
        continue;
      }
      if (IsFinal(k) || IsComma(k)) return false;
      if (toks_[k].kind == TokenKind::kWord && !toks_[k].upper && !IsFunction(k)) return false;
    }
    return true;
  }

  // Attribution in the words after token `last` (a closing mark, or the comma or dash that
  // ends a reported clause): ", каза Вучич", ", rekao je on", " — сказал он", "he said".
  bool AttributeAfter(uint32_t last, Candidate* c, std::vector<bool>* used) const {
    uint32_t k = last + 1;
    if (k >= n_ || toks_[k].paragraph_before) return false;
    uint32_t hi = ClauseEnd(k);
    while (k < hi && (IsComma(k) || IsDash(k) || (IsQuoteMarkTok(k) && k == last + 1))) ++k;
    // After a closing quotation mark the speaker's name may come with a long title.
    uint32_t reach = IsQuoteMarkTok(last) ? 10 : 5;
    for (uint32_t q = k; q < hi && q < k + reach; ++q) {
      if (IsFinal(q) || IsQuoteMarkTok(q) || IsComma(q)) break;
      auto cue = CueAt(q);
      if (!cue || IsAccording(cue)) continue;
      // Past the first five words only right after a name, with its title before it and its
      // bracketed note after ("Italian Prime Minister Matteo Renzi said", "Sen. Claire
      // McCaskill (D-Mo.) said").
      if (q >= k + 5) {
        uint32_t b = q;
        if (Text(b - 1) == ")") {
          while (b > k && Text(b - 1) != "(") --b;
          if (b > k) --b;
        }
        if (b == k || !IsSpeakerMention(mention_at_[b - 1]) ||
            doc_.mentions[mention_at_[b - 1]].end_token != b) {
          break;
        }
      }
      c->has_cue = true;
      c->cue_first = q;
      c->cue_end = q + cue.length;
      FindChannelVia(c->cue_end, hi, c, used);
      // Inverted order when the cue comes first ("…,” said Mulgrew); with words before it
      // they are its subject ("…,” Graham told The New York Times).
      FindSpeaker(q, c->cue_end, last + 1, hi, *used, /*after_first=*/q == k, c);
      return true;
    }
    return PersonAppositionCue(last, k, hi, c, used);
  }

  // After a closing mark, a person's name, an apposition between commas (of one part or more)
  // too long for AttributeAfter's reach and the cue right after its closing comma ("“…,”
  // Michael McFaul, a senior fellow at the Hoover Institution and a former ambassador to
  // Russia, said of RT."): the person is the speaker. The apposition holds no quotation, cue
  // or sentence end.
  bool PersonAppositionCue(uint32_t last, uint32_t k, uint32_t hi, Candidate* c,
                           std::vector<bool>* used) const {
    if (!IsQuoteMarkTok(last) || k >= hi) return false;
    int m = mention_at_[k];
    if (!IsSpeakerMention(m) || doc_.mentions[m].type != EntityType::kPer ||
        doc_.mentions[m].first_token != k) {
      return false;
    }
    uint32_t e = doc_.mentions[m].end_token;
    if (e >= hi || !IsComma(e)) return false;
    for (uint32_t j = e + 1; j < hi && j < e + 40; ++j) {
      if (IsFinal(j) || IsQuoteMarkTok(j) || in_direct_[j] || CueAt(j)) return false;
      if (!IsComma(j)) continue;
      PhraseTable::Match cue = j + 1 < hi ? CueAt(j + 1) : PhraseTable::Match{};
      if (!cue) continue;  // the apposition goes on ("…, the attorney general, one of …,")
      if (!cue || IsAccording(cue) || j == e + 1) return false;
      c->has_cue = true;
      c->cue_first = j + 1;
      c->cue_end = j + 1 + cue.length;
      FindChannelVia(c->cue_end, hi, c, used);
      SetMention(LastAdjacentPerson(m), c);
      return true;
    }
    return false;
  }

  // Reported speech that ends with its frame, without quotation marks:
  // "Италия действа дискретно …, заяви Салвини." / "…, rekao je Vučić."
  // `end`: where the frame ends (the sentence's end, or a conjunction after it).
  void FindFramedAtEnd(const Sentence& sent, uint32_t end) {
    if (end > sent.first_token && Text(end - 1) == ":") return;  // it introduces what follows
    // The frame may go on long after its speaker ("…, řekl v cíli Luboš Lom, který …").
    uint32_t dash_reach = end;  // a dash frame ends within 30 tokens of this
    for (uint32_t k = end; k > sent.first_token + 4 && k + 40 > end;) {
      --k;
      if (!(IsComma(k) || (IsDash(k) && k + 30 > dash_reach)) || in_direct_[k]) continue;
      Candidate c;
      std::vector<bool> used(n_, false);
      if (!AttributeAfter(k, &c, &used)) continue;
      if (end < sent.end_token && (c.cue_end > end || c.ref == SpeakerRef::kNone ||
                                   std::max(c.ref_end, c.cue_end) != end)) {
        return;  // not a whole frame before the conjunction
      }
      // A frame that leads into a colon, or a comma and a quotation, reports those words, and
      // the words before its comma set its scene ("In one tweet Friday, Trump said: “…”", "As
      // for RT's political bent, he said, ''…''"; not a name in marks that ends the frame:
      // "…, коментира изданието „Морски вестник“.").
      if (uint32_t r = std::max(c.cue_end, c.ref_end); r < end) {
        bool comma = false;
        for (; r < end && IsComma(r); ++r) comma = true;
        if (r < end && (Text(r) == ":" || (comma && (IsQuoteMarkTok(r) || in_direct_[r])))) {
          return;
        }
      }
      // Words before a cue whose speaker follows it open a clause of their own, whose
      // object that name is ("…, заяви Тръмп, като отново обвини Dominion …").
      if (c.cue_first > k + 1 && c.ref != SpeakerRef::kNone && c.ref_first >= c.cue_end) {
        continue;
      }
      // A person with an apposition before the comma is the cue's subject, and a name after
      // the cue opens what was said ("Derek Mitchell, who …, said Clinton reached out …").
      if (c.cue_first == k + 1 && ApposedSubject(sent, k) >= 0) return;
      // Nor when a name after the cue goes on as the subject of a clause ("…, said Clinton’s
      // acceptance of donations …").
      if (c.cue_first == k + 1 && c.ref == SpeakerRef::kMention && c.ref_first == c.cue_end &&
          NameOpensClause(c.cue_end)) {
        return;
      }
      // A subject and its cue after the comma that go on with a complement of their own
      // (not an adverbial, nor a name that ends the frame: "…, Trump told The New York
      // Times.") are a clause of their own: the words before the comma set its scene ("At a
      // rally Friday in Coral Springs, Florida, Clinton questioned what kind of person …").
      if (c.ref != SpeakerRef::kNone && c.ref_first < c.cue_first && c.cue_end + 1 < end &&
          Words(c.cue_end, end) >= 2) {
        uint32_t r = c.cue_end;
        int m = mention_at_[r];
        bool adverbial = IsPunct(r) || lr_.prepositions.FindWord(Fold(r)) ||
                         lr_.time_nouns.FindWord(Fold(r)) || lr_.relative_dates.FindWord(Fold(r));
        bool addressee = m >= 0 && doc_.mentions[m].first_token == r &&
                         (doc_.mentions[m].end_token >= end || IsPunct(doc_.mentions[m].end_token));
        if (!adverbial && !addressee) continue;
      }
      // A cue that names no one and goes on with words of its own opens a clause, not a
      // frame ("…, said parents still want neighborhood schools"); after words of its own
      // it is a clause of the frame before it ("…, заяви Тръмп, като отново обвини …").
      if (c.ref == SpeakerRef::kNone && Words(c.cue_end, end) >= 3) {
        // Unless a preposition follows the cue: its object is a topic, and the frame is
        // earlier ("…, — сказала она в парламенте, говоря о позициях …").
        bool topic = c.cue_end < end && lr_.prepositions.FindWord(Fold(c.cue_end));
        if (c.cue_first == k + 1 && !topic) return;
        continue;
      }
      uint32_t first = sent.first_token;
      while (first < k && (IsDash(first) || IsPunct(first))) ++first;
      if (Words(first, k) < 4) return;
      // An outlet's credit at the end ("…, prenosi list Hurijet.") yields to a frame before it
      // ("… - rekao je Erdogan novinarima …, prenosi list Hurijet.").
      bool credit = static_cast<bool>(lr_.via.MatchAt(doc_, c.cue_first));
      bool inner_frame = false;
      for (uint32_t q = first; q < k && !inner_frame; ++q) {
        // A complementiser without a cue before it opens a clause of the reported words
        // ("Doufáme, že …, řekl Husajn."), when the cue follows the comma directly (not
        // "…, но призовава", "…, съдът призна": a clause of their own).
        // (Not an according-to word: sr "prema" is "towards" too: "odnos prema Rusiji".)
        if (auto inner = CueAt(q); inner && !IsAccording(inner) && !in_direct_[q]) {
          if (!credit) return;
          inner_frame = true;
        }
        // (Not one that is also a relative pronoun, en "that": "The accusation that … had
        // imperiled the troops, Biden said", "would not tolerate that from …, she said".)
        if (IsComplementizer(q) && c.cue_first != k + 1 && !in_direct_[q] &&
            !lr_.relative_pronouns.FindWord(Fold(q))) {
          if (!credit) return;
          inner_frame = true;
        }
      }
      if (inner_frame) {
        dash_reach = k;
        continue;
      }
      // Quoted words inside leave it a report (mixed: "Изборите бяха „фалшиви“ …, заяви
      // Тръмп").
      if (MostlyQuoted(first, k)) return;
      c.first = first;
      c.end = k;
      c.kind = QuoteKind::kIndirect;
      candidates_.push_back(c);
      return;
    }
  }

  // Whether token j tells a time: a number, month, time noun or relative date.
  bool Timely(uint32_t j) const {
    return j < n_ && (toks_[j].kind == TokenKind::kNumber || lr_.time_nouns.FindWord(Fold(j)) ||
                      lr_.relative_dates.FindWord(Fold(j)) || lr_.months.FindWord(Fold(j)));
  }

  // A word of a time adverbial: a comma or a word that tells a time, or a preposition before
  // one ("в понедельник, 2 ноября,").
  bool Adverbial(uint32_t k) const {
    if (IsComma(k) || Timely(k)) return true;
    return lr_.prepositions.FindWord(Fold(k)) && Timely(k + 1);
  }

  // "Италия действа дискретно … . Това заяви Салвини.": a sentence that points back to the
  // one before it reports that one.
  void FindPointedBack() {
    std::vector<bool> claimed;  // tokens already inside a candidate (built on first need)
    for (uint32_t s = 1; s < doc_.sentences.size(); ++s) {
      const Sentence& sent = doc_.sentences[s];
      const Sentence& prev = doc_.sentences[s - 1];
      uint32_t k = sent.first_token;
      auto back = lr_.cataphora.MatchAt(doc_, k);
      if (!back || in_direct_[k]) continue;
      Candidate c;
      std::vector<bool> used(n_, false);
      // When and where it was said may stand between the pointer and the cue ("Об этом в
      // понедельник, 2 ноября, в эфире телеканала Fox News заявила …").
      uint32_t g = k + back.length, reach = std::min(sent.end_token, g + 16);
      while (g < reach && Adverbial(g)) ++g;
      if (!AttributeAfter(g - 1, &c, &used)) continue;
      if (c.cue_first > g + 1) continue;  // the cue must follow the pointer
      // An outlet's credit for the news before ("Об этом сообщает Би-би-си.") reports no
      // one's words: a cue that is a via word, with no person as its speaker.
      if (lr_.via.MatchAt(doc_, c.cue_first) &&
          !(c.ref == SpeakerRef::kMention &&
            doc_.mentions[c.mention].type == EntityType::kPer) &&
          c.ref != SpeakerRef::kTitle) {
        continue;
      }
      uint32_t first = prev.first_token, end = TrimEnd(prev.first_token, prev.end_token);
      if (claimed.size() != n_) {
        claimed.assign(n_, false);
        for (const Candidate& x : candidates_) {
          for (uint32_t t = x.first; t < x.end; ++t) claimed[t] = true;
        }
      }
      // A sentence another quotation claims, or one that is (mostly) a quotation, is taken.
      bool taken = false;
      for (uint32_t q = first; q < prev.end_token; ++q) taken |= claimed[q];
      if (taken || MostlyQuoted(first, end) || Words(first, end) < 4) continue;
      c.first = first;
      c.end = end;
      c.kind = QuoteKind::kIndirect;
      candidates_.push_back(c);
      for (uint32_t t = first; t < end; ++t) claimed[t] = true;
    }
  }

  // "Салвини: „…“" and headlines "Путин: Имаме добра основа", "Проф. Витанов: …", "Меркел за
  // Байдън: …": a line that opens with a name (after a title) and a colon within a few words.
  void FindColonHeadlines() {
    for (const Sentence& sent : doc_.sentences) {
      uint32_t k = sent.first_token;
      if (!(k == 0 || toks_[k].newline_before)) continue;
      uint32_t title_first = k;
      bool titled = false;
      if (auto t = lr_.titles.MatchAt(doc_, k)) {
        k += t.length;
        titled = true;
      }
      int m = k < n_ ? mention_at_[k] : -1;
      // "Глава МИД ФРГ: …": the title's complement is no speaker; the title is, resolved to
      // the person the article names with it.
      bool by_title = titled && m >= 0 && doc_.mentions[m].type != EntityType::kPer;
      if (!IsSpeakerMention(m) && !by_title) {
        if (!titled && QuotedNameHeadline(sent)) continue;
        DescribedHeadline(sent);
        continue;
      }
      uint32_t colon = doc_.mentions[m].end_token;
      // Words between the name and its colon qualify the name in lower case ("Путин за
      // Украйна:"); a capitalised one starts something else ("Владимир Путин СНИМКА: …").
      while (colon < n_ && colon < doc_.mentions[m].end_token + 4 && Text(colon) != ":" &&
             !IsFinal(colon) && !toks_[colon].newline_before && !IsQuoteMarkTok(colon) &&
             !(toks_[colon].kind == TokenKind::kWord && toks_[colon].upper &&
               mention_at_[colon] < 0)) {
        ++colon;
      }
      if (colon >= n_ || Text(colon) != ":") continue;
      uint32_t first = colon + 1, end = first;
      while (end < n_ && !(end > first && toks_[end].newline_before)) ++end;
      // A subtitle run into the headline ends it where a person and a cue start a clause of
      // their own ("СЗО: Пандемията се ускорява Тедрос Аданом Гебрейесус призова …").
      for (uint32_t q = first + 2; q < end; ++q) {
        int p = mention_at_[q];
        if (p >= 0 && doc_.mentions[p].first_token == q && IsSpeakerMention(p) &&
            doc_.mentions[p].type == EntityType::kPer && doc_.mentions[p].end_token < end &&
            CueAt(doc_.mentions[p].end_token)) {
          end = q;
          break;
        }
      }
      bool quoted = false;
      for (uint32_t q = first; q < end; ++q) quoted |= in_direct_[q];
      if (quoted || Words(first, end) < 3) continue;
      Candidate c;
      c.first = first;
      c.end = end;
      while (c.end > c.first && IsFinal(c.end - 1)) --c.end;
      c.kind = QuoteKind::kDirect;
      c.ref = by_title ? SpeakerRef::kTitle : SpeakerRef::kMention;
      c.mention = m;
      c.ref_first = by_title ? title_first : doc_.mentions[m].first_token;
      c.ref_end = doc_.mentions[m].end_token;
      candidates_.push_back(c);
      for (uint32_t q = first; q < end; ++q) in_direct_[q] = true;
    }
  }

  // "„Политико“: България плаща цената …": a line that opens with a name in marks (an
  // outlet's, a party's: up to four words) and a colon quotes that name.
  // Returns whether it added a candidate.
  bool QuotedNameHeadline(const Sentence& sent) {
    uint32_t k = sent.first_token;
    if (!IsQuoteMarkTok(k) || close_of_.empty() || close_of_[k] <= k + 1 || close_of_[k] > k + 5 ||
        close_of_[k] + 1 >= n_ || Text(close_of_[k] + 1) != ":" || !toks_[k + 1].upper) {
      return false;
    }
    // Words as a name has them: every one capitalised ("„Бизнес Инсайдър“"), or two at most
    // ("„Морски бюлетин“") — not the words of a quotation before its frame ("«Не вынесла душа
    // поэта»: Захарова прокомментировала …").
    uint32_t close = close_of_[k];
    bool all_upper = true;
    for (uint32_t j = k + 1; j < close; ++j) {
      if (toks_[j].kind != TokenKind::kWord) return false;
      all_upper &= toks_[j].upper;
    }
    if (!all_upper && close > k + 3) return false;
    uint32_t first = close + 2, end = first;
    while (end < n_ && !(end > first && toks_[end].newline_before)) ++end;
    while (end > first && IsFinal(end - 1)) --end;
    if (Words(first, end) < 3) return false;
    // A person and a cue after the colon frame the words in marks ("«Немного удивлена»: Тереза
    // Мэй написала письмо …").
    if (int p = mention_at_[first]; p >= 0 && doc_.mentions[p].type == EntityType::kPer) {
      for (uint32_t j = doc_.mentions[p].end_token; j < end && j < doc_.mentions[p].end_token + 3;
           ++j) {
        if (CueAt(j)) return false;
      }
    }
    for (uint32_t q = first; q < end; ++q) {
      if (in_direct_[q]) return false;
    }
    Candidate c;
    c.first = first;
    c.end = end;
    c.kind = QuoteKind::kDirect;
    int m = mention_at_[k + 1];
    if (IsSpeakerMention(m) && doc_.mentions[m].first_token == k + 1 &&
        doc_.mentions[m].end_token == close) {
      SetMention(m, &c);
    } else {
      c.ref = SpeakerRef::kWords;
      c.ref_first = k + 1;
      c.ref_end = close;
    }
    candidates_.push_back(c);
    for (uint32_t q = first; q < end; ++q) in_direct_[q] = true;
    return true;
  }

  // "Пътник от Мюнхен: Платихме си сами хотела": a line that a short description and a colon
  // open, when its words are quoted in the body too — they are the words of whoever said
  // them there (ShareEchoedSpeakers), described by the label.
  void DescribedHeadline(const Sentence& sent) {
    // Up to five words, a name in marks among them ("Пострадалите от „Райънеър“ българи").
    uint32_t k = sent.first_token, colon = k, words = 0;
    while (colon < n_ && words < 5 && !(colon > k && toks_[colon].newline_before)) {
      if (toks_[colon].kind == TokenKind::kWord) {
        ++words;
      } else if (!IsQuoteMarkTok(colon)) {
        break;
      }
      ++colon;
    }
    if (colon == k || colon >= n_ || Text(colon) != ":" || !toks_[k].upper) return;
    uint32_t first = colon + 1, end = first;
    while (end < n_ && !(end > first && toks_[end].newline_before)) ++end;
    while (end > first && IsFinal(end - 1)) --end;
    if (Words(first, end) < 4) return;
    // The article's own headline attributes what follows its colon to the words before it
    // (settings `headline_attributions`, en: "Poll: Trump and Clinton hold narrow leads",
    // "Elizabeth Warren: Donald Trump Is a ‘Proven Failure’"; `headline_quotes`, bg, as a
    // direct quote: "Експерт пред „Росийская газета“: Москва може …"), quoted words or not;
    // not a place's name alone, the topic of what follows ("Пакистан: 27 април, ден на …").
    int place = mention_at_[k];
    bool topic = place >= 0 && doc_.mentions[place].type == EntityType::kLoc &&
                 doc_.mentions[place].end_token == colon;
    bool headline = (lr_.headline_attributions || lr_.headline_quotes) && k == 0 && !topic;
    for (uint32_t q = first; q < end && !headline; ++q) {
      if (in_direct_[q]) return;
    }
    std::string_view said(doc_.norm_text.data() + toks_[first].norm.start,
                          toks_[end - 1].norm.end - toks_[first].norm.start);
    size_t at = doc_.norm_text.find(said, toks_[end - 1].norm.end);  // echoed as a quote
    bool echoed = false;
    while (at != std::string::npos && !echoed) {
      auto it = std::lower_bound(toks_.begin(), toks_.end(), at,
                                 [](const Token& t, size_t o) { return t.norm.start < o; });
      echoed = it != toks_.end() && it->norm.start == at && in_direct_[it - toks_.begin()];
      at = doc_.norm_text.find(said, at + 1);
    }
    if (!echoed && !headline) return;
    Candidate c;
    c.first = first;
    c.end = end;
    c.kind = echoed || lr_.headline_quotes ? QuoteKind::kDirect : QuoteKind::kIndirect;
    c.ref = SpeakerRef::kWords;
    c.ref_first = k;
    c.ref_end = colon;
    // A headline's speaker is named before a preposition that is no description link: what
    // follows it is where or to whom ("Експерт пред „Росийская газета“", "Тим и Моуд от
    // Брюксел"), not who.
    if (!echoed && lr_.headline_quotes) {
      for (uint32_t j = k + 1; j < colon; ++j) {
        if (lr_.prepositions.FindWord(Fold(j)) && !lr_.description_links.FindWord(Fold(j))) {
          c.ref_end = j;
          break;
        }
      }
      // A title alone ("Кметът: …") is the person the article names with it.
      if (auto t = lr_.titles.MatchAt(doc_, k); t && k + t.length == c.ref_end) {
        c.ref = SpeakerRef::kTitle;
      }
    }
    candidates_.push_back(c);
    for (uint32_t q = first; q < end; ++q) in_direct_[q] = true;
  }

  // Whether the dash at k may open speech inside a paragraph: it follows the end of a
  // sentence (a final mark, or a word with its dot: "… pkt proc. - Wynik …") and a space, and
  // a capitalised word follows it.
  bool OpensInlineSpeech(uint32_t k) const {
    if (k == 0 || k + 1 >= n_ || !toks_[k].space_before || !toks_[k + 1].upper) return false;
    std::string_view t = Text(k - 1);
    return IsFinal(k - 1) || (t.size() > 1 && t.back() == '.');
  }

  // Speech introduced by a dash at the start of a paragraph: "— Ovo je važno — rekao je on."
  // A dash that opens a sentence inside a paragraph (text whose paragraphs were run together:
  // "… proc. - Wynik będzie bliski. Zawsze tak jest - powiedział Michael Nutter.") opens
  // speech only when a dash and an attribution close it.
  void FindDashSpeech() {
    for (uint32_t k = 0; k < n_; ++k) {
      if (!IsDash(k) || in_direct_[k]) continue;
      bool para_start = (k == 0 || toks_[k].newline_before) && SentenceAt(k).first_token == k;
      if (!para_start && !OpensInlineSpeech(k)) continue;
      uint32_t para_end = k + 1;
      while (para_end < n_ && !toks_[para_end].newline_before) ++para_end;
      // Inside a paragraph, the next such dash opens the next speaker's turn.
      if (!para_start) {
        for (uint32_t d = k + 2; d < para_end; ++d) {
          if (IsDash(d) && OpensInlineSpeech(d)) {
            para_end = d;
            break;
          }
        }
      }
      Candidate c;
      std::vector<bool> used(n_, false);
      uint32_t close = para_end;
      for (uint32_t d = k + 2; d < para_end; ++d) {
        // (A comma or a closing mark may hold the dash without a space: "…,- отметила Алла
        // Николаевна.", "… myśl\"- dodał minister.")
        if (IsDash(d) && (toks_[d].space_before || IsComma(d - 1) || IsQuoteMarkTok(d - 1)) &&
            d + 1 < n_ && toks_[d + 1].space_before && AttributeAfter(d - 1, &c, &used)) {
          close = d;
          break;
        }
      }
      if (Words(k + 1, close) < (c.has_cue ? 2 : 8) || (!para_start && !c.has_cue)) continue;
      bool quoted = false;
      for (uint32_t q = k; q < close; ++q) quoted |= in_direct_[q];
      if (quoted) continue;
      c.first = k + 1;
      c.end = close;
      while (c.end > c.first && (IsComma(c.end - 1) || IsQuoteMarkTok(c.end - 1))) --c.end;
      c.kind = QuoteKind::kDirect;
      if (!c.has_cue) c.continuation = true;
      candidates_.push_back(c);
      for (uint32_t q = k; q < close; ++q) in_direct_[q] = true;
    }
  }

  // "„Едно чудо“. Така Азия Биби, пакистанската християнка …, коментира решението …": after a
  // pointer, a person (after a title), an apposition between commas (up to 16 tokens) and the
  // cue. Sets the
  // candidate's cue and speaker; returns whether it found them.
  bool SubjectThenCue(uint32_t k, Candidate* c) const {
    if (auto t = k < n_ ? lr_.titles.MatchAt(doc_, k) : PhraseTable::Match()) k += t.length;
    int m = k < n_ ? mention_at_[k] : -1;
    if (!IsSpeakerMention(m) || doc_.mentions[m].first_token != k ||
        doc_.mentions[m].type != EntityType::kPer) {
      return false;
    }
    uint32_t e = doc_.mentions[m].end_token;
    if (e < n_ && IsComma(e)) {
      uint32_t j = e + 1;
      while (j < n_ && j < e + 16 && !IsComma(j) && !IsFinal(j) && !IsQuoteMarkTok(j) &&
             !CueAt(j)) {
        ++j;
      }
      if (j >= n_ || !IsComma(j)) return false;
      e = j + 1;
    }
    auto cue = e < n_ ? CueAt(e) : PhraseTable::Match();
    if (!cue || IsAccording(cue)) return false;
    c->has_cue = true;
    c->cue_first = e;
    c->cue_end = e + cue.length;
    SetMention(m, c);
    return true;
  }

  // A byline after a quotation that opens its paragraph, a dash and a name that end it:
  // "“…” ― Jorge Falcon", "„…“ – Вучич". Sets the candidate's speaker.
  bool BylineAfter(const MarkPair& p, Candidate* c) const {
    if (!(p.open == 0 || toks_[p.open].newline_before)) return false;
    uint32_t k = p.close + 1;
    while (k < n_ && IsFinal(k) && !toks_[k].newline_before) ++k;
    if (k + 1 >= n_ || !IsDash(k) || toks_[k].newline_before || toks_[k + 1].newline_before) {
      return false;
    }
    ++k;
    int m = mention_at_[k];
    uint32_t e = k;
    if (IsSpeakerMention(m) && doc_.mentions[m].first_token == k) {
      e = doc_.mentions[m].end_token;
    } else {
      m = -1;
      while (e < n_ && e < k + 4 && !toks_[e].newline_before && toks_[e].kind == TokenKind::kWord &&
             (toks_[e].upper || (e > k && IsFunction(e)))) {
        ++e;
      }
      while (e > k && !toks_[e - 1].upper) --e;  // "María de la": not ending on "de"
      if (e == k || CueAt(k)) return false;
    }
    uint32_t after = e;
    while (after < n_ && IsFinal(after) && !toks_[after].newline_before) ++after;
    if (after < n_ && !toks_[after].newline_before) return false;
    if (m >= 0) {
      SetMention(m, c);
    } else {
      c->ref = SpeakerRef::kWords;
      c->ref_first = k;
      c->ref_end = e;
    }
    return true;
  }

  // A speaker's label that opens a paragraph of a transcript or an interview: a name (after a
  // title) or one to three words in capitals, then a colon ("WALLACE: …", "Вучич: …"). Sets
  // the candidate's speaker to it and returns the token after the colon; returns `k` when
  // there is none. A label in capitals stands for the person of that surname in the article.
  uint32_t SpeakerLabel(uint32_t k, uint32_t end, Candidate* c) const {
    bool opens = k == 0 || toks_[k].newline_before ||
                 (IsQuoteMarkTok(k - 1) && (k == 1 || toks_[k - 1].newline_before));
    if (!opens || k >= end) return k;
    uint32_t j = k;
    if (auto t = lr_.titles.MatchAt(doc_, j); t && j + t.length < end) j += t.length;
    int m = mention_at_[j];
    uint32_t colon = j;
    if (IsSpeakerMention(m) && doc_.mentions[m].first_token == j) {
      colon = doc_.mentions[m].end_token;
    } else {
      m = -1;
      while (colon < end && colon < j + 3 && toks_[colon].kind == TokenKind::kWord &&
             mention_at_[colon] < 0 &&
             utf8::LetterCount(Text(colon)) >= 2 && utf8::IsAllCaps(Text(colon))) {
        ++colon;
      }
      if (colon == j) return k;
    }
    if (colon + 1 >= end || Text(colon) != ":" || toks_[colon + 1].newline_before) return k;
    if (m < 0 && colon == j + 1) m = PersonBySurname(Fold(j));
    if (m >= 0) SetMention(m, c);
    c->ref = m >= 0 ? SpeakerRef::kMention : SpeakerRef::kWords;
    c->ref_first = k;
    c->ref_end = colon;
    c->has_cue = false;
    c->continuation = false;
    return colon + 1;
  }

  // A mention of a person whose name ends with the folded word `surname`; -1 if none.
  int PersonBySurname(std::string_view surname) const {
    for (size_t i = 0; i < doc_.mentions.size(); ++i) {
      const Mention& x = doc_.mentions[i];
      if (x.type == EntityType::kPer && Fold(x.end_token - 1) == surname) return static_cast<int>(i);
    }
    return -1;
  }

  void FindDirect() {
    std::vector<MarkPair> pairs = PairQuotationMarks(doc_);
    close_of_.assign(n_, 0);
    open_of_.assign(n_, 0);
    for (const MarkPair& p : pairs) {
      close_of_[p.open] = p.close;
      open_of_[p.close] = p.open;
    }
    uint32_t covered_until = 0;
    for (const MarkPair& p : pairs) {
      if (p.open < covered_until) continue;  // nested inside an earlier quote
      // A title in marks between the last quotation's cue and its speaker named after it
      // („…“, заяви „Добро утро, България“ по Канал 5 Стоян Гечев) is a programme's name.
      if (!candidates_.empty() && candidates_.back().has_cue &&
          candidates_.back().cue_end <= p.open && p.close < candidates_.back().ref_first &&
          candidates_.back().ref_first > candidates_.back().cue_end) {
        continue;
      }
      uint32_t first = p.open + 1, end = p.close;
      if (first >= end) continue;
      int words = Words(first, end);
      // A name in marks inside its sentence ("газопровода «Северный поток – 2»", "в
      // «Газпроме»"): a short capitalised phrase right after a word that is no cue.
      if (words <= 5 && toks_[first].upper && p.open > SentenceAt(p.open).first_token &&
          toks_[p.open - 1].kind == TokenKind::kWord && !CueAt(p.open - 1) &&
          !IsFinal(end - 1)) {
        continue;
      }
      Candidate c;
      c.first = first;
      c.end = end;
      c.kind = QuoteKind::kDirect;
      std::vector<bool> used(n_, false);
      // 1. Attribution after the closing mark: „…“, каза Вучич / "…," he said; or in the
      // next sentence when it points back: „…“. Това заяви премиерът Бойко Борисов.
      bool found = AttributeAfter(p.close, &c, &used);
      if (!found) {
        uint32_t k = p.close + 1;
        while (k < n_ && IsFinal(k)) ++k;
        if (k < n_ && k > p.close && !toks_[k].paragraph_before) {
          if (auto back = lr_.cataphora.MatchAt(doc_, k)) {
            found = AttributeAfter(k + back.length - 1, &c, &used) ||
                    SubjectThenCue(k + back.length, &c);
          }
        }
      }
      // 1b. A byline that ends the quotation's paragraph: "“…” ― Jorge Falcon".
      if (!found) found = BylineAfter(p, &c);
      // 2. Attribution before the opening mark: Вучич каза: „…“ / …, каза той, „…“.
      if (!found) {
        uint32_t lo = SentenceAt(p.open).first_token;
        // "… je rekao:" may end the paragraph before the quotation.
        bool colon_before = p.open > 0 && Text(p.open - 1) == ":";
        bool lead_in = p.open > 0 && (!toks_[p.open].paragraph_before || colon_before) &&
                       (Text(p.open - 1) == ":" || IsComma(p.open - 1) ||
                        (p.open >= 1 && CueAt(p.open - 1)));
        if (p.open == lo && colon_before) {
          lo = SentenceAt(p.open - 1).first_token;
          lead_in = true;
        }
        // "Според Порошенко обаче „…“": an according-to phrase right before the mark, with
        // nothing but its source, commas and function words between.
        for (uint32_t q = p.open; !lead_in && q > lo && q + 7 > p.open;) {
          --q;
          if (IsAccording(CueAt(q))) {
            lead_in = true;
          } else if (!(mention_at_[q] >= 0 || IsComma(q) || IsFunction(q) || IsPronoun(q) ||
                       lr_.oblique_pronouns.FindWord(Fold(q)))) {
            break;
          }
        }
        if (lead_in) {
          for (uint32_t q = p.open; q > lo && q + 20 > p.open && !found;) {
            --q;
            if (in_direct_[q] || IsQuoteMarkTok(q)) break;
            auto cue = CueAt(q);
            if (!cue) continue;
            c.has_cue = true;
            c.cue_first = q;
            c.cue_end = q + cue.length;
            FindChannelVia(lo, p.open, &c, &used);
            if (IsAccording(cue)) {
              FindSpeaker(q, c.cue_end, lo, p.open, used, true, &c);
            } else {
              FindSpeaker(q, c.cue_end, lo, p.open, used, false, &c);
              // "John Dickey, the chief executive of Ora Media …, told me, “…”": the subject
              // with its apposition before the cue.
              if (q > lo) {
                if (int m = ApposedSubject(SentenceAt(q), q - 1); m >= 0) SetMention(m, &c);
              }
            }
            found = true;
          }
        }
      }
      // 2a. A name and a colon without a cue: "Präsident Gusmão: „…“", "… sagte er: „…“"
      // was read above; here the name (or pronoun) right before the colon speaks.
      if (!found && p.open >= 2 && Text(p.open - 1) == ":" && !in_direct_[p.open - 2]) {
        uint32_t k = p.open - 2;
        int m = mention_at_[k];
        if (IsSpeakerMention(m) && doc_.mentions[m].end_token == k + 1 &&
            !AfterPreposition(doc_.mentions[m].first_token)) {
          SetMention(doc_.mentions[m].type == EntityType::kPer ? LastAdjacentPerson(m) : m, &c);
          found = true;
        } else if (IsPronoun(k) && (k == 0 || IsPunct(k - 1) || toks_[k].newline_before)) {
          c.ref = SpeakerRef::kPronoun;
          c.ref_first = k;
          c.ref_end = k + 1;
          found = true;
        }
      }
      // 2c. A clause with no cue that leads in with a colon: its opening subject speaks
      // ("Der Geschäftsführer fragte sich: „…“", "Die Firma widerspricht: „…“").
      if (!found && lr_.verb_second && p.open >= 2 && Text(p.open - 1) == ":") {
        found = LeadInSubject(SentenceAt(p.open - 1).first_token, p.open - 1, &c);
      }
      // 2b. A quoted phrase inside a reported sentence: "… optužio Rusiju za „neodgovorne
      // poteze“" — lower-case words (or a common noun, capitalised in German: „Zeitungsente“)
      // after a cue earlier in the same sentence.
      bool fragment = false;
      if (!found && words >= 2 && words <= 8 &&
          (!toks_[first].upper || lr_.IsCommonNoun(Fold(first))) &&
          toks_[first].kind == TokenKind::kWord) {
        uint32_t lo = SentenceAt(p.open).first_token;
        for (uint32_t q = p.open; q > lo && q + 10 > p.open && !found;) {
          --q;
          if (in_direct_[q]) break;
          auto cue = CueAt(q);
          if (!cue || IsAccording(cue)) continue;
          c.has_cue = true;
          c.cue_first = q;
          c.cue_end = q + cue.length;
          FindSpeaker(q, c.cue_end, lo, p.open, used, false, &c);
          found = fragment = true;
        }
      }
      // A short run of capitalised words in marks is a name ("Večernje novosti", „Северен
      // поток 2“), not a quotation, unless it opens its sentence and a cue follows it directly
      // (inside a clause — „… към проекта „Южен поток“, твърди експерт" — the clause is what
      // was reported).
      if (!fragment && words <= 5 && (NameLike(first, end) || OneMention(first, end)) &&
          (!found || c.cue_first < p.open || WordsBefore(p.open))) {
        continue;
      }
      // Words in marks that their cue follows with no punctuation between are its subject
      // ("«Кремлевский доктор» рассказал"): a quotation ends with a comma, a dash or its own
      // stop before its cue ("«…», — рассказал", "“…,” he said", "„Nein!“ sagte er").
      if (found && !fragment && words <= 5 && c.has_cue && c.cue_first == p.close + 1 &&
          !IsPunct(end - 1)) {
        continue;
      }
      // 3. No cue: a quotation right after another one's attribution ("…," he said. "…")
      // or a long one standing alone continues the last speaker.
      if (!found) {
        bool follows = !candidates_.empty() && candidates_.back().kind == QuoteKind::kDirect &&
                       candidates_.back().has_cue && candidates_.back().end < p.open &&
                       p.open - candidates_.back().end <= 10 &&
                       SentenceAt(candidates_.back().end).paragraph == SentenceAt(p.open).paragraph;
        if (words < 8 && !follows) continue;
        c.continuation = true;
      } else if (words < 2 && !(toks_[p.close - 1].kind == TokenKind::kPunct)) {
        // One quoted word with a cue is a term being discussed more often than a quotation.
        continue;
      }
      // A quotation over several paragraphs is one quotation per paragraph, one speaker —
      // unless a paragraph opens with its speaker's label (a transcript: "WALLACE: …").
      auto add_piece = [&](uint32_t piece_first, uint32_t piece_end) {
        Candidate part = c;
        part.first = SpeakerLabel(piece_first, piece_end, &part);
        part.end = piece_end;
        if (part.end > part.first) candidates_.push_back(part);
      };
      uint32_t piece = first;
      for (uint32_t k = first + 1; k < end; ++k) {
        if (!toks_[k].paragraph_before) continue;
        add_piece(piece, k);
        piece = IsQuoteMarkTok(k) ? k + 1 : k;
      }
      add_piece(piece, end);
      covered_until = p.close + 1;
      for (uint32_t j = p.open; j <= p.close; ++j) in_direct_[j] = true;
    }
  }

  // The subject that opens the clause [lo, colon) when it holds no cue and no quotation: a
  // pronoun, a person or organisation, a title, or a noun phrase opened by a determiner
  // that may open a clause ("Die Firma", "Der Text"), not one that tells a time; after an
  // adverb that opens the clause, the subject that follows the finite verb ("Dabei griff sie
  // … an: „…“"). Sets c and returns whether found.
  bool LeadInSubject(uint32_t lo, uint32_t colon, Candidate* c) const {
    if (colon <= lo + 1) return false;
    for (uint32_t k = lo; k < colon; ++k) {
      if (in_direct_[k] || IsQuoteMarkTok(k) || CueAt(k) || IsFinal(k)) return false;
    }
    if (SubjectAt(lo, colon, c)) return true;
    bool adverb = toks_[lo].kind == TokenKind::kWord && IsFunction(lo) && !Determiner(lo) &&
                  !IsPronoun(lo) && !lr_.prepositions.FindWord(Fold(lo));
    bool verb = lo + 2 < colon && toks_[lo + 1].kind == TokenKind::kWord && !toks_[lo + 1].upper &&
                !IsFunction(lo + 1) && !Determiner(lo + 1);
    return adverb && verb && SubjectAt(lo + 2, colon, c);
  }
  // LeadInSubject's subject at lo: its first word there.
  bool SubjectAt(uint32_t lo, uint32_t colon, Candidate* c) const {
    if (IsPronoun(lo)) {
      c->ref = SpeakerRef::kPronoun;
      c->ref_first = lo;
      c->ref_end = lo + 1;
      return true;
    }
    int m = mention_at_[lo];
    if (IsSpeakerMention(m) && doc_.mentions[m].first_token == lo) {
      SetMention(doc_.mentions[m].type == EntityType::kPer ? LastAdjacentPerson(m) : m, c);
      return true;
    }
    uint32_t k = Determiner(lo) && lr_.clause_starters.FindWord(Fold(lo)) ? lo + 1 : lo;
    if (auto t = lr_.titles.MatchAt(doc_, k)) {
      int person = PersonAfterTitle(k + t.length, colon);
      if (person >= 0) {
        SetMention(person, c);
      } else {
        c->ref = SpeakerRef::kTitle;
        c->ref_first = lo;
        c->ref_end = DescriptionEnd(k + t.length, colon);
      }
      return true;
    }
    if (k == lo) return false;
    uint32_t e = NounPhraseEnd(lo, colon);
    if (e <= k) return false;
    for (uint32_t j = lo; j < e; ++j) {
      if (Timely(j)) return false;
    }
    SetSourcePhrase(lo, e, c);
    return true;
  }

  // Ends a reported clause: before the sentence's final punctuation and closing marks.
  uint32_t TrimEnd(uint32_t first, uint32_t end) const {
    while (end > first && (IsFinal(end - 1) || (IsPunct(end - 1) && !IsQuoteMarkTok(end - 1)))) --end;
    return end;
  }

  void FindIndirect() {
    for (uint32_t s = 0; s < doc_.sentences.size(); ++s) {
      const Sentence& sent = doc_.sentences[s];
      size_t before = candidates_.size();
      if (FindParenthetical(sent)) continue;
      FindReported(sent);
      // "„…“ граница, подчерта тя и добави, че …", "…, каза представител, който отрече, че
      // …": a frame joined by a conjunction to the reported clause's cue, or followed by the
      // relative clause that holds it, ends the words before it.
      if (candidates_.size() > before && candidates_[before].has_cue) {
        uint32_t cf = candidates_[before].cue_first;
        if (cf <= sent.first_token + 6) {
          // no room for a frame before the cue
        } else if (lr_.IsCoordinator(Fold(cf - 1)) && !IsComma(cf - 2)) {
          FindFramedAtEnd(sent, cf - 1);
        } else {
          for (uint32_t j = cf - 1; j > sent.first_token + 5 && j + 4 > cf; --j) {
            if (IsComma(j) && IsFunction(j + 1) && !lr_.IsCoordinator(Fold(j + 1))) {
              FindFramedAtEnd(sent, j);
              break;
            }
            if (IsPunct(j) || mention_at_[j] >= 0) break;
          }
        }
      }
      if (candidates_.size() == before) FindFramedAtEnd(sent, sent.end_token);
      if (candidates_.size() == before) FindInterposed(sent);
    }
  }

  // Reported words with their frame set inside them between commas: "Второ, разкри Мей,
  // трябва да има …", "U Vukovaru je, kaže gradonačelnik, postignut …". The frame must hold
  // a cue and its speaker and nothing else; the quotation is the whole sentence.
  void FindInterposed(const Sentence& sent) {
    uint32_t end = TrimEnd(sent.first_token, sent.end_token);
    std::vector<bool> used;  // AttributeAfter's marks: allocated at the first comma, cleared
    bool dirty = false;      // only after a call that found a cue (the only one that marks)
    for (uint32_t k = sent.first_token + 1; k + 4 < end; ++k) {
      if (in_direct_[k] || CueAt(k)) return;  // a cue before: a frame of another kind
      if (!IsComma(k)) continue;
      Candidate c;
      if (used.empty()) used.assign(n_, false);
      if (dirty) std::fill(used.begin(), used.end(), false);
      bool attributed = AttributeAfter(k, &c, &used);
      dirty = c.has_cue;
      if (!attributed || c.ref == SpeakerRef::kNone) continue;
      uint32_t close = std::max(c.cue_end, c.ref_end);
      if (close >= end || !IsComma(close) || c.cue_first > k + 2) continue;
      if (Words(close + 1, end) < 4 || IsQuoteMarkTok(close + 1)) continue;
      // What follows goes on with the frame, not with the reported words, when a cue comes
      // at once (", заяви вчера Тръмп, като отново обвини …").
      bool frame_goes_on = false;
      for (uint32_t q = close + 1; q < end && q < close + 4 && !frame_goes_on; ++q) {
        frame_goes_on = CueAt(q) && !IsAccording(CueAt(q));
      }
      if (frame_goes_on) continue;
      c.first = sent.first_token;
      c.end = end;
      c.kind = QuoteKind::kIndirect;
      candidates_.push_back(c);
      return;
    }
  }

  // A word that may head a noun phrase: a mention, or a capitalised word that is no function
  // word or cue (German capitalises its nouns).
  bool NounHead(uint32_t k) const {
    return k < n_ && !in_direct_[k] &&
           (mention_at_[k] >= 0 || (toks_[k].kind == TokenKind::kWord && toks_[k].upper &&
                                    !IsFunction(k) && !IsPronoun(k) && !CueAt(k)));
  }
  // A phrase [first, end) that may name a source: it holds a speaker mention or a
  // capitalised word that is no mention (a German noun, "Angaben der Polizei"; a name the
  // recogniser missed), not only places and lower-case words ("prema emocionalnom delovanju
  // Rusije" is "towards Russia's …").
  bool NamesSource(uint32_t first, uint32_t end) const {
    for (uint32_t k = first; k < end; ++k) {
      if (IsSpeakerMention(mention_at_[k])) return true;
      if (mention_at_[k] < 0 && toks_[k].kind == TokenKind::kWord && toks_[k].upper) return true;
    }
    return false;
  }
  bool Determiner(uint32_t k) const {
    return k < n_ && lr_.determiners.FindWord(Fold(k)) != nullptr;
  }
  bool Adjective(uint32_t k) const {  // a lower-case word that may qualify a noun
    return k < n_ && toks_[k].kind == TokenKind::kWord && !toks_[k].upper && mention_at_[k] < 0 &&
           !in_direct_[k] && !IsFunction(k) && !Determiner(k) && !CueAt(k) && !IsPronoun(k);
  }

  // The end of the noun phrase that starts at `from` (before hi): an optional determiner, up
  // to three lower-case qualifiers and a head (a mention or a capitalised word, and the
  // names right after it), with one
  // attribute opened by a determiner ("Angaben der Polizei", "agentury Reuter"). Returns
  // `from` when no head follows.
  uint32_t NounPhraseEnd(uint32_t from, uint32_t hi) const {
    uint32_t j = from, end = from;
    for (int part = 0; part < 2; ++part) {
      if (j < hi && Determiner(j)) ++j;
      for (int a = 0; a < 3 && j < hi && Adjective(j); ++a) ++j;
      if (j >= hi || !NounHead(j)) break;
      // The head and the names right after it ("der Luftfahrtbehörden Enac").
      for (int h = 0; h < 4 && j < hi && NounHead(j); ++h) {
        j = mention_at_[j] >= 0 ? doc_.mentions[mention_at_[j]].end_token : j + 1;
      }
      end = std::min(j, hi);
      if (!(j < hi && Determiner(j))) break;
      // Where the language lists what opens an attribute (settings `source_attributes`),
      // only such a determiner does, no preposition ("laut Polizeisprecher das Gepäckstück",
      // "des Flughafens im Juni" end before it).
      if (!lr_.source_attributes.empty() &&
          (lr_.prepositions.FindWord(Fold(j)) ||
           !(ListedAt(lr_.source_attributes, j) || ListedAt(lr_.source_noun_attributes, j)))) {
        break;
      }
    }
    return end;
  }

  // The end of a short note in brackets at e, one to three capitalised words, that completes
  // a name ("Renate Schmidt (SPD)", "Matthias Berninger (Grüne)"): past its closing bracket;
  // `e` when there is none.
  uint32_t BracketNoteEnd(uint32_t e) const {
    if (e + 2 >= n_ || Text(e) != "(") return e;
    for (uint32_t k = e + 1; k < n_ && k < e + 5; ++k) {
      if (Text(k) == ")") return k > e + 1 ? k + 1 : e;
      if (toks_[k].kind != TokenKind::kWord || !toks_[k].upper || in_direct_[k] ||
          toks_[k].newline_before) {
        return e;  // only capitalised words: a name's note, not "(str. 9)"
      }
    }
    return e;
  }

  // The start of the noun phrase that ends right before `end` (not before lo): a head, its
  // qualifiers when a determiner opens them, and one attribute's head before that determiner
  // ("Ermittlungen der Polizei", "dem Bericht", "ersten Angaben" → "Angaben"). Returns `end`
  // when no head stands there.
  uint32_t NounPhraseStart(uint32_t end, uint32_t lo) const {
    uint32_t b = end;
    for (int part = 0; part < 2; ++part) {
      if (b <= lo || !NounHead(b - 1)) break;
      uint32_t k = b - 1;
      if (mention_at_[k] >= 0) k = std::max(lo, doc_.mentions[mention_at_[k]].first_token);
      uint32_t a = k;
      for (int n = 0; n < 3 && a > lo && Adjective(a - 1); ++n) --a;
      b = a > lo && Determiner(a - 1) ? a - 1 : k;
      if (!Determiner(b)) break;
    }
    return b;
  }

  // Where a description set off by a comma after a person's name ends ("Bill Graham,
  // Parteichef der Liberalen, sagte"; "P. Slaný, ředitel odboru cen MF ČR."): a title (or a
  // learnt common noun) after an optional determiner and qualifiers, with its description or
  // attribute, closed by a comma, final punctuation, a cue or a quotation mark. Returns
  // `e` (the name's end) when there is none.
  uint32_t AppositionEnd(uint32_t e) const {
    if (e + 1 >= n_ || !IsComma(e)) return e;
    uint32_t hi = SentenceAt(e).end_token, j = e + 1;
    if (j < hi && Determiner(j)) ++j;
    for (int a = 0; a < 3 && j < hi && Adjective(j); ++a) ++j;
    if (j >= hi || in_direct_[j]) return e;
    uint32_t end;
    if (auto t = lr_.titles.MatchAt(doc_, j)) {
      end = j + t.length;
    } else if (toks_[j].kind == TokenKind::kWord && toks_[j].upper && mention_at_[j] < 0 &&
               lr_.IsCommonNoun(Fold(j))) {
      end = j + 1;
    } else {
      return e;
    }
    end = Determiner(end) ? std::max(end, NounPhraseEnd(end, hi)) : DescriptionEnd(end, hi);
    end = std::max(end, j + 1);
    bool closed = end >= hi || IsComma(end) || IsFinal(end) || IsQuoteMarkTok(end) || CueAt(end);
    return closed ? end : e;
  }

  // The index of the first token that starts at or after byte b (n_ when none).
  uint32_t TokenAfter(uint32_t b) const {
    uint32_t lo = 0, hi = n_;
    while (lo < hi) {
      uint32_t mid = (lo + hi) / 2;
      if (toks_[mid].span.start < b)
        lo = mid + 1;
      else
        hi = mid;
    }
    return lo;
  }

  // A word of the list `words` (folded) at k.
  bool ListedAt(const std::vector<std::string>& words, uint32_t k) const {
    if (k >= n_ || toks_[k].kind != TokenKind::kWord) return false;
    std::string_view f = Fold(k);
    for (const std::string& w : words) {
      if (w == f) return true;
    }
    return false;
  }

  // Where the phrase of a source whose words end before e ends, in a language that lists the
  // words opening its attributes (settings `source_attributes`, `source_noun_attributes`):
  // over attributes ("Angaben des Magazins", "Ken Rice vom Institut für Astronomie"), a name
  // in quotation marks or a note in brackets right after a noun ("des Magazins „Der Spiegel“",
  // "des Bundeskriminalamtes (BKA)") and a description set off by commas ("Tony Auden, ein
  // Sprecher des Zentrums in Brisbane, sagte"), up to four parts, not over a time ("im Juni").
  // Returns e when none follows; never passes hi.
  uint32_t SourcePhraseEnd(uint32_t e, uint32_t hi, int depth = 0) const {
    if (lr_.source_attributes.empty()) return e;
    auto person_at = [&](uint32_t k) {
      return mention_at_[k] >= 0 && doc_.mentions[mention_at_[k]].type == EntityType::kPer;
    };
    for (int part = 0; part < 4 && e < hi && e > 0; ++part) {
      uint32_t j = e;
      // (A noun that names a source of information is one even when the recogniser took it
      // for a person's name: "Laut Angaben der Feuerwehr".)
      bool after_noun = NounHead(e - 1) && (!person_at(e - 1) || lr_.IsAccordingNoun(Fold(e - 1)));
      // A note in brackets: a few words, no sentence in them.
      if (Text(j) == "(") {
        uint32_t k = j + 1;
        while (k < hi && k < j + 8 && Text(k) != ")" && !IsFinal(k) && !CueAt(k)) ++k;
        if (k >= hi || Text(k) != ")" || k == j + 1) break;
        e = k + 1;
        continue;
      }
      // A name in quotation marks right after a noun.
      if (IsQuoteMarkTok(j) && after_noun) {
        uint32_t k = j + 1;
        while (k < hi && k < j + 7 && !IsQuoteMarkTok(k) && !IsFinal(k) && !IsComma(k) &&
               !CueAt(k)) {
          ++k;
        }
        if (k >= hi || !IsQuoteMarkTok(k) || k == j + 1 || !toks_[j + 1].upper) break;
        e = k + 1;
        continue;
      }
      // An attribute: a genitive or a preposition's phrase, its head no time.
      if (ListedAt(lr_.source_attributes, j) ||
          (after_noun && ListedAt(lr_.source_noun_attributes, j))) {
        uint32_t from = Determiner(j) && !lr_.prepositions.FindWord(Fold(j)) ? j : j + 1;
        uint32_t k = from;
        if (k < hi && Determiner(k)) ++k;
        for (int a = 0; a < 3 && k < hi && Adjective(k); ++a) ++k;
        // A name in quotation marks ("einem Artikel der „New York Times“").
        if (k + 2 < hi && IsQuoteMarkTok(k) && !close_of_.empty() && close_of_[k] > k + 1 &&
            close_of_[k] < hi && close_of_[k] <= k + 7 && toks_[k + 1].upper &&
            NameLike(k + 1, close_of_[k])) {
          e = close_of_[k] + 1;
          continue;
        }
        if (k >= hi || !NounHead(k) || Timely(k)) break;
        // The head and the names right after it ("des Gouverneurs Nasser Baoum").
        for (int h = 0; h < 4 && k < hi && NounHead(k); ++h) {
          k = mention_at_[k] >= 0 ? doc_.mentions[mention_at_[k]].end_token : k + 1;
        }
        e = std::min(k, hi);
        continue;
      }
      // A description set off by commas, closed by a comma, a colon, the end, a quotation mark or
      // a cue.
      if (IsComma(j) && depth == 0) {
        uint32_t k = j + 1;
        if (k < hi && Determiner(k)) ++k;
        for (int a = 0; a < 3 && k < hi && Adjective(k); ++a) ++k;
        if (k >= hi || !NounHead(k) || Timely(k)) break;
        // A name set off is a person's, after a noun that names none ("der Vorsitzende der
        // Kommission, Magdalena Chu"); other names may be a list ("Merkel, Deutschland …").
        if (mention_at_[k] >= 0 && (!person_at(k) || person_at(e - 1))) break;
        uint32_t end = mention_at_[k] >= 0 ? doc_.mentions[mention_at_[k]].end_token : k + 1;
        while (end < hi && end < k + 4 && NounHead(end) && !IsComma(end)) {
          end = mention_at_[end] >= 0 ? doc_.mentions[mention_at_[end]].end_token : end + 1;
        }
        end = SourcePhraseEnd(end, hi, depth + 1);
        bool closed = end >= hi || IsComma(end) || IsFinal(end) || Text(end) == ":" ||
                      IsQuoteMarkTok(end) || CueAt(end);
        // A name in words this reading does not take ("Professor am California Institute of
        // Technology,") closes it too: a few more words before the comma, none a verb form
        // that could make it a clause, a pronoun or a complementiser.
        for (uint32_t r = end; !closed && r < hi && r < end + 6; ++r) {
          if (IsComma(r) || Text(r) == ":") {
            closed = true;
            end = r;
            break;
          }
          bool word = toks_[r].kind == TokenKind::kWord || Text(r) == "(" || Text(r) == ")";
          if (!word || in_direct_[r] || CueAt(r) || IsPronoun(r) || IsComplementizer(r) ||
              lr_.reported_forms.FindWord(Fold(r)) || lr_.finite_auxiliaries.FindWord(Fold(r))) {
            break;
          }
        }
        if (!closed) break;
        e = end;
        continue;
      }
      break;
    }
    return std::min(e, hi);
  }

  // Sets the speaker of an according-to phrase to the words [first, end) of its source: the
  // speaker mention among them, else the words themselves.
  void SetSourcePhrase(uint32_t first, uint32_t end, Candidate* c) const {
    for (uint32_t k = first; k < end; ++k) {
      if (IsSpeakerMention(mention_at_[k])) {
        SetMention(mention_at_[k], c);
        return;
      }
    }
    c->ref = SpeakerRef::kWords;
    c->ref_first = first;
    c->ref_end = end;
  }

  // "Jak uvedl ministr, vláda …" / "Wie er sagte, sei …": a sentence that opens with a
  // parenthetical attribution (an opener of lang/<code>/parenthetical_openers.txt, a cue
  // within a few words, then a comma) reports the rest of the sentence; the speaker is named
  // inside the parenthetical or, when nobody is, carried over as a zero subject.
  // Returns whether it added a candidate.
  bool FindParenthetical(const Sentence& sent) {
    if (lr_.parenthetical_openers.empty()) return false;
    uint32_t k = sent.first_token;
    auto open = lr_.parenthetical_openers.MatchAt(doc_, k);
    if (!open || in_direct_[k]) return false;
    // A short name in marks is one word of the parenthetical ("компания «Аэрофлот»").
    uint32_t lo = k + open.length;
    for (uint32_t q = lo; q < sent.end_token && q < lo + 10; ++q) {
      if (uint32_t close = MarkedNameClose(q, sent.end_token)) {
        q = close;
        continue;
      }
      if (IsComma(q) || IsFinal(q) || in_direct_[q] || IsQuoteMarkTok(q)) return false;
      auto cue = CueAt(q);
      if (!cue || IsAccording(cue)) continue;
      uint32_t comma = q + cue.length;
      while (comma < sent.end_token && comma < q + cue.length + 10 && !IsComma(comma)) {
        if (uint32_t close = MarkedNameClose(comma, sent.end_token)) {
          comma = close + 1;
          continue;
        }
        if (IsFinal(comma) || in_direct_[comma] || IsQuoteMarkTok(comma)) return false;
        ++comma;
      }
      if (comma >= sent.end_token || !IsComma(comma)) return false;
      Candidate c;
      c.has_cue = true;
      c.cue_first = q;
      c.cue_end = q + cue.length;
      c.first = comma + 1;
      c.end = TrimEnd(c.first, sent.end_token);
      if (Words(c.first, c.end) < 3) return false;
      c.kind = QuoteKind::kIndirect;
      for (uint32_t t = c.first; t < c.end; ++t) {
        if (in_direct_[t]) c.kind = QuoteKind::kMixed;
      }
      std::vector<bool> used(n_, false);
      FindChannelVia(lo, comma, &c, &used);
      FindSpeaker(q, c.cue_end, lo, comma, used, /*after_first=*/false, &c);
      // "Как сообщает агентство ТАСС, …": an outlet that relays no one's words is their
      // source.
      if (c.ref == SpeakerRef::kNone && !c.via.empty()) {
        for (uint32_t j = lo; j < comma; ++j) {
          int m = mention_at_[j];
          if (used[j] && OrganisationOrMedium(m) && doc_.mentions[m].first_token == j) {
            SetMention(m, &c);
            c.via.clear();
            break;
          }
        }
      }
      candidates_.push_back(c);
      return true;
    }
    return false;
  }

  // Whether the name that starts at token q, right after a cue, opens the reported clause
  // rather than naming the cue's speaker in inverted order: a clitic glued to it or a
  // lower-case word that is no function word, preposition, time word, relative pronoun or
  // cue follows it, past a bracketed note ("…, said Clinton’s acceptance of donations …",
  // "…, said Clinton reached out …"; not "…, said Smith on Monday", "…, said Smith, who …").
  bool NameOpensClause(uint32_t q) const {
    int m = q < n_ ? mention_at_[q] : -1;
    if (m < 0 || doc_.mentions[m].first_token != q) return false;
    uint32_t e = BracketNoteEnd(doc_.mentions[m].end_token);
    if (e >= SentenceAt(q).end_token || toks_[e].kind != TokenKind::kWord) return false;
    if (toks_[e].span.start == toks_[e - 1].span.end) return IsApostrophe(Text(e));
    if (lr_.finite_auxiliaries.FindWord(Fold(e))) return true;  // "…, said Clinton didn’t …"
    return !toks_[e].upper && !IsFunction(e) && !lr_.prepositions.FindWord(Fold(e)) &&
           !lr_.time_nouns.FindWord(Fold(e)) && !lr_.relative_dates.FindWord(Fold(e)) &&
           !lr_.relative_pronouns.FindWord(Fold(e)) && !CueAt(e) && !IsComplementizer(e);
  }

  // The subject, a person or an organisation, that opens its clause with an apposition that
  // the comma at `comma` closes ("Derek Mitchell, who served as ambassador …, said Clinton
  // reached out …"; "But Megan Hester, senior associate at the Annenberg Institute, said";
  // "Former Pennsylvania Gov. Ed Rendell, who served as chairman of the DNC, agreed"; "Schiff,
  // 56, who has served …, told"): a name (after a title, which up to three capitalised words
  // may open), a comma, then a relative pronoun, determiner, title (after up to three
  // qualifiers) or number, with no cue, quotation or sentence end up to `comma`. The name
  // opens the sentence (after a function word that is no preposition) or follows a comma. The cue
  // after `comma` is the subject's, and a name right after the cue opens the reported clause. -1 if
  // none.
  int ApposedSubject(const Sentence& sent, uint32_t comma) const {
    if (comma <= sent.first_token + 2 || comma >= n_ || !IsComma(comma)) return -1;
    for (uint32_t j = comma; j > sent.first_token + 1;) {
      --j;
      if (IsFinal(j) || IsQuoteMarkTok(j) || in_direct_[j] || CueAt(j)) return -1;
      if (!IsComma(j)) continue;
      int m = mention_at_[j - 1];
      if (!IsSpeakerMention(m) || doc_.mentions[m].end_token != j) continue;  // an inner comma
      uint32_t a = j + 1;
      if (a + 1 >= comma) continue;
      uint32_t t = a;  // a title may follow lower-case qualifiers ("political science professor")
      while (t < a + 3 && t < comma && Adjective(t) && !lr_.titles.MatchAt(doc_, t)) ++t;
      bool opens = lr_.relative_pronouns.FindWord(Fold(a)) || Determiner(a) ||
                   lr_.titles.MatchAt(doc_, t) || toks_[a].kind == TokenKind::kNumber;
      if (!opens) continue;
      uint32_t b = doc_.mentions[m].first_token;
      for (uint32_t t0 = b > sent.first_token + 4 ? b - 4 : sent.first_token; t0 < b; ++t0) {
        if (auto u = lr_.titles.MatchAt(doc_, t0); u && t0 + u.length == b) {
          b = t0;
          for (int w = 0; w < 3 && b > sent.first_token && toks_[b - 1].upper &&
                          toks_[b - 1].kind == TokenKind::kWord && mention_at_[b - 1] < 0 &&
                          !IsFunction(b - 1);
               ++w) {
            --b;
          }
          break;
        }
      }
      bool opens_clause = b == sent.first_token || IsComma(b - 1) ||
                          (b - 1 == sent.first_token && IsFunction(b - 1) &&
                           !lr_.prepositions.FindWord(Fold(b - 1)));
      if (!opens_clause)
        continue;  // a name inside the apposition ("…, director of CREDO
                   // Action, which organized the letter, said")
      return doc_.mentions[m].type == EntityType::kPer ? LastAdjacentPerson(m) : m;
    }
    return -1;
  }

  // A participle cue after a comma ("…, adding that …", "…, summing up …"; gerund_suffixes)
  // or a cue right after a coordinator ("He said … and said that …") shares the subject of
  // the clause it hangs on: the speaker of the nearest cue before it in its sentence, when
  // that one has a speaker.
  void SpeakerOfMainClause(const Sentence& sent, Candidate* c) const {
    uint32_t k = c->cue_first;
    if (k <= sent.first_token) return;
    bool participle = IsComma(k - 1) && !toks_[k].upper && lr_.IsGerund(Fold(k));
    bool coordinated = lr_.IsCoordinator(Fold(k - 1));
    if (!participle && !coordinated) return;
    const Candidate* main = nullptr;
    for (const Candidate& x : candidates_) {
      if (x.has_cue && x.cue_first >= sent.first_token && x.cue_first < k &&
          (!main || x.cue_first > main->cue_first)) {
        main = &x;
      }
    }
    if (!main || main->ref == SpeakerRef::kNone) return;
    c->ref = main->ref;
    c->mention = main->mention;
    c->ref_first = main->ref_first;
    c->ref_end = main->ref_end;
  }

  // Where a finite verb always has its subject (settings subject_required), a cue that opens
  // its sentence with a complementiser right after it is a participle with no agent ("Asked
  // whether Clinton has the integrity …, 75 percent of Democrats said yes"): the quotation
  // has no speaker, whoever is named near it being the one asked.
  void Agentless(const Sentence& sent, Candidate* c) const {
    uint32_t k = c->cue_first;
    if (!lr_.subject_required || k != sent.first_token || c->first <= c->cue_end ||
        !IsComplementizer(c->first - 1)) {
      return;
    }
    c->ref = SpeakerRef::kNone;
    c->mention = -1;
    c->agentless = true;
  }

  void FindReported(const Sentence& sent) {
    {
      uint32_t k = sent.first_token;
      while (k < sent.end_token) {
        if (in_direct_[k]) {
          ++k;
          continue;
        }
        auto cue = CueAt(k);
        if (!cue) {
          k = AccordingNounPhrase(sent, k) ? sent.end_token : k + 1;
          continue;
        }
        Candidate c;
        c.has_cue = true;
        c.cue_first = k;
        c.cue_end = k + cue.length;
        std::vector<bool> used(n_, false);
        if (IsAccording(cue)) {
          if (TryAccording(sent, &c, &used)) {
            k = sent.end_token;
            continue;
          }
          k = c.cue_end;
          continue;
        }
        // The complementiser: within a few tokens after the cue, before any quotation mark.
        // An auxiliary before it shows that a clause opened at the cue without one, and
        // the later word is a relative pronoun ("said officials are in possession of video
        // that shows …").
        // A split cue's clause follows its last word ("gab er an, …").
        uint32_t tail = c.cue_end;
        if (cue.length < cue.entry->words.size()) tail = SeparableEnd(k, *cue.entry);
        if (tail < c.cue_end) tail = c.cue_end;
        uint32_t comp = 0;
        bool finite_first = false;
        for (uint32_t q = tail; q < sent.end_token && q < tail + 12; ++q) {
          if (IsFinal(q) || in_direct_[q] || CueAt(q)) break;
          if (IsComplementizer(q)) {
            comp = q;
            break;
          }
          if (q > tail && !IsComma(q - 1) && lr_.finite_auxiliaries.FindWord(Fold(q))) {
            finite_first = true;
            break;
          }
        }
        // The cue of a quotation before it frames that quotation, not a clause after it
        // ("“…,” Biden told reporters at the White House"), unless a complementiser opens one.
        if (!comp && FramesDirect(k)) {
          k = c.cue_end;
          continue;
        }
        // Languages that may drop the complementiser ("He said the plan was dead", "Er
        // sagte, er sei …"): a clause that opens right after the cue (or its comma).
        // Not after a clause that the cue frames ("…, claims its former lawyer John Carter.",
        // "“…,” said the company's chief executive"): its words name the speaker.
        bool framing = c.cue_first > sent.first_token &&
                       (IsComma(c.cue_first - 1) || IsQuoteMarkTok(c.cue_first - 1)) &&
                       EndsWithSpeaker(c.cue_end, sent.end_token);
        if (!comp && !lr_.clause_starters.empty() && !framing) {
          uint32_t q = tail;
          // A short adverbial may stand between the cue and its comma ("sagte am Dienstag,
          // die Brücke werde …"), but no name: that would be the speaker.
          for (uint32_t j = q; j < sent.end_token && j < q + 4; ++j) {
            if (IsFinal(j) || in_direct_[j] || mention_at_[j] >= 0 || IsQuoteMarkTok(j)) break;
            if (IsComma(j)) {
              if (j > q) q = j;
              break;
            }
          }
          if (q < sent.end_token && IsComma(q)) ++q;
          // Where every clause is set off by a comma (German), none opens without one:
          // "sagte sie: „…“", "äußerten die Richter „…“" name the subject after the cue.
          bool comma_opens = q > c.cue_end && IsComma(q - 1);
          // "said Monday the plan was …": a day before the clause is when it was said.
          while (q + 2 < sent.end_token && toks_[q].kind == TokenKind::kWord &&
                 mention_at_[q] < 0 &&
                 (lr_.time_nouns.FindWord(Fold(q)) || lr_.relative_dates.FindWord(Fold(q)))) {
            ++q;
          }
          // "said after the convention he would not …", "said in a statement the plan would
          // …" (settings `adverbial_before_clause`): a prepositional phrase between the cue
          // and its clause, which opens after one of its nouns with a subject pronoun, or a
          // clause starter when an auxiliary follows.
          if (lr_.adverbial_before_clause && c.cue_first > sent.first_token && q == c.cue_end &&
              q + 3 < sent.end_token && lr_.prepositions.FindWord(Fold(q))) {
            for (uint32_t j = q + 2; j < sent.end_token && j < q + 8; ++j) {
              if (IsPunct(j) || in_direct_[j] || CueAt(j) || IsQuoteMarkTok(j)) break;
              bool noun_before = toks_[j - 1].kind == TokenKind::kWord && !IsFunction(j - 1) &&
                                 !lr_.prepositions.FindWord(Fold(j - 1)) &&
                                 !lr_.determiners.FindWord(Fold(j - 1));
              if (noun_before && (IsPronoun(j) || (finite_first && mention_at_[j] < 0 &&
                                                   lr_.clause_starters.MatchAt(doc_, j)))) {
                q = j;
                break;
              }
            }
          }
          bool after_speaker = false;
          if (q < sent.end_token && IsSpeakerMention(mention_at_[q]) && q == c.cue_end &&
              ApposedSubject(sent, c.cue_first - 1) < 0) {
            // "said Smith, the …" — inverted order: skip the speaker, expect a comma. Not
            // when a subject stands before the cue and an auxiliary right after the name
            // ("Palmieri said Clinton will address …").
            uint32_t e = doc_.mentions[mention_at_[q]].end_token;
            after_speaker = !(finite_first && c.cue_first > sent.first_token &&
                              !IsComma(c.cue_first - 1) && !IsQuoteMarkTok(c.cue_first - 1) &&
                              e < sent.end_token && lr_.finite_auxiliaries.FindWord(Fold(e)));
            // Nor when the subject, a name or a pronoun, stands right before the cue
            // ("Hillary Clinton says Donald Trump’s flurry of tweets was …").
            uint32_t b = c.cue_first - 1;
            int before = c.cue_first > sent.first_token ? mention_at_[b] : -1;
            if (c.cue_first > sent.first_token &&
                ((IsSpeakerMention(before) && doc_.mentions[before].end_token == c.cue_first) ||
                 IsPronoun(b))) {
              after_speaker = false;
            }
            if (c.cue_first > sent.first_token && NameOpensClause(q)) after_speaker = false;
          }
          // A name may open the clause too when the speaker stands before the cue
          // ("Trump said Clinton was lying"), but not when nothing does ("said Monday").
          bool name_opens = mention_at_[q] >= 0 && c.cue_first > sent.first_token &&
                            doc_.mentions[mention_at_[q]].end_token < sent.end_token &&
                            !IsComma(doc_.mentions[mention_at_[q]].end_token);
          // A subject of any kind when an auxiliary follows it ("said praise from Putin
          // would not affect …"), but not a preposition ("said in a statement").
          bool finite_opens = finite_first && c.cue_first > sent.first_token &&
                              toks_[q].kind == TokenKind::kWord && !IsPronoun(q) &&
                              !lr_.prepositions.FindWord(Fold(q)) &&
                              !lr_.finite_auxiliaries.FindWord(Fold(q));
          // So may a bare noun in lower case when the speaker stands before the cue
          // ("…, said families still want the bus to keep its route").
          bool noun_opens = c.cue_first > sent.first_token && q + 3 < sent.end_token &&
                            toks_[q].kind == TokenKind::kWord && !toks_[q].upper &&
                            mention_at_[q] < 0 && !IsFunction(q) && !IsPronoun(q) &&
                            !lr_.prepositions.FindWord(Fold(q)) &&
                            !lr_.finite_auxiliaries.FindWord(Fold(q)) &&
                            toks_[q + 1].kind == TokenKind::kWord && Words(q, sent.end_token) >= 4;
          // Where every clause is set off by a comma, one holding a verb in the reporting mood
          // opens after the cue's comma with any word ("sagte, niemand sei verletzt worden",
          // "erklärte, viele Menschen hätten …").
          bool mood_opens = false;
          if (lr_.clause_needs_comma && comma_opens && !lr_.reported_forms.empty() &&
              toks_[q].kind == TokenKind::kWord) {
            for (uint32_t j = q + 1; j < sent.end_token && j < q + 16 && !mood_opens; ++j) {
              if (IsPunct(j) || in_direct_[j] || CueAt(j)) break;
              mood_opens = toks_[j].kind == TokenKind::kWord &&
                           lr_.reported_forms.FindWord(Fold(j)) != nullptr;
            }
          }
          if (!after_speaker && q + 2 < sent.end_token && !in_direct_[q] &&
              (comma_opens || !lr_.clause_needs_comma) &&
              (lr_.clause_starters.MatchAt(doc_, q) || name_opens || finite_opens || noun_opens ||
               mood_opens)) {
            comp = q - 1;  // the clause starts at q
          }
        }
        // A naming verb without a complementiser ("Захарова назвала отставку Джонсона
        // признаком кризиса", "уход Джонсона расценили как нежелание …") reports its object
        // and what it is called: the rest of the clause, the speaker standing before the cue.
        // Not with quoted words in it: those are the quotation ("назвал его «одной из сил»").
        // (After a comma only when it closes the apposition of the person who opens the
        // sentence: "Rep. Adam Schiff, the top Democrat on …, called on Obama to …", or, with
        // `participle_objects`, when it is a participle: "…, promising to meet his goals". Not a
        // passive one whose agent follows: "endorsed by dozens of papers", passive_agents.)
        if (!comp && IsNaming(cue) && c.cue_first > sent.first_token &&
            (!IsComma(c.cue_first - 1) || ApposedSubject(sent, c.cue_first - 1) >= 0 ||
             (lr_.participle_objects && !toks_[c.cue_first].upper &&
              lr_.IsGerund(Fold(c.cue_first)))) &&
            c.cue_end + 1 < sent.end_token && !IsSpeakerMention(mention_at_[c.cue_end]) &&
            !ListedAt(lr_.passive_agents, c.cue_end)) {
          bool quoted = false;
          for (uint32_t q = c.cue_end; q < sent.end_token && !quoted; ++q) {
            quoted = in_direct_[q] || IsQuoteMarkTok(q);
          }
          if (!quoted) comp = c.cue_end - 1;
        }
        if (!comp || comp + 1 >= sent.end_token) {
          if (lr_.reported_acts && !comp && ReportedAct(sent, &c, used)) {
            k = sent.end_token;
            continue;
          }
          k = c.cue_end;
          continue;
        }
        uint32_t end = TrimEnd(comp + 1, sent.end_token);
        // A semicolon outside quotation marks ends the reported clause ("… was not
        // intentional; they only learned on Friday …"); so does an adverbial participle
        // after a comma, in lower case and no function word ("…, че изборите са били
        // „фалшифицирани“, позовавайки се на …"; en "…, citing …", not "…, including …").
        uint32_t resume = 0;  // after a participle that ends the clause: later cues report
        for (uint32_t q = comp + 2; q < end; ++q) {
          bool gerund = IsComma(q) && q + 1 < end && !in_direct_[q + 1] && !toks_[q + 1].upper &&
                        !IsFunction(q + 1) && lr_.IsGerund(Fold(q + 1));
          if (!in_direct_[q] && (Text(q) == ";" || gerund)) {
            if (gerund) resume = q + 1;
            end = TrimEnd(comp + 1, q);
            break;
          }
        }
        // "…, da Srbija ne treba da strahuje i ukazao da je Evropa …": a second cue with its
        // own complementiser ends the first reported clause; the loop goes on from it.
        uint32_t next_cue = 0;
        for (uint32_t q = comp + 3; q + 1 < end; ++q) {
          if (in_direct_[q] || !CueAt(q) || IsAccording(CueAt(q))) continue;
          if (!(IsComma(q - 1) || (IsFunction(q - 1) && Chars(q - 1) <= 4) ||
                ConjoinedAfterComma(comp + 2, q))) {
            continue;
          }
          bool has_comp = false;
          for (uint32_t r = q + 1; r < end && r < q + 5; ++r) {
            if (IsComplementizer(r)) has_comp = true;
          }
          if (!has_comp) continue;
          next_cue = q;
          end = q - 1;
          while (end > comp + 1 && (IsComma(end - 1) || IsFinal(end - 1))) --end;
          break;
        }
        // "… said about 20 people have shown interest, but he refuses to discuss …",
        // "Republicans said … and Democrats accused the GOP of …": a cue whose own subject, a
        // pronoun or a name, follows a comma or a short conjunction starts a new report — in
        // languages that may drop the complementiser (clause_starters.txt), where a second
        // cue has none to show it (elsewhere the rule above finds it).
        for (uint32_t q = comp + 4; !next_cue && !lr_.clause_starters.empty() && q + 1 < end; ++q) {
          if (in_direct_[q] || !CueAt(q) || IsAccording(CueAt(q))) continue;
          uint32_t b = q;  // where the subject starts
          if (IsPronoun(q - 1)) {
            b = q - 1;
          } else if (int m = mention_at_[q - 1];
                     IsSpeakerMention(m) && doc_.mentions[m].end_token == q) {
            b = doc_.mentions[m].first_token;
          }
          if (b == q || b <= comp + 3 || in_direct_[b - 1]) continue;
          bool joined = IsComma(b - 1) || lr_.IsCoordinator(Fold(b - 1)) ||
                        (IsFunction(b - 1) && Chars(b - 1) <= 4 &&
                         !lr_.relative_pronouns.FindWord(Fold(b - 1)) && !IsComplementizer(b - 1));
          if (!joined) continue;
          next_cue = q;
          end = b - 1;
          while (end > comp + 1 && (IsComma(end - 1) || IsFinal(end - 1))) --end;
          break;
        }
        // "… said it was opposed to the test and warned North Korea to …": with
        // `coordinated_cues`, a cue right after a coordinator reports on its own, with the
        // subject of the cue before it (SpeakerOfMainClause); the loop goes on from it.
        for (uint32_t q = comp + 3; !next_cue && lr_.coordinated_cues && q + 1 < end; ++q) {
          if (in_direct_[q] || in_direct_[q - 1] || !CueAt(q) || IsAccording(CueAt(q)) ||
              !lr_.IsCoordinator(Fold(q - 1))) {
            continue;
          }
          next_cue = q;
          end = q - 1;
          while (end > comp + 1 && (IsComma(end - 1) || IsFinal(end - 1))) --end;
          break;
        }
        // A quotation with a frame of its own after it starts a new report where a full stop
        // was left out (`… iz Turske "To ne bi bilo dostojno Turske", rekao je on.`).
        for (uint32_t q = comp + 3; q + 1 < end && !close_of_.empty(); ++q) {
          if (!IsQuoteMarkTok(q) || close_of_[q] <= q + 1 || close_of_[q] >= end ||
              !toks_[q + 1].upper || IsQuoteMarkTok(q - 1)) {
            continue;
          }
          uint32_t r = close_of_[q] + 1;
          while (r < end && (IsComma(r) || IsDash(r))) ++r;
          bool framed =
              r < end && (CueAt(r) || (r + 1 < end && CueAt(r + 1))) &&
              (IsComma(close_of_[q] - 1) || IsComma(close_of_[q] + 1) || IsDash(close_of_[q] + 1));
          if (framed) {
            end = TrimEnd(comp + 1, q);
            break;
          }
        }
        // A frame of its own after a comma ("People feel that …, said Sylvia Manzano, who …";
        // "…, he said.") ends the reported words.
        for (uint32_t q = comp + 3; q + 1 < end; ++q) {
          if (IsComma(q) && !in_direct_[q] && TrailingFrame(q + 1, sent.end_token)) {
            end = TrimEnd(comp + 1, q);
            break;
          }
        }
        // A trailing ", сообщает ТАСС" belongs to the frame, not to the reported words.
        end = CutTrailingCredit(comp + 1, end, sent.end_token, &c, &used);
        if (Words(comp + 1, end) < 2) {
          k = c.cue_end;
          continue;
        }
        c.first = comp + 1;
        // "отметил, что, несмотря на …": the comma after the complementiser is the frame's.
        while (c.first + 1 < end && IsComma(c.first)) ++c.first;
        c.end = end;
        c.kind = QuoteKind::kIndirect;
        for (uint32_t q = c.first; q < c.end; ++q) {
          if (in_direct_[q]) c.kind = QuoteKind::kMixed;
        }
        FindChannelVia(c.cue_end, comp, &c, &used);
        FindChannelVia(sent.first_token, c.cue_first, &c, &used);
        FindSpeaker(c.cue_first, c.cue_end, sent.first_token, comp, used, false, &c);
        PreferOpeningSubject(sent, &c);
        if (c.cue_first > sent.first_token) {
          if (int m = ApposedSubject(sent, c.cue_first - 1); m >= 0) SetMention(m, &c);
        }
        SpeakerOfMainClause(sent, &c);
        PrefieldSubject(sent, &c);
        // A passive or impersonal cue has no subject: a name near it is not the speaker but
        // the agent after "von" is ("wurde von der Polizei mitgeteilt").
        if (PassiveCue(c.cue_first, c.cue_end) && c.ref != SpeakerRef::kNone &&
            !(c.ref_first > 0 && ListedAt(lr_.passive_agents, c.ref_first - 1))) {
          c.ref = SpeakerRef::kNone;
        }
        Agentless(sent, &c);
        candidates_.push_back(c);
        k = next_cue ? next_cue : resume ? resume : sent.end_token;
      }
    }
  }

  // A speech act reported without its words ("Die Polizei sprach von einer friedlichen
  // Demonstration.", "Der Verband fordert höhere Löhne."): the whole sentence around a cue
  // that frames no clause and no quotation. Returns whether it added a candidate.
  bool ReportedAct(const Sentence& sent, Candidate* c, const std::vector<bool>& used) {
    for (uint32_t q = sent.first_token; q < sent.end_token; ++q) {
      if (in_direct_[q] || IsQuoteMarkTok(q) || Text(q) == ":") return false;
    }
    for (const Candidate& x : candidates_) {
      if (x.end > sent.first_token && x.first < sent.end_token) return false;
    }
    // Not a sentence that points back to the words before ("Dies bestätigte …"), nor a cue
    // in a comparison ("wie erwartet").
    if (lr_.cataphora.MatchAt(doc_, sent.first_token)) return false;
    if (c->cue_first > sent.first_token &&
        lr_.parenthetical_openers.FindWord(Fold(c->cue_first - 1))) {
      return false;
    }
    uint32_t end = TrimEnd(sent.first_token, sent.end_token);
    if (Words(sent.first_token, end) < 4) return false;
    c->first = sent.first_token;
    c->end = end;
    c->kind = QuoteKind::kIndirect;
    FindSpeaker(c->cue_first, c->cue_end, sent.first_token, sent.end_token, used, false, c);
    PrefieldSubject(sent, c);
    if (PassiveCue(c->cue_first, c->cue_end)) c->ref = SpeakerRef::kNone;
    if (c->ref == SpeakerRef::kNone) return false;
    candidates_.push_back(*c);
    return true;
  }

  // The comma that ends the phrase starting at `from` within `reach` tokens (before hi);
  // `from` when none does.
  uint32_t CommaWithin(uint32_t from, uint32_t hi, uint32_t reach) const {
    for (uint32_t k = from; k < hi && k <= from + reach; ++k) {
      if (IsComma(k)) return k;
      if (IsPunct(k) && Text(k) != "(" && Text(k) != ")" && Text(k) != "-") return from;
    }
    return from;
  }

  // Whether a frame starts at token k (after a comma, before hi): a cue, or a pronoun or a
  // name right before one, that opens no clause of its own (no complementiser follows).
  bool TrailingFrame(uint32_t k, uint32_t hi) const {
    uint32_t q = k;
    if (q < hi && IsPronoun(q)) {
      ++q;
    } else if (q < hi && IsSpeakerMention(mention_at_[q])) {
      q = doc_.mentions[mention_at_[q]].end_token;
    }
    auto cue = q < hi ? CueAt(q) : PhraseTable::Match{};
    if (!cue || IsAccording(cue) || IsNaming(cue) || in_direct_[q]) return false;
    for (uint32_t j = q + cue.length; j < hi && j < q + cue.length + 4; ++j) {
      if (IsComplementizer(j) || IsQuoteMarkTok(j)) return false;
    }
    return true;
  }

  // Whether `name` is written as quote q's speaker: its words in the article, its name, or a
  // mention of its entity (case folded).
  bool NamesSpeaker(const Quote& q, const std::string& name) const {
    std::string f = utf8::FoldCase(name);
    if (!q.speaker_span.empty() && utf8::FoldCase(doc_.Text(q.speaker_span)) == f) return true;
    if (!q.speaker.empty() && utf8::FoldCase(q.speaker) == f) return true;
    if (q.speaker_entity < 0) return false;
    for (const Mention& m : doc_.mentions) {
      if (m.entity == q.speaker_entity && utf8::FoldCase(doc_.Text(m.span)) == f) return true;
    }
    return false;
  }

  // Whether the cue at token k frames a quotation in marks that stands before it in its
  // sentence.
  bool FramesDirect(uint32_t k) const {
    for (const Candidate& x : candidates_) {
      if (x.has_cue && x.cue_first == k && x.kind == QuoteKind::kDirect && x.end <= k &&
          sentence_of_[x.first] == sentence_of_[k]) {
        return true;
      }
    }
    return false;
  }

  // An outlet's credit that ends the reported words after a comma ("…, сообщает ТАСС", "…,
  // prenosi Tanjug", "…, Reuters reported") is the frame's: takes it as the via and returns
  // where the words end (`end` when there is none). `limit`: the sentence's end.
  uint32_t CutTrailingCredit(uint32_t first, uint32_t end, uint32_t limit, Candidate* c,
                             std::vector<bool>* used) const {
    for (uint32_t q = first + 2; q < end; ++q) {
      if (!IsComma(q - 1) || in_direct_[q]) continue;
      uint32_t v = q, s = q;
      if (s + 1 < end && IsFunction(s) && mention_at_[s] < 0) ++s;  // "the Harbour Gazette"
      int m = mention_at_[s];
      if (OrganisationOrMedium(m) && doc_.mentions[m].first_token == s) {
        v = doc_.mentions[m].end_token;
      }
      auto via = v < end ? lr_.via.MatchAt(doc_, v) : PhraseTable::Match();
      if (!via) continue;
      if (v > q) {
        // The outlet before its verb: the verb must end the clause.
        if (TrimEnd(v, end) != v + via.length) continue;
        if (c->via.empty()) c->via = std::string(doc_.Text(doc_.mentions[m].span));
        for (uint32_t j = q; j < v + via.length; ++j) (*used)[j] = true;
      } else {
        FindChannelVia(q, limit, c, used);
      }
      uint32_t e = q - 1;
      while (e > first && (IsComma(e - 1) || IsDash(e - 1))) --e;
      return e;
    }
    return end;
  }

  // "Nach einer norwegischen Studie wird …", "… hat nach Polizeiangaben …": a preposition of
  // settings `according_noun_prepositions` at k before a noun phrase whose head names a
  // source of information (according_nouns.txt) is an according-to phrase whose source is
  // that noun phrase. Returns whether it added a candidate.
  bool AccordingNounPhrase(const Sentence& sent, uint32_t k) {
    if (lr_.according_noun_prepositions.empty() || toks_[k].kind != TokenKind::kWord) return false;
    std::string_view f = Fold(k);
    bool listed = false;
    for (const std::string& p : lr_.according_noun_prepositions) listed = listed || p == f;
    if (!listed) return false;
    uint32_t hi = sent.end_token, j = k + 1;
    if (j < hi && Determiner(j)) ++j;
    for (int a = 0; a < 3 && j < hi && Adjective(j); ++a) ++j;
    if (j >= hi || !NounHead(j) || mention_at_[j] >= 0 || !lr_.IsAccordingNoun(Fold(j))) {
      return false;
    }
    uint32_t e = NounPhraseEnd(k + 1, hi);
    if (e <= j) return false;
    Candidate c;
    c.has_cue = true;
    c.cue_first = k;
    c.cue_end = k + 1;
    std::vector<bool> used(n_, false);
    return TryAccording(sent, &c, &used, e);
  }

  // "Според X, …" / "…, according to X." as reported speech of X. A `source_end` past the
  // cue gives the source's words [cue_end, source_end) (AccordingNounPhrase).
  bool TryAccording(const Sentence& sent, Candidate* c, std::vector<bool>* used,
                    uint32_t source_end = 0) {
    // The source: a name, or a title ("според финансовия министър"), within a few words.
    uint32_t after = 0;
    uint32_t phrase_first = c->cue_first;  // where the according-to phrase starts
    if (source_end > c->cue_end) {
      SetSourcePhrase(c->cue_end, source_end, c);
      after = source_end;
    } else if (IsAccordingSelf(CueAt(c->cue_first))) {
      // The words naming the speaker: the pronoun inside the phrase ("По его словам" → "его"),
      // else the whole phrase.
      c->ref = SpeakerRef::kPronoun;
      c->ref_first = c->cue_first;
      c->ref_end = c->cue_end;
      for (uint32_t j = c->cue_first; j < c->cue_end; ++j) {
        if (lr_.oblique_pronouns.FindWord(Fold(j))) {
          c->ref_first = j;
          c->ref_end = j + 1;
          break;
        }
      }
      after = c->cue_end;
    } else if (IsAccordingBefore(CueAt(c->cue_first))) {
      // "Ermittlungen der Polizei zufolge": the source is the noun phrase before.
      uint32_t b = NounPhraseStart(c->cue_first, sent.first_token);
      if (b == c->cue_first || !NamesSource(b, c->cue_first)) return false;
      SetSourcePhrase(b, c->cue_first, c);
      phrase_first = b;
      after = c->cue_end;
    }
    // "Според едни …", "по мнению некоторых экспертов, …": an unnamed part of people, with
    // the body or title it counts when one follows ("някои експерти"), not the subject of the
    // report ("Според други организацията …").
    if (uint32_t n = !after && c->cue_end < sent.end_token ? IndefiniteSource(c->cue_end) : 0;
        n > 0) {
      uint32_t e = c->cue_end + n;
      if (e + 1 < sent.end_token && toks_[e].kind == TokenKind::kWord && !toks_[e].upper &&
          (IsComma(e + 1) || ((lr_.bodies.MatchAt(doc_, e) || lr_.titles.MatchAt(doc_, e)) &&
                              !lr_.DefiniteBySuffix(Fold(e), /*plural=*/true)))) {
        ++e;
      }
      c->ref = SpeakerRef::kWords;
      c->ref_first = c->cue_end;
      c->ref_end = e;
      after = e;
    }
    for (uint32_t k = c->cue_end; k < sent.end_token && k < c->cue_end + 6 && !after; ++k) {
      // (A medium or a brand too: "по данным Bloomberg", "по данным организации Promo-LEX";
      // and a place right after the phrase, for its government: "според Отава".)
      int here = mention_at_[k];
      if (IsSpeakerMention(here) || OrganisationOrMedium(here) ||
          (k == c->cue_end && here >= 0 && doc_.mentions[here].type == EntityType::kLoc &&
           doc_.mentions[here].first_token == k && toks_[k].upper &&
           PlaceAlone(doc_.mentions[here].end_token, sent.end_token))) {
        SetMention(mention_at_[k], c);
        after = c->ref_end;
      } else if (auto t = lr_.titles.MatchAt(doc_, k)) {
        uint32_t e = k + t.length;
        // "podle ředitele pražského úřadu vyšetřování R. Malečka": the person a few words on.
        int person = e < sent.end_token && IsSpeakerMention(mention_at_[e])
                         ? mention_at_[e]
                         : PersonAfterTitle(e, sent.end_token);
        if (person >= 0) {
          SetMention(person, c);
          after = c->ref_end;
        } else {
          // An attribute opened by a determiner goes with the title ("so der Sprecher des
          // Landratsamts").
          uint32_t d = Determiner(e) ? std::max(e, NounPhraseEnd(e, sent.end_token)) : e;
          c->ref = SpeakerRef::kTitle;
          c->ref_first = k;
          c->ref_end = d;
          after = d;
        }
      } else if (auto b = lr_.bodies.MatchAt(doc_, k)) {  // "според източници на Bloomberg"
        c->ref = SpeakerRef::kTitle;
        c->ref_first = k;
        c->ref_end = BodyDescriptionEnd(k + b.length, sent.end_token);
        after = c->ref_end;
      } else if (lr_.oblique_pronouns.FindWord(Fold(k))) {  // "по думите му", "according to him"
        c->ref = SpeakerRef::kPronoun;
        c->ref_first = k;
        c->ref_end = k + 1;
        after = k + 1;
      } else if (IsPunct(k)) {
        break;
      }
    }
    if (!after) {
      // No name, title or pronoun: a noun phrase names the source ("nach Angaben der
      // Polizei", "laut Experten").
      uint32_t e = NounPhraseEnd(c->cue_end, sent.end_token);
      if (e == c->cue_end || !NamesSource(c->cue_end, e)) {
        // At the end of its sentence, a phrase of common nouns names the source as well
        // ("…, according to federal statistics.", "…, according to a campaign aide.").
        e = TrimEnd(c->cue_end, sent.end_token);
        bool plain = IsAccordingAny(CueAt(c->cue_first)) && e > c->cue_end &&
                     e - c->cue_end <= 8 && phrase_first > sent.first_token;
        // So does one that opens its sentence up to its comma ("According to the same poll,
        // …").
        if (!plain && phrase_first <= sent.first_token + 1 && IsAccordingAny(CueAt(c->cue_first))) {
          e = CommaWithin(c->cue_end, sent.end_token, 8);
          plain = e > c->cue_end;
        }
        for (uint32_t k = c->cue_end; k < e && plain; ++k) {
          plain = toks_[k].kind == TokenKind::kWord && !in_direct_[k] && !CueAt(k) &&
                  !IsPronoun(k) && !IsComplementizer(k);
        }
        if (!plain || IsFunction(e - 1)) return false;
      }
      SetSourcePhrase(c->cue_end, e, c);
      after = e;
    }
    // At the end of its sentence the source's phrase may go on past what was read as its
    // head ("…, according to a campaign aide.", "… the event organizer Alliance to Reclaim
    // Our Schools (AROS)."): a few more words, up to the end.
    if (IsAccordingAny(CueAt(c->cue_first)) && phrase_first > sent.first_token + 1 &&
        (c->ref == SpeakerRef::kTitle || c->ref == SpeakerRef::kWords ||
         c->ref == SpeakerRef::kMention)) {
      uint32_t t = TrimEnd(after, sent.end_token);
      bool rest = t > after && t - after <= 8;
      for (uint32_t j = after; j < t && rest; ++j) {
        rest = !in_direct_[j] && !CueAt(j) && !IsComplementizer(j) && !IsComma(j) &&
               (toks_[j].kind != TokenKind::kPunct || Text(j) == "(" || Text(j) == ")");
      }
      if (rest) {
        if (c->ref != SpeakerRef::kMention) {
          c->ref_first = c->cue_end;  // the whole phrase, its determiner too
          c->ref_end = t;
        }
        after = t;
      }
    }
    // The source's phrase takes in its attributes ("Laut Angaben des Magazins „Der Spiegel“
    // sei …"), where the language lists the words that open them.
    if (phrase_first == c->cue_first && after > c->cue_end && c->ref != SpeakerRef::kPronoun) {
      if (uint32_t e = SourcePhraseEnd(after, sent.end_token); e > after) {
        // A noun that names a source of information leaves the speaker to its attribute
        // ("Laut Angaben des Magazins …": the magazine).
        // (Also when the recogniser took the noun for a name.)
        if ((c->ref == SpeakerRef::kWords || c->ref == SpeakerRef::kMention) &&
            c->ref_end == after && lr_.IsAccordingNoun(Fold(c->ref_end - 1))) {
          SetSourcePhrase(after, e, c);
        } else if (c->ref != SpeakerRef::kMention) {
          c->ref_end = e;
        }
        after = e;
      }
    }
    // Opening its sentence, the source's phrase takes in a bracketed note before its comma
    // ("По данным … Центр за ответственную политику (Center for Responsive Politics), …").
    if (phrase_first <= sent.first_token + 1 && after + 2 < sent.end_token && Text(after) == "(") {
      uint32_t close = after + 1;
      while (close < sent.end_token && close < after + 9 && Text(close) != ")" &&
             !in_direct_[close] && !IsQuoteMarkTok(close) && !CueAt(close)) {
        ++close;
      }
      if (close + 1 < sent.end_token && Text(close) == ")" && IsComma(close + 1)) after = close + 1;
    }
    // Opening its sentence, a title's phrase goes on to its comma over the title's complement
    // ("По словам гендиректора корпорации, в 2021 году …").
    if (phrase_first <= sent.first_token + 1 && c->ref == SpeakerRef::kTitle &&
        after < sent.end_token && !IsComma(after)) {
      uint32_t comma = CommaWithin(after, sent.end_token, 4);
      bool plain = comma > after;
      for (uint32_t j = after; j < comma && plain; ++j) {
        plain = toks_[j].kind == TokenKind::kWord && !in_direct_[j] && !CueAt(j) &&
                !IsComplementizer(j) && !IsPronoun(j);
      }
      if (plain) c->ref_end = after = comma;
    }
    while (after < sent.end_token && (IsComma(after) || IsDash(after))) ++after;
    if (phrase_first <= sent.first_token + 1) {
      c->first = after;
      c->end = TrimEnd(after, sent.end_token);
    } else if (TrimEnd(after, sent.end_token) > after) {
      // Inside the clause ("Ein Tatverdacht bestehe nach Angaben der Bundesanwaltschaft nicht
      // mehr"): the whole sentence is what the source says, in languages that place it so.
      // After a subordinator or a conjunction ("тъй като по думите му …", "която според
      // него има проблеми") the phrase opens its own clause: what follows is reported.
      bool opens_clause = !lr_.according_inside_clause && phrase_first > sent.first_token &&
                          IsFunction(phrase_first - 1) &&
                          !AfterPreposition(phrase_first);
      // Set off by commas on both sides, it is a parenthesis of the whole sentence
      // ("Четвъртият принцип, според премиера, трябва да е …").
      bool parenthesis = false;
      if (phrase_first > sent.first_token + 1 && IsComma(phrase_first - 1)) {
        for (uint32_t j = after - 1; j < sent.end_token && j < after + 5 && !parenthesis; ++j) {
          if (IsFinal(j) || in_direct_[j] || CueAt(j) || IsQuoteMarkTok(j)) break;
          parenthesis = IsComma(j);
        }
      }
      if (opens_clause) {
        c->first = after;
        c->end = TrimEnd(after, sent.end_token);
      } else {
        if (!lr_.according_inside_clause && !parenthesis) return false;
        c->first = sent.first_token;
        c->end = TrimEnd(sent.first_token, sent.end_token);
      }
    } else {
      c->first = sent.first_token;
      c->end = phrase_first;
      while (c->end > c->first && (IsComma(c->end - 1) || IsDash(c->end - 1))) --c->end;
    }
    c->end = CutTrailingCredit(c->first, c->end, sent.end_token, c, used);
    if (Words(c->first, c->end) < 3) return false;
    // Quoted words inside leave it a report (mixed: "По думите му е „непростимо“ …").
    if (MostlyQuoted(c->first, c->end)) return false;
    c->kind = QuoteKind::kIndirect;
    // The channel and via are named in the frame, not in the reported words ("Според
    // анализатори визитата е знак за промяна в позицията на президента").
    FindChannelVia(sent.first_token, c->first, c, used);
    FindChannelVia(c->end, sent.end_token, c, used);
    candidates_.push_back(*c);
    return true;
  }

  // Reported speech that goes on in the reporting mood without a cue ("Er sagte, die Lage
  // sei ernst. Es gebe keine Alternative."; Bulgarian "Тя нямало да се върне."): a sentence
  // with such a verb form (not right after a blocker: "е казал"), outside
  // quotation marks, right after a sentence that holds a quotation continues it, speaker and
  // all; the chain goes on while the sentences do, one quote within a paragraph.
  void FindReportedMood() {
    if (lr_.reported_forms.empty()) return;
    std::vector<bool> holds(doc_.sentences.size(), false);
    for (const Candidate& c : candidates_) {
      for (uint32_t s = sentence_of_[c.first]; s <= sentence_of_[c.end - 1]; ++s) holds[s] = true;
    }
    uint32_t chained = UINT32_MAX;  // the last sentence this loop added to candidates_
    for (uint32_t s = 1; s < doc_.sentences.size(); ++s) {
      if (holds[s] || !holds[s - 1]) continue;
      const Sentence& sent = doc_.sentences[s];
      if (sent.paragraph > doc_.sentences[s - 1].paragraph + 1) continue;
      bool mood = false;
      for (uint32_t k = sent.first_token; k < sent.end_token && !mood; ++k) {
        mood = !in_direct_[k] && toks_[k].kind == TokenKind::kWord && lr_.reported_forms.FindWord(Fold(k)) &&
               !(k > sent.first_token && lr_.reported_blockers.FindWord(Fold(k - 1)));
      }
      if (!mood) continue;
      Candidate c;
      c.kind = QuoteKind::kIndirect;
      c.first = sent.first_token;
      c.end = TrimEnd(sent.first_token, sent.end_token);
      c.continuation = true;
      if (Words(c.first, c.end) < 3) continue;
      holds[s] = true;
      // Sentences of the chain side by side in one paragraph are one quote, as one account.
      if (chained == s - 1 && sent.paragraph == doc_.sentences[s - 1].paragraph) {
        candidates_.back().end = c.end;
        chained = s;
        continue;
      }
      candidates_.push_back(c);
      chained = s;
    }
  }

  void FindEmbeddedPosts() {
    if (doc_.sentences.empty()) return;
    uint32_t s = 0;
    while (s < doc_.sentences.size()) {
      uint32_t para = doc_.sentences[s].paragraph;
      uint32_t e = s;
      while (e < doc_.sentences.size() && doc_.sentences[e].paragraph == para) ++e;
      uint32_t first = doc_.sentences[s].first_token, end = doc_.sentences[e - 1].end_token;
      s = e;
      bool social = false, quoted = false;
      std::string platform;
      for (uint32_t k = first; k < end; ++k) {
        TokenKind kind = toks_[k].kind;
        if (kind == TokenKind::kHandle || kind == TokenKind::kHashtag) social = true;
        if (kind == TokenKind::kUrl) {
          std::string p = PlatformOfUrl(Text(k));
          if (!p.empty()) platform = p, social = true;
        }
        if (in_direct_[k]) quoted = true;
      }
      if (!social || quoted) continue;
      // Trailing links and the embed's signature line ("— Name (@handle) date") are not text.
      uint32_t text_end = end;
      while (text_end > first && toks_[text_end - 1].kind == TokenKind::kUrl) --text_end;
      for (uint32_t k = first + 1; k < text_end; ++k) {
        if (IsDash(k) && toks_[k].newline_before) {
          text_end = k;
          break;
        }
      }
      if (Words(first, text_end) < 5) continue;
      Span norm{toks_[first].norm.start, toks_[text_end - 1].norm.end};
      std::string_view para_text = std::string_view(doc_.norm_text).substr(norm.start, norm.size());
      text::LanguageGuess g = text::IdentifyLanguage(para_text);
      if (g.lang == doc_.lang || g.lang == "und") continue;
      Candidate c;
      c.first = first;
      c.end = text_end;
      c.kind = QuoteKind::kEmbeddedPost;
      c.platform = platform;
      candidates_.push_back(c);
    }
  }

  // Speakers in reading order: pronouns and zero subjects take the last speaker.
  void Resolve() {
    // Words that open their sentence with an adverbial participle are the reporting
    // sentence's own circumstance, not reported words ("Говорейки пред активисти …, Джонсън
    // заяви: „…“").
    // (Not the subject of words whose frame follows them: "Seeing his brother suffer led him
    // to …, he said.")
    std::erase_if(candidates_, [&](const Candidate& c) {
      return c.kind == QuoteKind::kIndirect && c.first == SentenceAt(c.first).first_token &&
             lr_.IsGerund(Fold(c.first)) && !(c.has_cue && c.cue_first >= c.end);
    });
    // Words from their sentence's start up to a closing mark that no mark opened, before their
    // frame, are a direct quotation whose opening mark was left out ("Имаме нужда от ново
    // начало за Европа“, заяви канцлерът").
    for (Candidate& c : candidates_) {
      uint32_t last = c.end - 1;
      if (c.kind != QuoteKind::kIndirect || c.end < c.first + 3 || !IsQuoteMarkTok(last) ||
          open_of_.empty() || open_of_[last] != 0 || close_of_[0] == last ||
          c.first != SentenceAt(c.first).first_token) {
        continue;
      }
      bool marks = false;
      for (uint32_t k = c.first; k < last && !marks; ++k) marks = IsQuoteMarkTok(k);
      if (marks) continue;
      c.kind = QuoteKind::kDirect;
      c.end = last;
    }
    std::sort(candidates_.begin(), candidates_.end(),
              [](const Candidate& a, const Candidate& b) { return a.first < b.first; });
    // Drop overlaps: a mixed quote absorbs the direct ones inside it.
    std::vector<Candidate> kept;
    for (Candidate& c : candidates_) {
      while (!kept.empty() && kept.back().end > c.first) {
        if (c.kind == QuoteKind::kMixed || c.end - c.first > kept.back().end - kept.back().first) {
          kept.pop_back();
        } else {
          break;
        }
      }
      if (!kept.empty() && kept.back().end > c.first) continue;
      kept.push_back(std::move(c));
    }
    int last_entity = -1, last_person = -1;
    uint32_t last_quote_end = 0;
    std::string last_speaker;
    uint32_t last_end_sentence = 0;
    int last_index = -1;
    uint32_t last_cand_end = 0;        // where the words of the last kept quote end
    uint32_t last_cand_cue = n_;       // where its cue starts (n_: none)
    std::vector<bool> named_in_frame;  // per kept quote: its speaker's name is in its frame
    // Whether a group goes on as the speaker of c (a plural pronoun or a plural cue without a
    // subject at token k), and sets q to it: the group named in words after the last one
    // spoke ("Ислямистите блокираха … Те заявиха, че …"), else a group that spoke last ("…,
    // казаха източници. …, добавиха те."); never one person.
    auto group_goes_on = [&](const Candidate& c, uint32_t k, Quote* q) {
      bool group_last = !last_speaker.empty() &&
                        (last_entity < 0 || doc_.entities[last_entity].type != EntityType::kPer) &&
                        sentence_of_[c.first] <= last_end_sentence + 2;
      if (GroupNamedBefore(k, group_last ? last_quote_end : 0, kept, q)) return true;
      if (!group_last) return false;
      q->speaker_entity = last_entity;
      if (last_entity < 0) q->speaker = last_speaker;
      return true;
    };
    for (Candidate& c : kept) {
      // Reported words with a quoted part are mixed, whichever rule found them.
      if (c.kind == QuoteKind::kIndirect) {
        int marks = 0;
        for (uint32_t k = c.first; k < c.end && marks < 2; ++k) marks += IsQuoteMarkTok(k);
        if (marks >= 2) c.kind = QuoteKind::kMixed;
      }
      Quote q;
      q.kind = c.kind;
      q.span = {toks_[c.first].span.start, toks_[c.end - 1].span.end};
      q.text = std::string(doc_.Text(q.span));
      // A direct quotation's trailing comma belongs to the sentence around it ("…pace," she said).
      if (c.kind == QuoteKind::kDirect) {
        while (c.end > c.first + 1 && (IsComma(c.end - 1) || Text(c.end - 1) == ";")) {
          --c.end;
        }
        q.span = {toks_[c.first].span.start, toks_[c.end - 1].span.end};
        q.text = std::string(doc_.Text(q.span));
      }
      CitedSource(&c);
      if (c.has_cue) {
        q.cue_span = {toks_[c.cue_first].span.start, toks_[c.cue_end - 1].span.end};
        q.cue = std::string(doc_.Text(q.cue_span));
      }
      q.channel = c.channel;
      q.via = c.via;
      switch (c.ref) {
        case SpeakerRef::kMention: {
          const Mention& m = doc_.mentions[c.mention];
          q.speaker_entity = m.entity;
          q.speaker = doc_.entities[m.entity].name;
          // The words that name the speaker: the mention, or a label that stands for it
          // ("PENCE:"); they take in a description set off after the name.
          q.speaker_span = {toks_[c.ref_first].span.start, toks_[c.ref_end - 1].span.end};
          if (c.ref_end == m.end_token) {
            if (uint32_t e = AppositionEnd(m.end_token); e > m.end_token) {
              q.speaker_span.end = toks_[e - 1].span.end;
            } else if (uint32_t b = BracketNoteEnd(m.end_token); b > m.end_token) {
              q.speaker_span.end = toks_[b - 1].span.end;
            } else if (uint32_t e = m.end_token;
                       e + 1 < n_ && lr_.description_links.FindWord(Fold(e)) &&
                       mention_at_[e + 1] >= 0 &&
                       doc_.mentions[mention_at_[e + 1]].type == EntityType::kLoc &&
                       doc_.mentions[mention_at_[e + 1]].first_token == e + 1) {
              // "Representative Charles B. Rangel of New York": the place he represents.
              q.speaker_span.end = toks_[doc_.mentions[mention_at_[e + 1]].end_token - 1].span.end;
            }
          }
          if (uint32_t r = RelativeSubject(c); r < n_) q.speaker_span = toks_[r].span;
          break;
        }
        case SpeakerRef::kPronoun: {
          q.speaker_span = {toks_[c.ref_first].span.start, toks_[c.ref_end - 1].span.end};
          if (PronounPlural(c.ref_first) && group_goes_on(c, c.ref_first, &q)) break;
          q.speaker_entity = Antecedent(c.ref_first, last_person >= 0 ? last_person : last_entity,
                                        last_quote_end, kept, QuotedReferent(c, kept));
          // No person before it: the pronoun goes on with a speaker named by description just
          // before ("…, отбеляза говорител на комисията. Той поясни, че …").
          if (q.speaker_entity < 0 && last_entity < 0 && !last_speaker.empty() &&
              sentence_of_[c.first] <= last_end_sentence + 2) {
            q.speaker = last_speaker;
          }
          break;
        }
        case SpeakerRef::kWords:
          q.speaker_span = {toks_[c.ref_first].span.start,
                            toks_[WithPossessor(c.ref_end) - 1].span.end};
          q.speaker = std::string(doc_.Text(q.speaker_span));
          // One of a group ("един от тях": a multi-word entry of indefinite_sources.txt) is
          // one of the group that spoke just before, when one did.
          if (c.ref_end - c.ref_first > 1 &&
              IndefiniteSource(c.ref_first) == c.ref_end - c.ref_first && !last_speaker.empty() &&
              sentence_of_[c.first] <= last_end_sentence + 2 &&
              (last_entity < 0 || doc_.entities[last_entity].type != EntityType::kPer)) {
            q.speaker_entity = last_entity;
            if (last_entity < 0) q.speaker = last_speaker;
          }
          break;
        case SpeakerRef::kTitle: {
          // "Адвокатът му": someone's lawyer, never the one the clitic points to.
          const uint32_t words_end = WithPossessor(c.ref_end);
          const bool possessed = words_end > c.ref_end;
          q.speaker_span = {toks_[c.ref_first].span.start, toks_[words_end - 1].span.end};
          // A title with a cue in the plural names a group ("Источники рассказали"), not
          // one person titled so.
          const bool plural = (c.has_cue && CuePlural(c.cue_first, c.cue_end)) ||
                              PluralTitle(c.ref_first, c.ref_end);
          q.speaker_entity = plural ? -1 : PersonWithTitle(c.ref_first, c.ref_end);
          if (q.speaker_entity < 0 && !plural && !possessed &&
              AnaphoricTitle(c.ref_first, c.ref_end)) {
            q.speaker_entity =
                Antecedent(c.ref_first, last_person, last_quote_end, kept, QuotedReferent(c, kept));
          }
          if (q.speaker_entity < 0) q.speaker_entity = OrganisationWithHead(c.ref_first, c.ref_end);
          if (q.speaker_entity < 0) {
            int m = -1;
            uint32_t nf = 0, ne = 0;
            if (NameOfBodyBefore(c.ref_first, c.ref_end, &m, &nf, &ne) && m >= 0) {
              q.speaker_entity = doc_.mentions[m].entity;
            } else if (ne > nf) {
              q.speaker = std::string(doc_.Text({toks_[nf].span.start, toks_[ne - 1].span.end}));
            } else if (!AnaphoricBodyStem(c.ref_first, c.ref_end).empty() && last_entity >= 0 &&
                       doc_.entities[last_entity].type != EntityType::kPer &&
                       sentence_of_[c.first] <= last_end_sentence + 2) {
              // Else the organisation that spoke just before ("WSJ отмечает, … Издание
              // поясняет, …").
              q.speaker_entity = last_entity;
            }
          }
          if (q.speaker_entity < 0 && q.speaker.empty()) {
            q.speaker = std::string(doc_.Text(q.speaker_span));
          }
          break;
        }
        case SpeakerRef::kNone:
          if (c.agentless) break;
          if (c.kind == QuoteKind::kEmbeddedPost) {
            q.speaker_entity = PostAuthor(c, &q.channel);
          } else if (c.has_cue || c.continuation) {
            uint32_t s = sentence_of_[c.first];
            bool near = last_index >= 0 && s <= last_end_sentence + 3;
            if (near || c.has_cue) {
              // A last speaker named only by words ("technik Vrzal") holds like an entity.
              int last = last_entity < 0 && !last_speaker.empty() ? kWordsSpeaker : last_entity;
              bool impersonal = c.has_cue && ImpersonalCue(c.cue_first, c.cue_end);
              // A cue in the plural goes on with a group, as a plural pronoun does.
              if (!impersonal && c.has_cue && CuePlural(c.cue_first, c.cue_end) &&
                  group_goes_on(c, c.cue_first, &q)) {
                break;
              }
              uint32_t wf = 0, we = 0;
              q.speaker_entity =
                  impersonal ? ImpersonalSource(c, last_entity, last_end_sentence, &wf, &we)
                  : c.has_cue
                      ? Antecedent(c.cue_first, last, last_quote_end, kept, QuotedReferent(c, kept))
                      : last_entity;
              if (q.speaker_entity < 0) q.speaker_entity = -1;
              if (q.speaker_entity < 0 && we > wf) {
                q.speaker_span = {toks_[wf].span.start, toks_[we - 1].span.end};
                q.speaker = std::string(doc_.Text(q.speaker_span));
              } else if (q.speaker_entity < 0 && !last_speaker.empty() &&
                         (!impersonal || last_entity < 0)) {
                q.speaker = last_speaker;
              }
            }
          }
          // A description as the cue's subject names the speaker in words, whoever it refers
          // to ("The billionaire real estate magnate said …").
          if (c.has_cue && q.speaker_span.empty()) {
            if (uint32_t d = DescribedSubject(c.cue_first); d < c.cue_first) {
              q.speaker_span = {toks_[d].span.start, toks_[c.cue_first - 1].span.end};
              if (q.speaker_entity < 0 && q.speaker.empty()) {
                q.speaker = std::string(doc_.Text(q.speaker_span));
              }
            }
          }
          break;
      }
      if (q.speaker_entity >= 0) q.speaker = doc_.entities[q.speaker_entity].name;
      // The words naming the speaker take in the attributes of their phrase, up to the cue or
      // the quotation after them.
      if (!lr_.source_attributes.empty() && !q.speaker_span.empty() &&
          c.ref != SpeakerRef::kPronoun) {
        uint32_t e = TokenAfter(q.speaker_span.end);
        if (e > 0 && e < n_) {
          uint32_t hi = SentenceAt(e - 1).end_token;
          if (c.first >= e) hi = std::min(hi, c.first);
          if (c.has_cue && c.cue_first >= e) hi = std::min(hi, c.cue_first);
          if (uint32_t ne = SourcePhraseEnd(e, hi); ne > e) {
            q.speaker_span.end = toks_[ne - 1].span.end;
          }
        }
      }
      // A relative pronoun as the cue's subject names a speaker found otherwise too.
      if (q.speaker_span.empty() && (q.speaker_entity >= 0 || !q.speaker.empty())) {
        if (uint32_t r = RelativeSubject(c); r < n_) q.speaker_span = toks_[r].span;
      }
      // A quotation that goes on from the one before it in its paragraph, without a frame of
      // its own: the words nearest it that name the speaker are that one's ("…,” he said.
      // “…”").
      if (c.ref == SpeakerRef::kNone && c.continuation && !c.has_cue && !kept_quotes_.empty() &&
          last_index == static_cast<int>(kept_quotes_.size()) - 1 &&
          SentenceAt(c.first).paragraph == SentenceAt(last_quote_end - 1).paragraph) {
        const Quote& prev = kept_quotes_.back();
        bool same = (q.speaker_entity >= 0 && q.speaker_entity == prev.speaker_entity) ||
                    (q.speaker_entity < 0 && !q.speaker.empty() && q.speaker == prev.speaker);
        if (same) q.speaker_span = prev.speaker_span;
      }
      // Continuing the previous statement, with nothing between: same channel and via.
      if (!kept_quotes_.empty() && q.channel.empty() && q.via.empty() &&
          c.kind != QuoteKind::kEmbeddedPost) {
        const Quote& prev = kept_quotes_.back();
        uint32_t s_first = sentence_of_[c.first];
        bool adjacent = s_first <= last_end_sentence + 1;
        bool same = (q.speaker_entity >= 0 && q.speaker_entity == prev.speaker_entity) ||
                    (!q.speaker.empty() && q.speaker == prev.speaker);
        if (adjacent && same && (!prev.channel.empty() || !prev.via.empty())) {
          q.channel = prev.channel;
          q.via = prev.via;
          q.channel_inherited = true;
        }
      }
      if (JoinsPrevious(c, q, last_index, last_cand_end, last_cand_cue)) {
        Quote& prev = kept_quotes_.back();
        prev.text += " " + q.text;
        prev.span.end = q.span.end;
        last_end_sentence = sentence_of_[c.end - 1];
        last_quote_end = std::max(c.end, c.cue_end);
        last_cand_end = c.end;
        continue;
      }
      std::string_view norm = std::string_view(doc_.norm_text)
                                  .substr(toks_[c.first].norm.start,
                                          toks_[c.end - 1].norm.end - toks_[c.first].norm.start);
      q.lang = QuoteLanguage(c.first, c.end, norm);
      if (q.speaker_entity >= 0 && doc_.entities[q.speaker_entity].type == EntityType::kPer) {
        last_person = q.speaker_entity;
      }
      if (q.speaker_entity >= 0 || !q.speaker.empty()) {
        last_entity = q.speaker_entity;
        last_speaker = q.speaker;
      }
      // An outlet that is the source itself relays nothing ("По данным РИА Новости, …").
      if (!q.via.empty() && NamesSpeaker(q, q.via)) q.via.clear();
      last_end_sentence = sentence_of_[c.end - 1];
      last_quote_end = std::max(c.end, c.cue_end);
      last_index = static_cast<int>(kept_quotes_.size());
      last_cand_end = c.end;
      last_cand_cue = c.has_cue ? c.cue_first : n_;
      kept_quotes_.push_back(std::move(q));
      named_in_frame.push_back(c.ref == SpeakerRef::kMention);
    }
    ShareEchoedSpeakers(named_in_frame, &kept_quotes_);
    if (lr_.nested_direct) AddNestedDirect();
    doc_.quotes = std::move(kept_quotes_);
  }

  // Settings `nested_direct`: each part in quotation marks of a mixed quote is also a direct
  // quote of the same speaker, placed after it ("nannte den Plan „fahrlässig“").
  void AddNestedDirect() {
    if (close_of_.empty()) return;
    std::vector<Quote> out;
    for (Quote& q : kept_quotes_) {
      std::vector<Quote> parts;
      if (q.kind == QuoteKind::kMixed) {
        uint32_t first = TokenAfter(q.span.start), end = TokenAfter(q.span.end);
        for (uint32_t k = first; k < end && k < n_; ++k) {
          if (!IsQuoteMarkTok(k) || close_of_[k] <= k + 1 || close_of_[k] >= n_) continue;
          uint32_t close = close_of_[k];
          if (close > end) break;
          // Not a name in marks ("der Organisation „Ärzte ohne Grenzen“", „BBC News“): capitalised
          // words, several, a recognised name or right after a noun.
          if (NameLike(k + 1, close) &&
              (Words(k + 1, close) >= 2 || mention_at_[k + 1] >= 0 || NounHead(k - 1))) {
            k = close;
            continue;
          }
          Quote d = q;
          d.kind = QuoteKind::kDirect;
          d.span = {toks_[k + 1].span.start, toks_[close - 1].span.end};
          d.text = std::string(doc_.Text(d.span));
          parts.push_back(std::move(d));
          k = close;
        }
      }
      out.push_back(std::move(q));
      for (Quote& d : parts) out.push_back(std::move(d));
    }
    kept_quotes_ = std::move(out);
  }

  // The relative pronoun that stands as the cue's subject for a speaker named before it
  // ("Gary Johnson, who said …", "…, who has repeatedly pledged …": "who" is the words
  // nearest the quote that name him; lang/<code>/relative_pronouns.txt); n_ when there is
  // none.
  uint32_t RelativeSubject(const Candidate& c) const {
    if (!c.has_cue || c.cue_first < 2) return n_;
    // Up to three lower-case words may stand between ("who has repeatedly pledged").
    for (uint32_t r = c.cue_first - 1; r > 0 && r + 4 >= c.cue_first && r >= c.ref_end; --r) {
      if (toks_[r].kind != TokenKind::kWord || toks_[r].upper || mention_at_[r] >= 0 ||
          in_direct_[r]) {
        return n_;
      }
      if (lr_.relative_pronouns.FindWord(Fold(r))) return r;
    }
    return n_;
  }

  // Whether quotation c (resolved as q) goes on the last kept quote in languages that join a
  // quotation its frame interrupts (settings `join_interrupted_quotes`: "“A,” he said. “B.”"):
  // both quoted, c without a cue of its own, the same speaker, in the same paragraph, with
  // at most a short frame between them (`prev_end`: where the last quote's words end).
  // `prev_cue` is where the previous part's cue starts (n_ when it has none): a part framed
  // by that same cue ("“A,” he said, “B.”") goes on with it too.
  bool JoinsPrevious(const Candidate& c, const Quote& q, int last_index, uint32_t prev_end,
                     uint32_t prev_cue) const {
    if (!lr_.join_interrupted_quotes || kept_quotes_.empty() ||
        last_index != static_cast<int>(kept_quotes_.size()) - 1) {
      return false;
    }
    const Quote& prev = kept_quotes_.back();
    auto quoted = [](QuoteKind k) { return k == QuoteKind::kDirect || k == QuoteKind::kMixed; };
    bool same_frame = c.has_cue && c.cue_first == prev_cue;
    if (!quoted(prev.kind) || !quoted(q.kind) ||
        (!same_frame && (c.has_cue || c.ref != SpeakerRef::kNone))) {
      return false;
    }
    if (prev_end == 0 || c.first < prev_end || c.first - prev_end > kJoinGap) return false;
    if (SentenceAt(c.first).paragraph != SentenceAt(prev_end - 1).paragraph) return false;
    return same_frame || (q.speaker_entity >= 0 && q.speaker_entity == prev.speaker_entity) ||
           (q.speaker_entity < 0 && !q.speaker.empty() && q.speaker == prev.speaker);
  }
  static constexpr uint32_t kJoinGap = 25;  // tokens: a frame with a speaker's long title

  // "…, сообщает ТАСС со ссылкой на главу МИД ФРГ Анналену Бербок": a source cited in the
  // frame (a phrase of lang/<code>/citing.txt, then a name, title or body) is the speaker;
  // an outlet or organisation that stood as the speaker becomes the via.
  void CitedSource(Candidate* c) const {
    if (!c->has_cue || lr_.citing.empty()) return;
    uint32_t end = SentenceAt(c->cue_first).end_token;
    for (uint32_t k = c->cue_end; k < end; ++k) {
      if (k >= c->first && k < c->end) k = c->end;
      if (k >= end) return;
      auto phrase = lr_.citing.MatchAt(doc_, k);
      if (!phrase) continue;
      uint32_t e = k + phrase.length;
      Candidate t;
      std::vector<bool> used(n_, false);
      FindSpeaker(k, e, e, end, used, /*after_first=*/true, &t);
      if (t.ref == SpeakerRef::kNone || t.ref == SpeakerRef::kPronoun) return;
      if (c->ref == SpeakerRef::kMention && c->via.empty() &&
          doc_.mentions[c->mention].type != EntityType::kPer) {
        c->via = std::string(doc_.Text(doc_.mentions[c->mention].span));
      }
      c->ref = t.ref;
      c->mention = t.mention;
      c->ref_first = t.ref_first;
      c->ref_end = t.ref_end;
      return;
    }
  }

  // A quotation repeated elsewhere in the article (a headline's "Българин от Рим: С наши
  // средства успяхме…" and the body's „С наши средства успяхме … “, заяви … Огнян Манолев)
  // is one person's words: the one whose speaker's name stands in its frame with a cue
  // gives that speaker to the other, unless the other has a cue of its own, or a name of its
  // own and the giver's speaker was only inferred (a title, a pronoun).
  // `named_in_frame[i]`: quote i's speaker is a name written in its frame.
  void ShareEchoedSpeakers(const std::vector<bool>& named_in_frame,
                           std::vector<Quote>* quotes) const {
    // Most articles hold no quotation that could take a speaker: fold nothing for them.
    auto open = [](const Quote& q) { return q.speaker_entity < 0 || q.cue.empty(); };
    if (std::none_of(quotes->begin(), quotes->end(), open)) return;
    std::vector<std::string> folded;
    for (const Quote& q : *quotes) folded.push_back(utf8::FoldCase(q.text));
    for (size_t i = 0; i < quotes->size(); ++i) {
      Quote& q = (*quotes)[i];
      if ((q.speaker_entity >= 0 && !q.cue.empty()) || folded[i].size() < 20) continue;
      for (size_t j = 0; j < quotes->size(); ++j) {
        const Quote& r = (*quotes)[j];
        if (j == i || r.speaker_entity < 0 || r.speaker_entity == q.speaker_entity ||
            r.cue.empty() || (q.speaker_entity >= 0 && !named_in_frame[j]) ||
            folded[j].find(folded[i]) == std::string::npos) {
          continue;
        }
        q.speaker_entity = r.speaker_entity;
        q.speaker = r.speaker;
        break;
      }
    }
  }

  // What a pronoun or a zero subject at token k refers to: the last speaker, unless another
  // person has been named (outside quotations) since that speaker's last quotation.
  // `last_speaker` may be kWordsSpeaker (a speaker without entity), returned as it is.
  static constexpr int kWordsSpeaker = -2;
  // `not_entity`: a person the quotation itself speaks of (QuotedReferent), passed over.
  int Antecedent(uint32_t k, int last_speaker, uint32_t last_quote_end,
                 const std::vector<Candidate>& quotes, int not_entity = -1) {
    MarkQuoted(quotes);
    // A pronoun of one gender passes over persons whose surname tells the other one
    // ("тя" is not "Радев"; surname_genders.tsv).
    char gender = PronounGender(k);
    auto agrees = [&](int entity) {
      char g = gender ? EntityGender(entity) : 0;
      return !g || g == gender;
    };
    bool speaker_agrees = last_speaker < 0 || agrees(last_speaker);
    for (size_t m = MentionsBefore(k); m > 0; --m) {
      const Mention& x = doc_.mentions[m - 1];
      // A group in lower case ("демократите", "американци") is not who "той" or "she" is.
      if (x.type != EntityType::kPer || in_quote_[x.first_token] || !toks_[x.first_token].upper ||
          !agrees(x.entity) || x.entity == not_entity) {
        continue;
      }
      // A person in an oblique case in the cue's own sentence is its object, not its subject
      // ("Trump je … in Bidna obtožil, da …").
      if (sentence_of_[x.first_token] == sentence_of_[k] && Oblique(static_cast<int>(m - 1))) {
        continue;
      }
      if (last_speaker == -1 || x.first_token >= last_quote_end || !speaker_agrees) {
        return SubjectOfSentence(x, k, last_speaker == -1 || !speaker_agrees ? 0 : last_quote_end,
                                 gender);
      }
      break;
    }
    return speaker_agrees ? last_speaker : -1;
  }

  // Whether the cue at [first, end) has no subject: an impersonal form (settings
  // impersonal_cue_suffixes: "сообщается"), or a reflexive particle right beside it
  // (impersonal_particles) in a sentence that a preposition opens, naming where it is said
  // ("U saopštenju se navodi", "В съобщението се посочва", "Ve zprávě se uvádí"; not the
  // reflexive verbs of a dropped subject: "Nada se da …").
  bool ImpersonalCue(uint32_t first, uint32_t end) const {
    if (PassiveCue(first, end)) return true;
    if (lr_.IsImpersonalCue(
            utf8::FoldCase(doc_.Text({toks_[first].span.start, toks_[end - 1].span.end})))) {
      return true;
    }
    auto particle = [&](uint32_t k) {
      if (k >= n_ || toks_[k].kind != TokenKind::kWord) return false;
      std::string_view f = Fold(k);
      for (const std::string& p : lr_.impersonal_particles) {
        if (f == p) return true;
      }
      return false;
    };
    uint32_t opens = SentenceAt(first).first_token;
    if (!lr_.prepositions.FindWord(Fold(opens)) || opens + 5 < first) return false;
    return (first > 0 && particle(first - 1)) || particle(end);
  }

  // Settings `passive_auxiliaries`, `impersonal_pronouns`: a cue [first, end) with a passive
  // auxiliary or an impersonal pronoun right beside it or as its last word ("Kritisiert wird",
  // "wurde betont", "berichtet worden", "hieß es").
  bool PassiveCue(uint32_t first, uint32_t end) const {
    if (lr_.passive_auxiliaries.empty() || end <= first) return false;
    auto beside = [&](uint32_t k) {
      return ListedAt(lr_.passive_auxiliaries, k) || ListedAt(lr_.impersonal_pronouns, k);
    };
    if (beside(end - 1) || (first > 0 && beside(first - 1)) || (end < n_ && beside(end))) {
      return true;
    }
    // The passive's bracket: an auxiliary earlier in the clause and the cue closing it ("Nach
    // den Überschwemmungen wird der Ausbruch von Cholera befürchtet.").
    bool closes = end >= n_ || IsComma(end) || IsFinal(end) || Text(end) == ":";
    if (!closes) return false;
    for (uint32_t k = first; k > SentenceAt(first).first_token;) {
      --k;
      if (IsComma(k) || in_direct_[k]) return false;
      if (ListedAt(lr_.passive_auxiliaries, k)) return true;
    }
    return false;
  }

  // The source an impersonal cue reports ("сообщается", "говорится", "заявлено": no subject,
  // so never a person carried over): an organisation named in the rest of its frame ("Как
  // сообщается в пресс-релизе, опубликованном на сайте Белого дома, …"); else, within the two
  // sentences before, the organisation the article last gave as a source — after a source
  // preposition ("В издании Axios увидели …"), or the last speaker when it was no person.
  // -1 if none.
  // A body's name the recogniser missed may stand instead: then [*words_first, *words_end)
  // holds its words ("на сайте мэрии Казани"; "В газете «Вечерняя Казань» обсудили …").
  int ImpersonalSource(const Candidate& c, int last_entity, uint32_t last_end_sentence,
                       uint32_t* words_first, uint32_t* words_end) const {
    for (uint32_t k = c.cue_end; k < n_ && k < c.cue_end + 12; ++k) {
      if (IsFinal(k) || IsQuoteMarkTok(k) || IsComplementizer(k) || CueAt(k)) break;
      if (OrganisationOrMedium(mention_at_[k])) return doc_.mentions[mention_at_[k]].entity;
      if (auto b = lr_.bodies.MatchAt(doc_, k); b && mention_at_[k] < 0) {
        uint32_t e = DescriptionEnd(k + b.length, n_);
        if (e > k + b.length) {
          *words_first = k;
          *words_end = e;
          return -1;
        }
      }
    }
    uint32_t s = sentence_of_[c.cue_first];
    uint32_t lo = doc_.sentences[s >= 2 ? s - 2 : 0].first_token;
    // "В газете «Вечерняя Казань» …": a source preposition, a body and its name in marks.
    for (uint32_t p = c.cue_first; p > lo + 2 && !close_of_.empty();) {
      --p;
      if (!IsQuoteMarkTok(p) || open_of_.empty() || open_of_[p] + 1 >= p || open_of_[p] < lo + 2 ||
          open_of_[p] + 6 < p) {
        continue;
      }
      uint32_t o = open_of_[p];
      if (lr_.bodies.MatchAt(doc_, o - 1) && SourcePreposition(o - 2) && NameLike(o + 1, p)) {
        *words_first = o + 1;
        *words_end = p;
        return -1;
      }
    }
    for (size_t m = MentionsBefore(c.cue_first); m > 0; --m) {
      const Mention& x = doc_.mentions[m - 1];
      if (x.first_token < lo) break;
      if (!OrganisationOrMedium(static_cast<int>(m - 1)) || x.first_token == 0) continue;
      // Not a name inside quoted words: the reported ones or any quotation's.
      if (in_direct_[x.first_token] || (x.first_token >= c.first && x.first_token < c.end)) {
        continue;
      }
      uint32_t p = x.first_token - 1;
      if (p > lo && !SourcePreposition(p) && lr_.bodies.MatchAt(doc_, p)) --p;  // "В издании Axios"
      if (SourcePreposition(p)) return x.entity;
      // Or the subject of a sentence before ("Tursko Ministarstvo spoljnih poslova pozvalo je
      // … U saopštenju se navodi …"): an organisation that opens it, after one word at most.
      uint32_t opens = SentenceAt(x.first_token).first_token;
      if (sentence_of_[x.first_token] < s && x.first_token <= opens + 1) return x.entity;
      // Or named with its body as a subject after its verb ("К такому выводу пришло издание
      // American Thinker. … говорится в статье"): the body governed by no preposition.
      uint32_t b = x.first_token - 1;
      if (sentence_of_[x.first_token] < s && b > opens && lr_.bodies.MatchAt(doc_, b) &&
          !AfterPreposition(b)) {
        return x.entity;
      }
    }
    bool near = s <= last_end_sentence + 2;
    if (near && last_entity >= 0 && doc_.entities[last_entity].type != EntityType::kPer) {
      return last_entity;
    }
    return -1;
  }

  // Once per document: which tokens are quoted words (in_quote_).
  void MarkQuoted(const std::vector<Candidate>& quotes) {
    if (in_quote_.size() == n_) return;
    in_quote_.assign(n_, false);
    for (const Candidate& q : quotes) {
      for (uint32_t t = q.first; t < q.end; ++t) in_quote_[t] = true;
    }
  }

  // The person a quotation opening with a third-person pronoun speaks of ("„Той познава
  // добре Германия“, каза политикът." after "Байдън носи …"): the last person named before
  // it, outside quotations, of the pronoun's gender — not its speaker. -1 if none.
  int QuotedReferent(const Candidate& c, const std::vector<Candidate>& quotes) {
    MarkQuoted(quotes);
    uint32_t k = c.first;
    while (k < c.end && IsQuoteMarkTok(k)) ++k;
    char gender = k < c.end ? PronounGender(k) : 0;
    if (!gender || (!IsQuoteMarkTok(c.first) && !(c.first > 0 && IsQuoteMarkTok(c.first - 1)))) {
      return -1;
    }
    for (size_t m = MentionsBefore(c.first); m > 0; --m) {
      const Mention& x = doc_.mentions[m - 1];
      if (x.type != EntityType::kPer || in_quote_[x.first_token]) continue;
      char g = EntityGender(x.entity);
      if (!g || g == gender) return x.entity;
    }
    return -1;
  }

  // Whether the pronoun at k is plural ("те", "they").
  bool PronounPlural(uint32_t k) const {
    const PhraseTable::Entry* e = k < n_ ? lr_.pronouns.FindWord(Fold(k)) : nullptr;
    return e && !e->values.empty() && e->values[0] == "p";
  }

  // Whether a word of the cue at [first, end) is a verb in the plural (settings
  // plural_verb_suffixes: "заявиха", "рассказали"): its subject is a group, not one person.
  bool CuePlural(uint32_t first, uint32_t end) const {
    for (uint32_t k = first; k < end; ++k) {
      if (toks_[k].kind == TokenKind::kWord && lr_.IsPluralVerb(Fold(k))) return true;
    }
    return false;
  }

  // The last phrase in [lo, hi), outside quoted words, that names a group as a subject would:
  // a title or a body in the plural (settings plural_noun_suffixes: "политици", "источники")
  // not governed by a preposition, from the plural adjectives before it ("високопоставени
  // политици") to the end of its description; or, where nouns mark definiteness, a definite
  // plural noun that opens its sentence ("Ислямистите блокираха …"). Sets [*first, *end) and
  // returns whether there is one.
  bool GroupPhrase(uint32_t lo, uint32_t hi, uint32_t* first, uint32_t* end) const {
    bool found = false;
    std::vector<bool> none;  // DescribedStart's words taken by a frame: none here
    auto quoted = [&](uint32_t k) {
      return in_direct_[k] || (in_quote_.size() == n_ && in_quote_[k]);
    };
    for (uint32_t k = lo; k < hi; ++k) {
      if (toks_[k].kind != TokenKind::kWord || quoted(k) || mention_at_[k] >= 0) continue;
      const Sentence& sent = SentenceAt(k);
      uint32_t len = 0;
      bool body = false;
      if (auto t = lr_.titles.MatchAt(doc_, k)) {
        len = t.length;
      } else if (auto b = lr_.bodies.MatchAt(doc_, k)) {
        len = b.length;
        body = true;
      }
      if (len > 0 && lr_.IsPluralNoun(Fold(k + len - 1))) {
        if (none.empty()) none.assign(n_, false);
        uint32_t s = DescribedStart(k, none);
        // Plural adjectives before the head ("високопоставени политици").
        while (s > sent.first_token && s + 2 > k && toks_[s - 1].kind == TokenKind::kWord &&
               (!toks_[s - 1].upper || s - 1 == sent.first_token) && mention_at_[s - 1] < 0 &&
               !quoted(s - 1) && !IsFunction(s - 1) && !CueAt(s - 1) && !Timely(s - 1) &&
               !lr_.prepositions.FindWord(Fold(s - 1)) && lr_.IsPluralNoun(Fold(s - 1))) {
          --s;
        }
        if (AfterPreposition(s) && !SourcePreposition(s - 1)) continue;
        *first = s;
        *end = GroupEnd(k + len, sent.end_token, body);
        found = true;
        k = *end - 1;
        continue;
      }
      if (k == sent.first_token && toks_[k].upper && !IsFunction(k) && !CueAt(k) && !Timely(k) &&
          !lr_.DefiniteBySuffix(Fold(k)) && lr_.DefiniteBySuffix(Fold(k), /*plural=*/true)) {
        *first = k;
        *end = GroupEnd(k + 1, sent.end_token, false);
        found = true;
        k = *end - 1;
      }
    }
    return found;
  }

  // Where a group's phrase whose head ends at `from` ends: before the first verb in the
  // plural (the group's own: "Представители профсоюзов провели"), a cue or punctuation; where
  // a word links a complement, only with one that a link word, a preposition or a name opens
  // ("политици от партията на Меркел", "източници на Bloomberg"), else at the head
  // ("Ислямистите дни наред блокираха").
  uint32_t GroupEnd(uint32_t from, uint32_t hi, bool body) const {
    uint32_t limit = from;
    while (limit < hi && toks_[limit].kind == TokenKind::kWord && !CueAt(limit) &&
           !lr_.IsPluralVerb(Fold(limit))) {
      ++limit;
    }
    if (limit == from ||
        (!lr_.description_links.empty() && mention_at_[from] < 0 &&
         !lr_.description_links.FindWord(Fold(from)) && !lr_.prepositions.FindWord(Fold(from)))) {
      return from;
    }
    return std::max(from, body ? BodyDescriptionEnd(from, limit) : DescriptionEnd(from, limit));
  }

  // The group phrase (GroupPhrase) of the sentence of token k, before k, or of the two
  // sentences before it; the nearest.
  bool GroupBefore(uint32_t k, uint32_t* first, uint32_t* end) const {
    uint32_t s = sentence_of_[k];
    for (uint32_t back = 0; back <= 2 && back <= s; ++back) {
      const Sentence& sent = doc_.sentences[s - back];
      uint32_t hi = back == 0 ? k : sent.end_token;
      if (GroupPhrase(sent.first_token, hi, first, end)) return true;
    }
    return false;
  }

  // Whether the words [first, end) open with a title in the plural: marked `p` in titles.tsv
  // ("analysts"), its role with a plural
  // ending (settings plural_noun_suffixes: "источники" is "источник" + "и"; not "главы", a
  // case of "глава"), or in the definite plural ("политиците").
  bool PluralTitle(uint32_t first, uint32_t end) const {
    auto t = first < end ? lr_.titles.MatchAt(doc_, first) : PhraseTable::Match();
    if (!t || t.entry->values.empty()) return false;
    if (t.entry->values.size() > 1 && t.entry->values[1] == "p") return true;  // marked so
    std::string_view form = Fold(first + t.length - 1), role = t.entry->values[0];
    if (lr_.DefiniteBySuffix(form, /*plural=*/true) && !lr_.DefiniteBySuffix(form)) return true;
    for (const std::string& suffix : lr_.plural_noun_suffixes) {
      if (form.size() == role.size() + suffix.size() && form.starts_with(role) &&
          form.ends_with(suffix)) {
        return true;
      }
    }
    return false;
  }

  // Makes the group phrase before token k (GroupBefore), outside the quotations and not
  // before token `after`, q's speaker by its words; returns whether there is one.
  bool GroupNamedBefore(uint32_t k, uint32_t after, const std::vector<Candidate>& quotes,
                        Quote* q) {
    MarkQuoted(quotes);
    uint32_t first = 0, end = 0;
    if (!GroupBefore(k, &first, &end) || first < after) return false;
    q->speaker_entity = -1;
    Span words{toks_[first].span.start, toks_[end - 1].span.end};
    q->speaker = std::string(doc_.Text(words));
    if (q->speaker_span.empty()) q->speaker_span = words;  // no pronoun named it
    return true;
  }

  // Whether the person mention m is one of two or more joined by a coordinator ("Путин и
  // Ердоган").
  bool Coordinated(int m) const {
    const Mention& x = doc_.mentions[m];
    auto person_at = [&](uint32_t k) {
      return k < n_ && mention_at_[k] >= 0 &&
             doc_.mentions[mention_at_[k]].type == EntityType::kPer;
    };
    if (x.end_token + 1 < n_ && lr_.IsCoordinator(Fold(x.end_token)) &&
        person_at(x.end_token + 1)) {
      return true;
    }
    return x.first_token >= 2 && lr_.IsCoordinator(Fold(x.first_token - 1)) &&
           person_at(x.first_token - 2);
  }

  // The gender of the pronoun at k ('m', 'f'), or 0 (another word, or no gender).
  char PronounGender(uint32_t k) const {
    const PhraseTable::Entry* e = k < n_ ? lr_.pronouns.FindWord(Fold(k)) : nullptr;
    if (!e || e->values.empty() || e->values[0].empty()) return 0;
    char g = e->values[0][0];
    return g == 'm' || g == 'f' ? g : 0;
  }

  // The gender a person's surname tells in this language ('m', 'f'), or 0.
  char EntityGender(int entity) const {
    if (entity < 0 || (lr_.surname_genders.empty() && lr_.given_name_genders.empty())) return 0;
    const Entity& e = doc_.entities[entity];
    if (e.type != EntityType::kPer) return 0;
    size_t sp = e.name.rfind(' ');
    char g = lr_.SurnameGender(utf8::FoldCase(sp == std::string::npos ? e.name : e.name.substr(sp + 1)));
    if (g || sp == std::string::npos) return g;
    return lr_.GivenNameGender(utf8::FoldCase(e.name.substr(0, e.name.find(' '))));
  }

  // The person a pronoun at k takes from an earlier sentence whose last person is x: that
  // sentence's first person not governed by a preposition — its subject rather than its
  // object ("Путин похвали … колега Доналд Тръмп. Той обаче подчерта, …"). From k's own
  // sentence, x itself.
  int SubjectOfSentence(const Mention& x, uint32_t k, uint32_t not_before, char gender) const {
    const Sentence& s = SentenceAt(x.first_token);
    if (sentence_of_[x.first_token] == sentence_of_[k]) return x.entity;
    for (size_t m = MentionsBefore(std::max(s.first_token, not_before));
         m < doc_.mentions.size() && doc_.mentions[m].first_token < x.first_token; ++m) {
      const Mention& y = doc_.mentions[m];
      char g = gender ? EntityGender(y.entity) : 0;
      if (y.type == EntityType::kPer && !in_quote_[y.first_token] && toks_[y.first_token].upper &&
          !AfterPreposition(y.first_token) && !AfterPluralTitle(y.first_token) && !InMarks(y) &&
          (!g || g == gender)) {
        return y.entity;
      }
    }
    return x.entity;
  }

  // Whether mention x is written alone in quotation marks, as the name of a place or a thing
  // is ("obišli „Miksalište“"), not a person's.
  bool InMarks(const Mention& x) const {
    return x.first_token > 0 && x.end_token < n_ && IsQuoteMarkTok(x.first_token - 1) &&
           IsQuoteMarkTok(x.end_token);
  }

  // Where a title or body in the plural starts that stands right before token k, or one word
  // before it: a name there is its complement, not a person it names ("Predstavnici
  // Komesarijata", "Источники агентства Reuters"). k when there is none.
  uint32_t PluralHeadBefore(uint32_t k) const {
    for (uint32_t e = k; e > 0 && e + 2 > k; --e) {
      if (toks_[e - 1].kind != TokenKind::kWord || (e < k && mention_at_[e] >= 0)) break;
      for (uint32_t t = e > 3 ? e - 3 : 0; t < e; ++t) {
        auto m = lr_.titles.MatchAt(doc_, t);
        if (!m) m = lr_.bodies.MatchAt(doc_, t);
        if (m && t + m.length == e && lr_.IsPluralNoun(Fold(e - 1))) return t;
      }
    }
    return k;
  }
  bool AfterPluralTitle(uint32_t k) const { return PluralHeadBefore(k) < k; }

  // The number of mentions that start before token k (mentions are in text order).
  size_t MentionsBefore(uint32_t k) const {
    auto it = std::lower_bound(doc_.mentions.begin(), doc_.mentions.end(), k,
                               [](const Mention& m, uint32_t v) { return m.first_token < v; });
    return static_cast<size_t>(it - doc_.mentions.begin());
  }

  int LastPersonBefore(uint32_t k) const {
    for (size_t m = MentionsBefore(k); m > 0; --m) {
      const Mention& x = doc_.mentions[m - 1];
      if (x.type == EntityType::kPer) return x.entity;
    }
    return -1;
  }

  // Whether the title at [first, end) refers back to someone: a bare title (no name, no
  // complement). Where the language marks definiteness by a suffix, only one so marked, on
  // the title or on the adjective before it ("премиерът", "държавният глава", "британският
  // премиер"; not "пакистански представител"); elsewhere any ("šef države", measured: sr
  // +0.005, GermEval +0.002, the rest unchanged).
  bool AnaphoricTitle(uint32_t first, uint32_t end) const {
    auto t = lr_.titles.MatchAt(doc_, first);
    if (!t || first + t.length != end) return false;
    if (lr_.definite_suffixes.empty()) return true;
    if (lr_.DefiniteBySuffix(Fold(first))) return true;
    if (t.length == 1 && !t.entry->values.empty()) {  // "според премиера" (премиер + а)
      std::string_view form = Fold(first), role = t.entry->values[0];
      for (const std::string& suffix : lr_.short_definite_suffixes) {
        if (form.size() == role.size() + suffix.size() && form.starts_with(role) &&
            form.ends_with(suffix)) {
          return true;
        }
      }
    }
    // (The adjective may open the sentence, capitalised: "Британският политик заяви".)
    return first > 0 && toks_[first - 1].kind == TokenKind::kWord &&
           (!toks_[first - 1].upper || SentenceAt(first - 1).first_token == first - 1) &&
           mention_at_[first - 1] < 0 && !IsFunction(first - 1) &&
           lr_.DefiniteBySuffix(Fold(first - 1));
  }

  // The stem of a bare body that refers back to one named before: a definite one where
  // nouns mark definiteness ("организацията" → "организаци[я]" without its article), else one
  // that opens its sentence as its subject ("Издание поясняет" → "издани", without its last
  // letter, the case ending). Empty if [first, end) is none.
  std::string_view AnaphoricBodyStem(uint32_t first, uint32_t end) const {
    auto b = lr_.bodies.MatchAt(doc_, first);
    if (!b || first + b.length != end || b.length != 1) return {};
    std::string_view f = Fold(first);
    if (!lr_.definite_suffixes.empty()) {
      size_t cut = lr_.DefiniteSuffixLength(f);
      return cut ? f.substr(0, f.size() - cut) : std::string_view();
    }
    // (Or after a source preposition that opens it, with adjectives between: "В упомянутом
    // издании заявили".)
    uint32_t opens = SentenceAt(first).first_token;
    bool source_opening = opens < first && opens + 3 > first && SourcePreposition(opens);
    for (uint32_t j = opens + 1; j < first && source_opening; ++j) {
      source_opening = toks_[j].kind == TokenKind::kWord && !toks_[j].upper && mention_at_[j] < 0;
    }
    if (!source_opening && (opens != first || !toks_[first].upper)) return {};
    size_t last = f.size();
    while (last > 0 && (static_cast<unsigned char>(f[last - 1]) & 0xC0) == 0x80) --last;
    return last > 0 ? f.substr(0, last - 1) : std::string_view();
  }

  // The organisation a bare definite body refers back to: the nearest organisation named
  // before it whose name holds the body's noun without its article ("организацията" after
  // "Световната здравна организация"); -1 if none or if the language marks no definiteness.
  int OrganisationWithHead(uint32_t first, uint32_t end) const {
    std::string_view stem = AnaphoricBodyStem(first, end);
    if (stem.size() < 4) return -1;
    for (size_t m = MentionsBefore(first); m > 0; --m) {
      const Mention& x = doc_.mentions[m - 1];
      if (x.type != EntityType::kOrg) continue;
      if (utf8::FoldCase(doc_.Text(x.span)).find(stem) != std::string::npos) return x.entity;
    }
    return -1;
  }

  // The name a bare definite body refers back to when the article named it with that body
  // before: "авторитетното издание „Политико“" … "Изданието съобщава" → Политико; "партия -
  // „Обновление“ (Renew)" … "Партията твърди" → Обновление. Sets *mention to the name's
  // organisation mention, or [*first, *end) to a name in marks the recogniser missed; returns
  // whether it found one. Only for a body that refers back (AnaphoricBodyStem).
  bool NameOfBodyBefore(uint32_t first, uint32_t end, int* mention, uint32_t* name_first,
                        uint32_t* name_end) const {
    std::string_view stem = AnaphoricBodyStem(first, end);
    if (stem.size() < 4) return false;
    bool definite = !lr_.definite_suffixes.empty();
    for (uint32_t k = first; k-- > 0;) {
      if (toks_[k].kind != TokenKind::kWord) continue;
      std::string_view g = Fold(k);
      if (!g.starts_with(stem)) continue;
      // The same noun: in another case form (one more letter at most), or with its article.
      if (definite ? g != stem && g.substr(0, g.size() - lr_.DefiniteSuffixLength(g)) != stem
                   : g.size() > stem.size() + 4) {
        continue;
      }
      uint32_t e = k + 1;
      while (e < first && e < k + 3 && (IsDash(e) || IsComma(e))) ++e;
      if (e >= first) continue;
      if (IsQuoteMarkTok(e) && !close_of_.empty() && close_of_[e] > e + 1 && close_of_[e] < first &&
          close_of_[e] < e + 6 && toks_[e + 1].upper) {
        bool plain = true;
        for (uint32_t j = e + 1; j < close_of_[e] && plain; ++j) plain = !IsPunct(j);
        if (!plain) continue;
        int m = mention_at_[e + 1];
        if (IsSpeakerMention(m) && doc_.mentions[m].type != EntityType::kPer &&
            doc_.mentions[m].end_token == close_of_[e]) {
          *mention = m;
        } else {
          *name_first = e + 1;
          *name_end = close_of_[e];
        }
        return true;
      }
      int m = mention_at_[e];
      if (OrganisationOrMedium(m) && doc_.mentions[m].first_token == e) {
        *mention = m;
        return true;
      }
    }
    return false;
  }

  // The start of a noun phrase that a determiner opens and that stands right before the
  // cue at cf as its subject, opening its clause ("The billionaire real estate magnate said",
  // "His ex-wife agreed"): at most eight words, no punctuation, pronoun, cue, complementiser
  // or finite auxiliary among them; the determiner opens the sentence or follows a comma or a
  // coordinator. `cf` when there is none.
  uint32_t DescribedSubject(uint32_t cf) const {
    if (cf == 0) return cf;
    uint32_t lo = SentenceAt(cf).first_token;
    for (uint32_t d = cf; d > lo && d + 9 > cf;) {
      --d;
      if (toks_[d].kind != TokenKind::kWord && toks_[d].kind != TokenKind::kNumber) return cf;
      if (in_direct_[d] || IsQuoteMarkTok(d) || IsPronoun(d) || IsComplementizer(d) ||
          lr_.finite_auxiliaries.FindWord(Fold(d)) || (d + 1 < cf && CueAt(d))) {
        return cf;
      }
      if (!Determiner(d)) continue;
      if (d + 1 == cf) return cf;
      bool opens = d == lo || IsComma(d - 1) || lr_.IsCoordinator(Fold(d - 1));
      return opens ? d : cf;
    }
    return cf;
  }

  // Whether the title at k is a plural form (third column `p` of titles.tsv: "officials").


  // The person the article names with this title ("Министърът на финансите Теменужка
  // Петкова" … "Министърът заяви"): the nearest such naming before the quote, else after.
  int PersonWithTitle(uint32_t first, uint32_t end) {
    auto t = lr_.titles.MatchAt(doc_, first);
    if (!t) return -1;
    if (!titled_ready_) {  // once per document: every title that names a person
      titled_ready_ = true;
      for (uint32_t k = 0; k < n_; ++k) {
        auto u = lr_.titles.MatchAt(doc_, k);
        if (!u) continue;
        int person = -1;
        int m = PersonAfterTitle(k + u.length, n_);
        if (m >= 0) person = doc_.mentions[m].entity;
        // "Наем Шакир, адвокатът на …"
        uint32_t b = k;
        while (b > 0 && (IsComma(b - 1) || IsDash(b - 1))) --b;
        if (person < 0 && b > 0 && b < k && mention_at_[b - 1] >= 0 &&
            doc_.mentions[mention_at_[b - 1]].type == EntityType::kPer) {
          person = doc_.mentions[mention_at_[b - 1]].entity;
        }
        if (person >= 0) {
          titled_.push_back({k, &u.entry->values[0], person, TitleComplement(k + u.length)});
        }
      }
    }
    const std::string& role = t.entry->values[0];
    // A title completed otherwise names another office ("глава региона" is not "глава
    // Минпромторга").
    std::string_view complement =
        first + t.length < end ? TitleComplement(first + t.length) : std::string_view();
    int before = -1, after = -1;
    for (const Titled& x : titled_) {
      if (*x.role != role) continue;
      if (!complement.empty() && !x.complement.empty() && x.complement != complement) continue;
      if (x.token < first) before = x.person;
      else if (after < 0) after = x.person;
    }
    return before >= 0 ? before : after;
  }

  // The word that completes a title ending before token e ("глава региона", "глава
  // Минпромторга"), as folded; empty when a person's name, a function word or nothing follows.
  std::string_view TitleComplement(uint32_t e) const {
    if (e >= n_ || toks_[e].kind != TokenKind::kWord || IsFunction(e) || CueAt(e) ||
        (mention_at_[e] >= 0 && doc_.mentions[mention_at_[e]].type == EntityType::kPer) ||
        (toks_[e].upper && mention_at_[e] < 0)) {
      return {};
    }
    return Fold(e);
  }

  // The author of an embedded post: the last speaker quoted on its platform (or on any
  // platform) who is not addressed in the post itself.
  int PostAuthor(const Candidate& c, std::string* channel) const {
    std::vector<bool> named(doc_.entities.size(), false);
    for (const Mention& m : doc_.mentions) {
      if (m.first_token >= c.first && m.end_token <= c.end) named[m.entity] = true;
    }
    for (int pass = 0; pass < 3; ++pass) {
      for (size_t i = kept_quotes_.size(); i > 0; --i) {
        const Quote& q = kept_quotes_[i - 1];
        if (q.speaker_entity < 0 || named[q.speaker_entity]) continue;
        bool ok = pass == 0 ? (!c.platform.empty() && q.channel == c.platform)
                : pass == 1 ? !q.channel.empty()
                            : true;
        if (!ok) continue;
        *channel = !c.platform.empty() ? c.platform : q.channel;
        return q.speaker_entity;
      }
    }
    *channel = c.platform;
    return -1;
  }

  // The language of the quotation of tokens [first, end) whose normalised text is `norm`: the
  // document's, unless identification (CLD2 and the close-group discriminator, 50-90 us a
  // call) answers otherwise, reliably or in another script. Identification runs only on a
  // quotation of 40 bytes or more and only when its answer can differ: the quotation's
  // dominant script is not the document's, or it has more words that only other languages
  // list as function words (lang/<code>/function_words.txt) than words that of all the
  // languages loaded only the document's lists. (On the 19 MB corpus sample 89 % of the
  // long quotations took the document's language when that took one word of its own; the
  // answers that changed, 7 in 29,522, were identification's errors: Slovene called English,
  // Bulgarian called Russian. Since 2026-11-29 a quotation with no such word either way keeps
  // the document's language too: identification calls short Macedonian text Serbian.)
  std::string QuoteLanguage(uint32_t first, uint32_t end, std::string_view norm) {
    if (norm.size() < 40) return doc_.lang;
    const bool same_script = text::DominantScript(norm) == doc_.script;
    if (same_script && function_words_.ok) {
      // One look-up per word: the languages that list it (the same counts as below).
      uint64_t mine_bits = 0, other_bits = 0;
      for (size_t i = 0; i < function_words_.langs.size(); ++i) {
        const bool self = function_words_.langs[i] == &lr_;
        mine_bits |= static_cast<uint64_t>(self) << i;
        other_bits |= static_cast<uint64_t>(!self && function_words_.codes[i] != lr_.code) << i;
      }
      int own = 0, foreign = 0;
      for (uint32_t k = first; k < end; ++k) {
        if (toks_[k].kind != TokenKind::kWord) continue;
        std::string_view w = Fold(k);
        const uint64_t langs = function_words_.Of(w);
        bool mine =
            mine_bits ? (langs & mine_bits) != 0 : lr_.function_words.FindWord(w) != nullptr;
        bool theirs = (langs & other_bits) != 0;
        own += mine && !theirs;
        foreign += theirs && !mine;
      }
      if (foreign <= own) return doc_.lang;
    } else if (same_script) {
      if (!others_ready_) {
        for (const std::string& code : res_.Languages()) {
          const LangResources& other = res_.Lang(code);
          if (&other != &lr_ && code != lr_.code && !other.function_words.empty()) {
            other_function_words_.push_back(&other.function_words);
          }
        }
        others_ready_ = true;
      }
      int own = 0, foreign = 0;
      for (uint32_t k = first; k < end; ++k) {
        if (toks_[k].kind != TokenKind::kWord) continue;
        std::string_view w = Fold(k);
        bool mine = lr_.function_words.FindWord(w) != nullptr;
        bool theirs = std::any_of(other_function_words_.begin(), other_function_words_.end(),
                                  [w](const PhraseTable* t) { return t->FindWord(w); });
        own += mine && !theirs;
        foreign += theirs && !mine;
      }
      if (foreign <= own) return doc_.lang;
    }
    text::LanguageGuess g = text::IdentifyLanguage(norm, doc_.lang);
    if (g.lang != "und" && (g.reliable || g.script != doc_.script)) return g.lang;
    return doc_.lang;
  }

  const Resources& res_;
  const QuoteExtractor::FunctionWordLanguages& function_words_;
  const LangResources& lr_;
  Document& doc_;
  const std::vector<Token>& toks_;
  // Function words of every other loaded language (QuoteLanguage without function_words_;
  // built on first need).
  std::vector<const PhraseTable*> other_function_words_;
  bool others_ready_ = false;
  uint32_t n_ = 0;
  std::vector<int> mention_at_;
  std::vector<uint32_t> sentence_of_;
  std::vector<bool> in_direct_;
  // The closing mark of the quotation whose opening mark is at k (0: none), for all pairs,
  // and the opening mark of the one whose closing mark is at k.
  std::vector<uint32_t> close_of_, open_of_;
  std::vector<Candidate> candidates_;
  std::vector<Quote> kept_quotes_;
  std::vector<bool> in_quote_;  // tokens inside kept quotations (built on first need)
  mutable std::unordered_set<std::string_view> folded_words_;  // the article's words (lazily)
  struct Titled {
    uint32_t token;
    const std::string* role;  // owned by the language's title table
    int person;
    std::string_view complement;  // TitleComplement, a view of the folded text
  };
  std::vector<Titled> titled_;
  bool titled_ready_ = false;
};

}  // namespace

QuoteExtractor::QuoteExtractor(const Resources& res) : res_(res) {
  FunctionWordLanguages& fw = function_words_;
  for (const std::string& code : res_.Languages()) {
    fw.codes.push_back(code);
    fw.langs.push_back(&res_.Lang(code));
  }
  fw.ok = fw.langs.size() <= 64;
  if (!fw.ok) return;
  for (size_t i = 0; i < fw.langs.size(); ++i) {
    fw.langs[i]->function_words.ForEachWord(
        [&](std::string_view word) { fw.words[word] |= uint64_t{1} << i; });
  }
}

void QuoteExtractor::Annotate(const LangResources& lr, Document* doc) const {
  doc->quotes.clear();
  if (doc->tokens.empty()) return;
  Extractor(res_, function_words_, lr, doc).Run();
}

}  // namespace vestnik::quotes
