// frontdesk report: the KPI report of a time range.
#include <ostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "app/rpc.h"
#include "commands/commands.h"
#include "frontdesk/v1/metrics_service.grpc.pb.h"
#include "output/kpi_report.h"

namespace frontdesk::cli {
namespace {

using frontdesk::v1::GetKpiReportRequest;

// RFC 3339, or a date YYYY-MM-DD meaning its midnight in `zone`.
std::optional<absl::Time> ParseBoundary(const std::string& text, const absl::TimeZone& zone) {
  absl::Time time;
  std::string error;
  if (absl::ParseTime(absl::RFC3339_full, text, &time, &error)) return time;
  if (absl::ParseTime("%Y-%m-%d", text, zone, &time, &error)) return time;
  return std::nullopt;
}

// Fills the time range and zone; returns the problem with the flags, if any.
std::optional<std::string> SetRange(const ParsedArgs& args, GetKpiReportRequest& request) {
  absl::TimeZone zone = absl::UTCTimeZone();
  const std::string zone_name = args.Get("time-zone");
  if (!zone_name.empty() && !absl::LoadTimeZone(zone_name, &zone)) {
    return absl::StrCat("unknown --time-zone '", zone_name, "'");
  }
  request.set_time_zone(zone_name);
  if (!args.Has("start") || !args.Has("end")) return "--start and --end are required";
  const auto start = ParseBoundary(args.Get("start"), zone);
  const auto end = ParseBoundary(args.Get("end"), zone);
  if (!start || !end) return "--start and --end take YYYY-MM-DD or an RFC 3339 time";
  request.mutable_start_time()->set_seconds(absl::ToUnixSeconds(*start));
  request.mutable_end_time()->set_seconds(absl::ToUnixSeconds(*end));
  return std::nullopt;
}

std::optional<std::string> SetShape(const ParsedArgs& args, GetKpiReportRequest& request) {
  if (args.Has("group-by")) {
    for (absl::string_view dimension :
         absl::StrSplit(args.Get("group-by"), ',', absl::SkipEmpty())) {
      const std::string text(dimension);
      const auto value =
          ParseEnumValue(*frontdesk::v1::KpiDimension_descriptor(), "KPI_DIMENSION_", text);
      if (!value) return absl::StrCat("unknown --group-by dimension '", text, "'");
      request.add_group_by(static_cast<frontdesk::v1::KpiDimension>(*value));
    }
  }
  if (args.Has("trend")) {
    const auto value = ParseEnumValue(*frontdesk::v1::TrendGranularity_descriptor(),
                                      "TREND_GRANULARITY_", args.Get("trend"));
    if (!value) return absl::StrCat("unknown --trend '", args.Get("trend"), "'");
    request.set_trend_granularity(static_cast<frontdesk::v1::TrendGranularity>(*value));
  }
  request.set_filter(args.Get("filter"));
  request.set_kpi_settings(args.Get("settings"));
  return std::nullopt;
}

int RunReport(const ParsedArgs& args, CommandContext& context) {
  GetKpiReportRequest request;
  auto problem = SetRange(args, request);
  if (!problem) problem = SetShape(args, request);
  const auto format = ParseReportFormat(args.Get("format", "table"));
  if (!problem && !format) problem = "--format is table, json or csv";
  if (problem) {
    context.err << "frontdesk report: " << *problem << "\n";
    return kExitUsage;
  }

  auto stub = frontdesk::v1::MetricsService::NewStub(context.channel);
  grpc::ClientContext call;
  PrepareCall(call, context, std::chrono::seconds(120));
  frontdesk::v1::KpiReport report;
  const grpc::Status status = stub->GetKpiReport(&call, request, &report);
  if (!status.ok()) return ReportRpcError(status, "report", context.err);

  PrintKpiReport(report, *format, context.out);
  return kExitOk;
}

}  // namespace

Command ReportCommand() {
  return {"report",
          "",
          "Print the KPI report of interactions received in a time range.",
          "Ranges are [start, end), at most 400 days. Dimensions: channel, type, service,\n"
          "department, queue, tier, priority (at most three, comma-separated). Trends: hour, day,\n"
          "week, month. The table shows shares to two decimals and durations rounded to the\n"
          "second; json is the complete KpiReport; csv has one line per row with every count.",
          {{"start", "TIME", "required: first instant, YYYY-MM-DD (in --time-zone) or RFC 3339"},
           {"end", "TIME", "required: end of the range, exclusive"},
           {"group-by", "DIMS", "group rows, e.g. priority or channel,queue"},
           {"trend", "PERIOD", "add a trend series: hour, day, week or month"},
           {"time-zone", "ZONE", "IANA zone that cuts days and months (default UTC)"},
           {"filter", "F", "AIP-160 filter, e.g. 'channel = CHANNEL_PHONE'"},
           {"settings", "NAME", "kpiSettings/{version} (default the latest)"},
           {"format", "FORMAT", "table (default), json or csv"}},
          0,
          0,
          RunReport};
}

}  // namespace frontdesk::cli
