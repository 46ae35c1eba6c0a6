#include "quotes/speaker_ranker.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>

#include "core/byte_io.h"
#include "core/utf8.h"
#include "text/segment.h"

namespace vestnik::quotes {
namespace {

constexpr char kMagic[8] = {'V', 'S', 'P', 'K', 'R', 'N', 'K', '1'};
constexpr uint32_t kFormatVersion = 1;
// The feature templates SpeakerCandidates computes, in order; TemplateHash hashes them.
constexpr const char* kTemplates =
    "k none none&qk none&rk rule rule&k pos pos&k adj clause clause&k inq qside prep sent type "
    "cnt nearest nearest&k qk&side sameent obl w&k rk&k rempty&k cue&side&k cue&none poss "
    "pos&clause&k prep&k";

uint64_t Fnv(std::string_view s, uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// The id of a feature name: a 64-bit hash taking eight bytes at a step (the names are hashed
// on every quotation, so byte-at-a-time FNV would cost the stage a third of its time).
uint64_t FeatureHash(std::string_view s) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ s.size();
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = (h ^ w) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 32;
  }
  uint64_t w = 0;
  std::memcpy(&w, s.data() + i, s.size() - i);
  h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 29;
  return h;
}

const char* KindName(SpeakerCandidate::Kind k) {
  switch (k) {
    case SpeakerCandidate::Kind::kNone:
      return "none";
    case SpeakerCandidate::Kind::kMention:
      return "mention";
    case SpeakerCandidate::Kind::kPronoun:
      return "pronoun";
    case SpeakerCandidate::Kind::kTitle:
      return "title";
    case SpeakerCandidate::Kind::kWords:
      return "words";
    case SpeakerCandidate::Kind::kRule:
      return "rule";
  }
  return "?";
}

const char* DistanceBucket(uint32_t d) {
  if (d == 0) return "0";
  if (d == 1) return "1";
  if (d == 2) return "2";
  if (d <= 4) return "3-4";
  if (d <= 8) return "5-8";
  return "9+";
}

const char* CountBucket(size_t n) {
  if (n <= 1) return "1";
  if (n == 2) return "2";
  if (n <= 4) return "3-4";
  return "5+";
}

bool IsSpeakerMention(const Document& doc, const Mention& m) {
  return (m.type == EntityType::kPer || m.type == EntityType::kOrg) && m.entity >= 0 &&
         doc.tokens[m.first_token].upper;
}

// A comma, a quotation mark or a sentence-final mark: the end of a clause.
bool ClauseBreak(const Document& doc, uint32_t k) {
  const Token& t = doc.tokens[k];
  if (t.kind != TokenKind::kPunct) return false;
  std::string_view s = doc.NormText(t);
  if (s == "," || s == "." || s == "!" || s == "?" || s == ";" || s == ":") return true;
  size_t i = 0;
  return text::IsQuoteMark(utf8::Next(s, &i));
}

// The index of the first mention that starts at or after token k (mentions are in text order).
size_t MentionAt(const Document& doc, uint32_t k) {
  auto it = std::lower_bound(doc.mentions.begin(), doc.mentions.end(), k,
                             [](const Mention& m, uint32_t v) { return m.first_token < v; });
  return static_cast<size_t>(it - doc.mentions.begin());
}

// The last speaker-like mention before token k (any type when `person_only` is false).
int AntecedentBefore(const Document& doc, uint32_t k, bool person_only) {
  for (size_t m = MentionAt(doc, k); m-- > 0;) {
    const Mention& x = doc.mentions[m];
    if (x.end_token > k || !IsSpeakerMention(doc, x)) continue;
    if (person_only && x.type != EntityType::kPer) continue;
    return x.entity;
  }
  return -1;
}

}  // namespace

