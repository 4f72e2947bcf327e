#include "domain/ids.h"

#include <random>

namespace frontdesk::domain {
namespace {

constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr size_t kIdLength = 26;

uint64_t RandomBits() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return engine();
}

}  // namespace

std::string NewId(Timestamp now) {
  const uint64_t millis = static_cast<uint64_t>(ToUnixMicros(now) / 1000) & ((1ULL << 48) - 1);
  const uint64_t high_random = RandomBits() & ((1ULL << 16) - 1);
  const uint64_t low_random = RandomBits();
  // 128 bits: millis (48) | high_random (16) | low_random (64), written 5 bits at a time from the
  // most significant end; the first character carries the top 3 bits.
  const unsigned __int128 value = (static_cast<unsigned __int128>(millis) << 80) |
                                  (static_cast<unsigned __int128>(high_random) << 64) |
                                  low_random;
  std::string id(kIdLength, '0');
  for (size_t i = 0; i < kIdLength; ++i) {
    const int shift = static_cast<int>(5 * (kIdLength - 1 - i));
    id[i] = kAlphabet[static_cast<size_t>((value >> shift) & 31)];
  }
  return id;
}

bool IsWellFormedId(std::string_view text) {
  if (text.size() != kIdLength) return false;
  for (char c : text) {
    if (std::string_view(kAlphabet).find(c) == std::string_view::npos) return false;
  }
  return true;
}

}  // namespace frontdesk::domain
