#include "store/names.h"

#include "core/utf8.h"

namespace vestnik::store {

std::vector<NameKey> KeysOfKey(const std::string& key, bool person) {
  std::vector<NameKey> out;
  if (key.empty()) return out;
  out.push_back({key, true});
  if (!person) return out;
  for (size_t dash = key.find('-'); dash != std::string::npos; dash = key.find('-', dash + 1)) {
    if (dash + 1 < key.size()) out.push_back({key.substr(dash + 1), false});
  }
  return out;
}

std::string ScriptOfName(std::string_view name) {
  for (size_t i = 0; i < name.size();) {
    char32_t c = utf8::Next(name, &i);
    if (utf8::IsLetter(c)) return utf8::ScriptCode(utf8::ScriptOf(c));
  }
  return "Zyyy";
}

}  // namespace vestnik::store
