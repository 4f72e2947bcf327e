// The catalog behind MetricsService: business calendars, SLA policies, KPI settings versions and
// downstream totals. Records, the storage interfaces they need, and the use cases that validate
// requests and apply defaults before one repository call.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "domain/enums.h"
#include "domain/filter.h"
#include "domain/interaction_manager.h"
#include "domain/kpi/kpi_accumulator.h"
#include "domain/repository.h"
#include "domain/sla/business_calendar.h"
#include "domain/sla/sla_policy.h"
#include "domain/time.h"

namespace frontdesk::domain {

// A stored business calendar; its definition is valid (BusinessCalendar::Create accepts it).
struct BusinessCalendarRecord {
  std::string id;
  std::string display_name;
  sla::CalendarDefinition definition;
  Timestamp create_time;
  Timestamp update_time;
  int64_t version = 0;
};

// A stored SLA policy. `policy.calendar` is the calendar `calendar_id` names, resolved when
// read; writes use `calendar_id` only.
struct SlaPolicyRecord {
  std::string id;
  std::string display_name;
  std::string description;
  std::string calendar_id;  // Empty: always open.
  std::string applies_to;   // An interaction filter (ParseInteractionFilter); empty: all.
  int evaluation_order = 0;
  sla::SlaPolicy policy;
  Timestamp create_time;
  Timestamp update_time;
  int64_t version = 0;
};

// One immutable KPI settings version.
struct KpiSettingsVersion {
  int64_t version = 0;
  std::string description;
  std::string currency_code;  // Empty: no costs.
  kpi::KpiSettings settings;
  Timestamp create_time;
};

// Records a downstream system created on one UTC day.
struct DownstreamTotalsRecord {
  std::string system;
  std::chrono::sys_days day;
  int64_t incident_count = 0;
  int64_t change_count = 0;
  Timestamp update_time;
};

// Computes the new state of a record from the one stored (read under a row lock).
using CalendarChange =
    std::function<absl::StatusOr<BusinessCalendarRecord>(const BusinessCalendarRecord& current)>;
using PolicyChange = std::function<absl::StatusOr<SlaPolicyRecord>(const SlaPolicyRecord& current)>;

// Decides, under the row lock, whether a record may be deleted; `policies_using` counts the SLA
// policies that name the calendar.
using CalendarDeleteCheck =
    std::function<absl::Status(const BusinessCalendarRecord& current, int64_t policies_using)>;
using PolicyDeleteCheck = std::function<absl::Status(const SlaPolicyRecord& current)>;

// Calendars and policies. Every method is one transaction; see repository.h for the common
// codes. A retried request id (RequestMeta::request_id, when set) returns the record as stored
// now, or success for a delete; one reused for a different request returns ALREADY_EXISTS with
// reason REQUEST_ID_REUSED.
class SlaCatalogRepository {
 public:
  virtual ~SlaCatalogRepository() = default;

  // Returns NOT_FOUND when no calendar has the id.
  virtual absl::StatusOr<BusinessCalendarRecord> GetCalendar(const std::string& id) = 0;
  // Returns every calendar, by id.
  virtual absl::StatusOr<std::vector<BusinessCalendarRecord>> ListCalendars() = 0;
  // Returns ALREADY_EXISTS when the id is taken.
  virtual absl::StatusOr<BusinessCalendarRecord> CreateCalendar(
      const BusinessCalendarRecord& calendar, const RequestMeta& meta) = 0;
  // Stores what `change` returns with the next version. NOT_FOUND when the id is unknown.
  virtual absl::StatusOr<BusinessCalendarRecord> UpdateCalendar(const std::string& id,
                                                                const RequestMeta& meta,
                                                                const CalendarChange& change) = 0;
  // Deletes the calendar unless `check` fails. NOT_FOUND when the id is unknown.
  virtual absl::Status DeleteCalendar(const std::string& id, const RequestMeta& meta,
                                      const CalendarDeleteCheck& check) = 0;

