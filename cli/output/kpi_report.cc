#include "output/kpi_report.h"

#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "frontdesk/v1/metrics.pb.h"
#include "output/text.h"

namespace frontdesk::cli {
namespace {

using frontdesk::v1::DurationStats;
using frontdesk::v1::KpiReport;
using frontdesk::v1::KpiRow;
using frontdesk::v1::Ratio;

std::optional<double> Share(const Ratio& ratio) {
  return ratio.has_value() ? std::optional<double>(ratio.value()) : std::nullopt;
}

std::string Seconds(const google::protobuf::Duration& duration) {
  return absl::StrFormat("%.3f", duration.seconds() + duration.nanos() / 1e9);
}

std::string MaybeDuration(const DurationStats& stats, const google::protobuf::Duration& value) {
  return stats.count() > 0 ? FormatDuration(value) : "-";
}

std::string GroupLabel(const KpiRow& row) {
  std::vector<std::string> parts;
  for (const auto& key : row.group_key()) {
    parts.push_back(key.display_value().empty() ? "(none)" : key.display_value());
  }
  return absl::StrJoin(parts, " / ");
}

std::string PeriodLabel(const frontdesk::v1::KpiTrendPoint& point) {
  return FormatTimestamp(point.period_start_time()).substr(0, 16);
}

const std::vector<std::string>& TableHeading() {
  static const auto* heading = new std::vector<std::string>{
      "ROW",         "VOLUME",   "INFO-REQ",  "KB-CITED", "ABANDONED",  "ABANDON%",
      "SERVICE-LVL", "FCR",      "FLR",       "ASA",      "ASA-MEDIAN", "1ST-RESP-MEDIAN",
      "AHT",         "RESP-SLA", "RESOL-SLA", "CSAT"};
  return *heading;
}

std::vector<std::string> TableCells(const std::string& label, const KpiRow& row) {
  return {label,
          absl::StrCat(row.volume()),
          FormatPercent(Share(row.information_request_share())),
          FormatPercent(Share(row.kb_citation_share())),
          absl::StrCat(row.abandonment().abandoned_count()),
          FormatPercent(Share(row.abandonment().rate())),
          FormatPercent(Share(row.service_level().ratio())),
          FormatPercent(Share(row.first_contact_resolution().rate())),
          FormatPercent(Share(row.first_level_resolution())),
          MaybeDuration(row.speed_of_answer(), row.speed_of_answer().mean_duration()),
          MaybeDuration(row.speed_of_answer(), row.speed_of_answer().median_duration()),
          MaybeDuration(row.first_response(), row.first_response().median_duration()),
          MaybeDuration(row.handle(), row.handle().mean_duration()),
          FormatPercent(Share(row.response_sla().within_target())),
          FormatPercent(Share(row.resolution_sla().within_target())),
          FormatPercent(Share(row.csat().top_box()))};
}

void AppendRatio(const std::string& name, std::vector<std::string>& heading) {
  for (const char* part : {"_numerator", "_denominator", "_share"}) heading.push_back(name + part);
}

void AppendStats(const std::string& name, std::vector<std::string>& heading) {
  for (const char* part : {"_count", "_mean_s", "_median_s", "_p90_s"})
    heading.push_back(name + part);
}

std::vector<std::string> CsvHeading() {
  std::vector<std::string> heading = {"section", "group", "period_start", "period_end", "volume"};
  for (const char* ratio : {"information_request", "kb_citation", "abandonment", "service_level",
                            "first_contact_resolution", "first_level_resolution", "response_sla",
                            "resolution_sla", "csat_top_box"}) {
    AppendRatio(ratio, heading);
  }
  for (const char* stats : {"speed_of_answer", "first_response", "handle"})
    AppendStats(stats, heading);
  return heading;
}

void AddRatioCells(const Ratio& ratio, std::vector<std::string>& cells) {
  cells.push_back(absl::StrCat(ratio.numerator()));
  cells.push_back(absl::StrCat(ratio.denominator()));
  cells.push_back(ratio.has_value() ? absl::StrFormat("%.6f", ratio.value()) : "");
}

void AddStatsCells(const DurationStats& stats, std::vector<std::string>& cells) {
  cells.push_back(absl::StrCat(stats.count()));
  for (const auto* value :
       {&stats.mean_duration(), &stats.median_duration(), &stats.p90_duration()}) {
    cells.push_back(stats.count() > 0 ? Seconds(*value) : "");
  }
}

std::vector<std::string> CsvCells(const std::string& section, const std::string& group,
                                  const frontdesk::v1::KpiTrendPoint* point, const KpiRow& row) {
  std::vector<std::string> cells = {
      section, group, point ? FormatTimestamp(point->period_start_time()) : "",
      point ? FormatTimestamp(point->period_end_time()) : "", absl::StrCat(row.volume())};
  for (const Ratio* ratio :
       {&row.information_request_share(), &row.kb_citation_share(), &row.abandonment().rate(),
        &row.service_level().ratio(), &row.first_contact_resolution().rate(),
        &row.first_level_resolution(), &row.response_sla().within_target(),
        &row.resolution_sla().within_target(), &row.csat().top_box()}) {
    AddRatioCells(*ratio, cells);
  }
  for (const DurationStats* stats :
       {&row.speed_of_answer(), &row.first_response(), &row.handle()}) {
    AddStatsCells(*stats, cells);
  }
  return cells;
}

void PrintCsvLine(const std::vector<std::string>& cells, std::ostream& out) {
  std::vector<std::string> quoted;
  for (const auto& cell : cells) quoted.push_back(CsvField(cell));
  out << absl::StrJoin(quoted, ",") << "\n";
}

void PrintCsv(const KpiReport& report, std::ostream& out) {
  PrintCsvLine(CsvHeading(), out);
  PrintCsvLine(CsvCells("total", "", nullptr, report.total()), out);
  for (const KpiRow& row : report.groups())
    PrintCsvLine(CsvCells("group", GroupLabel(row), nullptr, row), out);
  for (const auto& point : report.trend())
    PrintCsvLine(CsvCells("trend", "", &point, point.row()), out);
}

// The definitions the numbers depend on, as kpis.md asks to print next to them.
void PrintDefinitions(const KpiReport& report, std::ostream& out) {
  const KpiRow& total = report.total();
  out << "KPI report " << FormatTimestamp(report.start_time()) << " to "
      << FormatTimestamp(report.end_time()) << " (time zone "
      << (report.time_zone().empty() ? "UTC" : report.time_zone()) << ", settings "
      << report.kpi_settings() << ")\n"
      << "service level: "
      << frontdesk::v1::ServiceLevelVariant_Name(total.service_level().variant()) << ", threshold "
      << FormatDuration(total.service_level().threshold_duration())
      << "; FCR: " << frontdesk::v1::FcrMethod_Name(total.first_contact_resolution().method())
      << "\n\n";
}

void PrintTableReport(const KpiReport& report, std::ostream& out) {
  PrintDefinitions(report, out);
  std::vector<std::vector<std::string>> rows = {TableHeading(),
                                                TableCells("total", report.total())};
  for (const KpiRow& row : report.groups()) rows.push_back(TableCells(GroupLabel(row), row));
  PrintTable(rows, out);
  if (report.trend().empty()) return;
  out << "\nTrend:\n";
  rows = {TableHeading()};
  for (const auto& point : report.trend())
    rows.push_back(TableCells(PeriodLabel(point), point.row()));
  PrintTable(rows, out);
}

}  // namespace

std::optional<ReportFormat> ParseReportFormat(std::string_view name) {
  if (name == "table") return ReportFormat::kTable;
  if (name == "json") return ReportFormat::kJson;
  if (name == "csv") return ReportFormat::kCsv;
  return std::nullopt;
}

void PrintKpiReport(const KpiReport& report, ReportFormat format, std::ostream& out) {
  switch (format) {
    case ReportFormat::kTable:
      PrintTableReport(report, out);
      return;
    case ReportFormat::kJson:
      out << ToJson(report);
      return;
    case ReportFormat::kCsv:
      PrintCsv(report, out);
      return;
  }
}

}  // namespace frontdesk::cli
