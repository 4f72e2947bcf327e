// Contacts through the API: upsert, get, list, search, and a contact's interactions.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "integration/transport/api_test_util.h"

namespace frontdesk::testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;

class ContactApiTest : public ApiTest {
 protected:
  grpc::Status Upsert(const std::string& reference, const std::string& display_name,
                      const std::string& email, v1::UpsertContactResponse* response) {
    v1::UpsertContactRequest request;
    request.mutable_contact()->set_external_reference(reference);
    request.mutable_contact()->set_display_name(display_name);
    request.mutable_contact()->set_email(email);
    request.mutable_contact()->set_department("Finance");
    request.set_request_id(NextRequestId());
    return Call(*stub_, &Stub::UpsertContact, request, response);
  }

  // Returns the display names SearchContacts finds for `query`.
  grpc::Status Search(const std::string& query, std::vector<std::string>* names) {
    v1::SearchContactsRequest request;
    request.set_query(query);
    v1::SearchContactsResponse response;
    const grpc::Status status = Call(*stub_, &Stub::SearchContacts, request, &response);
    for (const v1::Contact& contact : response.contacts()) {
      names->push_back(contact.display_name());
    }
    return status;
  }

  grpc::Status CreateFor(const std::string& contact, v1::Channel channel, int minutes_ago,
                         v1::Interaction* created) {
    v1::Interaction fields = NewInteraction(channel, "Expense tool error");
    fields.set_contact(contact);
    *fields.mutable_receive_time() = SecondsAgo(int64_t{minutes_ago} * 60);
    return Create(fields, created);
  }
};

TEST_P(ContactApiTest, UpsertCreatesThenUpdatesByExternalReference) {
  v1::UpsertContactResponse created;
  ASSERT_GRPC_OK(Upsert("HR-1001", "Alice Martin", "alice@corp.example", &created));
  v1::UpsertContactResponse updated;
  ASSERT_GRPC_OK(Upsert("HR-1001", "Alice Martin-Leroy", "alice@corp.example", &updated));

  EXPECT_TRUE(created.created());
  EXPECT_FALSE(updated.created());
  EXPECT_EQ(updated.contact().name(), created.contact().name());
  EXPECT_NE(updated.contact().etag(), created.contact().etag());
  EXPECT_EQ(updated.contact().display_name(), "Alice Martin-Leroy");
  v1::GetContactRequest get;
  get.set_name(created.contact().name());
  v1::Contact fetched;
  ASSERT_GRPC_OK(Call(*stub_, &Stub::GetContact, get, &fetched));
  EXPECT_EQ(fetched.display_name(), "Alice Martin-Leroy");
  EXPECT_EQ(fetched.department(), "Finance");
  EXPECT_EQ(fetched.etag(), updated.contact().etag());
}

TEST_P(ContactApiTest, UpsertingTheSameDetailsAgainChangesNothing) {
  v1::UpsertContactResponse first;
  ASSERT_GRPC_OK(Upsert("HR-1001", "Alice Martin", "alice@corp.example", &first));

  v1::UpsertContactResponse again;
  ASSERT_GRPC_OK(Upsert("HR-1001", "Alice Martin", "alice@corp.example", &again));

  EXPECT_FALSE(again.created());
  EXPECT_EQ(again.contact().name(), first.contact().name());
  EXPECT_EQ(again.contact().etag(), first.contact().etag());
  EXPECT_EQ(Micros(again.contact().update_time()), Micros(first.contact().update_time()));
}

TEST_P(ContactApiTest, RetriedUpsertChangesNothingAgain) {
  v1::UpsertContactRequest first;
  first.mutable_contact()->set_external_reference("HR-1001");
  first.mutable_contact()->set_display_name("Alice Martin");
  first.set_request_id("upsert-alice");
  v1::UpsertContactResponse created;
  ASSERT_GRPC_OK(Call(*stub_, &Stub::UpsertContact, first, &created));
  v1::UpsertContactResponse renamed;
  ASSERT_GRPC_OK(Upsert("HR-1001", "Alice Martin-Leroy", "", &renamed));

  v1::UpsertContactResponse retried;
  ASSERT_GRPC_OK(Call(*stub_, &Stub::UpsertContact, first, &retried));

  // The contract: a retry returns the contact as stored now, with created false.
  EXPECT_FALSE(retried.created());
  EXPECT_EQ(retried.contact().display_name(), "Alice Martin-Leroy");
  EXPECT_EQ(retried.contact().etag(), renamed.contact().etag());
  v1::GetContactRequest get;
  get.set_name(created.contact().name());
  v1::Contact fetched;
  ASSERT_GRPC_OK(Call(*stub_, &Stub::GetContact, get, &fetched));
  EXPECT_EQ(fetched.display_name(), "Alice Martin-Leroy");
  EXPECT_EQ(fetched.etag(), renamed.contact().etag());
}

