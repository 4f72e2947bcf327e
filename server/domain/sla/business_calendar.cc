#include "domain/sla/business_calendar.h"
#include "domain/time_zone.h"

#include <algorithm>
#include <set>
#include <string_view>
#include <utility>

#include "domain/text.h"
#include "domain/validation.h"

namespace frontdesk::domain::sla {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::local_days;
using std::chrono::local_time;

constexpr size_t kMaxDisplayName = 128;

// A stretch of one local day, ending at `end` (time since local midnight).
struct DayPiece {
  Duration end;
  bool open = false;
};

void CheckTimeZone(Violations& v, const std::string& name, absl::TimeZone* zone) {
  if (name.empty()) {
    v.Add("time_zone", "is required");
  } else if (!LoadIanaTimeZone(name, zone)) {
    v.Add("time_zone", Cat("is not a known IANA time zone: ", name));
  }
}

void CheckIntervals(Violations& v, const std::string& field,
                    const std::vector<OpenInterval>& intervals) {
  std::chrono::minutes previous_close{0};
  for (size_t i = 0; i < intervals.size(); ++i) {
    const OpenInterval& interval = intervals[i];
    const std::string name = Cat(field, "[", i, "]");
    if (interval.open_time < std::chrono::minutes(0) || interval.close_time > hours(24)) {
      v.Add(name, "must lie between 00:00 and 24:00");
    } else if (interval.close_time <= interval.open_time) {
      v.Add(name, "must close after it opens on the same day; split a night across midnight");
    } else if (interval.open_time < previous_close) {
      v.Add(name, "must start at or after the previous interval closes");
    } else {
      previous_close = interval.close_time;
    }
  }
}

// Year 0 (every year) accepts 29 February.
bool IsValidDate(const LocalDate& date) {
  if (date.year < 0 || date.year > 9999) return false;
  const int year = date.year == 0 ? 2000 : date.year;
  return std::chrono::year_month_day(std::chrono::year(year), std::chrono::month(date.month),
                                     std::chrono::day(date.day))
      .ok();
}

// Finds the piece of a day's hours that contains `position`.
DayPiece PieceAt(const std::vector<OpenInterval>& intervals, Duration position) {
  for (const OpenInterval& interval : intervals) {
    if (position < interval.open_time) return {interval.open_time, false};
    if (position < interval.close_time) return {interval.close_time, true};
  }
  return {hours(24), false};
}

}  // namespace

absl::StatusOr<BusinessCalendar> BusinessCalendar::Create(CalendarDefinition definition) {
  BusinessCalendar calendar;
  Violations v;
  CheckTimeZone(v, definition.time_zone, &calendar.zone_);

  std::set<unsigned> days_seen;
  for (size_t i = 0; i < definition.weekly_hours.size(); ++i) {
    const DayHours& hours = definition.weekly_hours[i];
    if (!hours.day.ok() || !days_seen.insert(hours.day.c_encoding()).second) {
      v.Add(Cat("weekly_hours[", i, "].day"), "must be a weekday listed at most once");
    }
    CheckIntervals(v, Cat("weekly_hours[", i, "].intervals"), hours.intervals);
  }

  for (size_t i = 0; i < definition.holidays.size(); ++i) {
    const Holiday& holiday = definition.holidays[i];
    const DateKey key{holiday.date.year, holiday.date.month, holiday.date.day};
    if (!IsValidDate(holiday.date) || !calendar.holidays_.emplace(key, i).second) {
      v.Add(Cat("holidays[", i, "].date"), "must be a valid date listed at most once");
    }
    v.CheckRequiredText(Cat("holidays[", i, "].display_name"), holiday.display_name,
                        kMaxDisplayName);
    CheckIntervals(v, Cat("holidays[", i, "].intervals"), holiday.intervals);
  }
  if (!v.empty()) return v.ToStatus();

  for (const DayHours& hours : definition.weekly_hours) {
    calendar.weekly_[hours.day.c_encoding()] = hours.intervals;
  }
  calendar.definition_ = std::move(definition);
  return calendar;
}

