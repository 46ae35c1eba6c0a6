#include "eval/quote_scorer.h"

#include <algorithm>
#include <set>
#include <tuple>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "core/utf8.h"

namespace vestnik::eval {
namespace {

std::string Nfc(std::string_view s) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  icu::UnicodeString n = nfc->normalize(u, err);
  std::string out;
  (U_SUCCESS(err) ? n : u).toUTF8String(out);
  return out;
}

std::string NormName(const nlohmann::json& v) {
  if (!v.is_string()) return "";
  std::string s = v.get<std::string>();
  for (char& c : s) {
    if (c == '@' || c == '#') c = ' ';
  }
  std::string out;
  for (const auto& w : ScoreWords(s)) out += (out.empty() ? "" : " ") + w;
  return out;
}

std::string LastWord(const std::string& s) {
  size_t sp = s.rfind(' ');
  return sp == std::string::npos ? s : s.substr(sp + 1);
}

std::string Str(const nlohmann::json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : "";
}

bool SpeakerOk(const nlohmann::json& p, const nlohmann::json& g, const nlohmann::json& speakers) {
  std::vector<std::string> names;
  for (const char* k : {"speaker", "speaker_text", "speaker_name"}) {
    auto it = p.find(k);
    if (it != p.end()) {
      std::string n = NormName(*it);
      if (!n.empty()) names.push_back(n);
    }
  }
  auto gs = g.find("speaker");
  if (gs == g.end() || gs->is_null()) return names.empty();
  if (names.empty()) return false;
  std::set<std::string> aliases;
  std::string gname = gs->get<std::string>();
  aliases.insert(NormName(*gs));
  if (auto a = g.find("speaker_aliases"); a != g.end() && a->is_array()) {
    for (const auto& x : *a) aliases.insert(NormName(x));
  }
  if (speakers.is_object()) {
    if (auto s = speakers.find(gname); s != speakers.end() && s->contains("aliases")) {
      for (const auto& x : (*s)["aliases"]) aliases.insert(NormName(x));
    }
  }
  for (const auto& n : names) {
    if (aliases.count(n)) return true;
  }
  std::string glast = LastWord(NormName(*gs));
  if (glast.empty()) return false;
  for (const auto& n : names) {
    if (LastWord(n) == glast) return true;
  }
  return false;
}

}  // namespace

bool SpeakerMatches(const nlohmann::json& pred, const nlohmann::json& gold,
                    const nlohmann::json& speakers) {
  return SpeakerOk(pred, gold, speakers);
}

