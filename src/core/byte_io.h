// Little-endian binary writing and bounds-checked reading for model files (the entity models
// of docs/NER.md and the language-identification model of src/text/langid_model.h).
//
// Reads/adds: bytes. Guarantees: ByteReader never reads past its buffer; after any short read
// ok() is false and every later read returns zero values.
#ifndef VESTNIK_CORE_BYTE_IO_H_
#define VESTNIK_CORE_BYTE_IO_H_

#include <bit>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>

namespace vestnik {

static_assert(std::endian::native == std::endian::little, "model files are little-endian");

class ByteWriter {
 public:
  explicit ByteWriter(std::string* out) : out_(out) {}
  template <typename T>
  void Put(T v) {
    static_assert(std::is_trivially_copyable_v<T>);
    out_->append(reinterpret_cast<const char*>(&v), sizeof(T));
  }
  void PutBytes(const void* p, size_t n) { out_->append(static_cast<const char*>(p), n); }
  void PutString(std::string_view s) {
    Put<uint32_t>(static_cast<uint32_t>(s.size()));
    out_->append(s);
  }

 private:
  std::string* out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}
  template <typename T>
  T Get() {
    static_assert(std::is_trivially_copyable_v<T>);
    T v{};
    if (!ok_ || in_.size() - pos_ < sizeof(T)) {
      ok_ = false;
      return v;
    }
    std::memcpy(&v, in_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return v;
  }
  // `n` raw bytes; empty (and !ok()) when fewer remain.
  std::string_view GetBytes(size_t n) {
    if (!ok_ || in_.size() - pos_ < n) {
      ok_ = false;
      return {};
    }
    std::string_view v = in_.substr(pos_, n);
    pos_ += n;
    return v;
  }
  // A length-prefixed string; empty (and !ok()) when it is longer than `max_len`.
  std::string GetString(size_t max_len = std::numeric_limits<uint32_t>::max()) {
    uint32_t n = Get<uint32_t>();
    if (n > max_len) {
      ok_ = false;
      return {};
    }
    return std::string(GetBytes(n));
  }
  bool ok() const { return ok_; }
  bool done() const { return pos_ == in_.size(); }
  size_t remaining() const { return in_.size() - pos_; }
  size_t pos() const { return pos_; }

 private:
  std::string_view in_;
  size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace vestnik

#endif  // VESTNIK_CORE_BYTE_IO_H_
