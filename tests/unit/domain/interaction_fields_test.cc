#include "domain/interaction_fields.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "unit/domain/sample_interactions.h"
#include "unit/domain/status_helpers.h"

namespace frontdesk::domain {
namespace {

using samples::InteractionIn;
using samples::kNow;
using status_helpers::MessageOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::vector<std::string> ChangedFields(const std::vector<FieldChange>& changes) {
  std::vector<std::string> fields;
  for (const FieldChange& change : changes) fields.push_back(change.field);
  return fields;
}

TEST(DiffInteractionsTest, IdenticalRevisionsDifferNowhere) {
  const Interaction i = InteractionIn(InteractionState::kInProgress);
  EXPECT_THAT(DiffInteractions(i, i), IsEmpty());
}

TEST(DiffInteractionsTest, IgnoresUpdateTimeAndVersion) {
  const Interaction before = InteractionIn(InteractionState::kInProgress);
  Interaction after = before;
  after.update_time = kNow + std::chrono::hours(1);
  after.version += 1;
  EXPECT_THAT(DiffInteractions(before, after), IsEmpty());
}

TEST(DiffInteractionsTest, ReportsBeforeAndAfterAsText) {
  const Interaction before = InteractionIn(InteractionState::kInProgress);
  Interaction after = before;
  after.state = InteractionState::kOnHold;
  after.hold_reason = HoldReason::kAwaitingThirdParty;

  const auto changes = DiffInteractions(before, after);

  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].field, "state");
  EXPECT_EQ(changes[0].before, "IN_PROGRESS");
  EXPECT_EQ(changes[0].after, "ON_HOLD");
  EXPECT_EQ(changes[1].field, "hold_reason");
  EXPECT_EQ(changes[1].before, "UNSPECIFIED");
  EXPECT_EQ(changes[1].after, "AWAITING_THIRD_PARTY");
}

TEST(DiffInteractionsTest, ListsChangesInDeclarationOrder) {
  const Interaction before = InteractionIn(InteractionState::kResolved);
  Interaction after = before;
  after.satisfaction = SatisfactionSurvey{4, "", kNow};
  after.tier = 2;
  after.contact_id = "contact-9";
  after.close_time = kNow;

  EXPECT_THAT(ChangedFields(DiffInteractions(before, after)),
              ElementsAre("contact", "tier", "close_time", "satisfaction"));
}

