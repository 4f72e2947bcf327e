#pragma once

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

namespace frontdesk::domain::kpi {

// A compact text encoding of integers, for storing KPI rollups in a plain text column that
// every database backend handles alike: decimal numbers, each followed by a space.
class IntWriter {
 public:
  void Put(int64_t value) {
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    text_.append(buffer, result.ptr);
    text_.push_back(' ');
  }

  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

class IntReader {
 public:
  explicit IntReader(std::string_view text) : text_(text) {}

  // Reads the next integer; false at the end or on anything but a number.
  bool Get(int64_t& value) {
    const auto result = std::from_chars(text_.data(), text_.data() + text_.size(), value);
    if (result.ec != std::errc() || result.ptr == text_.data() + text_.size() || *result.ptr != ' ') {
      return false;
    }
    text_.remove_prefix(result.ptr - text_.data() + 1);
    return true;
  }

  bool AtEnd() const { return text_.empty(); }

 private:
  std::string_view text_;
};

}  // namespace frontdesk::domain::kpi
