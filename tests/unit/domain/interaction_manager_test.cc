// InteractionManager: create, list and paging, mutations through the repository, contacts.
#include "domain/interaction_manager.h"

#include <string>
#include <vector>

#include "domain/ids.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "unit/domain/fakes.h"
#include "unit/domain/sample_interactions.h"
#include "unit/domain/status_helpers.h"

namespace frontdesk::domain {
namespace {

using samples::kNow;
using status_helpers::ViolatedFields;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

Contact SampleContact(std::string id, std::string department) {
  Contact contact;
  contact.id = std::move(id);
  contact.external_reference = "HR-" + contact.id;
  contact.display_name = "Ada Lovelace";
  contact.department = std::move(department);
  return contact;
}

InteractionDraft Draft(std::string contact_id = "") {
  InteractionDraft draft;
  draft.fields.channel = Channel::kChat;
  draft.fields.contact_id = std::move(contact_id);
  return draft;
}

RequestMeta Meta(std::string etag = "") { return RequestMeta{"req-1", 1, "agent-ann", etag}; }

class InteractionManagerTest : public ::testing::Test {
 protected:
  InteractionManagerTest() {
    contacts_.Put(SampleContact("contact-1", "Finance"));
    contacts_.Put(SampleContact("contact-2", "Legal"));
  }

  // Stores sample interactions with ids "i-1".."i-n" for `contact_id`.
  void Seed(int count, const std::string& contact_id = "contact-1", int first = 1) {
    for (int n = first; n < first + count; ++n) {
      Interaction i = samples::InteractionIn(InteractionState::kNew);
      i.id = "i-" + std::to_string(n);
      i.contact_id = contact_id;
      interactions_.Put(i);
    }
  }

  std::vector<std::string> Ids(const Listing<Interaction>& listing) {
    std::vector<std::string> ids;
    for (const Interaction& i : listing.items) ids.push_back(i.id);
    return ids;
  }

