#pragma once

#include <array>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/time.h"

namespace frontdesk::domain::sla {

// Business hours: when SLA clocks run. A calendar is open at an instant when the wall clock of
// its time zone at that instant shows a time inside one of the day's open intervals. Reading
// the hours as a set of wall-clock readings makes daylight-saving changes exact: an hour that
// the clocks skip is never open, and an hour that they repeat is open twice if it is inside an
// interval.
//
// Time zones come from the system tzdata through absl::TimeZone: libstdc++ 12 (Debian 12) has
// no std::chrono::locate_zone.

// Wall-clock opening time within one local day: [open_time, close_time), as time since local
// midnight. 0 <= open_time < close_time <= 24h. An interval never crosses midnight: hours past
// midnight belong to the next day's intervals, so a night shift is two intervals.
struct OpenInterval {
  std::chrono::minutes open_time{0};
  std::chrono::minutes close_time{0};
};

// The opening hours of one weekday: intervals in ascending order, not overlapping (touching is
// allowed).
struct DayHours {
  std::chrono::weekday day;
  std::vector<OpenInterval> intervals;
};

// A date in the calendar's time zone. Year 0 means every year, for fixed-date holidays.
struct LocalDate {
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
};

// A date whose hours replace the weekly hours: closed all day when `intervals` is empty, or
// open for reduced hours. A holiday with a year wins over an every-year holiday on that date.
struct Holiday {
  LocalDate date;
  std::string display_name;
  std::vector<OpenInterval> intervals;
};

// What a calendar is made of. Days without a DayHours entry are closed.
struct CalendarDefinition {
  std::string time_zone = "UTC";
  std::vector<DayHours> weekly_hours;
  std::vector<Holiday> holidays;
};

// What the calendar says about a stretch of time.
enum class SpanKind { kOpen, kOutsideHours, kHoliday };

// A stretch [start, end) of one kind; holiday_name is set for kHoliday and for kOpen time
// within a holiday's reduced hours.
struct CalendarSpan {
  Timestamp start;
  Timestamp end;
  SpanKind kind = SpanKind::kOpen;
  std::string holiday_name;

  bool operator==(const CalendarSpan&) const = default;
};

// An immutable, validated business calendar; copyable and safe to share between threads.
class BusinessCalendar {
 public:
  // Validates a definition. Returns INVALID_ARGUMENT with one violation per bad field, named as
  // in the API: "time_zone" (empty, not an IANA name, or unknown to the system tzdata),
  // "weekly_hours[i].day" (invalid or repeated), "weekly_hours[i].intervals[j]" (out of range,
  // empty, crossing midnight, out of order or overlapping), "holidays[i].date" (invalid or
  // repeated), "holidays[i].display_name" (empty) and "holidays[i].intervals[j]".
  static absl::StatusOr<BusinessCalendar> Create(CalendarDefinition definition);

  // Returns a calendar that is always open, in UTC: the clocks of a policy without a calendar.
  static BusinessCalendar AlwaysOpen();

  const CalendarDefinition& definition() const { return definition_; }

  // Returns the span that starts at `t` and lasts until the next change: an interval boundary,
  // a local midnight or a time-zone offset change. Consecutive spans may have the same kind.
  CalendarSpan SpanAt(Timestamp t) const;

  // Returns the spans covering [start, end), adjacent spans of the same kind and holiday name
  // merged; empty when end <= start.
  std::vector<CalendarSpan> Spans(Timestamp start, Timestamp end) const;

  // Returns whether the calendar is open at `t`.
  bool IsOpen(Timestamp t) const { return SpanAt(t).kind == SpanKind::kOpen; }

 private:
  using DateKey = std::tuple<int, unsigned, unsigned>;

  // The hours of one local day and, on a holiday, the holiday.
  struct DaySchedule {
    const std::vector<OpenInterval>* intervals = nullptr;
    const Holiday* holiday = nullptr;
  };

  BusinessCalendar() = default;
  DaySchedule ScheduleOf(std::chrono::local_days day) const;

  CalendarDefinition definition_;
  absl::TimeZone zone_;
  std::array<std::vector<OpenInterval>, 7> weekly_;  // Indexed by weekday::c_encoding().
  std::map<DateKey, size_t> holidays_;               // Date to index in definition_.holidays.
};

// How far ahead AddBusinessTime and NextBusinessInstant look for open time before giving up.
inline constexpr std::chrono::days kBusinessSearchHorizon{366 * 20};

// Returns the open time within [start, end); zero when end <= start.
Duration BusinessTimeBetween(const BusinessCalendar& calendar, Timestamp start, Timestamp end);

// Returns the earliest instant t >= start with BusinessTimeBetween(start, t) == amount: the due
// time of a target of `amount` started at `start`. A due time that uses up an open interval
// exactly is that interval's close, not the next opening. Returns `start` for a zero or
// negative amount, and nullopt when the calendar has too little open time within
// kBusinessSearchHorizon.
std::optional<Timestamp> AddBusinessTime(const BusinessCalendar& calendar, Timestamp start,
                                         Duration amount);

// Returns `t` when the calendar is open then, else the start of the next open span; nullopt
// when there is none within kBusinessSearchHorizon. Breaches and escalations wait for it, so
// that none fires while the desk is closed.
std::optional<Timestamp> NextBusinessInstant(const BusinessCalendar& calendar, Timestamp t);

}  // namespace frontdesk::domain::sla