std::vector<SpeakerCandidate> SpeakerCandidates(const Document& doc, const LangResources& lr,
                                                const Quote& q, bool names) {
  std::vector<SpeakerCandidate> out;
  if (q.cue_span.empty() || doc.tokens.empty()) return out;
  const uint32_t n = static_cast<uint32_t>(doc.tokens.size());
  const uint32_t cf = doc.TokenAt(q.cue_span.start);
  if (cf >= n) return out;
  const uint32_t ce = std::max(cf + 1, doc.TokenAt(q.cue_span.end));
  const uint32_t s = doc.SentenceOf(cf);
  const uint32_t lo = doc.sentences[s > 0 ? s - 1 : s].first_token;
  const uint32_t hi = doc.sentences[s].end_token;
  const uint32_t qf = doc.TokenAt(q.span.start), qe = doc.TokenAt(q.span.end);

  out.reserve(16);
  out.push_back({});  // no speaker
  std::vector<bool> covered(hi - lo, false);
  auto span_of = [&](uint32_t f, uint32_t e) {
    return Span{doc.tokens[f].span.start, doc.tokens[e - 1].span.end};
  };
  for (size_t i = MentionAt(doc, lo); i < doc.mentions.size(); ++i) {
    const Mention& m = doc.mentions[i];
    if (m.first_token >= hi) break;
    if (m.end_token > hi) continue;
    for (uint32_t k = m.first_token; k < m.end_token; ++k) covered[k - lo] = true;
    if (!IsSpeakerMention(doc, m)) continue;
    SpeakerCandidate c;
    c.kind = SpeakerCandidate::Kind::kMention;
    c.span = m.span;
    c.entity = m.entity;  // the speaker is its entity's name (ApplyCandidate)
    if (!m.lemma.empty()) {
      auto last = [](std::string_view v) { return v.substr(v.rfind(' ') + 1); };
      c.oblique = utf8::FoldCase(last(m.text)) != utf8::FoldCase(last(m.lemma));
    }
    out.push_back(std::move(c));
  }
  for (uint32_t k = lo; k < hi; ++k) {
    if (covered[k - lo] || doc.tokens[k].kind != TokenKind::kWord) continue;
    std::string_view f = doc.Folded(doc.tokens[k]);
    if (const auto* e = lr.pronouns.FindWord(f)) {
      SpeakerCandidate c;
      c.kind = SpeakerCandidate::Kind::kPronoun;
      c.span = doc.tokens[k].span;
      bool person = !e->values.empty() && (e->values[0] == "m" || e->values[0] == "f");
      c.entity = AntecedentBefore(doc, k, person);
      if (c.entity < 0) c.speaker = std::string(doc.Text(c.span));
      out.push_back(std::move(c));
    } else if (auto t = lr.titles.MatchAt(doc, k); t && k + t.length <= hi) {
      uint32_t e = k + t.length;
      // A title before a name: the name is the candidate.
      if (e < hi && covered[e - lo]) continue;
      SpeakerCandidate c;
      c.kind = SpeakerCandidate::Kind::kTitle;
      c.span = span_of(k, e);
      c.speaker = std::string(doc.Text(c.span));
      out.push_back(std::move(c));
      k = e - 1;
    }
  }
  // The words right before the cue that nothing above covers: the head of its subject and
  // the words of its phrase before it (not over a function word).
  if (cf > lo && !covered[cf - 1 - lo] && doc.tokens[cf - 1].kind == TokenKind::kWord) {
    uint32_t head = cf - 1;
    bool taken = false;
    for (const auto& c : out) taken |= c.span.Overlaps(doc.tokens[head].span);
    if (!taken) {
      uint32_t f = head;
      while (f > lo && head - f < 3 && !covered[f - 1 - lo] &&
             doc.tokens[f - 1].kind == TokenKind::kWord &&
             !lr.function_words.FindWord(doc.Folded(doc.tokens[f - 1])) &&
             !lr.pronouns.FindWord(doc.Folded(doc.tokens[f - 1]))) {
        --f;
      }
      SpeakerCandidate c;
      c.kind = SpeakerCandidate::Kind::kWords;
      c.span = span_of(f, head + 1);
      c.speaker = std::string(doc.Text(c.span));
      out.push_back(std::move(c));
    }
  }
  // A subject's head over words of no content before the cue ("I do n't want", "we also
  // said"): each word up to two such words back, alone.
  auto free_word = [&](uint32_t k) {
    if (k < lo || covered[k - lo] || doc.tokens[k].kind != TokenKind::kWord) return false;
    for (const auto& c : out) {
      if (c.span.Overlaps(doc.tokens[k].span)) return false;
    }
    return true;
  };
  for (uint32_t back = 2; back <= 3 && cf >= lo + back; ++back) {
    uint32_t k = cf - back;
    bool between = true;
    for (uint32_t t = k + 1; t < cf && between; ++t) {
      between = doc.tokens[t].kind == TokenKind::kWord &&
                lr.function_words.FindWord(doc.Folded(doc.tokens[t])) != nullptr;
    }
    if (!between || !free_word(k)) continue;
    SpeakerCandidate c;
    c.kind = SpeakerCandidate::Kind::kWords;
    c.span = doc.tokens[k].span;
    c.speaker = std::string(doc.Text(c.span));
    out.push_back(std::move(c));
  }
  // The noun phrase right after the cue, its determiners left out ("according to the
  // polling average", "said the senator's aide"): its words up to a mark or a function word.
  {
    uint32_t f = ce;
    while (f < hi && doc.tokens[f].kind == TokenKind::kWord &&
           (lr.determiners.FindWord(doc.Folded(doc.tokens[f])) ||
            lr.prepositions.FindWord(doc.Folded(doc.tokens[f]))) &&
           f < ce + 2) {
      ++f;
    }
    uint32_t e = f;
    while (e < hi && e < f + 5 && doc.tokens[e].kind == TokenKind::kWord &&
           !lr.function_words.FindWord(doc.Folded(doc.tokens[e]))) {
      ++e;
    }
    bool same = false;  // no more than a candidate already there
    for (const auto& c : out) same |= e > f && c.span.Contains(span_of(f, e));
    // Nor a time: "said Friday", "said last week" tell when, not who.
    bool timely = false;
    for (uint32_t k = f; k < e && !timely; ++k) {
      std::string_view w = doc.Folded(doc.tokens[k]);
      timely = lr.time_nouns.FindWord(w) || lr.relative_dates.FindWord(w) || lr.months.FindWord(w);
    }
    if (e > f && !same && !timely && !(f >= qf && f < qe)) {
      SpeakerCandidate c;
      c.kind = SpeakerCandidate::Kind::kWords;
      c.span = span_of(f, e);
      c.speaker = std::string(doc.Text(c.span));
      out.push_back(std::move(c));
    }
  }
  std::sort(out.begin() + 1, out.end(), [](const SpeakerCandidate& a, const SpeakerCandidate& b) {
    return a.span.start < b.span.start;
  });

  // The rules' pick: the candidate its words overlap (taking the rules' resolution), else one
  // of its own; "no speaker" when the rules found none.
  int rule = -1;
  if (q.speaker_entity < 0 && q.speaker.empty()) {
    rule = 0;
  } else {
    for (size_t i = 1; i < out.size() && rule < 0; ++i) {
      if (!q.speaker_span.empty() && out[i].span.Overlaps(q.speaker_span))
        rule = static_cast<int>(i);
    }
    if (rule < 0) {
      out.push_back({});
      out.back().kind = SpeakerCandidate::Kind::kRule;
      rule = static_cast<int>(out.size()) - 1;
    }
    out[rule].span = q.speaker_span;
    out[rule].entity = q.speaker_entity;
    out[rule].speaker = q.speaker;
  }
  out[rule].rule_pick = true;
  const std::string_view rule_kind = KindName(out[rule].kind);
  const bool rule_empty = rule > 0 && out[rule].span.empty();
  const std::string_view qk = QuoteKindName(q.kind);
  const std::string_view cue_word = doc.Folded(doc.tokens[cf]);

  // Distances to the cue, for "nearest".
  struct Place {
    bool before = false;
    uint32_t dist = 0;
    bool placed = false;
  };
  std::vector<Place> place(out.size());
  uint32_t nearest_before = UINT32_MAX, nearest_after = UINT32_MAX;
  for (size_t i = 1; i < out.size(); ++i) {
    if (out[i].span.empty()) continue;
    uint32_t f = doc.TokenAt(out[i].span.start), e = doc.TokenAt(out[i].span.end);
    if (f >= n) continue;
    Place& p = place[i];
    p.placed = true;
    p.before = f < cf;
    p.dist = p.before ? (cf > e ? cf - e : 0) : (f > ce ? f - ce : 0);
    uint32_t& nb = p.before ? nearest_before : nearest_after;
    nb = std::min(nb, p.dist);
  }
  for (size_t i = 0; i < out.size(); ++i) {
    SpeakerCandidate& c = out[i];
    // A feature: its id is the hash of its name, the pieces joined; the name only on demand.
    auto F = [&](std::initializer_list<std::string_view> pieces) {
      char buf[256];
      size_t len = 0;
      for (std::string_view x : pieces) {
        size_t m = std::min(x.size(), sizeof buf - len);  // names are far shorter
        std::memcpy(buf + len, x.data(), m);
        len += m;
      }
      c.ids.push_back(FeatureHash(std::string_view(buf, len)));
      if (names) c.features.emplace_back(buf, len);
    };
    c.ids.reserve(32);
    const std::string_view k = KindName(c.kind);
    F({"k=", k});
    if (c.rule_pick) {
      F({"rule"});
      F({"rule&k=", k});
    }
    if (c.kind == SpeakerCandidate::Kind::kNone) {
      F({"none&qk=", qk});
      F({"none&rk=", rule_kind});
      F({"cue=", cue_word, "&none"});
      continue;
    }
    F({"rk=", rule_kind, "&k=", k});
    if (rule_empty) F({"rempty&k=", k});
    if (c.kind == SpeakerCandidate::Kind::kPronoun || c.kind == SpeakerCandidate::Kind::kWords ||
        c.kind == SpeakerCandidate::Kind::kTitle) {
      uint32_t last = doc.TokenAt(c.span.end);
      if (last > 0 && last <= n) {
        F({"w=", doc.Folded(doc.tokens[last - 1]), "&k=", k});
      }
    }
    if (!c.rule_pick && c.entity >= 0 && c.entity == out[rule].entity) F({"sameent"});
    if (!c.span.empty()) {
      // The shape of the words: capitalised, how many, a function word at their end.
      uint32_t f0 = doc.TokenAt(c.span.start), e0 = doc.TokenAt(c.span.end);
      if (f0 < n && e0 > f0) {
        if (doc.tokens[f0].upper) F({"up&k=", k});
        F({"len=", e0 - f0 == 1 ? "1" : e0 - f0 == 2 ? "2" : "3+", "&k=", k});
        if (lr.function_words.FindWord(doc.Folded(doc.tokens[e0 - 1]))) F({"fw&k=", k});
      }
    }
    if (c.entity >= 0) {
      const Entity& ent = doc.entities[c.entity];
      F({"type=", EntityTypeName(ent.type)});
      F({"cnt=", CountBucket(ent.mentions.size())});
    }
    const Place& p = place[i];
    if (!p.placed) {
      F({"pos=none"});
      continue;
    }
    uint32_t f = doc.TokenAt(c.span.start), e = std::max(f + 1, doc.TokenAt(c.span.end));
    const std::string_view side = p.before ? "before" : "after";
    const std::string_view dist = DistanceBucket(p.dist);
    F({"pos=", side, ":", dist});
    F({"pos=", side, ":", dist, "&k=", k});
    F({"cue=", cue_word, "&", side, "&k=", k});
    if (p.dist == 0) F({"adj"});
    bool clause = true;
    for (uint32_t t = p.before ? e : ce; t < (p.before ? cf : f) && clause; ++t) {
      clause = !ClauseBreak(doc, t);
    }
    if (clause) {
      F({"clause"});
      F({"clause&k=", k});
      F({"pos=", side, ":", dist, "&clause&k=", k});
    }
    // A possessor ("Trump's campaign manager"): a clitic after an apostrophe follows it.
    if (e < n && doc.tokens[e].span.start == doc.tokens[e - 1].span.end) {
      std::string_view t = doc.NormText(doc.tokens[e]);
      if (t.starts_with("'") || t.starts_with("\u2019")) F({"poss"});
    }
    if (f >= qf && e <= qe) {
      F({"inq"});
    } else {
      F({f < qf ? "qside=before" : "qside=after"});
    }
    if (f > 0 && doc.tokens[f - 1].kind == TokenKind::kWord &&
        lr.prepositions.FindWord(doc.Folded(doc.tokens[f - 1]))) {
      F({"prep"});
      F({"prep&k=", k});
    }
    F({doc.SentenceOf(f) == s ? "sent=0" : "sent=1"});
    if (p.dist == (p.before ? nearest_before : nearest_after)) {
      F({"nearest"});
      F({"nearest&k=", k});
    }
    F({"qk=", qk, "&", side});
    if (c.oblique) F({"obl"});
  }
  return out;
}

