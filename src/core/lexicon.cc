#include "core/lexicon.h"

#include <algorithm>
#include <fstream>

#include "core/document.h"
#include "core/utf8.h"

namespace vestnik {

void Transliteration::Add(std::string from, std::string to) {
  if (from.empty()) return;  // would never advance
  pairs_.emplace_back(std::move(from), std::move(to));
  std::stable_sort(pairs_.begin(), pairs_.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
}

std::string Transliteration::Apply(std::string_view s) const {
  std::string out;
  out.reserve(s.size() * 2);
  size_t i = 0;
  while (i < s.size()) {
    bool hit = false;
    for (const auto& [from, to] : pairs_) {
      if (s.substr(i, from.size()) == from) {
        out += to;
        i += from.size();
        hit = true;
        break;
      }
    }
    if (!hit) {
      size_t j = i;
      utf8::Next(s, &j);
      out.append(s.substr(i, j - i));
      i = j;
    }
  }
  return out;
}

static std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> cols;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    cols.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return cols;
}

Result<std::vector<TsvRow>> ReadTsv(const std::filesystem::path& path, size_t min_cols,
                                    size_t max_cols) {
  std::vector<TsvRow> rows;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (!std::filesystem::exists(path)) return rows;  // a missing list is an empty list
    return Status::IoError(path.string() + ": cannot open");
  }
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    if (!utf8::IsValid(line)) {
      return Status::Corruption(path.string() + ":" + std::to_string(n) + ": invalid UTF-8");
    }
    TsvRow row{n, SplitTabs(line)};
    for (auto& c : row.cols) {  // tolerate stray spaces around columns
      size_t b = c.find_first_not_of(' '), e = c.find_last_not_of(' ');
      c = b == std::string::npos ? std::string() : c.substr(b, e - b + 1);
    }
    while (row.cols.size() > min_cols && row.cols.back().empty()) row.cols.pop_back();
    if (row.cols.size() < min_cols || row.cols.size() > max_cols || row.cols[0].empty()) {
      return Status::Corruption(path.string() + ":" + std::to_string(n) + ": expected " +
                                std::to_string(min_cols) + (max_cols > min_cols ? "+" : "") +
                                " TAB-separated columns");
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

uint64_t PhraseTable::HashWord(std::string_view word) {
  uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a
  for (char c : word) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h ^ (h >> 29);
}

uint32_t PhraseTable::FilterBit(std::string_view first) {
  // Length, second byte (the first of Cyrillic words is nearly always D0 or D1) and last two.
  const size_t n = first.size();
  auto byte = [&](size_t i) { return static_cast<uint32_t>(static_cast<unsigned char>(first[i])); };
  uint32_t x = static_cast<uint32_t>(n) ^ (n > 1 ? byte(1) << 8 : 0) ^
               (n > 0 ? byte(n - 1) << 16 : 0) ^ (n > 2 ? byte(n - 2) << 24 : 0);
  return (x * 0x9E3779B1u) >> 20;  // 12 bits: 0 .. 4095
}

int64_t PhraseTable::GroupIndex(std::string_view first, uint64_t hash) const {
  if (slots_.empty()) return -1;
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.group == 0) return -1;
    if (slot.hash == hash && groups_[slot.group - 1].first == first) return slot.group - 1;
  }
}

const PhraseTable::Group* PhraseTable::FindGroup(std::string_view first) const {
  const uint32_t bit = FilterBit(first);
  if (!(filter_[bit / 64] >> (bit % 64) & 1)) return nullptr;
  const int64_t g = GroupIndex(first, HashWord(first));
  return g < 0 ? nullptr : &groups_[static_cast<size_t>(g)];
}

void PhraseTable::Place(size_t g, uint64_t hash) {
  const size_t mask = slots_.size() - 1;
  size_t i = hash & mask;
  while (slots_[i].group != 0) i = (i + 1) & mask;
  slots_[i] = {hash, static_cast<uint32_t>(g + 1)};
}

void PhraseTable::Rehash(size_t size) {
  slots_.assign(size, Slot());
  for (size_t g = 0; g < groups_.size(); ++g) Place(g, HashWord(groups_[g].first));
}

void PhraseTable::Add(std::string_view phrase, std::vector<std::string> values) {
  Entry e;
  std::string folded = utf8::FoldCase(phrase);
  // The words between ASCII white space, as `std::istringstream >> word` splits them in the C
  // locale, without building a stream per entry (that took most of loading the lang files).
  auto space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  for (size_t i = 0; i < folded.size();) {
    while (i < folded.size() && space(folded[i])) ++i;
    size_t start = i;
    while (i < folded.size() && !space(folded[i])) ++i;
    if (i > start) e.words.emplace_back(folded, start, i - start);
  }
  if (e.words.empty()) return;
  const uint32_t bit = FilterBit(e.words[0]);
  filter_[bit / 64] |= uint64_t{1} << (bit % 64);
  const uint64_t hash = HashWord(e.words[0]);
  int64_t g = GroupIndex(e.words[0], hash);
  if (g < 0) {
    g = static_cast<int64_t>(groups_.size());
    groups_.push_back({e.words[0], {}});
    if (groups_.size() * 2 > slots_.size()) {
      Rehash(std::max<size_t>(16, slots_.size() * 2));  // places every group, the new one too
    } else {
      Place(static_cast<size_t>(g), hash);
    }
  }
  auto& bucket = groups_[static_cast<size_t>(g)].entries;
  for (const auto& old : bucket) {
    if (old.words == e.words) return;  // first definition wins
  }
  e.values = std::move(values);
  bucket.push_back(std::move(e));
  std::sort(bucket.begin(), bucket.end(),
            [](const Entry& a, const Entry& b) { return a.words.size() > b.words.size(); });
  ++size_;
}

PhraseTable::Match PhraseTable::MatchAt(const Document& doc, uint32_t i) const {
  if (i >= doc.tokens.size()) return {};
  const Group* group = FindGroup(doc.Folded(doc.tokens[i]));
  if (group == nullptr) return {};
  for (const Entry& e : group->entries) {  // longest first
    if (i + e.words.size() > doc.tokens.size()) continue;
    bool ok = true;
    for (size_t k = 1; k < e.words.size() && ok; ++k) {
      ok = doc.Folded(doc.tokens[i + k]) == e.words[k];
    }
    if (ok) return {&e, static_cast<uint32_t>(e.words.size())};
  }
  return {};
}

const std::vector<PhraseTable::Entry>* PhraseTable::StartingWith(std::string_view folded) const {
  const Group* group = FindGroup(folded);
  return group == nullptr ? nullptr : &group->entries;
}

const PhraseTable::Entry* PhraseTable::FindWord(std::string_view folded) const {
  const Group* group = FindGroup(folded);
  if (group == nullptr) return nullptr;
  for (const Entry& e : group->entries) {
    if (e.words.size() == 1) return &e;
  }
  return nullptr;
}

Status LoadPhrases(const std::filesystem::path& path, size_t value_cols,
                   const Transliteration* translit, PhraseTable* table) {
  auto rows = ReadTsv(path, 1 + value_cols, 1 + value_cols + 1);
  if (!rows.ok()) return rows.status();
  for (auto& row : *rows) {
    std::vector<std::string> values(row.cols.begin() + 1, row.cols.end());
    values.resize(value_cols + 1);
    if (translit && !translit->empty()) {
      table->Add(translit->Apply(utf8::FoldCase(row.cols[0])), values);
    }
    table->Add(row.cols[0], std::move(values));
  }
  return Status::Ok();
}

}  // namespace vestnik
