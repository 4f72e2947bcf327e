#include "domain/sla/business_calendar.h"

#include <functional>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "unit/domain/sla/calendar_fixtures.h"
#include "unit/domain/status_helpers.h"

namespace frontdesk::domain::sla {
namespace {

using namespace std::chrono_literals;
using status_helpers::ViolatedFields;
using testing::AllDay;
using testing::Local;
using testing::MustCreate;
using testing::Rome;
using testing::RomeOffice;
using testing::RomeOfficeDefinition;
using testing::Utc;

Timestamp NewYork(int year, int month, int day, int hour, int minute = 0) {
  return Local("America/New_York", year, month, day, hour, minute);
}

TEST(BusinessCalendarTest, RejectsBadDefinitionsNamingTheField) {
  const std::chrono::weekday monday = std::chrono::Monday;
  struct Case {
    std::string name;
    std::function<void(CalendarDefinition&)> change;
    std::vector<std::string> fields;
  };
  const Case cases[] = {
      {"empty zone", [](auto& d) { d.time_zone = ""; }, {"time_zone"}},
      {"unknown zone", [](auto& d) { d.time_zone = "Mars/Olympus_Mons"; }, {"time_zone"}},
      {"host zone", [](auto& d) { d.time_zone = "localtime"; }, {"time_zone"}},
      {"relative path", [](auto& d) { d.time_zone = "../zoneinfo/Europe/Rome"; }, {"time_zone"}},
      {"absolute path", [](auto& d) { d.time_zone = "/usr/share/zoneinfo/UTC"; }, {"time_zone"}},
      {"crosses midnight",
       [&](auto& d) {
         d.weekly_hours = {{monday, {{22h, 2h}}}};
       },
       {"weekly_hours[0].intervals[0]"}},
      {"past 24:00",
       [&](auto& d) {
         d.weekly_hours = {{monday, {{9h, 25h}}}};
       },
       {"weekly_hours[0].intervals[0]"}},
      {"empty interval",
       [&](auto& d) {
         d.weekly_hours = {{monday, {{9h, 9h}}}};
       },
       {"weekly_hours[0].intervals[0]"}},
      {"overlap",
       [&](auto& d) {
         d.weekly_hours = {{monday, {{9h, 13h}, {12h, 18h}}}};
       },
       {"weekly_hours[0].intervals[1]"}},
      {"out of order",
       [&](auto& d) {
         d.weekly_hours = {{monday, {{14h, 18h}, {9h, 13h}}}};
       },
       {"weekly_hours[0].intervals[1]"}},
      {"repeated day",
       [&](auto& d) {
         d.weekly_hours = {{monday, {}}, {monday, {}}};
       },
       {"weekly_hours[1].day"}},
      {"bad weekday",
       [](auto& d) {
         d.weekly_hours = {{std::chrono::weekday(9), {}}};
       },
       {"weekly_hours[0].day"}},
      {"30 February",
       [](auto& d) {
         d.holidays = {{{2026, 2, 30}, "X", {}}};
       },
       {"holidays[0].date"}},
      {"month 13",
       [](auto& d) {
         d.holidays = {{{2026, 13, 1}, "X", {}}};
       },
       {"holidays[0].date"}},
      {"repeated date",
       [](auto& d) {
         d.holidays = {{{0, 1, 1}, "A", {}}, {{0, 1, 1}, "B", {}}};
       },
       {"holidays[1].date"}},
      {"no name",
       [](auto& d) {
         d.holidays = {{{0, 1, 1}, "", {}}};
       },
       {"holidays[0].display_name"}},
      {"bad holiday hours",
       [](auto& d) {
         d.holidays = {{{0, 1, 1}, "A", {{12h, 9h}}}};
       },
       {"holidays[0].intervals[0]"}},
      {"several at once",
       [&](auto& d) {
         d.time_zone = "Nowhere";
         d.weekly_hours = {{monday, {}}, {monday, {}}};
       },
       {"time_zone", "weekly_hours[1].day"}},
  };
  for (const Case& c : cases) {
    CalendarDefinition definition = RomeOfficeDefinition();
    c.change(definition);
    const absl::StatusOr<BusinessCalendar> calendar = BusinessCalendar::Create(definition);
    EXPECT_EQ(calendar.status().code(), absl::StatusCode::kInvalidArgument) << c.name;
    EXPECT_EQ(ViolatedFields(calendar), c.fields) << c.name;
  }
}

TEST(BusinessCalendarTest, AcceptsEdgeCasesOfValidDefinitions) {
  CalendarDefinition definition{"America/New_York", {}, {}};
  definition.weekly_hours = {{std::chrono::Sunday, {{0h, 9h}, {9h, 24h}}}};  // Touching, 24:00.
  definition.holidays = {{{0, 2, 29}, "Leap day", {}}, {{2028, 2, 29}, "Leap day 2028", {}}};
  EXPECT_TRUE(BusinessCalendar::Create(definition).ok());
  EXPECT_TRUE(BusinessCalendar::Create({"UTC", {}, {}}).ok());  // Never open is allowed.
}

TEST(BusinessCalendarTest, CountsBusinessTimeBetweenTwoInstants) {
  const BusinessCalendar calendar = RomeOffice();
  struct Case {
    std::string name;
    Timestamp start;
    Timestamp end;
    Duration expected;
  };
  const Case cases[] = {
      {"within a morning", Rome(2026, 3, 2, 10), Rome(2026, 3, 2, 11, 30), 90min},
      {"across lunch", Rome(2026, 3, 2, 10), Rome(2026, 3, 2, 15), 4h},
      {"overnight", Rome(2026, 3, 2, 19), Rome(2026, 3, 3, 10), 1h},
      {"over a weekend", Rome(2026, 3, 6, 17), Rome(2026, 3, 9, 10), 2h},
      {"weekend only", Rome(2026, 3, 7, 10), Rome(2026, 3, 8, 20), 0h},
      {"over Easter Monday", Rome(2026, 4, 2, 9), Rome(2026, 4, 7, 9), 16h},
      {"Christmas Eve half day", Rome(2026, 12, 24, 8), Rome(2026, 12, 28, 10), 4h},
      {"every-year holiday", Rome(2027, 12, 24, 8), Rome(2027, 12, 24, 20), 3h},
      {"empty range", Rome(2026, 3, 2, 10), Rome(2026, 3, 2, 10), 0h},
      {"reversed range", Rome(2026, 3, 2, 12), Rome(2026, 3, 2, 10), 0h},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(BusinessTimeBetween(calendar, c.start, c.end), c.expected) << c.name;
  }
}

TEST(BusinessCalendarTest, AddsBusinessTimeToFindDueTimes) {
  const BusinessCalendar calendar = RomeOffice();
  struct Case {
    std::string name;
    Timestamp start;
    Duration amount;
    Timestamp expected;
  };
  const Case cases[] = {
      {"same morning", Rome(2026, 3, 2, 10), 2h, Rome(2026, 3, 2, 12)},
      {"uses up the morning: due at close", Rome(2026, 3, 2, 10), 3h, Rome(2026, 3, 2, 13)},
      {"one minute more: after lunch", Rome(2026, 3, 2, 10), 3h + 1min, Rome(2026, 3, 2, 14, 1)},
      {"next morning", Rome(2026, 3, 2, 17), 2h, Rome(2026, 3, 3, 10)},
      {"over a weekend", Rome(2026, 3, 6, 17, 30), 1h, Rome(2026, 3, 9, 9, 30)},
      {"started on Saturday", Rome(2026, 3, 7, 10), 1h, Rome(2026, 3, 9, 10)},
      {"over Easter Monday", Rome(2026, 4, 3, 17), 2h, Rome(2026, 4, 7, 10)},
      {"zero while closed", Rome(2026, 3, 7, 10), 0h, Rome(2026, 3, 7, 10)},
      {"negative", Rome(2026, 3, 2, 10), -1h, Rome(2026, 3, 2, 10)},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(AddBusinessTime(calendar, c.start, c.amount), c.expected) << c.name;
    if (c.amount > 0h) {
      EXPECT_EQ(BusinessTimeBetween(calendar, c.start, c.expected), c.amount) << c.name;
    }
  }
}

TEST(BusinessCalendarTest, CountsRealTimeAcrossRomeDaylightSavingChanges) {
  const BusinessCalendar calendar = AllDay("Europe/Rome");
  // Spring forward on 29 March 2026 (02:00 -> 03:00), fall back on 25 October (03:00 -> 02:00).
  EXPECT_EQ(BusinessTimeBetween(calendar, Rome(2026, 3, 28, 12), Rome(2026, 3, 30, 12)), 47h);
  EXPECT_EQ(BusinessTimeBetween(calendar, Rome(2026, 10, 24, 12), Rome(2026, 10, 26, 12)), 49h);
  EXPECT_EQ(AddBusinessTime(calendar, Rome(2026, 3, 28, 12), 24h), Rome(2026, 3, 29, 13));
  EXPECT_EQ(AddBusinessTime(calendar, Rome(2026, 10, 24, 12), 24h), Rome(2026, 10, 25, 11));
}

TEST(BusinessCalendarTest, ReadsHoursAsWallClockOnDaylightSavingDays) {
  // Open 01:00-04:00 every night: the skipped hour is never open, the repeated hour twice.
  const BusinessCalendar calendar = MustCreate({"Europe/Rome", testing::EveryDay({{1h, 4h}}), {}});
  EXPECT_EQ(BusinessTimeBetween(calendar, Rome(2026, 3, 28, 0), Rome(2026, 3, 28, 12)), 3h);
  EXPECT_EQ(BusinessTimeBetween(calendar, Rome(2026, 3, 29, 0), Rome(2026, 3, 29, 12)), 2h);
  EXPECT_EQ(BusinessTimeBetween(calendar, Rome(2026, 10, 25, 0), Rome(2026, 10, 25, 12)), 4h);
  // 02:30 is skipped in spring; an hour from 01:30 ends at 03:30 CEST.
  EXPECT_EQ(AddBusinessTime(calendar, Rome(2026, 3, 29, 1, 30), 1h), Rome(2026, 3, 29, 3, 30));
}

TEST(BusinessCalendarTest, ComputesOfficeDueTimesOverDaylightSavingWeekends) {
  const BusinessCalendar rome = RomeOffice();
  // Friday 16:00 CET is 15:00 UTC; Monday 10:00 CEST is 08:00 UTC.
  EXPECT_EQ(Rome(2026, 3, 27, 16), Utc(2026, 3, 27, 15));
  EXPECT_EQ(AddBusinessTime(rome, Rome(2026, 3, 27, 16), 3h), Utc(2026, 3, 30, 8));
  EXPECT_EQ(AddBusinessTime(rome, Rome(2026, 10, 23, 17), 2h), Utc(2026, 10, 26, 9));

  // New York springs forward on 8 March 2026 and falls back on 1 November.
  const BusinessCalendar new_york =
      MustCreate({"America/New_York", testing::Weekdays({{9h, 17h}}), {}});
  EXPECT_EQ(AddBusinessTime(new_york, NewYork(2026, 3, 6, 16), 2h), Utc(2026, 3, 9, 14));
  EXPECT_EQ(AddBusinessTime(new_york, NewYork(2026, 10, 30, 16), 2h), Utc(2026, 11, 2, 15));
  const BusinessCalendar all_day = AllDay("America/New_York");
  EXPECT_EQ(BusinessTimeBetween(all_day, NewYork(2026, 3, 7, 12), NewYork(2026, 3, 9, 12)), 47h);
  EXPECT_EQ(BusinessTimeBetween(all_day, NewYork(2026, 10, 31, 12), NewYork(2026, 11, 2, 12)), 49h);
}

TEST(BusinessCalendarTest, SplitsTimeIntoMergedSpans) {
  const BusinessCalendar calendar = RomeOffice();
  const std::vector<CalendarSpan> monday = {
      {Rome(2026, 3, 2, 8), Rome(2026, 3, 2, 9), SpanKind::kOutsideHours, ""},
      {Rome(2026, 3, 2, 9), Rome(2026, 3, 2, 13), SpanKind::kOpen, ""},
      {Rome(2026, 3, 2, 13), Rome(2026, 3, 2, 14), SpanKind::kOutsideHours, ""},
      {Rome(2026, 3, 2, 14), Rome(2026, 3, 2, 18), SpanKind::kOpen, ""},
      {Rome(2026, 3, 2, 18), Rome(2026, 3, 2, 19), SpanKind::kOutsideHours, ""},
  };
  EXPECT_EQ(calendar.Spans(Rome(2026, 3, 2, 8), Rome(2026, 3, 2, 19)), monday);

  const std::vector<CalendarSpan> christmas_eve = {
      {Rome(2026, 12, 24, 8), Rome(2026, 12, 24, 9), SpanKind::kHoliday, "Christmas Eve"},
      {Rome(2026, 12, 24, 9), Rome(2026, 12, 24, 12), SpanKind::kOpen, "Christmas Eve"},
      {Rome(2026, 12, 24, 12), Rome(2026, 12, 25, 0), SpanKind::kHoliday, "Christmas Eve"},
      {Rome(2026, 12, 25, 0), Rome(2026, 12, 25, 12), SpanKind::kHoliday, "Christmas Day"},
  };
  EXPECT_EQ(calendar.Spans(Rome(2026, 12, 24, 8), Rome(2026, 12, 25, 12)), christmas_eve);

  const std::vector<CalendarSpan> weekend = {
      {Rome(2026, 3, 6, 18), Rome(2026, 3, 9, 9), SpanKind::kOutsideHours, ""}};
  EXPECT_EQ(calendar.Spans(Rome(2026, 3, 6, 18), Rome(2026, 3, 9, 9)), weekend);
  EXPECT_TRUE(calendar.Spans(Rome(2026, 3, 6, 18), Rome(2026, 3, 6, 18)).empty());
}

TEST(BusinessCalendarTest, FindsTheNextBusinessInstant) {
  const BusinessCalendar calendar = RomeOffice();
  EXPECT_EQ(NextBusinessInstant(calendar, Rome(2026, 3, 2, 10)), Rome(2026, 3, 2, 10));
  EXPECT_EQ(NextBusinessInstant(calendar, Rome(2026, 3, 2, 13)), Rome(2026, 3, 2, 14));
  EXPECT_EQ(NextBusinessInstant(calendar, Rome(2026, 3, 7, 10)), Rome(2026, 3, 9, 9));
  EXPECT_EQ(NextBusinessInstant(calendar, Rome(2026, 4, 4, 10)), Rome(2026, 4, 7, 9));
  EXPECT_TRUE(calendar.IsOpen(Rome(2026, 3, 2, 9)));
  EXPECT_FALSE(calendar.IsOpen(Rome(2026, 3, 2, 18)));
}

TEST(BusinessCalendarTest, GivesUpOnACalendarThatIsNeverOpen) {
  const BusinessCalendar closed = MustCreate({"UTC", {}, {}});
  EXPECT_EQ(AddBusinessTime(closed, Utc(2026, 3, 2, 10), 1h), std::nullopt);
  EXPECT_EQ(NextBusinessInstant(closed, Utc(2026, 3, 2, 10)), std::nullopt);
  EXPECT_EQ(BusinessTimeBetween(closed, Utc(2026, 1, 1, 0), Utc(2027, 1, 1, 0)), 0h);
}

TEST(BusinessCalendarTest, AlwaysOpenCountsWallTime) {
  const BusinessCalendar calendar = BusinessCalendar::AlwaysOpen();
  EXPECT_EQ(BusinessTimeBetween(calendar, Utc(2026, 3, 27, 10), Utc(2026, 3, 30, 10)), 72h);
  EXPECT_EQ(AddBusinessTime(calendar, Utc(2026, 3, 27, 10), 72h + 1us), Utc(2026, 3, 30, 10) + 1us);
  EXPECT_EQ(calendar.definition().time_zone, "UTC");
}

}  // namespace
}  // namespace frontdesk::domain::sla
