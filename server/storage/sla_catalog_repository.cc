#include "storage/sla_catalog_repository.h"

#include <map>
#include <stdexcept>

#include "domain/text.h"
#include "storage/catalog_sql.h"
#include "storage/sla_catalog_codec.h"
#include "storage/unit_of_work.h"

namespace frontdesk::storage {
namespace {

using domain::BusinessCalendarRecord;
using domain::Cat;
using domain::SlaPolicyRecord;

const std::vector<std::string_view>& CalendarColumns() {
  static const std::vector<std::string_view> kColumns = {
      "id",           "version",  "display_name", "time_zone",
      "weekly_hours", "holidays", "create_time",  "update_time"};
  return kColumns;
}

const std::vector<std::string_view>& PolicyColumns() {
  static const std::vector<std::string_view> kColumns = {
      "id",         "version",          "display_name", "description",      "calendar_id",
      "applies_to", "evaluation_order", "targets",      "pause_conditions", "create_time",
      "update_time"};
  return kColumns;
}

// The columns an UPDATE assigns: all but the id, which the WHERE clause binds.
std::vector<std::string_view> WithoutId(const std::vector<std::string_view>& columns) {
  std::vector<std::string_view> rest;
  for (std::string_view column : columns) {
    if (column != "id") rest.push_back(column);
  }
  return rest;
}

absl::Status CalendarNotFound(const std::string& id) {
  return absl::NotFoundError(Cat("business calendar \"businessCalendars/", id, "\" not found"));
}

absl::Status PolicyNotFound(const std::string& id) {
  return absl::NotFoundError(Cat("SLA policy \"slaPolicies/", id, "\" not found"));
}

void WriteCalendar(soci::session& session, const BusinessCalendarRecord& c, bool insert) {
  SqlRow row(CalendarColumns());
  row.Set("id", c.id);
  row.Set("version", static_cast<long long>(c.version));
  row.Set("display_name", c.display_name);
  row.Set("time_zone", c.definition.time_zone);
  row.Set("weekly_hours", EncodeWeeklyHours(c.definition.weekly_hours));
  row.Set("holidays", EncodeHolidays(c.definition.holidays));
  row.Set("create_time", std::optional<domain::Timestamp>(c.create_time));
  row.Set("update_time", std::optional<domain::Timestamp>(c.update_time));
  Write(session,
           insert ? Cat("INSERT INTO business_calendars (", ColumnList(CalendarColumns()),
                        ") VALUES (", PlaceholderList(CalendarColumns()), ")")
                  : Cat("UPDATE business_calendars SET ",
                        AssignmentList(WithoutId(CalendarColumns())), " WHERE id = :id"),
           row);
}

std::vector<BusinessCalendarRecord> SelectCalendars(soci::session& session,
                                                    const std::string& where, SqlParams params,
                                                    const char* lock_clause = "") {
  std::vector<BusinessCalendarRecord> calendars;
  QueryRows(session,
            Cat("SELECT ", ColumnList(CalendarColumns()), " FROM business_calendars WHERE ", where,
                " ORDER BY id", lock_clause),
            CalendarColumns(), std::move(params), [&](const SqlRow& row) {
              calendars.push_back(BusinessCalendarRecord{
                  row.Text("id"),
                  row.Text("display_name"),
                  {row.Text("time_zone"), DecodeWeeklyHours(row.Text("weekly_hours")),
                   DecodeHolidays(row.Text("holidays"))},
                  row.Time("create_time"),
                  row.Time("update_time"),
                  row.Integer("version")});
            });
  return calendars;
}

std::optional<BusinessCalendarRecord> SelectCalendar(soci::session& session, Dialect dialect,
                                                     const std::string& id, bool lock) {
  auto found = SelectCalendars(session, "id = :id", {{"id", id}}, lock ? ForUpdate(dialect) : "");
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

void WritePolicy(soci::session& session, const SlaPolicyRecord& p, bool insert) {
  SqlRow row(PolicyColumns());
  row.Set("id", p.id);
  row.Set("version", static_cast<long long>(p.version));
  row.Set("display_name", p.display_name);
  row.Set("description", p.description);
  row.Set("calendar_id", p.calendar_id);
  row.Set("applies_to", p.applies_to);
  row.Set("evaluation_order", static_cast<long long>(p.evaluation_order));
  row.Set("targets", EncodeTargets(p.policy.targets));
  row.Set("pause_conditions", EncodePauseReasons(p.policy.pause_reasons));
  row.Set("create_time", std::optional<domain::Timestamp>(p.create_time));
  row.Set("update_time", std::optional<domain::Timestamp>(p.update_time));
  Write(session,
           insert ? Cat("INSERT INTO sla_policies (", ColumnList(PolicyColumns()), ") VALUES (",
                        PlaceholderList(PolicyColumns()), ")")
                  : Cat("UPDATE sla_policies SET ", AssignmentList(WithoutId(PolicyColumns())),
                        " WHERE id = :id"),
           row);
}

// Gives each policy the calendar it names; a missing or invalid calendar is a broken store.
void ResolveCalendars(soci::session& session, std::vector<SlaPolicyRecord>& policies) {
  std::map<std::string, domain::sla::BusinessCalendar> calendars;
  for (SlaPolicyRecord& policy : policies) {
    if (policy.calendar_id.empty()) continue;
    auto found = calendars.find(policy.calendar_id);
    if (found == calendars.end()) {
      auto stored = SelectCalendars(session, "id = :id", {{"id", policy.calendar_id}});
      if (stored.empty()) throw std::runtime_error("an SLA policy names a missing calendar");
      auto calendar = domain::sla::BusinessCalendar::Create(stored.front().definition);
      if (!calendar.ok()) throw std::runtime_error("a stored calendar is invalid");
      found = calendars.emplace(policy.calendar_id, *std::move(calendar)).first;
    }
    policy.policy.calendar = found->second;
  }
}

std::vector<SlaPolicyRecord> SelectPolicies(soci::session& session, const std::string& where,
                                            SqlParams params, const char* lock_clause = "") {
  std::vector<SlaPolicyRecord> policies;
  QueryRows(session,
            Cat("SELECT ", ColumnList(PolicyColumns()), " FROM sla_policies WHERE ", where,
                " ORDER BY evaluation_order", lock_clause),
            PolicyColumns(), std::move(params), [&](const SqlRow& row) {
              SlaPolicyRecord policy;
              policy.id = row.Text("id");
              policy.version = row.Integer("version");
              policy.display_name = row.Text("display_name");
              policy.description = row.Text("description");
              policy.calendar_id = row.Text("calendar_id");
              policy.applies_to = row.Text("applies_to");
              policy.evaluation_order = static_cast<int>(row.Integer("evaluation_order"));
              policy.policy.targets = DecodeTargets(row.Text("targets"));
              policy.policy.pause_reasons = DecodePauseReasons(row.Text("pause_conditions"));
              policy.create_time = row.Time("create_time");
              policy.update_time = row.Time("update_time");
              policies.push_back(std::move(policy));
            });
  ResolveCalendars(session, policies);
  return policies;
}

std::optional<SlaPolicyRecord> SelectPolicy(soci::session& session, Dialect dialect,
                                            const std::string& id, bool lock) {
  auto found = SelectPolicies(session, "id = :id", {{"id", id}}, lock ? ForUpdate(dialect) : "");
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

// Checks what the table's keys and the calendar reference require of a policy about to be
// written. The calendar row stays locked until commit, so DeleteCalendar waits for this write.
absl::Status CheckPolicyReferences(soci::session& session, Dialect dialect,
                                   const SlaPolicyRecord& policy) {
  const long long order_taken = QueryInteger(
      session, "SELECT COUNT(*) FROM sla_policies WHERE evaluation_order = :o AND id <> :id",
      {{"o", Cat(policy.evaluation_order)}, {"id", policy.id}});
  if (order_taken > 0) {
    return absl::AlreadyExistsError(
        Cat("evaluation_order ", policy.evaluation_order, " is taken by another SLA policy"));
  }
  if (!policy.calendar_id.empty() && !SelectCalendar(session, dialect, policy.calendar_id, true)) {
    return CalendarNotFound(policy.calendar_id);
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<BusinessCalendarRecord> SqlSlaCatalogRepository::GetCalendar(const std::string& id) {
  return RunUnitOfWork(database_, "GetBusinessCalendar", false,
                       [&](soci::session& session) -> absl::StatusOr<BusinessCalendarRecord> {
                         auto found = SelectCalendar(session, database_.dialect(), id, false);
                         if (!found) return CalendarNotFound(id);
                         return *std::move(found);
                       });
}

absl::StatusOr<std::vector<BusinessCalendarRecord>> SqlSlaCatalogRepository::ListCalendars() {
  return RunUnitOfWork(
      database_, "ListBusinessCalendars", false,
      [&](soci::session& session) -> absl::StatusOr<std::vector<BusinessCalendarRecord>> {
        return SelectCalendars(session, "1=1", {});
      });
}

absl::StatusOr<BusinessCalendarRecord> SqlSlaCatalogRepository::CreateCalendar(
    const BusinessCalendarRecord& calendar, const domain::RequestMeta& meta) {
  constexpr std::string_view kMethod = "CreateBusinessCalendar";
  return RunUnitOfWork(
      database_, kMethod, true,
      [&](soci::session& session) -> absl::StatusOr<BusinessCalendarRecord> {
        auto repeated = IsRepeatedRequest(session, meta, kMethod);
        if (!repeated.ok()) return repeated.status();
        auto existing = SelectCalendar(session, database_.dialect(), calendar.id, true);
        if (*repeated) {
          if (!existing) return CalendarNotFound(calendar.id);
          return *std::move(existing);
        }
        if (existing) {
          return absl::AlreadyExistsError(
              Cat("business calendar \"businessCalendars/", calendar.id, "\" already exists"));
        }
        WriteCalendar(session, calendar, true);
        RememberRequest(session, meta, kMethod, calendar.version, calendar.update_time);
        return calendar;
      });
}

absl::StatusOr<BusinessCalendarRecord> SqlSlaCatalogRepository::UpdateCalendar(
    const std::string& id, const domain::RequestMeta& meta, const domain::CalendarChange& change) {
  constexpr std::string_view kMethod = "UpdateBusinessCalendar";
  return RunUnitOfWork(database_, kMethod, true,
                       [&](soci::session& session) -> absl::StatusOr<BusinessCalendarRecord> {
                         // The row lock comes first, so that a concurrent retry waits and then sees
                         // the request.
                         auto current = SelectCalendar(session, database_.dialect(), id, true);
                         auto repeated = IsRepeatedRequest(session, meta, kMethod);
                         if (!repeated.ok()) return repeated.status();
                         if (!current) return CalendarNotFound(id);
                         if (*repeated) return *std::move(current);
                         auto next = change(*current);
                         if (!next.ok()) return next.status();
                         next->version = current->version + 1;
                         WriteCalendar(session, *next, false);
                         RememberRequest(session, meta, kMethod, next->version, next->update_time);
                         return next;
                       });
}

absl::Status SqlSlaCatalogRepository::DeleteCalendar(const std::string& id,
                                                     const domain::RequestMeta& meta,
                                                     const domain::CalendarDeleteCheck& check) {
  constexpr std::string_view kMethod = "DeleteBusinessCalendar";
  return RunUnitOfWork(
             database_, kMethod, true,
             [&](soci::session& session) -> absl::StatusOr<bool> {
               auto current = SelectCalendar(session, database_.dialect(), id, true);
               auto repeated = IsRepeatedRequest(session, meta, kMethod);
               if (!repeated.ok()) return repeated.status();
               if (*repeated) return true;
               if (!current) return CalendarNotFound(id);
               const long long users = QueryInteger(
                   session, "SELECT COUNT(*) FROM sla_policies WHERE calendar_id = :id",
                   {{"id", id}});
               if (auto s = check(*current, users); !s.ok()) return s;
               Execute(session, "DELETE FROM business_calendars WHERE id = :id", {{"id", id}});
               RememberRequest(session, meta, kMethod, current->version, current->update_time);
               return true;
             })
      .status();
}

absl::StatusOr<std::vector<SlaPolicyRecord>>
SqlSlaCatalogRepository::ListPoliciesByEvaluationOrder() {
  return RunUnitOfWork(database_, "ListSlaPolicies", false,
                       [&](soci::session& session) -> absl::StatusOr<std::vector<SlaPolicyRecord>> {
                         return SelectPolicies(session, "1=1", {});
                       });
}

absl::StatusOr<SlaPolicyRecord> SqlSlaCatalogRepository::GetPolicy(const std::string& id) {
  return RunUnitOfWork(database_, "GetSlaPolicy", false,
                       [&](soci::session& session) -> absl::StatusOr<SlaPolicyRecord> {
                         auto found = SelectPolicy(session, database_.dialect(), id, false);
                         if (!found) return PolicyNotFound(id);
                         return *std::move(found);
                       });
}

absl::StatusOr<SlaPolicyRecord> SqlSlaCatalogRepository::CreatePolicy(
    const SlaPolicyRecord& policy, const domain::RequestMeta& meta) {
  constexpr std::string_view kMethod = "CreateSlaPolicy";
  return RunUnitOfWork(
      database_, kMethod, true, [&](soci::session& session) -> absl::StatusOr<SlaPolicyRecord> {
        auto repeated = IsRepeatedRequest(session, meta, kMethod);
        if (!repeated.ok()) return repeated.status();
        auto existing = SelectPolicy(session, database_.dialect(), policy.id, true);
        if (*repeated) {
          if (!existing) return PolicyNotFound(policy.id);
          return *std::move(existing);
        }
        if (existing) {
          return absl::AlreadyExistsError(
              Cat("SLA policy \"slaPolicies/", policy.id, "\" already exists"));
        }
        if (auto s = CheckPolicyReferences(session, database_.dialect(), policy); !s.ok()) {
          return s;
        }
        WritePolicy(session, policy, true);
        RememberRequest(session, meta, kMethod, policy.version, policy.update_time);
        return *SelectPolicy(session, database_.dialect(), policy.id, false);
      });
}

absl::StatusOr<SlaPolicyRecord> SqlSlaCatalogRepository::UpdatePolicy(
    const std::string& id, const domain::RequestMeta& meta, const domain::PolicyChange& change) {
  constexpr std::string_view kMethod = "UpdateSlaPolicy";
  return RunUnitOfWork(
      database_, kMethod, true, [&](soci::session& session) -> absl::StatusOr<SlaPolicyRecord> {
        auto current = SelectPolicy(session, database_.dialect(), id, true);
        auto repeated = IsRepeatedRequest(session, meta, kMethod);
        if (!repeated.ok()) return repeated.status();
        if (!current) return PolicyNotFound(id);
        if (*repeated) return *std::move(current);
        auto next = change(*current);
        if (!next.ok()) return next.status();
        next->version = current->version + 1;
        if (auto s = CheckPolicyReferences(session, database_.dialect(), *next); !s.ok()) {
          return s;
        }
        WritePolicy(session, *next, false);
        RememberRequest(session, meta, kMethod, next->version, next->update_time);
        return *SelectPolicy(session, database_.dialect(), id, false);
      });
}

absl::Status SqlSlaCatalogRepository::DeletePolicy(const std::string& id,
                                                   const domain::RequestMeta& meta,
                                                   const domain::PolicyDeleteCheck& check) {
  constexpr std::string_view kMethod = "DeleteSlaPolicy";
  return RunUnitOfWork(database_, kMethod, true,
                       [&](soci::session& session) -> absl::StatusOr<bool> {
                         auto current = SelectPolicy(session, database_.dialect(), id, true);
                         auto repeated = IsRepeatedRequest(session, meta, kMethod);
                         if (!repeated.ok()) return repeated.status();
                         if (*repeated) return true;
                         if (!current) return PolicyNotFound(id);
                         if (auto s = check(*current); !s.ok()) return s;
                         Execute(session, "DELETE FROM sla_policies WHERE id = :id", {{"id", id}});
                         RememberRequest(session, meta, kMethod, current->version,
                                         current->update_time);
                         return true;
                       })
      .status();
}

}  // namespace frontdesk::storage
