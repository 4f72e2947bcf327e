// Calendars and local-time helpers shared by the SLA tests.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "domain/sla/business_calendar.h"
#include "domain/time.h"
#include "gtest/gtest.h"

namespace frontdesk::domain::sla::testing {

using namespace std::chrono_literals;

// Returns the instant at which the wall clock in `zone` shows the given time; for times that
// occur exactly once.
inline Timestamp Local(const std::string& zone, int year, int month, int day, int hour,
                       int minute = 0) {
  absl::TimeZone tz;
  EXPECT_TRUE(absl::LoadTimeZone(zone, &tz)) << zone;
  const absl::Time t = absl::FromCivil(absl::CivilSecond(year, month, day, hour, minute, 0), tz);
  return FromUnixMicros(absl::ToUnixMicros(t));
}

inline Timestamp Rome(int year, int month, int day, int hour, int minute = 0) {
  return Local("Europe/Rome", year, month, day, hour, minute);
}

// Monday 2 March 2026 in Rome, and the days after it: the week the clock tests play out in.
inline Timestamp Mon(int hour, int minute = 0) { return Rome(2026, 3, 2, hour, minute); }
inline Timestamp Tue(int hour, int minute = 0) { return Rome(2026, 3, 3, hour, minute); }
inline Timestamp Wed(int hour, int minute = 0) { return Rome(2026, 3, 4, hour, minute); }

inline Timestamp Utc(int year, int month, int day, int hour, int minute = 0) {
  return Local("UTC", year, month, day, hour, minute);
}

inline std::vector<DayHours> Weekdays(std::vector<OpenInterval> intervals) {
  std::vector<DayHours> week;
  for (unsigned day = 1; day <= 5; ++day) week.push_back({std::chrono::weekday(day), intervals});
  return week;
}

inline std::vector<DayHours> EveryDay(std::vector<OpenInterval> intervals) {
  std::vector<DayHours> week;
  for (unsigned day = 0; day < 7; ++day) week.push_back({std::chrono::weekday(day), intervals});
  return week;
}

inline BusinessCalendar MustCreate(CalendarDefinition definition) {
  absl::StatusOr<BusinessCalendar> calendar = BusinessCalendar::Create(std::move(definition));
  EXPECT_TRUE(calendar.ok()) << calendar.status();
  return calendar.ok() ? *std::move(calendar) : BusinessCalendar::AlwaysOpen();
}

// A desk in Rome: Monday to Friday 09:00-13:00 and 14:00-18:00; Easter Monday 2026 off;
// Christmas off every year; Christmas Eve mornings only.
inline CalendarDefinition RomeOfficeDefinition() {
  CalendarDefinition definition;
  definition.time_zone = "Europe/Rome";
  definition.weekly_hours = Weekdays({{9h, 13h}, {14h, 18h}});
  definition.holidays = {{{2026, 4, 6}, "Easter Monday", {}},
                         {{0, 12, 25}, "Christmas Day", {}},
                         {{0, 12, 24}, "Christmas Eve", {{9h, 12h}}}};
  return definition;
}

inline BusinessCalendar RomeOffice() { return MustCreate(RomeOfficeDefinition()); }

// Open around the clock, every day, in `zone`: business time equals elapsed real time.
inline BusinessCalendar AllDay(const std::string& zone) {
  return MustCreate({zone, EveryDay({{0h, 24h}}), {}});
}

}  // namespace frontdesk::domain::sla::testing
