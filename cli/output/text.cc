#include "output/text.h"

#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <cstdio>
#include <ostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/time/time.h"

namespace frontdesk::cli {

std::string ToJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  std::string json;
  const auto status = google::protobuf::util::MessageToJsonString(message, &json, options);
  return status.ok() ? json : absl::StrCat("{\"error\": \"", status.ToString(), "\"}\n");
}

std::string FormatSeconds(int64_t seconds) {
  const char* sign = seconds < 0 ? "-" : "";
  seconds = seconds < 0 ? -seconds : seconds;
  if (seconds < 60) return absl::StrFormat("%s%ds", sign, seconds);
  if (seconds < 3600) return absl::StrFormat("%s%dm %02ds", sign, seconds / 60, seconds % 60);
  if (seconds < 86400)
    return absl::StrFormat("%s%dh %02dm", sign, seconds / 3600, seconds / 60 % 60);
  return absl::StrFormat("%s%dd %02dh", sign, seconds / 86400, seconds / 3600 % 24);
}

std::string FormatDuration(const google::protobuf::Duration& duration) {
  if (duration.seconds() == 0 && duration.nanos() == 0) return "0s";
  return FormatSeconds(duration.seconds() + (duration.nanos() >= 500000000 ? 1 : 0));
}

std::string FormatTimestamp(const google::protobuf::Timestamp& timestamp) {
  if (timestamp.seconds() == 0 && timestamp.nanos() == 0) return "";
  return absl::FormatTime("%Y-%m-%d %H:%M:%SZ", absl::FromUnixSeconds(timestamp.seconds()),
                          absl::UTCTimeZone());
}

std::string FormatPercent(std::optional<double> share) {
  return share ? absl::StrFormat("%.2f%%", *share * 100) : "-";
}

void PrintTable(const std::vector<std::vector<std::string>>& rows, std::ostream& out) {
  std::vector<size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      absl::StrAppend(&line, row[i]);
      if (i + 1 < row.size()) line.append(widths[i] - row[i].size() + 2, ' ');
    }
    out << line << "\n";
  }
}

std::string CsvField(const std::string& value) {
  if (value.find_first_of(",\"\n\r") == std::string::npos) return value;
  return absl::StrCat("\"", absl::StrReplaceAll(value, {{"\"", "\"\""}}), "\"");
}

}  // namespace frontdesk::cli
