#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/interaction.h"
#include "domain/kpi/kpi_accumulator.h"
#include "domain/sla/sla_clock.h"
#include "domain/time.h"

namespace frontdesk::domain::kpi {

// The dimensions KPI reports filter and group by, as KpiDimension in the API.
enum class KpiDimension {
  kUnspecified = 0,
  kChannel = 1,
  kType = 2,
  kService = 3,
  kDepartment = 4,
  kQueue = 5,
  kTier = 6,
  kPriority = 7,
};

// One interaction's value of every dimension.
struct KpiDimensions {
  Channel channel = Channel::kUnspecified;
  InteractionType type = InteractionType::kUnclassified;
  Priority priority = Priority::kUnspecified;
  int tier = 1;  // The tier that resolved it, or that holds it now.
  std::string service;
  std::string department;
  std::string queue;

  auto operator<=>(const KpiDimensions&) const = default;
};

// A dimension's value as reports show it: enum names as in the API (`CHANNEL_PHONE`), the tier
// as a digit, names as stored.
std::string DimensionValue(const KpiDimensions& dimensions, KpiDimension dimension);

// The SLA outcomes stored for an interaction; absent where it has no such clock.
struct SlaOutcomes {
  std::optional<sla::SlaOutcome> response;
  std::optional<sla::SlaOutcome> resolution;

  bool operator==(const SlaOutcomes&) const = default;
};

// What one interaction contributes to the KPIs.
struct KpiFact {
  Timestamp receive_time;
  KpiDimensions dimensions;
  KpiRecord record;
};

// Derives an interaction's KPI fact from the interaction as it is now, its history (revisions,
// any order), its SLA outcomes and the receipt of the same contact's next interaction about the
// same service. The rules:
// - answered when an agent first responded, abandoned when the user left before that; the wait
//   runs from entering a queue, or from receipt if never queued;
// - resolved while resolved or closed (no longer once reopened); escalated when a tier above 1
//   ever held it; handed over when it was transferred between queues, handled by two agents,
//   escalated or linked to a downstream record;
// - handle time is costed at the tier that resolved it (or holds it now);
// - a survey counts as sent for every resolved interaction, and for any that has a response.
KpiFact DeriveKpiFact(const Interaction& interaction,
                      std::span<const InteractionRevision> history, const SlaOutcomes& sla,
                      std::optional<Timestamp> next_contact_time);

}  // namespace frontdesk::domain::kpi
