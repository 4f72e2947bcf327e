#pragma once

#include <iosfwd>
#include <optional>
#include <string_view>

#include "frontdesk/v1/metrics.pb.h"

namespace frontdesk::cli {

enum class ReportFormat { kTable, kJson, kCsv };

// "table", "json" or "csv".
std::optional<ReportFormat> ParseReportFormat(std::string_view name);

// Table: the definitions used, then one line per row (total, groups, trend periods) with the
// main KPIs. JSON: the whole KpiReport in protobuf's JSON mapping. CSV: a heading, then one line
// per row with every count, share and duration in seconds.
void PrintKpiReport(const frontdesk::v1::KpiReport& report, ReportFormat format, std::ostream& out);

}  // namespace frontdesk::cli
