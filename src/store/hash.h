// Content hashes: how the store recognises an article it already holds.
//
// Reads: an article as the reader built it (body, date, title, url, source). Adds: its SHA-256
// (FIPS 180-4) over a length-prefixed encoding of those fields. Guarantees: the same article
// gives the same 32 bytes whatever its id, path or --lang; any change to one of the fields gives
// another hash. Pure functions, safe on any thread.
#ifndef VESTNIK_STORE_HASH_H_
#define VESTNIK_STORE_HASH_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/document.h"

namespace vestnik::store {

using Digest = std::array<uint8_t, 32>;

// Incremental SHA-256.
class Sha256 {
 public:
  Sha256();
  void Update(std::string_view bytes);
  Digest Finish();

 private:
  void Block(const uint8_t* p);
  uint32_t h_[8];
  uint8_t buf_[64];
  size_t used_ = 0;
  uint64_t length_ = 0;
};

// The content hash of an article (see the header comment for what it covers).
Digest ContentHash(const Document& doc);

std::string ToHex(const Digest& d);

}  // namespace vestnik::store

#endif  // VESTNIK_STORE_HASH_H_
