#include "pipeline/output.h"

#include <map>

#include "core/utf8.h"

namespace vestnik {

void AppendJsonString(std::string_view s, std::string* out) {
  static const char* kHex = "0123456789abcdef";
  out->push_back('"');
  // Runs of bytes that need no escape are appended whole (one push_back per byte was about
  // 1 % of `vestnik analyze`).
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': *out += "\\\""; break;
      case '\\': *out += "\\\\"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      case '\t': *out += "\\t"; break;
      case '\b': *out += "\\b"; break;
      case '\f': *out += "\\f"; break;
      default:
        *out += "\\u00";
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 15]);
    }
  }
  out->append(s.data() + run, s.size() - run);
  out->push_back('"');
}

namespace {

class JsonWriter {
 public:
  JsonWriter(std::string* out, bool pretty) : out_(out), pretty_(pretty) {}
  void Open(char c) {
    out_->push_back(c);
    ++depth_;
    first_ = true;
  }
  void Close(char c) {
    --depth_;
    if (!first_) Newline();
    out_->push_back(c);
    first_ = false;
  }
  void Key(std::string_view k) {
    Sep();
    AppendJsonString(k, out_);
    out_->push_back(':');
    if (pretty_) out_->push_back(' ');
    after_key_ = true;
  }
  void String(std::string_view s) {
    Sep();
    AppendJsonString(s, out_);
  }
  void OptString(const std::string& s) {
    if (s.empty()) Null(); else String(s);
  }
  void OptString(const std::optional<std::string>& s) {
    if (!s) Null(); else String(*s);
  }
  void Null() {
    Sep();
    *out_ += "null";
  }
  void Bool(bool b) {
    Sep();
    *out_ += b ? "true" : "false";
  }
  void Int(long long v) {
    Sep();
    *out_ += std::to_string(v);
  }
  void BeginObject() { Sep(); Open('{'); }
  void BeginArray() { Sep(); Open('['); }
  void EndObject() { Close('}'); }
  void EndArray() { Close(']'); }

 private:
  void Sep() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!first_) out_->push_back(',');
    if (depth_ > 0) Newline();
    first_ = false;
  }
  void Newline() {
    if (!pretty_) return;
    out_->push_back('\n');
    out_->append(static_cast<size_t>(depth_) * 2, ' ');
  }
  std::string* out_;
  bool pretty_;
  int depth_ = 0;
  bool first_ = true;
  bool after_key_ = false;
};

void SpanFields(JsonWriter& w, const Span& s) {
  w.Key("start");
  w.Int(s.start);
  w.Key("end");
  w.Int(s.end);
}

}  // namespace

