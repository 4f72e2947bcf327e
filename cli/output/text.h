#pragma once

#include <google/protobuf/duration.pb.h>
#include <google/protobuf/message.h>
#include <google/protobuf/timestamp.pb.h>

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace frontdesk::cli {

// The message as indented JSON with the proto field names, as protobuf's JSON mapping prints it.
std::string ToJson(const google::protobuf::Message& message);

// A duration for people: "45s", "3m 05s", "2h 04m", "3d 04h". Empty when unset.
std::string FormatDuration(const google::protobuf::Duration& duration);
std::string FormatSeconds(int64_t seconds);

// "2024-03-01 14:05:00Z"; empty when unset (seconds and nanos zero).
std::string FormatTimestamp(const google::protobuf::Timestamp& timestamp);

// "42.13%" to two decimals; "-" when absent.
std::string FormatPercent(std::optional<double> share);

// Columns aligned with two spaces between them; the first row is the heading.
void PrintTable(const std::vector<std::vector<std::string>>& rows, std::ostream& out);

// One CSV field, quoted when it holds a comma, quote or line break.
std::string CsvField(const std::string& value);

}  // namespace frontdesk::cli