BusinessCalendar BusinessCalendar::AlwaysOpen() {
  BusinessCalendar calendar;
  calendar.zone_ = absl::UTCTimeZone();
  for (unsigned day = 0; day < 7; ++day) {
    const OpenInterval all_day{std::chrono::minutes(0), hours(24)};
    calendar.definition_.weekly_hours.push_back({std::chrono::weekday(day), {all_day}});
    calendar.weekly_[day] = {all_day};
  }
  return calendar;
}

BusinessCalendar::DaySchedule BusinessCalendar::ScheduleOf(local_days day) const {
  const std::chrono::year_month_day date(day);
  const unsigned month = static_cast<unsigned>(date.month());
  const unsigned day_of_month = static_cast<unsigned>(date.day());
  auto found = holidays_.find({static_cast<int>(date.year()), month, day_of_month});
  if (found == holidays_.end()) found = holidays_.find({0, month, day_of_month});
  if (found != holidays_.end()) {
    const Holiday& holiday = definition_.holidays[found->second];
    return {&holiday.intervals, &holiday};
  }
  return {&weekly_[std::chrono::weekday(day).c_encoding()], nullptr};
}

CalendarSpan BusinessCalendar::SpanAt(Timestamp t) const {
  // Within one UTC offset, wall-clock time is UTC shifted by a constant, so a piece of the local
  // day maps back to UTC exactly; the span must therefore also end at the next offset change.
  const absl::Time at = ToAbslTime(t);
  const Duration offset = std::chrono::seconds(zone_.At(at).offset);
  const local_time<Duration> local((t + offset).time_since_epoch());
  const local_days day = std::chrono::floor<days>(local);
  const DaySchedule schedule = ScheduleOf(day);
  const DayPiece piece = PieceAt(*schedule.intervals, local - day);

  Timestamp end((day + piece.end - offset).time_since_epoch());
  absl::TimeZone::CivilTransition transition;
  if (zone_.NextTransition(at, &transition)) {
    end = std::min(end, FromAbslTime(zone_.At(transition.to).trans));
  }

  CalendarSpan span{t, end, SpanKind::kOpen, ""};
  if (!piece.open) span.kind = schedule.holiday ? SpanKind::kHoliday : SpanKind::kOutsideHours;
  if (schedule.holiday) span.holiday_name = schedule.holiday->display_name;
  return span;
}

std::vector<CalendarSpan> BusinessCalendar::Spans(Timestamp start, Timestamp end) const {
  std::vector<CalendarSpan> spans;
  for (Timestamp t = start; t < end;) {
    CalendarSpan span = SpanAt(t);
    span.end = std::min(span.end, end);
    t = span.end;
    if (!spans.empty() && spans.back().kind == span.kind &&
        spans.back().holiday_name == span.holiday_name) {
      spans.back().end = span.end;
    } else {
      spans.push_back(std::move(span));
    }
  }
  return spans;
}

Duration BusinessTimeBetween(const BusinessCalendar& calendar, Timestamp start, Timestamp end) {
  Duration total{0};
  for (Timestamp t = start; t < end;) {
    const CalendarSpan span = calendar.SpanAt(t);
    const Timestamp stop = std::min(span.end, end);
    if (span.kind == SpanKind::kOpen) total += stop - t;
    t = stop;
  }
  return total;
}

std::optional<Timestamp> AddBusinessTime(const BusinessCalendar& calendar, Timestamp start,
                                         Duration amount) {
  if (amount <= Duration(0)) return start;
  const Timestamp limit = start + kBusinessSearchHorizon;
  for (Timestamp t = start; t < limit;) {
    const CalendarSpan span = calendar.SpanAt(t);
    if (span.kind == SpanKind::kOpen) {
      if (amount <= span.end - t) return t + amount;
      amount -= span.end - t;
    }
    t = span.end;
  }
  return std::nullopt;
}

std::optional<Timestamp> NextBusinessInstant(const BusinessCalendar& calendar, Timestamp t) {
  const Timestamp limit = t + kBusinessSearchHorizon;
  while (t < limit) {
    const CalendarSpan span = calendar.SpanAt(t);
    if (span.kind == SpanKind::kOpen) return t;
    t = span.end;
  }
  return std::nullopt;
}

}  // namespace frontdesk::domain::sla