  fakes::FakeInteractionRepository interactions_;
  fakes::FakeContactRepository contacts_;
  fakes::FakeClock clock_{kNow};
  InteractionManager manager_{interactions_, contacts_, clock_};
};

TEST_F(InteractionManagerTest, CreateStoresAtTheClocksTime) {
  auto created = manager_.Create(Draft(), Meta());

  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_TRUE(IsWellFormedId(created->interaction.id));
  EXPECT_EQ(created->interaction.create_time, kNow);
  EXPECT_EQ(created->interaction.receive_time, kNow);
  auto stored = manager_.Get(created->interaction.id);
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(*stored, created->interaction);
  EXPECT_EQ(contacts_.get_calls, 0);
}

TEST_F(InteractionManagerTest, CreateRejectsAnUnknownContact) {
  auto created = manager_.Create(Draft("nobody"), Meta());

  EXPECT_EQ(created.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(*interactions_.LatestSequence(), 0);
}

TEST_F(InteractionManagerTest, CreateCopiesTheContactsDepartment) {
  auto created = manager_.Create(Draft("contact-2"), Meta());

  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->interaction.contact_id, "contact-2");
  EXPECT_EQ(created->interaction.department, "Legal");
}

TEST_F(InteractionManagerTest, CreateKeepsAGivenDepartment) {
  InteractionDraft draft = Draft("contact-2");
  draft.fields.department = "Procurement";

  auto created = manager_.Create(draft, Meta());

  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->interaction.department, "Procurement");
}

TEST_F(InteractionManagerTest, CreateValidatesBeforeStoring) {
  InteractionDraft draft = Draft("contact-1");
  draft.fields.channel = Channel::kUnspecified;

  auto created = manager_.Create(draft, Meta());

  EXPECT_EQ(created.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ViolatedFields(created), ElementsAre("interaction.channel"));
  EXPECT_EQ(*interactions_.LatestSequence(), 0);
}

TEST_F(InteractionManagerTest, GetReturnsNotFound) {
  EXPECT_EQ(manager_.Get("missing").status().code(), absl::StatusCode::kNotFound);
}

TEST_F(InteractionManagerTest, ListPassesEachDocumentedOrder) {
  struct Case {
    std::string order_by;
    InteractionOrder order;
  };
  const Case cases[] = {
      {"", InteractionOrder::kReceiveTimeDesc},
      {"receive_time desc", InteractionOrder::kReceiveTimeDesc},
      {"receive_time", InteractionOrder::kReceiveTimeAsc},
      {"update_time desc", InteractionOrder::kUpdateTimeDesc},
      {"update_time", InteractionOrder::kUpdateTimeAsc},
      {"create_time desc", InteractionOrder::kCreateTimeDesc},
      {"create_time asc", InteractionOrder::kCreateTimeAsc},
  };
  for (const Case& c : cases) {
    auto listing = manager_.List({"", c.order_by, 0, ""});
    ASSERT_TRUE(listing.ok()) << c.order_by << ": " << listing.status();
    EXPECT_EQ(interactions_.queries.back().order, c.order) << c.order_by;
  }
}

TEST_F(InteractionManagerTest, ListRejectsABadOrderBy) {
  for (const char* order_by : {"priority", "receive_time descending", "-receive_time"}) {
    auto listing = manager_.List({"", order_by, 0, ""});

    EXPECT_EQ(listing.status().code(), absl::StatusCode::kInvalidArgument) << order_by;
    EXPECT_THAT(ViolatedFields(listing), ElementsAre("order_by")) << order_by;
  }
  EXPECT_THAT(interactions_.queries, IsEmpty());
}

TEST_F(InteractionManagerTest, ListRejectsABadFilter) {
  auto listing = manager_.List({"colour = RED", "", 0, ""});

  EXPECT_EQ(listing.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ViolatedFields(listing), ElementsAre("filter"));
}

TEST_F(InteractionManagerTest, ListAppliesThePageSizeRules) {
  EXPECT_THAT(ViolatedFields(manager_.List({"", "", -1, ""})), ElementsAre("page_size"));

  ASSERT_TRUE(manager_.List({"", "", 0, ""}).ok());
  EXPECT_EQ(interactions_.queries.back().page.page_size, 50);
  ASSERT_TRUE(manager_.List({"", "", 5000, ""}).ok());
  EXPECT_EQ(interactions_.queries.back().page.page_size, 1000);
  ASSERT_TRUE(manager_.List({"", "", 7, ""}).ok());
  EXPECT_EQ(interactions_.queries.back().page.page_size, 7);
}

TEST_F(InteractionManagerTest, ListPagesThroughWithTokens) {
  Seed(5);
  const ListInteractionsInput first{"state = NEW", "update_time", 2, ""};

  auto page1 = manager_.List(first);
  ASSERT_TRUE(page1.ok()) << page1.status();
  ASSERT_FALSE(page1->next_page_token.empty());
  auto page2 = manager_.List({first.filter, first.order_by, 2, page1->next_page_token});
  ASSERT_TRUE(page2.ok()) << page2.status();
  auto page3 = manager_.List({first.filter, first.order_by, 2, page2->next_page_token});
  ASSERT_TRUE(page3.ok()) << page3.status();

  EXPECT_THAT(Ids(*page1), ElementsAre("i-1", "i-2"));
  EXPECT_THAT(Ids(*page2), ElementsAre("i-3", "i-4"));
  EXPECT_THAT(Ids(*page3), ElementsAre("i-5"));
  EXPECT_EQ(page3->next_page_token, "");
}

TEST_F(InteractionManagerTest, ListRejectsATokenFromAnotherRequest) {
  Seed(3);
  auto page1 = manager_.List({"state = NEW", "", 1, ""});
  ASSERT_TRUE(page1.ok()) << page1.status();
  const std::string token = page1->next_page_token;
  ASSERT_FALSE(token.empty());
  auto for_contact = manager_.ListForContact("contact-1", 1, "");
  ASSERT_TRUE(for_contact.ok()) << for_contact.status();

  const ListInteractionsInput others[] = {
      {"state = QUEUED", "", 1, token},
      {"", "", 1, token},
      {"state = NEW", "update_time", 1, token},
      {"state = NEW", "", 1, for_contact->next_page_token},
      {"state = NEW", "", 1, "garbage"},
  };
  for (const ListInteractionsInput& input : others) {
    auto listing = manager_.List(input);
    EXPECT_EQ(listing.status().code(), absl::StatusCode::kInvalidArgument) << input.filter;
    EXPECT_THAT(ViolatedFields(listing), ElementsAre("page_token")) << input.filter;
  }
  auto other_contact = manager_.ListForContact("contact-2", 1, for_contact->next_page_token);
  EXPECT_THAT(ViolatedFields(other_contact), ElementsAre("page_token"));
}

TEST_F(InteractionManagerTest, ListForContactListsOnlyThatContact) {
  Seed(2, "contact-1", 1);
  Seed(2, "contact-2", 3);

  auto listing = manager_.ListForContact("contact-2", 0, "");

  ASSERT_TRUE(listing.ok()) << listing.status();
  EXPECT_THAT(Ids(*listing), ElementsAre("i-3", "i-4"));
  EXPECT_EQ(interactions_.queries.back().order, InteractionOrder::kReceiveTimeDesc);
}

TEST_F(InteractionManagerTest, ListForContactRejectsAnUnknownContact) {
  EXPECT_EQ(manager_.ListForContact("nobody", 0, "").status().code(), absl::StatusCode::kNotFound);
}

TEST_F(InteractionManagerTest, MutationsCheckTheEtag) {
  Seed(1);
  InteractionPatch patch{{}, {"subject"}};
  patch.values.subject = "Toner empty";

  auto stale = manager_.Update("i-1", patch, Meta(EtagOf(2)));
  EXPECT_EQ(stale.status().code(), absl::StatusCode::kAborted);
  EXPECT_EQ(ReasonOf(stale.status()), "ETAG_MISMATCH");
  EXPECT_EQ(manager_.Get("i-1")->subject, "Printer jams");

  auto fresh = manager_.Update("i-1", patch, Meta(EtagOf(3)));
  ASSERT_TRUE(fresh.ok()) << fresh.status();
  EXPECT_EQ(fresh->subject, "Toner empty");
  EXPECT_EQ(fresh->version, 4);
  EXPECT_EQ(fresh->update_time, kNow);
}

TEST_F(InteractionManagerTest, UpdateChecksANewContactExists) {
  Seed(1);
  InteractionPatch patch{{}, {"contact"}};
  patch.values.contact_id = "nobody";

  EXPECT_EQ(manager_.Update("i-1", patch, Meta()).status().code(), absl::StatusCode::kNotFound);

  patch.values.contact_id = "contact-2";
  auto updated = manager_.Update("i-1", patch, Meta());
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->contact_id, "contact-2");
}