TEST(DiffInteractionsTest, FormatsValuesForPeople) {
  Interaction before;
  Interaction after;
  after.contact_id = "contact-9";
  after.queue_time = FromUnixMicros(1'772'443'800'000'000);
  after.first_contact_resolution = true;
  after.knowledge_articles = {"KB1", "KB2"};
  after.handle_duration = std::chrono::milliseconds(1500);
  after.satisfaction = SatisfactionSurvey{5, "", kNow};
  after.downstream_links.push_back(samples::SampleLink());

  std::map<std::string, std::pair<std::string, std::string>> by_field;
  for (const FieldChange& c : DiffInteractions(before, after)) {
    by_field[c.field] = {c.before, c.after};
  }

  using Values = std::pair<std::string, std::string>;
  EXPECT_EQ(by_field["contact"], Values("", "contacts/contact-9"));
  EXPECT_EQ(by_field["queue_time"], Values("", "2026-03-02T09:30:00.000000Z"));
  EXPECT_EQ(by_field["first_contact_resolution"], Values("false", "true"));
  EXPECT_EQ(by_field["knowledge_articles"], Values("", "KB1, KB2"));
  EXPECT_EQ(by_field["handle_duration"], Values("0s", "1.5s"));
  EXPECT_EQ(by_field["satisfaction"], Values("", "5"));
  EXPECT_EQ(by_field["downstream_links"], Values("", "INCIDENT servicenow/INC0012345 OPEN"));
}

TEST(DiffInteractionsTest, SeesEveryDownstreamStatusChange) {
  const Interaction before = InteractionIn(InteractionState::kInProgress);
  Interaction after = before;
  after.downstream_links[0].status = DownstreamStatus::kResolved;

  EXPECT_THAT(ChangedFields(DiffInteractions(before, after)), ElementsAre("downstream_links"));
}

TEST(InteractionFieldLookupTest, ReturnsTypedValues) {
  Interaction i = InteractionIn(InteractionState::kQueued);
  i.type = InteractionType::kIncident;
  i.initial_type = InteractionType::kInformationRequest;
  i.tier = 2;
  const FieldLookup lookup = InteractionFieldLookup(i);

  EXPECT_EQ(lookup("state"), FilterValue(std::string("QUEUED")));
  EXPECT_EQ(lookup("channel"), FilterValue(std::string("PHONE")));
  EXPECT_EQ(lookup("type"), FilterValue(std::string("INCIDENT")));
  EXPECT_EQ(lookup("initial_type"), FilterValue(std::string("INFORMATION_REQUEST")));
  EXPECT_EQ(lookup("priority"), FilterValue(std::string("MEDIUM")));
  EXPECT_EQ(lookup("queue"), FilterValue(std::string("queues/service-desk")));
  EXPECT_EQ(lookup("contact"), FilterValue(std::string("contact-1")));
  EXPECT_EQ(lookup("tier"), FilterValue(int64_t{2}));
  EXPECT_EQ(lookup("receive_time"), FilterValue(TimestampMicros{ToUnixMicros(i.receive_time)}));
  EXPECT_EQ(lookup("update_time"), FilterValue(TimestampMicros{ToUnixMicros(i.update_time)}));
}

TEST(InteractionFieldLookupTest, AbsentValuesAreNullopt) {
  const FieldLookup lookup = InteractionFieldLookup(InteractionIn(InteractionState::kNew));
  EXPECT_FALSE(lookup("agent").has_value());
  EXPECT_FALSE(lookup("service").has_value());
  EXPECT_FALSE(lookup("resolve_time").has_value());
  EXPECT_FALSE(lookup("first_response_time").has_value());
  EXPECT_FALSE(lookup("no_such_field").has_value());
}

TEST(InteractionFieldLookupTest, CoversEveryFilterableField) {
  Interaction i = InteractionIn(InteractionState::kClosed);
  i.service = "Printing";
  i.category = "Hardware";
  const FieldLookup lookup = InteractionFieldLookup(i);
  for (const FilterField& field : InteractionFilterSchema().fields()) {
    EXPECT_TRUE(lookup(field.name).has_value()) << field.name;
  }
}

TEST(ParseInteractionFilterTest, StripsTheContactCollection) {
  auto filter = ParseInteractionFilter(
      "state = NEW AND (contact = \"contacts/c-1\" OR NOT contact = \"contacts/c-2\")");
  ASSERT_TRUE(filter.ok()) << filter.status();

  Interaction i = InteractionIn(InteractionState::kNew);
  i.contact_id = "c-1";
  EXPECT_TRUE(Matches(*filter, InteractionFieldLookup(i)));
  i.contact_id = "c-2";
  EXPECT_FALSE(Matches(*filter, InteractionFieldLookup(i)));
  i.contact_id = "c-3";
  EXPECT_TRUE(Matches(*filter, InteractionFieldLookup(i)));
}

TEST(ParseInteractionFilterTest, KeepsOtherValuesAsWritten) {
  auto filter = ParseInteractionFilter("queue = \"queues/contacts/x\"");
  ASSERT_TRUE(filter.ok()) << filter.status();
  const FilterExpression& e = filter->expression();
  ASSERT_EQ(e.kind, FilterExpression::Kind::kComparison);
  EXPECT_EQ(std::get<std::string>(e.comparison.value), "queues/contacts/x");
}

TEST(ParseInteractionFilterTest, AcceptsProtoEnumSpellingsAndTimes) {
  auto filter = ParseInteractionFilter(
      "channel = CHANNEL_PHONE AND priority != PRIORITY_LOW AND "
      "receive_time < \"2026-03-02T09:00:00Z\" AND tier >= 1");
  ASSERT_TRUE(filter.ok()) << filter.status();
  EXPECT_TRUE(Matches(*filter, InteractionFieldLookup(InteractionIn(InteractionState::kNew))));
}

TEST(ParseInteractionFilterTest, RejectsUnknownFieldsAndValues) {
  for (const char* text : {"colour = RED", "state = PENDING", "tier : 2", "subject <"}) {
    auto filter = ParseInteractionFilter(text);
    EXPECT_EQ(filter.status().code(), absl::StatusCode::kInvalidArgument) << text;
  }
  EXPECT_THAT(MessageOf(ParseInteractionFilter("colour = RED")), HasSubstr("colour"));
}

TEST(ParseInteractionFilterTest, EmptyFilterMatchesAll) {
  auto filter = ParseInteractionFilter("");
  ASSERT_TRUE(filter.ok()) << filter.status();
  EXPECT_TRUE(filter->matches_all());
}

}  // namespace
}  // namespace frontdesk::domain
