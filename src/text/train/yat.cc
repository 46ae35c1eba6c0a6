#include "text/train/yat.h"

#include <algorithm>

#include "core/utf8.h"

namespace vestnik::text::train {
namespace {

// Calls f(start, end) for each run of letters in `text`.
template <typename F>
void ForEachWord(std::string_view text, F f) {
  size_t i = 0, start = std::string_view::npos;
  while (i < text.size()) {
    size_t at = i;
    char32_t c = utf8::Next(text, &i);
    if (utf8::IsLetter(c)) {
      if (start == std::string_view::npos) start = at;
    } else if (start != std::string_view::npos) {
      f(start, at);
      start = std::string_view::npos;
    }
  }
  if (start != std::string_view::npos) f(start, text.size());
}

std::unordered_map<std::string, int> Count(const std::vector<std::string_view>& texts) {
  std::unordered_map<std::string, int> counts;
  for (auto t : texts) {
    ForEachWord(t, [&](size_t a, size_t b) { ++counts[utf8::FoldCase(t.substr(a, b - a))]; });
  }
  return counts;
}

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

}  // namespace

YatMap YatMap::Learn(const std::vector<std::string_view>& ekavian,
                     const std::vector<std::string_view>& ijekavian) {
  auto ek = Count(ekavian);
  auto ij = Count(ijekavian);
  YatMap map;
  for (const auto& [word, n] : ij) {
    if (ek.count(word)) continue;  // the same in both: not a yat word
    // Each "ije" → "e", and each "je" after a consonant → "e".
    for (size_t p = 1; p + 1 < word.size(); ++p) {
      std::string cand;
      if (word.compare(p, 3, "ije") == 0 && !IsVowel(word[p - 1])) {
        cand = word.substr(0, p) + "e" + word.substr(p + 3);
      } else if (word.compare(p, 2, "je") == 0 && !IsVowel(word[p - 1]) && word[p - 1] != 'i') {
        cand = word.substr(0, p) + "e" + word.substr(p + 2);
      } else {
        continue;
      }
      auto e = ek.find(cand);
      if (e == ek.end() || e->second < 2 || ij.count(cand)) continue;
      map.pairs_.emplace_back(cand, word);
    }
  }
  std::sort(map.pairs_.begin(), map.pairs_.end());
  map.pairs_.erase(std::unique(map.pairs_.begin(), map.pairs_.end()), map.pairs_.end());
  return map;
}

}  // namespace vestnik::text::train
