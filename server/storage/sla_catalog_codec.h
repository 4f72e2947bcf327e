// Compact text forms of the structured parts of catalog rows. Each part is read and written
// whole with its row, so text keeps the schema to one table per resource. Decoding text this
// server did not write throws std::runtime_error (an INTERNAL error at the repository edge).
#pragma once

#include <string>
#include <vector>

#include "domain/enums.h"
#include "domain/kpi/kpi_formulas.h"
#include "domain/sla/business_calendar.h"
#include "domain/sla/sla_policy.h"

namespace frontdesk::storage {

// "1:540-1020,780-900;3:..." : weekday (0 = Sunday) and intervals in minutes.
std::string EncodeWeeklyHours(const std::vector<domain::sla::DayHours>& hours);
std::vector<domain::sla::DayHours> DecodeWeeklyHours(const std::string& text);

// One line per holiday: "year-month-day|intervals|display name".
std::string EncodeHolidays(const std::vector<domain::sla::Holiday>& holidays);
std::vector<domain::sla::Holiday> DecodeHolidays(const std::string& text);

// One line per target: "priority,channel,response,resolution", durations in microseconds or
// "-" when absent, enums by number.
std::string EncodeTargets(const std::vector<domain::sla::SlaTarget>& targets);
std::vector<domain::sla::SlaTarget> DecodeTargets(const std::string& text);

// "1,2": hold reasons by number.
std::string EncodePauseReasons(const std::vector<domain::HoldReason>& reasons);
std::vector<domain::HoldReason> DecodePauseReasons(const std::string& text);

// "r1,r2,r3": the per-minute rates of tiers 1 to 3.
std::string EncodeTierRates(const domain::kpi::TierRates& rates);
domain::kpi::TierRates DecodeTierRates(const std::string& text);

// Parses a decimal integer; throws std::runtime_error naming `what` otherwise.
long long ParseStoredInteger(std::string_view text, std::string_view what);

}  // namespace frontdesk::storage
