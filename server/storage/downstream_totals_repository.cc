#include "storage/downstream_totals_repository.h"

#include <cstdio>
#include <stdexcept>

#include "domain/text.h"
#include "storage/catalog_sql.h"
#include "storage/sla_catalog_codec.h"
#include "storage/unit_of_work.h"

namespace frontdesk::storage {
namespace {

using domain::DownstreamTotalsRecord;

// Days are stored as "YYYY-MM-DD", which sorts by date.
std::string FormatDay(std::chrono::sys_days day) {
  const std::chrono::year_month_day date(day);
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}

std::chrono::sys_days ParseDay(const std::string& text) {
  const std::vector<std::string> parts = domain::Split(text, '-');
  if (parts.size() != 3) throw std::runtime_error("malformed stored day");
  return std::chrono::year_month_day(
      std::chrono::year(static_cast<int>(ParseStoredInteger(parts[0], "day"))),
      std::chrono::month(static_cast<unsigned>(ParseStoredInteger(parts[1], "day"))),
      std::chrono::day(static_cast<unsigned>(ParseStoredInteger(parts[2], "day"))));
}

std::optional<DownstreamTotalsRecord> SelectTotals(soci::session& session,
                                                   const std::string& system,
                                                   std::chrono::sys_days day) {
  static const std::vector<std::string_view> kColumns = {"incident_count", "change_count",
                                                         "update_time"};
  std::optional<DownstreamTotalsRecord> found;
  QueryRows(session,
            "SELECT incident_count, change_count, update_time FROM downstream_totals "
            "WHERE system_name = :system AND utc_day = :day",
            kColumns, {{"system", system}, {"day", FormatDay(day)}}, [&](const SqlRow& row) {
              found = DownstreamTotalsRecord{system, day, row.Integer("incident_count"),
                                             row.Integer("change_count"), row.Time("update_time")};
            });
  return found;
}

}  // namespace

absl::StatusOr<DownstreamTotalsRecord> SqlDownstreamTotalsRepository::Record(
    const DownstreamTotalsRecord& totals, const domain::RequestMeta& meta) {
  constexpr std::string_view kMethod = "RecordDownstreamTotals";
  return RunUnitOfWork(
      database_, kMethod, true,
      [&](soci::session& session) -> absl::StatusOr<DownstreamTotalsRecord> {
        auto repeated = IsRepeatedRequest(session, meta, kMethod);
        if (!repeated.ok()) return repeated.status();
        if (*repeated) {
          if (auto stored = SelectTotals(session, totals.system, totals.day)) return *stored;
        }
        // Delete and insert replace the day's row in both dialects; two racing inserts end in
        // a duplicate key, which RunUnitOfWork retries.
        const SqlParams key = {{"system", totals.system}, {"day", FormatDay(totals.day)}};
        Execute(session,
                "DELETE FROM downstream_totals WHERE system_name = :system AND utc_day = :day",
                key);
        static const std::vector<std::string_view> kColumns = {
            "system_name", "utc_day", "incident_count", "change_count", "update_time"};
        SqlRow row(kColumns);
        row.Set("system_name", totals.system);
        row.Set("utc_day", FormatDay(totals.day));
        row.Set("incident_count", static_cast<long long>(totals.incident_count));
        row.Set("change_count", static_cast<long long>(totals.change_count));
        row.Set("update_time", std::optional<domain::Timestamp>(totals.update_time));
        Write(session,
                 domain::Cat("INSERT INTO downstream_totals (", ColumnList(kColumns), ") VALUES (",
                             PlaceholderList(kColumns), ")"),
                 row);
        RememberRequest(session, meta, kMethod, 1, totals.update_time);
        return totals;
      });
}

absl::StatusOr<std::map<std::chrono::sys_days, domain::kpi::DownstreamTotals>>
SqlDownstreamTotalsRepository::DailyTotals(std::chrono::sys_days first_day,
                                           std::chrono::sys_days end_day) {
  using Totals = std::map<std::chrono::sys_days, domain::kpi::DownstreamTotals>;
  return RunUnitOfWork(
      database_, "DailyDownstreamTotals", false,
      [&](soci::session& session) -> absl::StatusOr<Totals> {
        static const std::vector<std::string_view> kColumns = {"utc_day", "incidents", "changes"};
        Totals totals;
        QueryRows(session,
                  "SELECT utc_day, SUM(incident_count), SUM(change_count) "
                  "FROM downstream_totals WHERE utc_day >= :first AND "
                  "utc_day < :end GROUP BY utc_day",
                  kColumns, {{"first", FormatDay(first_day)}, {"end", FormatDay(end_day)}},
                  [&](const SqlRow& row) {
                    totals[ParseDay(row.Text("utc_day"))] = {row.Integer("incidents"),
                                                             row.Integer("changes")};
                  });
        return totals;
      });
}

}  // namespace frontdesk::storage