std::vector<std::string> ScoreWords(std::string_view s) {
  std::string folded = utf8::FoldCase(Nfc(s));
  std::vector<std::string> words;
  std::string cur;
  for (size_t i = 0; i < folded.size();) {
    size_t start = i;
    char32_t c = utf8::Next(folded, &i);
    if (utf8::IsLetter(c) || utf8::IsDigit(c) || c == '_') {
      cur.append(folded, start, i - start);
    } else if (!cur.empty()) {
      words.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  return words;
}

double OverlapF1(std::string_view a, std::string_view b) {
  auto wa = ScoreWords(a), wb = ScoreWords(b);
  if (wa.empty() || wb.empty()) return 0;
  std::map<std::string, int> ca, cb;
  for (auto& w : wa) ++ca[w];
  for (auto& w : wb) ++cb[w];
  int common = 0;
  for (auto& [w, k] : ca) {
    auto it = cb.find(w);
    if (it != cb.end()) common += std::min(k, it->second);
  }
  if (!common) return 0;
  double p = double(common) / wa.size(), r = double(common) / wb.size();
  return 2 * p * r / (p + r);
}

void QuoteScore::Add(const QuoteScore& o) {
  docs += o.docs, gold += o.gold, pred += o.pred, match += o.match, speaker_ok += o.speaker_ok;
  cue_n += o.cue_n, cue_ok += o.cue_ok, channel_n += o.channel_n, channel_ok += o.channel_ok;
  kind_ok += o.kind_ok;
  for (const auto& [k, v] : o.by_kind) {
    by_kind[k].gold += v.gold, by_kind[k].match += v.match, by_kind[k].speaker_ok += v.speaker_ok;
    by_kind[k].pred += v.pred, by_kind[k].pred_right += v.pred_right;
  }
  errors.insert(errors.end(), o.errors.begin(), o.errors.end());
}

QuoteScore ScoreDocument(const nlohmann::json& gold, const nlohmann::json& pred,
                         const std::string& doc) {
  QuoteScore s;
  s.docs = 1;
  const nlohmann::json empty = nlohmann::json::array();
  const nlohmann::json& gq = gold.contains("quotes") ? gold["quotes"] : empty;
  const nlohmann::json& pq = pred.is_object() && pred.contains("quotes") ? pred["quotes"] : empty;
  const nlohmann::json speakers = gold.value("speakers", nlohmann::json::object());
  s.gold = static_cast<int>(gq.size());
  s.pred = static_cast<int>(pq.size());
  for (const auto& q : gq) ++s.by_kind[q.value("kind", "?")].gold;
  for (const auto& q : pq) ++s.by_kind[q.value("kind", "?")].pred;
  std::vector<std::tuple<double, size_t, size_t>> pairs;
  for (size_t i = 0; i < gq.size(); ++i) {
    for (size_t j = 0; j < pq.size(); ++j) {
      double f = OverlapF1(Str(gq[i], "text"), Str(pq[j], "text"));
      if (f >= 0.5) pairs.emplace_back(f, i, j);
    }
  }
  std::sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) { return a > b; });
  std::vector<bool> used_g(gq.size()), used_p(pq.size());
  for (const auto& [f, i, j] : pairs) {
    if (used_g[i] || used_p[j]) continue;
    used_g[i] = used_p[j] = true;
    const auto& a = gq[i];
    const auto& b = pq[j];
    ++s.match;
    auto& k = s.by_kind[a.value("kind", "?")];
    ++k.match;
    if (a.value("kind", "?") == b.value("kind", "")) ++s.kind_ok;
    if (SpeakerOk(b, a, speakers)) {
      ++s.speaker_ok;
      ++k.speaker_ok;
      ++s.by_kind[b.value("kind", "?")].pred_right;
    } else {
      s.errors.push_back(doc + ": speaker " + (b.contains("speaker") && b["speaker"].is_string() ? b["speaker"].get<std::string>() : "null") +
                         " instead of " + (a.contains("speaker") && a["speaker"].is_string() ? a["speaker"].get<std::string>() : "null") +
                         ": " + Str(a, "text").substr(0, 90));
    }
    std::string gcue = NormName(a.value("cue", nlohmann::json()));
    if (!gcue.empty()) {
      ++s.cue_n;
      std::string pcue = NormName(b.value("cue", nlohmann::json()));
      if (!pcue.empty() && pcue.substr(0, pcue.find(' ')) == gcue.substr(0, gcue.find(' '))) ++s.cue_ok;
    }
    std::string gch = NormName(a.value("channel", nlohmann::json()));
    if (!gch.empty() && !a.value("channel_inherited", false)) {
      ++s.channel_n;
      std::string pch = NormName(b.value("channel", nlohmann::json()));
      if (!pch.empty() && (gch.find(pch) != std::string::npos || pch.find(gch) != std::string::npos)) {
        ++s.channel_ok;
      }
    }
  }
  for (size_t i = 0; i < gq.size(); ++i) {
    if (used_g[i]) continue;
    std::string cue = gq[i].contains("cue") && gq[i]["cue"].is_string() ? " [" + gq[i]["cue"].get<std::string>() + "]" : "";
    s.errors.push_back(doc + ": missed " + gq[i].value("kind", "?") + cue + ": " + Str(gq[i], "text").substr(0, 90));
  }
  for (size_t j = 0; j < pq.size(); ++j) {
    if (!used_p[j]) s.errors.push_back(doc + ": spurious " + pq[j].value("kind", "?") + ": " + Str(pq[j], "text").substr(0, 90));
  }
  return s;
}

}  // namespace vestnik::eval
