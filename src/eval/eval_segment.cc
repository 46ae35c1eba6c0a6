#include "eval/eval_segment.h"

#include <unicode/brkiter.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>
#include <sstream>

#include "core/resources.h"
#include "core/utf8.h"
#include "text/normalize.h"
#include "text/segment.h"

namespace vestnik::eval {
namespace fs = std::filesystem;

namespace {

std::vector<std::string> SplitTab(const std::string& line) {
  std::vector<std::string> cols;
  std::stringstream ss(line);
  std::string c;
  while (std::getline(ss, c, '\t')) cols.push_back(c);
  return cols;
}

Span Trim(const std::string& text, Span s) {
  while (s.start < s.end && utf8::IsSpace(static_cast<unsigned char>(text[s.start]))) ++s.start;
  while (s.end > s.start && utf8::IsSpace(static_cast<unsigned char>(text[s.end - 1]))) --s.end;
  return s;
}

// The sentence boundaries ICU's BreakIterator finds in `text`.
std::vector<Span> IcuSentences(const std::string& text, const std::string& lang) {
  std::vector<Span> out;
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> bi(
      icu::BreakIterator::createSentenceInstance(icu::Locale(lang.c_str()), err));
  if (U_FAILURE(err)) return out;
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &err);
  bi->setText(ut, err);
  int32_t prev = bi->first();
  for (int32_t b = bi->next(); b != icu::BreakIterator::DONE; b = bi->next()) {
    // UTF-8 UText indexes are byte offsets.
    out.push_back({static_cast<uint32_t>(prev), static_cast<uint32_t>(b)});
    prev = b;
  }
  utext_close(ut);
  return out;
}

}  // namespace

void PRF::Add(const std::vector<Span>& gold, const std::vector<Span>& pred, const std::string& text) {
  std::set<std::pair<uint32_t, uint32_t>> g, p;
  for (Span s : gold) {
    s = Trim(text, s);
    if (!s.empty()) g.insert({s.start, s.end});
  }
  for (Span s : pred) {
    s = Trim(text, s);
    if (!s.empty()) p.insert({s.start, s.end});
  }
  for (const auto& x : p) {
    if (g.count(x)) ++tp; else ++fp;
  }
  for (const auto& x : g) {
    if (!p.count(x)) ++fn;
  }
}

Result<std::vector<UdDocument>> ReadConllu(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open");
  std::vector<UdDocument> docs(1);
  std::string line, sentence_text;
  bool new_par = false;
  int n = 0;
  size_t cursor = 0, sent_start = 0;  // into docs.back().text
  int skip_until = 0;
  Span mwt{};                   // the multi-word token being read
  bool mwt_ok = false;          // its words spell it out so far
  std::vector<Span> mwt_words;  // their spans
  size_t word_cursor = 0;
  auto start_sentence = [&](const std::string& t) {
    UdDocument& d = docs.back();
    if (!d.text.empty()) d.text += new_par ? "\n" : " ";
    new_par = false;
    sent_start = d.text.size();
    d.text += t;
    cursor = sent_start;
  };
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("# newdoc", 0) == 0) {
      if (!docs.back().text.empty()) docs.emplace_back();
      continue;
    }
    if (line.rfind("# newpar", 0) == 0) {
      new_par = true;
      continue;
    }
    if (line.rfind("# text = ", 0) == 0) {
      start_sentence(line.substr(9));
      skip_until = 0;
      continue;
    }
    if (line.empty()) {
      UdDocument& d = docs.back();
      if (d.text.size() > sent_start) d.sentences.push_back({static_cast<uint32_t>(sent_start), static_cast<uint32_t>(d.text.size())});
      sent_start = d.text.size();
      continue;
    }
    if (line[0] == '#') continue;
    auto cols = SplitTab(line);
    if (cols.size() < 10) return Status::Corruption(path + ":" + std::to_string(n) + ": expected 10 columns");
    const std::string& id = cols[0];
    if (id.find('.') != std::string::npos) continue;  // empty nodes
    size_t dash = id.find('-');
    int first_id = std::atoi(id.c_str());
    UdDocument& d = docs.back();
    const std::string& form = cols[1];
    if (first_id <= skip_until && dash == std::string::npos) {  // a word of a multi-word token
      // Kept when the words spell the token out in order ("did" "n't" of "didn't").
      if (mwt_ok && d.text.compare(word_cursor, form.size(), form) == 0) {
        mwt_words.push_back({static_cast<uint32_t>(word_cursor),
                             static_cast<uint32_t>(word_cursor + form.size())});
        word_cursor += form.size();
      } else {
        mwt_ok = false;
      }
      if (first_id == skip_until) {
        std::string_view surface = std::string_view(d.text).substr(mwt.start, mwt.end - mwt.start);
        bool apostrophe = surface.find('\'') != std::string_view::npos ||
                          surface.find("\u2019") != std::string_view::npos;
        if (mwt_ok && apostrophe && word_cursor == mwt.end) {
          d.words.insert(d.words.end(), mwt_words.begin(), mwt_words.end());
        } else {
          d.words.push_back(mwt);
        }
      }
      continue;
    }
    size_t at = d.text.find(form, cursor);
    if (at == std::string::npos) {
      return Status::Corruption(path + ":" + std::to_string(n) + ": token \"" + form + "\" not in # text");
    }
    Span span{static_cast<uint32_t>(at), static_cast<uint32_t>(at + form.size())};
    d.tokens.push_back(span);
    if (dash != std::string::npos) {
      skip_until = std::atoi(id.c_str() + dash + 1);
      mwt = span;
      mwt_ok = true;
      mwt_words.clear();
      word_cursor = at;
    } else {
      d.words.push_back(span);
    }
    cursor = at + form.size();
  }
  UdDocument& d = docs.back();
  if (d.text.size() > sent_start) d.sentences.push_back({static_cast<uint32_t>(sent_start), static_cast<uint32_t>(d.text.size())});
  if (docs.back().text.empty()) docs.pop_back();
  return docs;
}

