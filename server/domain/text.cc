#include "domain/text.h"

namespace frontdesk::domain {

std::vector<std::string> Split(std::string_view text, char separator, bool skip_empty) {
  std::vector<std::string> pieces;
  size_t start = 0;
  while (true) {
    const size_t end = text.find(separator, start);
    const std::string_view piece = text.substr(start, end - start);
    if (!skip_empty || !piece.empty()) pieces.emplace_back(piece);
    if (end == std::string_view::npos) return pieces;
    start = end + 1;
  }
}

std::vector<std::string> SplitOnce(std::string_view text, char separator) {
  const size_t at = text.find(separator);
  if (at == std::string_view::npos) return {std::string(text)};
  return {std::string(text.substr(0, at)), std::string(text.substr(at + 1))};
}

std::string_view Trim(std::string_view text) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

uint64_t Fnv1a64(std::string_view bytes) {
  uint64_t hash = 14695981039346656037ULL;
  for (unsigned char byte : bytes) {
    hash ^= byte;
    hash *= 1099511628211ULL;
  }
  return hash;
}

}  // namespace frontdesk::domain