void WriteJson(const Document& doc, const OutputOptions& options, std::string* out) {
  JsonWriter w(out, options.pretty);
  w.BeginObject();
  w.Key("id"); w.String(doc.id);
  w.Key("date"); w.OptString(doc.date);
  w.Key("title"); w.OptString(doc.title);
  w.Key("url"); w.OptString(doc.url);
  w.Key("source"); w.OptString(doc.source);
  w.Key("lang"); w.String(doc.lang);
  w.Key("script"); w.String(doc.script);
  if (options.with_text) {
    w.Key("text");
    w.String(doc.body);
  }
  if (options.with_sentences) {
    w.Key("sentences");
    w.BeginArray();
    for (const Sentence& s : doc.sentences) {
      w.BeginObject();
      SpanFields(w, s.span);
      w.EndObject();
    }
    w.EndArray();
  }
  if (options.with_tokens) {
    w.Key("tokens");
    w.BeginArray();
    for (const Token& t : doc.tokens) {
      w.BeginObject();
      SpanFields(w, t.span);
      w.EndObject();
    }
    w.EndArray();
  }
  w.Key("entities");
  w.BeginArray();
  for (const Entity& e : doc.entities) {
    w.BeginObject();
    w.Key("id"); w.String(e.id);
    w.Key("type"); w.String(EntityTypeName(e.type));
    w.Key("name"); w.String(e.name);
    w.Key("latin"); w.String(e.latin);
    w.Key("mentions");
    w.BeginArray();
    for (uint32_t m : e.mentions) {
      const Mention& x = doc.mentions[m];
      w.BeginObject();
      SpanFields(w, x.span);
      w.Key("text"); w.String(x.text);
      w.Key("lemma"); w.String(x.lemma);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("quotes");
  w.BeginArray();
  for (const Quote& q : doc.quotes) {
    w.BeginObject();
    SpanFields(w, q.span);
    w.Key("text"); w.String(q.text);
    w.Key("kind"); w.String(QuoteKindName(q.kind));
    w.Key("speaker"); w.OptString(q.speaker);
    w.Key("speaker_entity");
    if (q.speaker_entity >= 0) w.String(doc.entities[q.speaker_entity].id); else w.Null();
    w.Key("speaker_text");
    if (q.speaker_span.empty()) w.Null(); else w.String(doc.Text(q.speaker_span));
    w.Key("cue"); w.OptString(q.cue);
    w.Key("channel"); w.OptString(q.channel);
    w.Key("via"); w.OptString(q.via);
    w.Key("lang"); w.String(q.lang);
    if (q.channel_inherited) {
      w.Key("channel_inherited");
      w.Bool(true);
    }
    w.EndObject();
  }
  w.EndArray();
  w.Key("dates");
  w.BeginArray();
  for (const DateMention& d : doc.dates) {
    w.BeginObject();
    SpanFields(w, d.span);
    w.Key("text"); w.String(d.text);
    w.Key("value");
    if (d.values.size() == 1) {
      w.String(d.values[0]);
    } else {
      w.BeginArray();
      for (const auto& v : d.values) w.String(v);
      w.EndArray();
    }
    w.EndObject();
  }
  w.EndArray();
  if (!doc.warnings.empty()) {
    w.Key("warnings");
    w.BeginArray();
    for (const auto& x : doc.warnings) w.String(x);
    w.EndArray();
  }
  w.EndObject();
  out->push_back('\n');
}

void WriteReport(const Document& doc, std::string* out) {
  *out += "━━ " + doc.id + "\n";
  if (doc.title) *out += "   " + *doc.title + "\n";
  *out += "   date " + doc.date.value_or("unknown") + " · language " + doc.lang + " (" +
          doc.script + ")";
  if (doc.source) *out += " · source " + *doc.source;
  *out += "\n";
  for (const auto& w : doc.warnings) *out += "   warning: " + w + "\n";
  std::map<std::string, std::vector<std::string>> by_type;
  for (const Entity& e : doc.entities) {
    std::string label = e.name;
    if (e.latin != e.name) label += " (" + e.latin + ")";
    if (e.mentions.size() > 1) label += " ×" + std::to_string(e.mentions.size());
    by_type[EntityTypeName(e.type)].push_back(label);
  }
  if (!by_type.empty()) *out += "   entities\n";
  for (const auto& [type, names] : by_type) {
    *out += "     " + type + ": ";
    for (size_t i = 0; i < names.size(); ++i) *out += (i ? "; " : "") + names[i];
    *out += "\n";
  }
  if (!doc.dates.empty()) {
    *out += "   dates: ";
    for (size_t i = 0; i < doc.dates.size(); ++i) {
      const DateMention& d = doc.dates[i];
      *out += (i ? "; " : "") + d.text + " → ";
      for (size_t k = 0; k < d.values.size(); ++k) *out += (k ? ", " : "") + d.values[k];
    }
    *out += "\n";
  }
  *out += "   quotes (" + std::to_string(doc.quotes.size()) + ")\n";
  for (const Quote& q : doc.quotes) {
    std::string speaker = q.speaker.empty() ? "(unattributed)" : q.speaker;
    std::vector<std::string> parts;
    parts.push_back(q.cue.empty() ? std::string(QuoteKindName(q.kind)) : q.cue);
    if (!q.channel.empty()) parts.push_back(q.channel);
    if (!q.via.empty()) parts.push_back("via " + q.via);
    *out += "     " + speaker + " (";
    for (size_t i = 0; i < parts.size(); ++i) *out += (i ? " · " : "") + parts[i];
    *out += "): «" + q.text + "»";
    if (q.kind != QuoteKind::kDirect) *out += "  [" + std::string(QuoteKindName(q.kind)) + "]";
    if (q.lang != doc.lang) *out += "  [" + q.lang + "]";
    *out += "\n";
  }
  *out += "\n";
}

}  // namespace vestnik
