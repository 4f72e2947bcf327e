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

namespace {

// Returns the lower-case code point of `c` in the scripts FoldCase covers, else `c`.
char32_t LowerCodePoint(char32_t c) {
  if ((c >= U'A' && c <= U'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 0x20;
  const bool upper_even = (c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177);
  const bool upper_odd = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
  if ((upper_even && c % 2 == 0) || (upper_odd && c % 2 == 1)) return c + 1;
  if (c == 0x178) return 0xFF;
  if ((c >= 0x391 && c <= 0x3A9 && c != 0x3A2) || (c >= 0x410 && c <= 0x42F)) return c + 0x20;
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;
  return c;
}

void AppendUtf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else {  // Every code point FoldCase changes encodes in two bytes.
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

}  // namespace

std::string FoldCase(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const bool two_byte = (lead & 0xE0) == 0xC0 && i + 1 < text.size();
    if (lead < 0x80) {
      AppendUtf8(out, LowerCodePoint(lead));
    } else if (two_byte) {
      const char32_t c = ((lead & 0x1F) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3F);
      AppendUtf8(out, LowerCodePoint(c));
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string_view TruncateUtf8(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
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