  // Returns every policy, calendars resolved, by ascending evaluation_order.
  virtual absl::StatusOr<std::vector<SlaPolicyRecord>> ListPoliciesByEvaluationOrder() = 0;
  // Returns the policy, calendar resolved; NOT_FOUND when no policy has the id.
  virtual absl::StatusOr<SlaPolicyRecord> GetPolicy(const std::string& id) = 0;
  // Returns ALREADY_EXISTS when the id or the evaluation order is taken, NOT_FOUND when the
  // calendar does not exist (checked under a lock on it, so that it cannot vanish meanwhile).
  virtual absl::StatusOr<SlaPolicyRecord> CreatePolicy(const SlaPolicyRecord& policy,
                                                       const RequestMeta& meta) = 0;
  // Stores what `change` returns with the next version; codes as CreatePolicy, and NOT_FOUND
  // when the id is unknown.
  virtual absl::StatusOr<SlaPolicyRecord> UpdatePolicy(const std::string& id,
                                                       const RequestMeta& meta,
                                                       const PolicyChange& change) = 0;
  virtual absl::Status DeletePolicy(const std::string& id, const RequestMeta& meta,
                                    const PolicyDeleteCheck& check) = 0;
};

struct KpiSettingsQuery {
  Filter filter;  // Over KpiSettingsFilterSchema().
  bool ascending = false;
  PageRequest page;
};

class KpiSettingsRepository {
 public:
  virtual ~KpiSettingsRepository() = default;

  // Returns the version, or the newest for nullopt; NOT_FOUND when there is no such version.
  virtual absl::StatusOr<KpiSettingsVersion> Get(std::optional<int64_t> version) = 0;

  virtual absl::StatusOr<Page<KpiSettingsVersion>> List(const KpiSettingsQuery& query) = 0;

  // Stores `settings` as the version after the newest, unless `check(newest)` fails. Creators
  // are serialised, so that no two versions get the same number.
  virtual absl::StatusOr<KpiSettingsVersion> Create(
      const KpiSettingsVersion& settings, const RequestMeta& meta,
      const std::function<absl::Status(int64_t newest)>& check) = 0;
};

class DownstreamTotalsRepository {
 public:
  virtual ~DownstreamTotalsRepository() = default;

  // Replaces the totals of the record's system and day.
  virtual absl::StatusOr<DownstreamTotalsRecord> Record(const DownstreamTotalsRecord& totals,
                                                        const RequestMeta& meta) = 0;

  // Totals summed over every system, per UTC day in [first_day, end_day).
  virtual absl::StatusOr<std::map<std::chrono::sys_days, kpi::DownstreamTotals>> DailyTotals(
      std::chrono::sys_days first_day, std::chrono::sys_days end_day) = 0;
};

// Whether open interactions still run on an SLA policy, which must then not be deleted.
// DeletePolicy asks before its own transaction, so an implementation may read through any
// session; an interaction that takes the policy in between is not seen.
class PolicyUsage {
 public:
  virtual ~PolicyUsage() = default;
  virtual absl::StatusOr<bool> HasOpenInteractions(const std::string& policy_id) = 0;
};

// The fields of a List request.
struct ListInput {
  std::string filter;
  std::string order_by;
  int page_size = 0;
  std::string page_token;
};

// The client-settable fields of a calendar.
struct CalendarDraft {
  std::string display_name;
  sla::CalendarDefinition definition;
};

// The client-settable fields of a policy; `policy.calendar` is ignored.
struct SlaPolicyDraft {
  std::string display_name;
  std::string description;
  std::string calendar_id;
  std::string applies_to;
  int evaluation_order = 0;
  sla::SlaPolicy policy;
};

// An update: the API field names to replace ("*" for all) and their new values.
template <typename Draft>
struct Patch {
  std::set<std::string> fields;
  Draft values;
};

// A day's downstream totals as a client sends them.
struct DownstreamTotalsInput {
  std::string system;
  sla::LocalDate date;
  int64_t incident_count = 0;
  int64_t change_count = 0;
};

// The fields ListKpiSettings can filter on: `version` and `create_time`.
const FilterSchema& KpiSettingsFilterSchema();

// Returns the settings version 1 holds: the documented defaults.
KpiSettingsVersion DefaultKpiSettings();

// Validates KPI settings. Returns INVALID_ARGUMENT with one violation per bad field, named as
// in KpiSettings of the API (e.g. "service_level_threshold_duration").
absl::Status ValidateKpiSettings(const KpiSettingsVersion& settings);

// The catalog use cases. Errors are those documented on each RPC; field violations are named
// by their path in the request (e.g. "sla_policy.targets[0].priority").
class MetricsCatalog {
 public:
  MetricsCatalog(SlaCatalogRepository& sla, KpiSettingsRepository& kpi,
                 DownstreamTotalsRepository& downstream, PolicyUsage& usage, const Clock& clock);

