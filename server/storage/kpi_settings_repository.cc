#include "storage/kpi_settings_repository.h"

#include "absl/strings/numbers.h"
#include "domain/errors.h"
#include "domain/text.h"
#include "storage/catalog_sql.h"
#include "storage/sla_catalog_codec.h"
#include "storage/sql_filter.h"
#include "storage/unit_of_work.h"

namespace frontdesk::storage {
namespace {

using domain::Append;
using domain::Cat;
using domain::KpiSettingsVersion;

const std::vector<std::string_view>& KpiColumns() {
  static const std::vector<std::string_view> kColumns = {"version",
                                                         "description",
                                                         "service_level_variant",
                                                         "service_level_threshold_us",
                                                         "short_abandon_threshold_us",
                                                         "fcr_method",
                                                         "fcr_repeat_window_us",
                                                         "csat_min_satisfied_score",
                                                         "currency_code",
                                                         "tier_costs",
                                                         "desk_cost_per_contact",
                                                         "create_time"};
  return kColumns;
}

void Insert(soci::session& session, const KpiSettingsVersion& v) {
  const domain::kpi::KpiSettings& s = v.settings;
  SqlRow row(KpiColumns());
  row.Set("version", static_cast<long long>(v.version));
  row.Set("description", v.description);
  row.Set("service_level_variant", static_cast<long long>(s.service_level_variant));
  row.Set("service_level_threshold_us", static_cast<long long>(s.thresholds.service_level.count()));
  row.Set("short_abandon_threshold_us", static_cast<long long>(s.thresholds.short_abandon.count()));
  row.Set("fcr_method", static_cast<long long>(s.fcr.method));
  row.Set("fcr_repeat_window_us", static_cast<long long>(s.fcr.repeat_window.count()));
  row.Set("csat_min_satisfied_score", static_cast<long long>(s.csat_min_satisfied_score));
  row.Set("currency_code", s.costs ? v.currency_code : std::string());
  row.Set("tier_costs", s.costs ? EncodeTierRates(s.costs->cost_per_minute) : std::string());
  row.Set("desk_cost_per_contact",
          static_cast<long long>(s.costs ? s.costs->desk_cost_per_contact : 0));
  row.Set("create_time", std::optional<domain::Timestamp>(v.create_time));
  Write(session,
           Cat("INSERT INTO kpi_settings (", ColumnList(KpiColumns()), ") VALUES (",
               PlaceholderList(KpiColumns()), ")"),
           row);
}

KpiSettingsVersion Decode(const SqlRow& row) {
  KpiSettingsVersion v;
  domain::kpi::KpiSettings& s = v.settings;
  v.version = row.Integer("version");
  v.description = row.Text("description");
  s.service_level_variant =
      static_cast<domain::kpi::ServiceLevelVariant>(row.Integer("service_level_variant"));
  s.thresholds.service_level = domain::Duration(row.Integer("service_level_threshold_us"));
  s.thresholds.short_abandon = domain::Duration(row.Integer("short_abandon_threshold_us"));
  s.fcr.method = static_cast<domain::kpi::FcrMethod>(row.Integer("fcr_method"));
  s.fcr.repeat_window = domain::Duration(row.Integer("fcr_repeat_window_us"));
  s.csat_min_satisfied_score = static_cast<int>(row.Integer("csat_min_satisfied_score"));
  v.currency_code = row.Text("currency_code");
  if (!v.currency_code.empty()) {
    s.costs = domain::kpi::CostSettings{DecodeTierRates(row.Text("tier_costs")),
                                        row.Integer("desk_cost_per_contact")};
  }
  v.create_time = row.Time("create_time");
  return v;
}

std::vector<KpiSettingsVersion> Select(soci::session& session, const std::string& where,
                                       const std::string& order, SqlParams params, int limit) {
  std::vector<KpiSettingsVersion> versions;
  QueryRows(session,
            Cat("SELECT ", ColumnList(KpiColumns()), " FROM kpi_settings WHERE ", where,
                " ORDER BY ", order, " LIMIT ", limit),
            KpiColumns(), std::move(params),
            [&](const SqlRow& row) { versions.push_back(Decode(row)); });
  return versions;
}

absl::StatusOr<KpiSettingsVersion> SelectVersion(soci::session& session,
                                                 std::optional<int64_t> version) {
  auto found = version ? Select(session, "version = :v", "version", {{"v", Cat(*version)}}, 1)
                       : Select(session, "1=1", "version DESC", {}, 1);
  if (found.empty()) {
    return absl::NotFoundError(Cat("KPI settings \"kpiSettings/",
                                   version ? Cat(*version) : std::string("latest"),
                                   "\" not found"));
  }
  return std::move(found.front());
}

}  // namespace

absl::StatusOr<KpiSettingsVersion> SqlKpiSettingsRepository::Get(std::optional<int64_t> version) {
  return RunUnitOfWork(database_, "GetKpiSettings", false,
                       [&](soci::session& session) { return SelectVersion(session, version); });
}

absl::StatusOr<domain::Page<KpiSettingsVersion>> SqlKpiSettingsRepository::List(
    const domain::KpiSettingsQuery& query) {
  static const ColumnMap kColumns = {{"version", "version"}, {"create_time", "create_time"}};
  auto compiled = CompileFilterToSql(query.filter, kColumns);
  if (!compiled.ok()) return compiled.status();
  SqlParams params;
  for (size_t i = 0; i < compiled->params.size(); ++i) {
    const SqlValue& value = compiled->params[i];
    params.emplace_back(Cat("f", i), std::holds_alternative<std::string>(value)
                                         ? std::get<std::string>(value)
                                         : Cat(std::get<int64_t>(value)));
  }
  std::string where = compiled->where_sql;
  if (!query.page.after_key.empty()) {
    long long after = 0;
    if (!absl::SimpleAtoi(query.page.after_key, &after)) {
      return domain::InvalidField("page_token", "is malformed");
    }
    Append(&where, " AND version ", query.ascending ? ">" : "<", " :after");
    params.emplace_back("after", Cat(after));
  }
  return RunUnitOfWork(
      database_, "ListKpiSettings", false,
      [&](soci::session& session) -> absl::StatusOr<domain::Page<KpiSettingsVersion>> {
        domain::Page<KpiSettingsVersion> page;
        page.items = Select(session, where, query.ascending ? "version" : "version DESC", params,
                            query.page.page_size + 1);
        if (page.items.size() > static_cast<size_t>(query.page.page_size)) {
          page.items.pop_back();
          page.next_key = Cat(page.items.back().version);
        }
        return page;
      });
}

absl::StatusOr<KpiSettingsVersion> SqlKpiSettingsRepository::Create(
    const KpiSettingsVersion& settings, const domain::RequestMeta& meta,
    const std::function<absl::Status(int64_t newest)>& check) {
  constexpr std::string_view kMethod = "CreateKpiSettings";
  return RunUnitOfWork(
      database_, kMethod, true, [&](soci::session& session) -> absl::StatusOr<KpiSettingsVersion> {
        // Every creator locks the same row first; the newest version is read after the lock,
        // under READ COMMITTED, so it includes every version committed before.
        QueryInteger(session,
                     Cat("SELECT version FROM kpi_settings WHERE version = 1",
                         ForUpdate(database_.dialect())),
                     {});
        auto repeated = IsRepeatedRequest(session, meta, kMethod);
        if (!repeated.ok()) return repeated.status();
        if (*repeated) return SelectVersion(session, **repeated);
        const long long newest = QueryInteger(session, "SELECT MAX(version) FROM kpi_settings", {});
        if (auto s = check(newest); !s.ok()) return s;
        KpiSettingsVersion created = settings;
        created.version = newest + 1;
        Insert(session, created);
        RememberRequest(session, meta, kMethod, created.version, created.create_time);
        return created;
      });
}

}  // namespace frontdesk::storage