uint64_t SpeakerRanker::TemplateHash() {
  return Fnv(kTemplates, Fnv(std::to_string(kSpeakerFeatureVersion)));
}

uint64_t SpeakerFeatureId(std::string_view name) { return FeatureHash(name); }

SpeakerRanker::SpeakerRanker(SpeakerModelData d) : d_(std::move(d)) {
  for (const auto& [name, w] : d_.weights) by_id_[FeatureHash(name)] += w;
}

double SpeakerRanker::Score(const SpeakerCandidate& c) const {
  double s = 0;
  for (uint64_t f : c.ids) {
    if (auto it = by_id_.find(f); it != by_id_.end()) s += it->second;
  }
  return s;
}

int SpeakerRanker::Best(const std::vector<SpeakerCandidate>& cands) const {
  int best = -1;
  double best_score = 0;
  for (size_t i = 0; i < cands.size(); ++i) {
    double s = Score(cands[i]);
    if (best < 0 || s > best_score) best = static_cast<int>(i), best_score = s;
  }
  return best;
}

void ApplyCandidate(const Document& doc, const SpeakerCandidate& c, Quote* q) {
  q->speaker_entity = c.entity;
  q->speaker = c.entity >= 0 ? doc.entities[c.entity].name : c.speaker;
  q->speaker_span = c.span;
}

