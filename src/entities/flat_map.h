// A compact open-addressing hash map from 64-bit keys (already well mixed: feature and word
// hashes) to small values, for the tagger's hot lookups.
//
// Reads/adds: nothing beyond its contents. Guarantees: lookups never allocate; immutable
// after building, so concurrent lookups are safe. Key 0 is reserved (remapped internally).
#ifndef VESTNIK_ENTITIES_FLAT_MAP_H_
#define VESTNIK_ENTITIES_FLAT_MAP_H_

#include <cstdint>
#include <vector>

namespace vestnik::entities {

template <typename V>
class FlatMap64 {
 public:
  // Capacity for `n` keys at a load factor of at most one half.
  void Reserve(size_t n) {
    std::vector<Slot> old;
    old.swap(slots_);
    Reset(n);
    for (const Slot& s : old) {
      if (s.key) Insert(s.key, s.value);
    }
  }
  // Empties the map and sizes it for `n` keys as Reserve does, reusing its storage.
  void Reset(size_t n) {
    size_t cap = 16;
    while (cap < n * 2) cap <<= 1;
    slots_.assign(cap, Slot{});
    mask_ = cap - 1;
    size_ = 0;
  }
  // Sets key's value (replacing one there).
  void Insert(uint64_t key, V value) {
    if ((size_ + 1) * 2 > slots_.size()) Reserve(size_ + 1 > 8 ? size_ * 2 : 16);
    key = key ? key : 0x9E3779B97F4A7C15ULL;
    size_t i = key & mask_;
    while (slots_[i].key && slots_[i].key != key) i = (i + 1) & mask_;
    if (!slots_[i].key) ++size_;
    slots_[i] = {key, value};
  }
  V* FindMutable(uint64_t key) { return const_cast<V*>(Find(key)); }
  const V* Find(uint64_t key) const {
    if (slots_.empty()) return nullptr;
    key = key ? key : 0x9E3779B97F4A7C15ULL;
    size_t i = key & mask_;
    while (true) {
      const Slot& s = slots_[i];
      if (s.key == key) return &s.value;
      if (!s.key) return nullptr;
      i = (i + 1) & mask_;
    }
  }
  void Prefetch(uint64_t key) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[(key ? key : 0x9E3779B97F4A7C15ULL) & mask_]);
  }
  size_t size() const { return size_; }
  // Calls f(key, value) for every entry, in slot order (key 0 is seen as its remapped value).
  template <typename F>
  void ForEach(F f) const {
    for (const Slot& s : slots_) {
      if (s.key) f(s.key, s.value);
    }
  }
  void Clear() {
    slots_.clear();
    size_ = 0;
    mask_ = 0;
  }

 private:
  struct Slot {
    uint64_t key = 0;
    V value{};
  };
  std::vector<Slot> slots_;
  uint64_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace vestnik::entities

#endif  // VESTNIK_ENTITIES_FLAT_MAP_H_