namespace {

// The sentence ends of `spans` after trimming, as byte offsets.
std::set<uint32_t> Ends(const std::vector<Span>& spans, const std::string& text) {
  std::set<uint32_t> out;
  for (Span s : spans) {
    s = Trim(text, s);
    if (!s.empty()) out.insert(s.end);
  }
  return out;
}

// Prints the ends in `a` missing from `b`, with 50 bytes of context each side (on character
// boundaries), new lines shown as "¶".
void PrintEndErrors(const char* what, const std::set<uint32_t>& a, const std::set<uint32_t>& b,
                    const std::string& text, int* budget) {
  for (uint32_t end : a) {
    if (*budget <= 0) return;
    if (b.count(end)) continue;
    size_t from = end > 50 ? end - 50 : 0, to = std::min<size_t>(text.size(), end + 50);
    while (from > 0 && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) --from;
    while (to < text.size() && (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80) ++to;
    std::string ctx = text.substr(from, end - from) + "⟦" + text.substr(end, to - end);
    for (size_t i = 0; (i = ctx.find('\n', i)) != std::string::npos;) ctx.replace(i, 1, "¶");
    std::fprintf(stderr, "%s: %s\n", what, ctx.c_str());
    --*budget;
  }
}

}  // namespace

Result<SegmentScore> EvaluateSegmentation(const Resources& res, const std::string& lang,
                                          const std::string& conllu, int errors) {
  auto docs = ReadConllu(conllu);
  if (!docs.ok()) return docs.status();
  SegmentScore s;
  s.lang = lang;
  const LangResources& lr = res.Lang(lang);
  for (const UdDocument& ud : *docs) {
    Document d;
    d.body = ud.text;
    d.lang = lang;
    text::Normalize(d.body, &d.norm_text, &d.norm_map);
    text::Tokenize(lr, &d);
    text::SplitSentences(lr, &d);
    std::vector<Span> sents, toks;
    for (const Sentence& x : d.sentences) sents.push_back(x.span);
    for (const Token& t : d.tokens) toks.push_back(t.span);
    s.sentences.Add(ud.sentences, sents, ud.text);
    s.tokens.Add(lr.clitics.empty() ? ud.tokens : ud.words, toks, ud.text);
    s.icu_sentences.Add(ud.sentences, IcuSentences(ud.text, lang), ud.text);
    if (errors > 0) {
      std::set<uint32_t> gold_ends = Ends(ud.sentences, ud.text), ends = Ends(sents, ud.text);
      PrintEndErrors("missed", gold_ends, ends, ud.text, &errors);
      PrintEndErrors("spurious", ends, gold_ends, ud.text, &errors);
    }
    ++s.docs;
    s.gold_sentences += static_cast<int>(ud.sentences.size());
  }
  return s;
}

int RunSegmentEval(const SegmentEvalArgs& args) {
  fs::path root = args.data_root.empty() ? fs::path("../shared/data") : fs::path(args.data_root);
  auto res = Resources::Load(Resources::DefaultRoot());
  if (!res.ok()) {
    std::cerr << "vestnik: error: " << res.status().message() << "\n";
    return 1;
  }
  std::vector<std::string> langs = args.langs;
  if (langs.empty()) langs = {"bg", "sr", "ru", "en"};
  int code = 0;
  std::printf("segmentation on UD dev (raw text rebuilt from # text)\n");
  std::printf("%-4s %6s | %-26s | %-8s | %-8s\n", "lang", "sents", "vestnik sentences P/R/F1",
              "ICU F1", "token F1");
  for (const std::string& lang : langs) {
    fs::path dir;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(root / "ud", ec)) {
      for (const auto& f : fs::directory_iterator(e.path(), ec)) {
        std::string name = f.path().filename().string();
        if (name.rfind(lang + "_", 0) == 0 && name.ends_with("-ud-dev.conllu")) dir = f.path();
      }
    }
    if (dir.empty()) {
      std::cerr << "vestnik: error: no UD dev file for " << lang << " under " << (root / "ud").string() << "\n";
      return 2;
    }
    auto s = EvaluateSegmentation(**res, lang, dir.string(), args.errors);
    if (!s.ok()) {
      std::cerr << "vestnik: error: " << s.status().message() << "\n";
      return 2;
    }
    std::printf("%-4s %6d | %.4f %.4f %.4f       | %.4f   | %.4f\n", lang.c_str(), s->gold_sentences,
                s->sentences.p(), s->sentences.r(), s->sentences.f1(), s->icu_sentences.f1(),
                s->tokens.f1());
    if (args.min_f1 >= 0 && s->sentences.f1() < args.min_f1) code = 1;
    if (args.min_token_f1 >= 0 && s->tokens.f1() < args.min_token_f1) code = 1;
  }
  if (code) std::cerr << "vestnik: quality gate failed (see the table)\n";
  return code;
}

}  // namespace vestnik::eval