TEST_F(InteractionManagerTest, MutationsUseTheClockAndReportNotFound) {
  Seed(1);
  clock_.Set(kNow + std::chrono::minutes(7));

  auto resolved = manager_.Resolve("i-1", samples::SampleResolution(), Meta());

  ASSERT_TRUE(resolved.ok()) << resolved.status();
  EXPECT_EQ(resolved->resolve_time, kNow + std::chrono::minutes(7));
  EXPECT_EQ(manager_.Close("missing", Meta()).status().code(), absl::StatusCode::kNotFound);
}

TEST_F(InteractionManagerTest, LogCommunicationGivesItAnId) {
  Seed(1);

  auto logged = manager_.LogCommunication("i-1", samples::SampleNote(), Meta());

  ASSERT_TRUE(logged.ok()) << logged.status();
  ASSERT_TRUE(logged->communication.has_value());
  EXPECT_TRUE(IsWellFormedId(logged->communication->id));
  EXPECT_EQ(logged->communication->interaction_id, "i-1");
  EXPECT_EQ(logged->interaction.communication_count, 1);
  auto listed = manager_.ListCommunications("i-1", 0, "");
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->items.size(), 1u);
  EXPECT_EQ(listed->items[0].id, logged->communication->id);
}

TEST_F(InteractionManagerTest, ANoOpChangeKeepsTheVersion) {
  Seed(1);

  auto linked = manager_.Link("i-1", samples::SampleLink(), Meta());

  ASSERT_TRUE(linked.ok()) << linked.status();
  EXPECT_EQ(linked->version, 3);
  EXPECT_EQ(*interactions_.LatestSequence(), 1);
}

TEST_F(InteractionManagerTest, UpsertContactValidatesAndStamps) {
  Contact bad;
  bad.email = "not-an-address";
  EXPECT_THAT(ViolatedFields(manager_.UpsertContact(bad, Meta())),
              ElementsAre("contact.external_reference", "contact.display_name", "contact.email"));

  Contact good = SampleContact("", "IT");
  good.external_reference = "HR-77";
  auto upserted = manager_.UpsertContact(good, Meta());
  ASSERT_TRUE(upserted.ok()) << upserted.status();
  EXPECT_TRUE(upserted->created);
  EXPECT_TRUE(IsWellFormedId(upserted->contact.id));
  EXPECT_EQ(upserted->contact.create_time, kNow);
}

TEST_F(InteractionManagerTest, SearchContactsNeedsTwoCharacters) {
  for (const char* query : {"", "a", "\xC3\xA9"}) {
    EXPECT_THAT(ViolatedFields(manager_.SearchContacts(query, 0)), ElementsAre("query")) << query;
  }
  ASSERT_TRUE(manager_.SearchContacts("ad", 0).ok());
  ASSERT_TRUE(manager_.SearchContacts("ada", 500).ok());
  EXPECT_THAT(contacts_.searches, ElementsAre(std::pair<std::string, int>("ad", 20),
                                              std::pair<std::string, int>("ada", 100)));
}

TEST_F(InteractionManagerTest, ListContactsPagesWithItsOwnTokens) {
  auto page1 = manager_.ListContacts(1, "");
  ASSERT_TRUE(page1.ok()) << page1.status();
  ASSERT_EQ(page1->items.size(), 1u);
  auto page2 = manager_.ListContacts(1, page1->next_page_token);
  ASSERT_TRUE(page2.ok()) << page2.status();
  ASSERT_EQ(page2->items.size(), 1u);
  EXPECT_NE(page1->items[0].id, page2->items[0].id);

  Seed(2);
  auto interactions = manager_.List({"", "", 1, ""});
  ASSERT_TRUE(interactions.ok()) << interactions.status();
  EXPECT_THAT(ViolatedFields(manager_.ListContacts(1, interactions->next_page_token)),
              ElementsAre("page_token"));
}

}  // namespace
}  // namespace frontdesk::domain
