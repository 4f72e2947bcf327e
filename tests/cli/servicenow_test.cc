#include <gtest/gtest.h>

#include <string>

#include "datasets/dataset.h"

namespace frontdesk::cli {
namespace {

constexpr char kHeader[] =
    "number,ident_state,active,reassignment_count,reopen_count,sys_mod_count,made_sla,caller_id,"
    "opened_by,opened_at,sys_created_by,sys_created_at,sys_updated_by,sys_updated_at,"
    "contact_type,location,category,category,u_symptom,cmdb_ci,impact,urgency,priority,"
    "assignment_group,assigned_to,knowledge,u_priority_confirmation,notify,problem_id,rfc,vendor,"
    "caused_by,closed_code,resolved_by,resolved_at,closed_at\n";

// One update of incident 0000045 in STATE at UPDATED, mod count MOD.
std::string Update(const std::string& state, int mod, const std::string& updated,
                   const std::string& priority = "3", const std::string& problem = "?") {
  return "0000045," + state + ",true,0,0," + std::to_string(mod) +
         ",true,2403,8,29/2/2016 01:16,6,29/2/2016 01:23,21," + updated +
         ",Email,143,55,170,72,?,2,2," + priority + ",56,149,true,false,Do Not Notify," + problem +
         ",?,?,?,5,149,29/2/2016 11:29,5/3/2016 12:00\n";
}

// 2016-02-29T00:00:00Z.
constexpr int64_t kFeb29 = 1456704000;

MappedDataset Map(const std::string& rows) {
  auto mapped = MapServiceNow(std::string(kHeader) + rows);
  EXPECT_TRUE(mapped.ok()) << mapped.status();
  return mapped.ok() ? *mapped : MappedDataset{};
}

TEST(ServiceNowMapping, UpdatesOfAnIncidentBecomeOneClosedInteraction) {
  // Out of order in the file: sorted by sys_mod_count.
  const auto mapped = Map(
      Update("Closed", 4, "5/3/2016 12:00", "2", "PRB0001") + Update("New", 0, "29/2/2016 01:23") +
      Update("Active", 1, "29/2/2016 02:00") + Update("Awaiting Vendor", 2, "29/2/2016 03:00") +
      Update("Resolved", 3, "29/2/2016 11:29"));
  ASSERT_EQ(mapped.records.size(), 1u);
  const auto& record = mapped.records[0];
  const auto& in = record.interaction();
  EXPECT_EQ(record.external_reference(), "servicenow:0000045");
  EXPECT_EQ(in.channel(), frontdesk::v1::CHANNEL_EMAIL);
  EXPECT_EQ(in.type(), frontdesk::v1::INTERACTION_TYPE_INCIDENT);
  EXPECT_EQ(in.priority(), frontdesk::v1::PRIORITY_HIGH);
  EXPECT_EQ(in.receive_time().seconds(), kFeb29 + 3600 + 16 * 60);
  EXPECT_EQ(in.first_response_time().seconds(), kFeb29 + 2 * 3600);
  EXPECT_EQ(in.resolve_time().seconds(), kFeb29 + 11 * 3600 + 29 * 60);
  EXPECT_EQ(in.close_time().seconds(), kFeb29 + 5 * 86400 + 12 * 3600);
  EXPECT_EQ(in.state(), frontdesk::v1::INTERACTION_STATE_CLOSED);
  EXPECT_EQ(in.queue(), "queues/group-56");
  EXPECT_EQ(in.agent(), "agents/user-149");
  ASSERT_EQ(in.knowledge_articles_size(), 1);
  EXPECT_TRUE(in.first_contact_resolution());
  ASSERT_EQ(in.downstream_links_size(), 1);
  EXPECT_EQ(in.downstream_links(0).record_type(), frontdesk::v1::DOWNSTREAM_RECORD_TYPE_PROBLEM);
  EXPECT_EQ(in.downstream_links(0).external_id(), "PRB0001");
  EXPECT_EQ(record.contact().external_reference(), "servicenow:caller-2403");
  bool held = false;
  for (const auto& change : record.history()) {
    if (change.state() == frontdesk::v1::INTERACTION_STATE_ON_HOLD) {
      held = true;
      EXPECT_EQ(change.hold_reason(), frontdesk::v1::HOLD_REASON_AWAITING_THIRD_PARTY);
      EXPECT_EQ(change.change_time().seconds(), kFeb29 + 3 * 3600);
    }
  }
  EXPECT_TRUE(held);
}

TEST(ServiceNowMapping, UnknownStatesAndBadDatesAreMalformedRows) {
  const auto mapped =
      Map(Update("New", 0, "29/2/2016 01:23") + Update("-100", 1, "29/2/2016 02:00") +  // line 3
          Update("Active", 2, "31/2/2016 02:00") +                                      // line 4
          Update("Active", 3, "29/2/2016 02:00", "9") +                                 // line 5
          "0000046,Active\n" +  // line 6: cut short, so incident 0000046 is left out
          Update("Closed", 4, "5/3/2016 12:00"));
  ASSERT_EQ(mapped.malformed.size(), 4u);
  EXPECT_EQ(mapped.malformed[0].line, 3);
  EXPECT_NE(mapped.malformed[0].reason.find("incident_state '-100'"), std::string::npos);
  EXPECT_EQ(mapped.malformed[1].line, 4);
  EXPECT_NE(mapped.malformed[1].reason.find("sys_updated_at"), std::string::npos);
  EXPECT_EQ(mapped.malformed[2].line, 5);
  EXPECT_NE(mapped.malformed[2].reason.find("priority"), std::string::npos);
  EXPECT_EQ(mapped.malformed[3].line, 6);
  EXPECT_NE(mapped.malformed[3].reason.find("incident 0000046 is left out"), std::string::npos);
  ASSERT_EQ(mapped.records.size(), 1u);
  EXPECT_EQ(mapped.records[0].interaction().state(), frontdesk::v1::INTERACTION_STATE_CLOSED);
  EXPECT_FALSE(mapped.records[0].interaction().has_first_response_time());
}

TEST(ServiceNowMapping, RejectsAFileWithTheWrongColumns) {
  EXPECT_FALSE(MapServiceNow("number,state\n1,New\n").ok());
}

}  // namespace
}  // namespace frontdesk::cli
