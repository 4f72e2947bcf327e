#include <gtest/gtest.h>

#include <sstream>

#include "app/args.h"
#include "datasets/civil_time.h"
#include "datasets/delimited.h"
#include "output/progress.h"

namespace frontdesk::cli {
namespace {

TEST(DelimitedText, SplitsQuotedFieldsWithDoubledQuotes) {
  const auto fields = SplitDelimitedLine("a,\"b,c\",\"say \"\"hi\"\"\",", ',');
  ASSERT_EQ(fields.size(), 4u);
  EXPECT_EQ(fields[1], "b,c");
  EXPECT_EQ(fields[2], "say \"hi\"");
  EXPECT_EQ(fields[3], "");
}

TEST(DelimitedText, RecognisesBrokenUtf8) {
  EXPECT_TRUE(IsValidUtf8("caff\xc3\xa8"));
  EXPECT_FALSE(IsValidUtf8("caff\xc3"));      // truncated sequence
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));      // overlong
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));  // surrogate
  EXPECT_FALSE(IsValidUtf8("latin-1 \xe8 text"));
}

TEST(CivilTime, ReadsEachSourceFormatAsUtc) {
  EXPECT_EQ(ParseYymmdd("990201")->seconds, 917827200);
  EXPECT_EQ(*ParseClockTime("7:02:47"), 7 * 3600 + 2 * 60 + 47);
  const auto slashed = ParseSlashedDateTime("2012/10/09 14:50:17.250");
  ASSERT_TRUE(slashed);
  EXPECT_EQ(slashed->seconds, 1349740800 + 14 * 3600 + 50 * 60 + 17);
  EXPECT_EQ(slashed->nanos, 250000000);
  EXPECT_EQ(ParseDayFirstDateTime("29/2/2016 01:16")->seconds, 1456704000 + 3600 + 16 * 60);
}

TEST(CivilTime, RefusesImpossibleDatesAndTimes) {
  EXPECT_FALSE(ParseYymmdd("990230"));
  EXPECT_FALSE(ParseClockTime("24:00:00"));
  EXPECT_FALSE(ParseClockTime("7:2:47"));
  EXPECT_FALSE(ParseSlashedDateTime("2013/02/29 10:00:00"));
  EXPECT_FALSE(ParseDayFirstDateTime("29/2/2017 01:16"));
  EXPECT_FALSE(ParseDayFirstDateTime("?"));
}

TEST(ArgumentParsing, TakesValuesInBothFormsAndSwitches) {
  const std::vector<FlagSpec> specs = {{"limit", "N", ""}, {"outbound", "", ""}};
  const auto parsed = ParseArgs({"x", "--limit", "5", "--outbound", "y"}, specs);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->positional, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(parsed->Get("limit"), "5");
  EXPECT_TRUE(parsed->Has("outbound"));
  EXPECT_EQ(ParseArgs({"--limit=7"}, specs)->Get("limit"), "7");
  EXPECT_FALSE(ParseArgs({"--nope"}, specs).ok());
  EXPECT_FALSE(ParseArgs({"--limit"}, specs).ok());
  EXPECT_FALSE(IntFlag(*ParseArgs({"--limit=0"}, specs), "limit", 1, 1, 10).ok());
}

TEST(ProgressDisplay, DescribesRateAndTimeLeft) {
  EXPECT_EQ(Progress::Describe(500, 2000, 2.0), "500/2000  25%  250/s  ETA 6s");
}

TEST(ProgressDisplay, WritesPlainLinesAtMostEveryFiveSecondsWithoutTerminal) {
  std::ostringstream out;
  const auto start = Progress::Clock::time_point();
  Progress progress(out, false, 100, start);
  progress.Update(10, start + std::chrono::seconds(1));
  progress.Update(20, start + std::chrono::seconds(6));
  progress.Update(30, start + std::chrono::seconds(7));
  progress.Finish(100, start + std::chrono::seconds(8));
  EXPECT_EQ(out.str(),
            "progress: 20/100  20%  3/s  ETA 24s\n"
            "progress: 100/100 100%  12/s  ETA 0s\n");
}

}  // namespace
}  // namespace frontdesk::cli
