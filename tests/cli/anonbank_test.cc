#include <gtest/gtest.h>

#include <string>

#include "datasets/dataset.h"

namespace frontdesk::cli {
namespace {

using frontdesk::v1::ImportedInteraction;

constexpr char kHeader[] =
    "vru+line\tcall_id\tcustomer_id\tpriority\ttype\tdate\tvru_entry\tvru_exit\tvru_time\tq_start\t"
    "q_exit\tq_time\toutcome\tser_start\tser_exit\tser_time\tserver\n";

// 1999-02-01T00:00:00Z.
constexpr int64_t kFeb1 = 917827200;

MappedDataset Map(const std::string& rows) {
  auto mapped = MapAnonbank(std::string(kHeader) + rows);
  EXPECT_TRUE(mapped.ok()) << mapped.status();
  return mapped.ok() ? *mapped : MappedDataset{};
}

TEST(AnonbankMapping, QueuedAndServedCallBecomesClosedWithWaitAndTalkTime) {
  const auto mapped = Map(
      "AA0101\t34539\t349664546\t2\tPS\t990201\t8:09:16\t8:09:22\t6\t8:09:22\t8:09:27\t5\tAGENT\t"
      "8:09:27\t8:12:27\t180\tAGENT_07\n");
  ASSERT_EQ(mapped.records.size(), 1u);
  const ImportedInteraction& record = mapped.records[0];
  const auto& in = record.interaction();
  EXPECT_EQ(record.external_reference(), "anonbank:AA0101-34539");
  EXPECT_EQ(in.channel(), frontdesk::v1::CHANNEL_PHONE);
  EXPECT_EQ(in.type(), frontdesk::v1::INTERACTION_TYPE_SERVICE_REQUEST);
  EXPECT_EQ(in.priority(), frontdesk::v1::PRIORITY_HIGH);
  EXPECT_EQ(in.state(), frontdesk::v1::INTERACTION_STATE_CLOSED);
  EXPECT_EQ(in.receive_time().seconds(), kFeb1 + 8 * 3600 + 9 * 60 + 16);
  EXPECT_EQ(in.queue_time().seconds(), kFeb1 + 8 * 3600 + 9 * 60 + 22);
  EXPECT_EQ(in.first_response_time().seconds(), kFeb1 + 8 * 3600 + 9 * 60 + 27);
  EXPECT_EQ(in.close_time().seconds(), kFeb1 + 8 * 3600 + 12 * 60 + 27);
  EXPECT_EQ(in.handle_duration().seconds(), 180);
  EXPECT_EQ(in.agent(), "agents/AGENT_07");
  EXPECT_EQ(in.queue(), "queues/anonbank-ps");
  EXPECT_EQ(record.contact().external_reference(), "anonbank:349664546");
}

TEST(AnonbankMapping, HangUpInQueueIsAbandonedAndInVruIsClosedWithoutResponse) {
  const auto mapped =
      Map("AA0101\t1\t0\t0\tNW\t990201\t9:00:00\t9:00:10\t10\t9:00:10\t9:01:10\t60\tHANG\t0:00:00\t"
          "0:00:00\t0\tNO_SERVER\n"
          "AA0101\t2\t0\t1\tNW\t990201\t9:00:00\t9:00:07\t7\t0:00:00\t0:00:00\t0\tHANG\t0:00:00\t"
          "0:00:00\t0\tNO_SERVER\n");
  ASSERT_EQ(mapped.records.size(), 2u);
  const auto& queued = mapped.records[0].interaction();
  EXPECT_EQ(queued.state(), frontdesk::v1::INTERACTION_STATE_ABANDONED);
  EXPECT_EQ(queued.abandon_time().seconds(), kFeb1 + 9 * 3600 + 70);
  EXPECT_EQ(queued.type(), frontdesk::v1::INTERACTION_TYPE_INFORMATION_REQUEST);
  EXPECT_FALSE(queued.has_first_response_time());
  EXPECT_FALSE(mapped.records[0].has_contact());
  const auto& in_vru = mapped.records[1].interaction();
  EXPECT_EQ(in_vru.state(), frontdesk::v1::INTERACTION_STATE_CLOSED);
  EXPECT_FALSE(in_vru.has_abandon_time());
  EXPECT_FALSE(in_vru.has_first_response_time());
  EXPECT_FALSE(in_vru.has_queue_time());
  EXPECT_EQ(in_vru.priority(), frontdesk::v1::PRIORITY_MEDIUM);
}

TEST(AnonbankMapping, StepsAfterMidnightFallOnTheNextDay) {
  const auto mapped = Map(
      "AA0101\t3\t0\t0\tPS\t990201\t23:59:54\t23:59:54\t0\t0:00:05\t0:00:27\t22\tAGENT\t0:00:26\t"
      "0:01:33\t67\tAGENT_01\n");
  ASSERT_EQ(mapped.records.size(), 1u);
  const auto& in = mapped.records[0].interaction();
  EXPECT_EQ(in.queue_time().seconds(), kFeb1 + 86400 + 5);
  EXPECT_EQ(in.first_response_time().seconds(), kFeb1 + 86400 + 26);
}

TEST(AnonbankMapping, PhantomRowsAreSkippedAndCounted) {
  const auto mapped = Map(
      "AA0101\t4\t0\t0\tPS\t990201\t9:00:00\t9:00:05\t5\t0:00:00\t0:00:00\t0\tPHANTOM\t0:00:00\t"
      "0:00:00\t0\tNO_SERVER\n");
  EXPECT_TRUE(mapped.records.empty());
  EXPECT_EQ(mapped.skipped_rows, 1);
  EXPECT_EQ(mapped.source_rows, 1);
  EXPECT_TRUE(mapped.malformed.empty());
}

TEST(AnonbankMapping, MalformedRowsAreReportedWithLineAndTheRestIsMapped) {
  const std::string good =
      "AA0101\t9\t0\t0\tPS\t990201\t9:00:00\t9:00:05\t5\t0:00:00\t0:00:00\t0\tAGENT\t9:00:05\t"
      "9:01:05\t60\tAGENT_01\n";
  const auto mapped = Map(
      "AA0101\t5\t0\t0\tPS\t991302\t9:00:00\t9:00:05\t5\t0:00:00\t0:00:00\t0\tAGENT\t9:00:05\t"
      "9:01:05\t60\tAGENT_01\n"  // line 2: month 13
      "AA0101\t6\t0\t0\tXX\t990201\t9:00:00\t9:00:05\t5\t0:00:00\t0:00:00\t0\tAGENT\t9:00:05\t"
      "9:01:05\t60\tAGENT_01\n"                 // line 3: unknown type
      "AA0101\t7\t0\t0\tPS\t990201\t9:00:00\n"  // line 4: missing columns
      "AA0101\t8\t0\t0\tPS\t990201\t9:00:00\t9:00:05\t5\t0:00:00\t0:00:00\t0\tAGENT\t9:00:05\t"
      "9:01:05\t60\tAGENT_\xff\n"  // line 5: broken UTF-8
      "AA0101\t10\t0\t0\tPS\t990201\t9:00:00\t9:00:05\t5\t0:00:00\t0:00:00\t0\tAGENT\t25:00:05\t"
      "9:01:05\t60\tAGENT_01\n" +  // line 6: bad clock time
      good);
  ASSERT_EQ(mapped.malformed.size(), 5u);
  EXPECT_EQ(mapped.malformed[0].line, 2);
  EXPECT_NE(mapped.malformed[0].reason.find("date"), std::string::npos);
  EXPECT_EQ(mapped.malformed[1].line, 3);
  EXPECT_NE(mapped.malformed[1].reason.find("type 'XX'"), std::string::npos);
  EXPECT_EQ(mapped.malformed[2].line, 4);
  EXPECT_NE(mapped.malformed[2].reason.find("columns"), std::string::npos);
  EXPECT_EQ(mapped.malformed[3].line, 5);
  EXPECT_NE(mapped.malformed[3].reason.find("UTF-8"), std::string::npos);
  EXPECT_EQ(mapped.malformed[4].line, 6);
  EXPECT_NE(mapped.malformed[4].reason.find("ser_start"), std::string::npos);
  ASSERT_EQ(mapped.records.size(), 1u);
  EXPECT_EQ(mapped.records[0].external_reference(), "anonbank:AA0101-9");
  EXPECT_EQ(mapped.source_rows, 6);
}

TEST(AnonbankMapping, RejectsAnotherFilesHeader) {
  EXPECT_FALSE(MapAnonbank("Case ID,Activity\nCase 1,Closed\n").ok());
}

}  // namespace
}  // namespace frontdesk::cli