void SpeakerRanker::Rerank(const LangResources& lr, Document* doc) const {
  for (Quote& q : doc->quotes) {
    std::vector<SpeakerCandidate> cands = SpeakerCandidates(*doc, lr, q);
    int best = -1;
    double best_score = 0, rule_score = 0;
    for (size_t i = 0; i < cands.size(); ++i) {
      double s = Score(cands[i]);
      if (cands[i].rule_pick) rule_score = s;
      if (best < 0 || s > best_score) best = static_cast<int>(i), best_score = s;
    }
    if (best < 0 || cands[best].rule_pick) continue;
    if (best_score - rule_score > d_.margin) ApplyCandidate(*doc, cands[best], &q);
  }
}

Status SpeakerRanker::Save(const SpeakerModelData& d, const std::filesystem::path& file) {
  std::string out;
  ByteWriter w(&out);
  w.PutBytes(kMagic, 8);
  w.Put<uint32_t>(kFormatVersion);
  w.Put<uint64_t>(TemplateHash());
  w.PutString(d.lang);
  w.PutString(d.header_json);
  w.Put<float>(d.margin);
  std::vector<std::pair<std::string, float>> rows(d.weights.begin(), d.weights.end());
  std::sort(rows.begin(), rows.end());
  w.Put<uint32_t>(static_cast<uint32_t>(rows.size()));
  for (const auto& [f, v] : rows) {
    w.PutString(f);
    w.Put<float>(v);
  }
  uint64_t sum = Fnv(out);
  w.PutBytes("END\0", 4);
  w.Put<uint64_t>(sum);
  std::ofstream f(file, std::ios::binary | std::ios::trunc);
  if (!f || !f.write(out.data(), static_cast<std::streamsize>(out.size()))) {
    return Status::IoError(file.string() + ": cannot write");
  }
  return Status::Ok();
}

