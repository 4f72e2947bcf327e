// Conversions between MetricsService messages and the catalog's domain types. As in
// interaction_convert.h, conversions in check only what the domain cannot see (enum numbers it
// does not define, out-of-range times, durations and amounts, mixed currencies, malformed names
// and update masks) and name violations by their path in the request; the domain checks the
// rest. Conversions out fill every field, output-only ones included.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "domain/sla_catalog.h"
#include "frontdesk/v1/metrics.pb.h"
#include "frontdesk/v1/sla.pb.h"
#include "google/protobuf/field_mask.pb.h"
#include "google/protobuf/message_lite.h"
#include "grpcpp/server_context.h"

namespace frontdesk::transport {

inline constexpr std::string_view kSlaPolicies = "slaPolicies";
inline constexpr std::string_view kBusinessCalendars = "businessCalendars";
inline constexpr std::string_view kKpiSettings = "kpiSettings";

// Returns the metadata of a catalog mutation, whose request_id is optional: as MutationMeta
// when one is given, else without a request id.
absl::StatusOr<domain::RequestMeta> CatalogMeta(const grpc::ServerContext& context,
                                                const google::protobuf::MessageLite& request,
                                                std::string_view request_id,
                                                std::string_view etag = {});

// Returns the fields an update mask names, out of `allowed` or "*". Returns INVALID_ARGUMENT
// naming update_mask when it is empty or names anything else.
absl::StatusOr<std::set<std::string>> MaskFields(const google::protobuf::FieldMask& mask,
                                                 const std::vector<std::string>& allowed);

// Returns the version of `kpiSettings/{version}`, or nullopt for `kpiSettings/latest` when
// `allow_latest`. Returns INVALID_ARGUMENT naming `field` otherwise.
absl::StatusOr<std::optional<int64_t>> ParseKpiSettingsName(std::string_view name,
                                                            std::string_view field,
                                                            bool allow_latest);

absl::StatusOr<domain::CalendarDraft> CalendarDraftFromProto(
    const frontdesk::v1::BusinessCalendar& proto);
frontdesk::v1::BusinessCalendar ToProto(const domain::BusinessCalendarRecord& calendar);

// Reads one target; `field` is its path, such as "sla_policy.targets[0]".
absl::StatusOr<domain::sla::SlaTarget> SlaTargetFromProto(const frontdesk::v1::SlaTarget& proto,
                                                          std::string_view field);
frontdesk::v1::SlaTarget ToProto(const domain::sla::SlaTarget& target);

absl::StatusOr<domain::SlaPolicyDraft> PolicyDraftFromProto(const frontdesk::v1::SlaPolicy& proto);
frontdesk::v1::SlaPolicy ToProto(const domain::SlaPolicyRecord& policy);

// Reads the client-settable fields of KPI settings; unset durations are zero. Every amount must
// be in one currency.
absl::StatusOr<domain::KpiSettingsVersion> KpiSettingsFromProto(
    const frontdesk::v1::KpiSettings& proto);
frontdesk::v1::KpiSettings ToProto(const domain::KpiSettingsVersion& settings);

// An amount in billionths of a currency unit, as Money.
frontdesk::v1::Money MoneyToProto(int64_t billionths, const std::string& currency_code);

domain::DownstreamTotalsInput DownstreamTotalsFromProto(
    const frontdesk::v1::DownstreamTotals& proto);
frontdesk::v1::DownstreamTotals ToProto(const domain::DownstreamTotalsRecord& totals);

}  // namespace frontdesk::transport