TEST_P(ContactApiTest, RejectsARequestIdReusedForAnotherContact) {
  v1::UpsertContactRequest request;
  request.mutable_contact()->set_external_reference("HR-1001");
  request.mutable_contact()->set_display_name("Alice Martin");
  request.set_request_id("upsert-once");
  v1::UpsertContactResponse first;
  ASSERT_GRPC_OK(Call(*stub_, &Stub::UpsertContact, request, &first));
  request.mutable_contact()->set_external_reference("HR-1002");
  request.mutable_contact()->set_display_name("Bob Stone");

  v1::UpsertContactResponse response;
  const grpc::Status status = Call(*stub_, &Stub::UpsertContact, request, &response);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS) << Describe(status);
  EXPECT_EQ(ReasonOf(status), "REQUEST_ID_REUSED");
  v1::ListContactsResponse contacts;
  ASSERT_GRPC_OK(Call(*stub_, &Stub::ListContacts, v1::ListContactsRequest(), &contacts));
  EXPECT_EQ(contacts.contacts_size(), 1);
}

TEST_P(ContactApiTest, RejectsAContactWithoutRequiredFields) {
  v1::UpsertContactResponse response;
  const grpc::Status status = Upsert("", "", "not-an-address", &response);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << Describe(status);
  EXPECT_THAT(ViolatedFields(status), Contains("contact.external_reference"));
  EXPECT_THAT(ViolatedFields(status), Contains("contact.display_name"));
  EXPECT_THAT(ViolatedFields(status), Contains("contact.email"));
}