Result<std::unique_ptr<SpeakerRanker>> SpeakerRanker::Load(const std::filesystem::path& file) {
  const std::string name = file.string();
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::NotFound(name + ": cannot open");
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto corrupt = [&](const std::string& what) { return Status::Corruption(name + ": " + what); };
  if (bytes.size() < 8 + 4 + 8 + 12 ||
      std::string_view(bytes).substr(0, 8) != std::string_view(kMagic, 8)) {
    return corrupt("not a vestnik speaker model (bad magic)");
  }
  std::string_view body = std::string_view(bytes).substr(0, bytes.size() - 12);
  ByteReader trailer(std::string_view(bytes).substr(bytes.size() - 12));
  if (trailer.GetBytes(4) != std::string_view("END\0", 4))
    return corrupt("truncated (no end marker)");
  if (trailer.Get<uint64_t>() != Fnv(body)) return corrupt("checksum mismatch (corrupted file)");
  ByteReader r(body);
  r.GetBytes(8);
  uint32_t version = r.Get<uint32_t>();
  if (version != kFormatVersion) {
    return corrupt("format version " + std::to_string(version) + ", this vestnik reads " +
                   std::to_string(kFormatVersion) + ": retrain with vestnik train speakers");
  }
  uint64_t tmpl = r.Get<uint64_t>();
  if (tmpl != TemplateHash()) {
    return corrupt("trained with other feature templates (hash " + std::to_string(tmpl) +
                   ", expected " + std::to_string(TemplateHash()) +
                   "): retrain with vestnik train speakers");
  }
  SpeakerModelData d;
  d.lang = r.GetString(64);
  d.header_json = r.GetString(1 << 20);
  d.margin = r.Get<float>();
  uint32_t rows = r.Get<uint32_t>();
  if (!r.ok() || rows > r.remaining() / 8) return corrupt("truncated header");
  for (uint32_t i = 0; i < rows && r.ok(); ++i) {
    std::string f = r.GetString(256);
    d.weights[f] = r.Get<float>();
  }
  if (!r.ok() || !r.done()) return corrupt("bad weight table");
  return std::make_unique<SpeakerRanker>(std::move(d));
}

Result<std::map<std::string, std::shared_ptr<const SpeakerRanker>>> LoadSpeakerRankers(
    const std::filesystem::path& dir) {
  std::map<std::string, std::shared_ptr<const SpeakerRanker>> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    if (!name.starts_with("speakers-") || !name.ends_with(".model")) continue;
    auto m = SpeakerRanker::Load(e.path());
    if (!m.ok()) return m.status();
    std::string lang = (*m)->data().lang;
    out[lang] = std::shared_ptr<const SpeakerRanker>(std::move(m.value()));
  }
  return out;
}

}  // namespace vestnik::quotes
