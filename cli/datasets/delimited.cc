#include "datasets/delimited.h"

#include "absl/strings/str_cat.h"

namespace frontdesk::cli {
namespace {

// Length of the UTF-8 sequence starting with `lead`, or 0 if it cannot start one.
int SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

// Rejects overlong forms, surrogates and code points above U+10FFFF, which the lead byte alone
// does not exclude.
bool SecondByteAllowed(unsigned char lead, unsigned char second) {
  if (lead == 0xE0) return second >= 0xA0;
  if (lead == 0xED) return second <= 0x9F;
  if (lead == 0xF0) return second >= 0x90;
  if (lead == 0xF4) return second <= 0x8F;
  return true;
}

std::string_view NextLine(std::string_view text, size_t& pos) {
  size_t end = text.find('\n', pos);
  if (end == std::string_view::npos) end = text.size();
  std::string_view line = text.substr(pos, end - pos);
  pos = end + 1;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const int length = SequenceLength(lead);
    if (length == 0 || i + length > text.size()) return false;
    for (int k = 1; k < length; ++k) {
      const auto byte = static_cast<unsigned char>(text[i + k]);
      if ((byte & 0xC0) != 0x80) return false;
      if (k == 1 && !SecondByteAllowed(lead, byte)) return false;
    }
    i += length;
  }
  return true;
}

std::vector<std::string> SplitDelimitedLine(std::string_view line, char separator) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c != '"') {
        fields.back() += c;
      } else if (i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == separator) {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

bool ReadDelimited(std::string_view text, char separator,
                   const std::function<bool(const std::vector<std::string>&)>& header_ok,
                   const std::function<void(DelimitedRow&&)>& on_row,
                   const std::function<void(RowIssue&&)>& on_issue) {
  size_t pos = 0;
  const std::vector<std::string> header = SplitDelimitedLine(NextLine(text, pos), separator);
  if (!header_ok(header)) return false;
  for (int64_t line_number = 2; pos < text.size(); ++line_number) {
    const std::string_view line = NextLine(text, pos);
    if (line.empty()) continue;
    if (!IsValidUtf8(line)) {
      on_issue({line_number, "not valid UTF-8", ""});
      continue;
    }
    DelimitedRow row{line_number, SplitDelimitedLine(line, separator)};
    if (row.fields.size() != header.size()) {
      on_issue({line_number,
                absl::StrCat("expected ", header.size(), " columns, found ", row.fields.size()),
                row.fields.empty() ? "" : row.fields.front()});
      continue;
    }
    on_row(std::move(row));
  }
  return true;
}

}  // namespace frontdesk::cli