TEST_P(ContactApiTest, GetReturnsNotFoundForAnUnknownContact) {
  v1::GetContactRequest request;
  request.set_name("contacts/01ARZ3NDEKTSV4RRFFQ69G5FAV");
  v1::Contact contact;
  const grpc::Status unknown = Call(*stub_, &Stub::GetContact, request, &contact);
  request.set_name("people/alice");
  const grpc::Status malformed = Call(*stub_, &Stub::GetContact, request, &contact);

  EXPECT_EQ(unknown.error_code(), grpc::StatusCode::NOT_FOUND) << Describe(unknown);
  EXPECT_EQ(malformed.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << Describe(malformed);
  EXPECT_THAT(ViolatedFields(malformed), Contains("name"));
}

TEST_P(ContactApiTest, ListsContactsByExternalReferenceAPageAtATime) {
  for (const char* reference : {"HR-1004", "HR-1001", "HR-1005", "HR-1003", "HR-1002"}) {
    v1::UpsertContactResponse response;
    ASSERT_GRPC_OK(Upsert(reference, domain::Cat("User ", reference), "", &response));
  }
  v1::ListContactsRequest request;
  request.set_page_size(2);
  std::vector<std::string> listed;
  int pages = 0;

  for (; pages < 10; ++pages) {
    v1::ListContactsResponse response;
    ASSERT_GRPC_OK(Call(*stub_, &Stub::ListContacts, request, &response));
    for (const v1::Contact& contact : response.contacts()) {
      listed.push_back(contact.external_reference());
    }
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }

  EXPECT_THAT(listed, ElementsAre("HR-1001", "HR-1002", "HR-1003", "HR-1004", "HR-1005"));
  EXPECT_EQ(pages + 1, 3);
}

TEST_P(ContactApiTest, SearchFindsNameOrEmailSubstringsIgnoringCase) {
  v1::UpsertContactResponse response;
  ASSERT_GRPC_OK(Upsert("HR-1", "Alice Martin", "alice.martin@corp.example", &response));
  ASSERT_GRPC_OK(Upsert("HR-2", "Bob Stone", "bob@martinez.example", &response));
  ASSERT_GRPC_OK(Upsert("HR-3", "Carol Diaz", "carol@corp.example", &response));
  ASSERT_GRPC_OK(Upsert("HR-4", "Dave 100% Kelly", "dave@home.example", &response));

  std::vector<std::string> by_name_or_email, by_email, by_nothing, literal_percent;
  ASSERT_GRPC_OK(Search("MARTIN", &by_name_or_email));
  ASSERT_GRPC_OK(Search("Corp.EXAMPLE", &by_email));
  ASSERT_GRPC_OK(Search("zebra", &by_nothing));
  ASSERT_GRPC_OK(Search("0% k", &literal_percent));

  EXPECT_THAT(by_name_or_email, ElementsAre("Alice Martin", "Bob Stone"));
  EXPECT_THAT(by_email, ElementsAre("Alice Martin", "Carol Diaz"));
  EXPECT_THAT(by_nothing, IsEmpty());
  EXPECT_THAT(literal_percent, ElementsAre("Dave 100% Kelly"));
}

TEST_P(ContactApiTest, RejectsASearchOfOneCharacter) {
  std::vector<std::string> names;
  const grpc::Status status = Search("a", &names);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << Describe(status);
  EXPECT_THAT(ViolatedFields(status), Contains("query"));
}

TEST_P(ContactApiTest, ListsAContactsInteractionsAcrossChannelsNewestFirst) {
  v1::UpsertContactResponse alice, bob;
  ASSERT_GRPC_OK(Upsert("HR-1", "Alice Martin", "", &alice));
  ASSERT_GRPC_OK(Upsert("HR-2", "Bob Stone", "", &bob));
  v1::Interaction phone, email, chat, other;
  ASSERT_GRPC_OK(CreateFor(alice.contact().name(), v1::CHANNEL_PHONE, 30, &phone));
  ASSERT_GRPC_OK(CreateFor(alice.contact().name(), v1::CHANNEL_EMAIL, 10, &email));
  ASSERT_GRPC_OK(CreateFor(bob.contact().name(), v1::CHANNEL_EMAIL, 5, &other));
  ASSERT_GRPC_OK(CreateFor(alice.contact().name(), v1::CHANNEL_CHAT, 20, &chat));
  v1::ListContactInteractionsRequest request;
  request.set_parent(alice.contact().name());
  request.set_page_size(2);
  std::vector<std::string> listed;

  for (int page = 0; page < 10; ++page) {
    v1::ListContactInteractionsResponse response;
    ASSERT_GRPC_OK(Call(*stub_, &Stub::ListContactInteractions, request, &response));
    for (const v1::Interaction& interaction : response.interactions()) {
      listed.push_back(interaction.name());
      EXPECT_EQ(interaction.contact(), alice.contact().name());
      EXPECT_EQ(interaction.department(), "Finance");
    }
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }

  EXPECT_THAT(listed, ElementsAreArray({email.name(), chat.name(), phone.name()}));
}

TEST_P(ContactApiTest, ListContactInteractionsReturnsNotFoundForAnUnknownContact) {
  v1::ListContactInteractionsRequest request;
  request.set_parent("contacts/01ARZ3NDEKTSV4RRFFQ69G5FAV");
  v1::ListContactInteractionsResponse response;

  const grpc::Status status = Call(*stub_, &Stub::ListContactInteractions, request, &response);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND) << Describe(status);
}

TEST_P(ContactApiTest, CreatingAnInteractionForAnUnknownContactWritesNothing) {
  v1::Interaction created;
  const grpc::Status status =
      CreateFor("contacts/01ARZ3NDEKTSV4RRFFQ69G5FAV", v1::CHANNEL_PHONE, 1, &created);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND) << Describe(status);
  std::vector<v1::Interaction> all;
  ASSERT_GRPC_OK(ListAll("", "", 50, &all));
  EXPECT_EQ(all.size(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Stores, ContactApiTest,
                         ::testing::Values(Backend::kSqlite, Backend::kMySql), BackendTestName);

}  // namespace
}  // namespace frontdesk::testing
