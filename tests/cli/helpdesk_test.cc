#include <gtest/gtest.h>

#include <string>

#include "datasets/dataset.h"

namespace frontdesk::cli {
namespace {

constexpr char kHeader[] =
    "Case ID,Activity,Resource,Complete Timestamp,Variant,Variant index,Variant,seriousness,"
    "customer,product,responsible_section,seriousness_2,service_level,service_type,"
    "support_section,workgroup\n";

// One event of Case 7 by resource R at TIME with seriousness_2 S.
std::string Event(const std::string& activity, const std::string& resource, const std::string& time,
                  const std::string& seriousness = "Value 2") {
  return "Case 7," + activity + ",Value " + resource + ",2012/10/09 " + time +
         ".000,Variant 1,1,Variant 1,Value 1,Value 22,Value 3,Value 1," + seriousness +
         ",Value 2,Value 1,Value 1,Value 2\n";
}

// 2012-10-09T00:00:00Z.
constexpr int64_t kOct9 = 1349740800;

MappedDataset Map(const std::string& rows) {
  auto mapped = MapHelpdesk(std::string(kHeader) + rows);
  EXPECT_TRUE(mapped.ok()) << mapped.status();
  return mapped.ok() ? *mapped : MappedDataset{};
}

TEST(HelpdeskMapping, EventsOfACaseBecomeOneInteractionWithHoldHandOffAndClosure) {
  const auto mapped = Map(
      Event("Assign seriousness", "1", "10:00:00") +
      Event("Take in charge ticket", "1", "10:30:00") + Event("Wait", "1", "11:00:00") +
      Event("Require upgrade", "2", "12:00:00") + Event("Take in charge ticket", "2", "12:30:00") +
      Event("Resolve ticket", "2", "13:00:00", "Value 1") +
      Event("Closed", "3", "14:00:00", "Value 1"));
  ASSERT_EQ(mapped.records.size(), 1u);
  const auto& record = mapped.records[0];
  const auto& in = record.interaction();
  EXPECT_EQ(record.external_reference(), "helpdesk:Case 7");
  EXPECT_EQ(in.receive_time().seconds(), kOct9 + 10 * 3600);
  EXPECT_EQ(in.first_response_time().seconds(), kOct9 + 10 * 3600 + 1800);
  EXPECT_EQ(in.resolve_time().seconds(), kOct9 + 13 * 3600);
  EXPECT_EQ(in.close_time().seconds(), kOct9 + 14 * 3600);
  EXPECT_EQ(in.state(), frontdesk::v1::INTERACTION_STATE_CLOSED);
  EXPECT_EQ(in.priority(), frontdesk::v1::PRIORITY_CRITICAL);  // the last seriousness_2
  EXPECT_EQ(in.service(), "product-3");
  EXPECT_EQ(in.queue(), "queues/workgroup-2");
  EXPECT_EQ(in.agent(), "agents/resource-2");
  EXPECT_FALSE(in.first_contact_resolution());  // two resources before the resolve
  ASSERT_EQ(in.downstream_links_size(), 1);
  EXPECT_EQ(in.downstream_links(0).record_type(), frontdesk::v1::DOWNSTREAM_RECORD_TYPE_CHANGE);
  EXPECT_EQ(record.contact().external_reference(), "helpdesk:customer-22");

  // NEW, IN_PROGRESS, ON_HOLD, resumed by the hand-off, priority change, RESOLVED, CLOSED.
  std::vector<frontdesk::v1::InteractionState> states;
  for (const auto& change : record.history()) states.push_back(change.state());
  using namespace frontdesk::v1;  // NOLINT: the expected list reads better unqualified.
  const std::vector<InteractionState> expected = {
      INTERACTION_STATE_NEW,         INTERACTION_STATE_IN_PROGRESS, INTERACTION_STATE_ON_HOLD,
      INTERACTION_STATE_IN_PROGRESS, INTERACTION_STATE_IN_PROGRESS, INTERACTION_STATE_RESOLVED,
      INTERACTION_STATE_CLOSED};
  EXPECT_EQ(states, expected);
  EXPECT_EQ(record.history(2).hold_reason(), HOLD_REASON_AWAITING_USER);
  EXPECT_EQ(record.history(2).change_time().seconds(), kOct9 + 11 * 3600);
}

TEST(HelpdeskMapping, ResolvedByOneResourceSetsTheFirstContactFlag) {
  const auto mapped =
      Map(Event("Take in charge ticket", "4", "10:00:00") +
          Event("Resolve ticket", "4", "10:10:00") + Event("Closed", "5", "11:00:00"));
  ASSERT_EQ(mapped.records.size(), 1u);
  EXPECT_TRUE(mapped.records[0].interaction().first_contact_resolution());
}

TEST(HelpdeskMapping, OnlyTheLastClosedEventClosesAndLaterResolvesAreReopens) {
  const auto mapped =
      Map(Event("Resolve ticket", "4", "10:00:00") + Event("Closed", "4", "10:05:00") +
          Event("Take in charge ticket", "4", "11:00:00") +
          Event("Resolve ticket", "4", "12:00:00") + Event("Closed", "4", "13:00:00"));
  ASSERT_EQ(mapped.records.size(), 1u);
  const auto& in = mapped.records[0].interaction();
  EXPECT_EQ(in.close_time().seconds(), kOct9 + 13 * 3600);
  EXPECT_EQ(in.resolve_time().seconds(), kOct9 + 10 * 3600);  // the first resolve
  EXPECT_EQ(in.reopen_count(), 1);
}

TEST(HelpdeskMapping, MalformedEventsAreReportedAndTheCaseKeepsTheRest) {
  const auto mapped = Map(Event("Take in charge ticket", "1", "10:00:00") +
                          Event("Teleport ticket", "1", "10:10:00") +  // line 3
                          "Case 7,Resolve ticket,Value 1,2012/02/30 10:00:00.000,Variant 1,1,"
                          "Variant 1,Value 1,Value 22,Value 3,Value 1,Value 2,Value 2,Value 1,"
                          "Value 1,Value 2\n" +  // line 4: 30 February
                          Event("Resolve ticket", "1", "10:20:00", "Value 9") +  // line 5
                          "Case 8,Closed\n" +  // line 6: cut short, so case 8 is left out
                          Event("Resolve ticket", "1", "10:30:00"));
  ASSERT_EQ(mapped.malformed.size(), 4u);
  EXPECT_EQ(mapped.malformed[0].line, 3);
  EXPECT_NE(mapped.malformed[0].reason.find("activity"), std::string::npos);
  EXPECT_EQ(mapped.malformed[1].line, 4);
  EXPECT_NE(mapped.malformed[1].reason.find("Timestamp"), std::string::npos);
  EXPECT_EQ(mapped.malformed[2].line, 5);
  EXPECT_NE(mapped.malformed[2].reason.find("seriousness_2"), std::string::npos);
  EXPECT_EQ(mapped.malformed[3].line, 6);
  EXPECT_NE(mapped.malformed[3].reason.find("case Case 8 is left out"), std::string::npos);
  ASSERT_EQ(mapped.records.size(), 1u);
  EXPECT_EQ(mapped.records[0].interaction().resolve_time().seconds(), kOct9 + 10 * 3600 + 1800);
  EXPECT_EQ(mapped.source_rows, 6);
}

TEST(HelpdeskMapping, ACaseWithARowCutShortIsLeftOutWhole) {
  // A file cut off in the middle of its last row: that case's other events must not make a
  // record on their own, which a re-import of the whole file could not replace.
  const auto mapped = Map(Event("Take in charge ticket", "1", "10:00:00") +
                          Event("Resolve ticket", "1", "10:20:00") + "Case 7,Clo");
  ASSERT_EQ(mapped.malformed.size(), 1u);
  EXPECT_EQ(mapped.malformed[0].line, 4);
  EXPECT_TRUE(mapped.records.empty());
  EXPECT_EQ(mapped.excluded_rows, 2);
  EXPECT_EQ(mapped.source_rows, 3);
}

}  // namespace
}  // namespace frontdesk::cli
