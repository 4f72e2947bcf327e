#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "absl/strings/string_view.h"

namespace frontdesk::domain {

// String concatenation that takes std::string_view. Debian's Abseil is built with its own
// string_view type, so absl::StrCat rejects std::string_view arguments; project code
// concatenates with these instead.

inline void AppendPiece(std::string& out, std::string_view piece) { out.append(piece); }

inline void AppendPiece(std::string& out, const std::string& piece) { out.append(piece); }

inline void AppendPiece(std::string& out, const char* piece) { out.append(piece); }

#if !ABSL_USES_STD_STRING_VIEW
inline void AppendPiece(std::string& out, absl::string_view piece) {
  out.append(piece.data(), piece.size());
}
#endif

inline void AppendPiece(std::string& out, char piece) { out.push_back(piece); }

template <typename T>
  requires(std::is_integral_v<T> && !std::is_same_v<T, bool> && !std::is_same_v<T, char>)
void AppendPiece(std::string& out, T value) {
  out += std::to_string(value);
}

inline void AppendPiece(std::string& out, double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  out += buffer;
}

// Returns the pieces joined.
template <typename... Pieces>
std::string Cat(const Pieces&... pieces) {
  std::string out;
  (AppendPiece(out, pieces), ...);
  return out;
}

// Appends the pieces to `out`.
template <typename... Pieces>
void Append(std::string* out, const Pieces&... pieces) {
  (AppendPiece(*out, pieces), ...);
}

// Splits `text` at every `separator`; with `skip_empty`, empty pieces are dropped.
std::vector<std::string> Split(std::string_view text, char separator, bool skip_empty = false);

// Splits `text` at the first `separator` only; one piece when there is none.
std::vector<std::string> SplitOnce(std::string_view text, char separator);

// Returns `text` without leading and trailing ASCII white space.
std::string_view Trim(std::string_view text);

// Returns `text` with upper-case letters made lower case: ASCII, Latin-1, Latin Extended-A, Greek
// and Cyrillic. Both stores compare folded text byte for byte, so that search ignores case the
// same way on each, whatever their own LOWER() does.
std::string FoldCase(std::string_view text);

// Returns at most `max_bytes` of `text`, cut before a UTF-8 continuation byte so that valid UTF-8
// stays valid.
std::string_view TruncateUtf8(std::string_view text, size_t max_bytes);

// Returns the 64-bit FNV-1a hash of `bytes`: stable across processes, builds and releases, unlike
// std::hash, so it can be stored and compared between replicas.
uint64_t Fnv1a64(std::string_view bytes);

// Returns the text of an absl::string_view, such as absl::Status::message().
inline std::string_view View(absl::string_view text) { return {text.data(), text.size()}; }

}  // namespace frontdesk::domain
