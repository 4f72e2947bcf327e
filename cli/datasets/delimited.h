#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace frontdesk::cli {

// One data row of a delimited text file.
struct DelimitedRow {
  // 1-based line number in the file; the header is line 1.
  int64_t line = 0;
  std::vector<std::string> fields;
};

// Why a line could not be read as a row, with its line number.
struct RowIssue {
  int64_t line = 0;
  std::string reason;
  // For a line with too few or too many fields (a file cut off mid-row, say), its first field,
  // which names the record in event logs; empty otherwise.
  std::string first_field;
};

// Splits one line on `separator`. A field may be quoted with '"' (a doubled quote inside stands
// for one quote); the quotes are removed. Quoted fields cannot span lines.
std::vector<std::string> SplitDelimitedLine(std::string_view line, char separator);

// True when `text` is well-formed UTF-8.
bool IsValidUtf8(std::string_view text);

// Reads `text` line by line (LF or CRLF). The first line is the header: when `header_ok`
// refuses it, nothing else is read and the result is false. Each later non-empty line becomes a
// row passed to `on_row`, unless it is not valid UTF-8 or has a field count other than the
// header's: then it goes to `on_issue` instead.
bool ReadDelimited(std::string_view text, char separator,
                   const std::function<bool(const std::vector<std::string>&)>& header_ok,
                   const std::function<void(DelimitedRow&&)>& on_row,
                   const std::function<void(RowIssue&&)>& on_issue);

}  // namespace frontdesk::cli