  absl::StatusOr<BusinessCalendarRecord> GetCalendar(const std::string& id);
  absl::StatusOr<Listing<BusinessCalendarRecord>> ListCalendars(const ListInput& input);
  // An empty id makes the server pick one (see PickResourceId).
  absl::StatusOr<BusinessCalendarRecord> CreateCalendar(const CalendarDraft& draft,
                                                        const std::string& id,
                                                        const RequestMeta& meta);
  absl::StatusOr<BusinessCalendarRecord> UpdateCalendar(const std::string& id,
                                                        const Patch<CalendarDraft>& patch,
                                                        const RequestMeta& meta);
  absl::Status DeleteCalendar(const std::string& id, const RequestMeta& meta);

  absl::StatusOr<SlaPolicyRecord> GetPolicy(const std::string& id);
  absl::StatusOr<Listing<SlaPolicyRecord>> ListPolicies(const ListInput& input);
  absl::StatusOr<SlaPolicyRecord> CreatePolicy(const SlaPolicyDraft& draft, const std::string& id,
                                               const RequestMeta& meta);
  absl::StatusOr<SlaPolicyRecord> UpdatePolicy(const std::string& id,
                                               const Patch<SlaPolicyDraft>& patch,
                                               const RequestMeta& meta);
  absl::Status DeletePolicy(const std::string& id, const RequestMeta& meta);

  // nullopt: the newest version.
  absl::StatusOr<KpiSettingsVersion> GetKpiSettings(std::optional<int64_t> version);
  absl::StatusOr<Listing<KpiSettingsVersion>> ListKpiSettings(const ListInput& input);
  // A csat_min_satisfied_score of 0 becomes the default. With `base_version`, returns ABORTED
  // (reason KPI_SETTINGS_CHANGED) unless it is the newest version.
  absl::StatusOr<KpiSettingsVersion> CreateKpiSettings(KpiSettingsVersion settings,
                                                       std::optional<int64_t> base_version,
                                                       const RequestMeta& meta);

  absl::StatusOr<DownstreamTotalsRecord> RecordDownstreamTotals(const DownstreamTotalsInput& input,
                                                                const RequestMeta& meta);

 private:
  absl::Status ValidatePolicy(const SlaPolicyDraft& draft) const;

  SlaCatalogRepository& sla_;
  KpiSettingsRepository& kpi_;
  DownstreamTotalsRepository& downstream_;
  PolicyUsage& usage_;
  const Clock& clock_;
};

// Returns `requested` when it is a valid client-chosen id (lowercase letters, digits and
// hyphens, starting with a letter, at most 63 characters), else INVALID_ARGUMENT naming
// `field`. An empty `requested` picks a UUID: derived from the request id when there is one, so
// that a retry names the same resource, and random otherwise.
absl::StatusOr<std::string> PickResourceId(const std::string& requested, std::string_view field,
                                           const RequestMeta& meta);

// Returns ABORTED (reason ETAG_MISMATCH) unless `etag` is empty or names `version`.
absl::Status CheckVersionEtag(int64_t version, const std::string& etag);

}  // namespace frontdesk::domain
