#include "storage/sla_catalog_codec.h"

#include <charconv>
#include <stdexcept>

#include "domain/text.h"

namespace frontdesk::storage {
namespace {

using domain::Append;
using domain::Cat;
using domain::Split;
using domain::SplitOnce;
using domain::sla::OpenInterval;

std::string EncodeIntervals(const std::vector<OpenInterval>& intervals) {
  std::string text;
  for (const OpenInterval& interval : intervals) {
    Append(&text, text.empty() ? "" : ",", interval.open_time.count(), "-",
           interval.close_time.count());
  }
  return text;
}

std::vector<OpenInterval> DecodeIntervals(const std::string& text) {
  std::vector<OpenInterval> intervals;
  for (const std::string& part : Split(text, ',', true)) {
    const std::vector<std::string> bounds = SplitOnce(part, '-');
    if (bounds.size() != 2) throw std::runtime_error("malformed stored interval");
    intervals.push_back({std::chrono::minutes(ParseStoredInteger(bounds[0], "interval")),
                         std::chrono::minutes(ParseStoredInteger(bounds[1], "interval"))});
  }
  return intervals;
}

std::string OptionalMicros(const std::optional<domain::Duration>& duration) {
  return duration ? Cat(duration->count()) : std::string("-");
}

std::optional<domain::Duration> DecodeOptionalMicros(const std::string& text) {
  if (text == "-") return std::nullopt;
  return domain::Duration(ParseStoredInteger(text, "target"));
}

}  // namespace

long long ParseStoredInteger(std::string_view text, std::string_view what) {
  long long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    throw std::runtime_error(Cat("malformed stored ", what));
  }
  return value;
}

std::string EncodeWeeklyHours(const std::vector<domain::sla::DayHours>& hours) {
  std::string text;
  for (const domain::sla::DayHours& day : hours) {
    Append(&text, text.empty() ? "" : ";", day.day.c_encoding(), ":",
           EncodeIntervals(day.intervals));
  }
  return text;
}

std::vector<domain::sla::DayHours> DecodeWeeklyHours(const std::string& text) {
  std::vector<domain::sla::DayHours> hours;
  for (const std::string& part : Split(text, ';', true)) {
    const std::vector<std::string> pieces = SplitOnce(part, ':');
    if (pieces.size() != 2) throw std::runtime_error("malformed stored weekly hours");
    const auto day = static_cast<unsigned>(ParseStoredInteger(pieces[0], "weekday"));
    hours.push_back({std::chrono::weekday(day), DecodeIntervals(pieces[1])});
  }
  return hours;
}

// Display names are single-line text, so a line break cannot occur inside one.
std::string EncodeHolidays(const std::vector<domain::sla::Holiday>& holidays) {
  std::string text;
  for (const domain::sla::Holiday& holiday : holidays) {
    Append(&text, holiday.date.year, "-", holiday.date.month, "-", holiday.date.day, "|",
           EncodeIntervals(holiday.intervals), "|", holiday.display_name, "\n");
  }
  return text;
}

std::vector<domain::sla::Holiday> DecodeHolidays(const std::string& text) {
  std::vector<domain::sla::Holiday> holidays;
  for (const std::string& line : Split(text, '\n', true)) {
    const std::vector<std::string> head = SplitOnce(line, '|');
    const std::vector<std::string> rest =
        head.size() == 2 ? SplitOnce(head[1], '|') : std::vector<std::string>{};
    const std::vector<std::string> date = Split(head[0], '-');
    if (rest.size() != 2 || date.size() != 3) throw std::runtime_error("malformed stored holiday");
    domain::sla::Holiday holiday;
    holiday.date = {static_cast<int>(ParseStoredInteger(date[0], "holiday")),
                    static_cast<unsigned>(ParseStoredInteger(date[1], "holiday")),
                    static_cast<unsigned>(ParseStoredInteger(date[2], "holiday"))};
    holiday.intervals = DecodeIntervals(rest[0]);
    holiday.display_name = rest[1];
    holidays.push_back(std::move(holiday));
  }
  return holidays;
}

std::string EncodeTargets(const std::vector<domain::sla::SlaTarget>& targets) {
  std::string text;
  for (const domain::sla::SlaTarget& target : targets) {
    Append(&text, static_cast<int>(target.priority), ",", static_cast<int>(target.channel), ",",
           OptionalMicros(target.response_target), ",", OptionalMicros(target.resolution_target),
           "\n");
  }
  return text;
}

std::vector<domain::sla::SlaTarget> DecodeTargets(const std::string& text) {
  std::vector<domain::sla::SlaTarget> targets;
  for (const std::string& line : Split(text, '\n', true)) {
    const std::vector<std::string> fields = Split(line, ',');
    if (fields.size() != 4) throw std::runtime_error("malformed stored target");
    targets.push_back({static_cast<domain::Priority>(ParseStoredInteger(fields[0], "priority")),
                       static_cast<domain::Channel>(ParseStoredInteger(fields[1], "channel")),
                       DecodeOptionalMicros(fields[2]), DecodeOptionalMicros(fields[3])});
  }
  return targets;
}

std::string EncodePauseReasons(const std::vector<domain::HoldReason>& reasons) {
  std::string text;
  for (const domain::HoldReason reason : reasons) {
    Append(&text, text.empty() ? "" : ",", static_cast<int>(reason));
  }
  return text;
}

std::vector<domain::HoldReason> DecodePauseReasons(const std::string& text) {
  std::vector<domain::HoldReason> reasons;
  for (const std::string& part : Split(text, ',', true)) {
    reasons.push_back(static_cast<domain::HoldReason>(ParseStoredInteger(part, "hold reason")));
  }
  return reasons;
}

std::string EncodeTierRates(const domain::kpi::TierRates& rates) {
  return Cat(rates[1], ",", rates[2], ",", rates[3]);
}

domain::kpi::TierRates DecodeTierRates(const std::string& text) {
  domain::kpi::TierRates rates{};
  if (text.empty()) return rates;
  const std::vector<std::string> parts = Split(text, ',');
  if (parts.size() != 3) throw std::runtime_error("malformed stored tier costs");
  for (size_t tier = 1; tier <= 3; ++tier) {
    rates[tier] = ParseStoredInteger(parts[tier - 1], "tier cost");
  }
  return rates;
}

}  // namespace frontdesk::storage
