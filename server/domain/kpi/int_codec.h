#pragma once

#include <charconv>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace frontdesk::domain::kpi {

// A compact text encoding of integers and integer maps, for storing KPI rollups in a plain
// text column that every database backend handles alike: decimal numbers separated by spaces,
// a map as its size followed by key/value pairs.
class IntWriter {
 public:
  void Put(int64_t value) {
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    text_.append(buffer, result.ptr);
    text_.push_back(' ');
  }

  template <typename Key>
  void PutMap(const std::map<Key, int64_t>& map) {
    Put(static_cast<int64_t>(map.size()));
    for (const auto& [key, value] : map) {
      Put(key);
      Put(value);
    }
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

  template <typename Key>
  bool GetMap(std::map<Key, int64_t>& map) {
    map.clear();
    int64_t size = 0;
    if (!Get(size) || size < 0) return false;
    for (int64_t i = 0; i < size; ++i) {
      int64_t key = 0;
      int64_t value = 0;
      if (!Get(key) || !Get(value)) return false;
      map.emplace_hint(map.end(), static_cast<Key>(key), value);
    }
    return true;
  }

  bool AtEnd() const { return text_.empty(); }

 private:
  std::string_view text_;
};

}  // namespace frontdesk::domain::kpi
