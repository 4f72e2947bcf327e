// ImportInteractions through the API: outcomes per record, idempotency across runs, resumed
// and racing streams, rejected records, and what the imported history looks like to readers.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <latch>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "integration/transport/api_test_util.h"

namespace frontdesk::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::Each;

using Stream = grpc::ClientReaderWriter<v1::ImportInteractionsRequest,
                                        v1::ImportInteractionsResponse>;

// One ImportInteractions stream with its own context.
class ImportStream {
 public:
  explicit ImportStream(Stub& stub) {
    PrepareContext(context_);
    stream_ = stub.ImportInteractions(&context_);
  }

  // Sends one request message and reads its response; false when the stream ended instead.
  bool Send(const std::vector<v1::ImportedInteraction>& records,
            v1::ImportInteractionsResponse* response) {
    v1::ImportInteractionsRequest request;
    for (const auto& record : records) *request.add_records() = record;
    return stream_->Write(request) && stream_->Read(response);
  }

  // Half-closes and returns the final status.
  grpc::Status Finish() {
    stream_->WritesDone();
    return stream_->Finish();
  }

  // Ends the stream as a client cut off does.
  void Cut() {
    context_.TryCancel();
    stream_->Finish();
  }

 private:
  grpc::ClientContext context_;
  std::unique_ptr<Stream> stream_;
};

// A phone call received `hours_ago`, queued, answered, put on hold and resolved, with a
// question and an answer.
v1::ImportedInteraction Record(const std::string& reference, int64_t hours_ago = 48) {
  const int64_t start = hours_ago * 3600;
  v1::ImportedInteraction record;
  record.set_external_reference(reference);
  v1::Interaction* i = record.mutable_interaction();
  i->set_channel(v1::CHANNEL_PHONE);
  i->set_subject("Laptop will not boot");
  i->set_state(v1::INTERACTION_STATE_RESOLVED);
  i->set_queue("queues/desktop");
  i->set_agent("agents/sam");
  *i->mutable_receive_time() = SecondsAgo(start);
  *i->mutable_resolve_time() = SecondsAgo(start - 3600);
  i->set_resolution_code("fixed");
  const auto add_change = [&](int64_t offset, v1::InteractionState state) {
    v1::ImportedChange* change = record.add_history();
    *change->mutable_change_time() = SecondsAgo(start - offset);
    change->set_state(state);
    return change;
  };
  add_change(0, v1::INTERACTION_STATE_NEW)->set_priority(v1::PRIORITY_LOW);
  add_change(60, v1::INTERACTION_STATE_QUEUED)->set_queue("queues/desktop");
  add_change(300, v1::INTERACTION_STATE_IN_PROGRESS)->set_agent("agents/sam");
  add_change(600, v1::INTERACTION_STATE_ON_HOLD)->set_hold_reason(v1::HOLD_REASON_AWAITING_USER);
  add_change(3600, v1::INTERACTION_STATE_RESOLVED)->set_actor("agents/sam");
  const auto add_message = [&](int64_t offset, v1::AuthorKind kind, const std::string& body) {
    v1::Communication* c = record.add_communications();
    c->set_author_kind(kind);
    c->set_direction(kind == v1::AUTHOR_KIND_AGENT ? v1::COMMUNICATION_DIRECTION_OUTBOUND
                                                   : v1::COMMUNICATION_DIRECTION_INBOUND);
    if (kind == v1::AUTHOR_KIND_AGENT) c->set_author("agents/sam");
    c->set_body(body);
    *c->mutable_occur_time() = SecondsAgo(start - offset);
  };
  add_message(0, v1::AUTHOR_KIND_END_USER, "It shows a black screen");
  add_message(300, v1::AUTHOR_KIND_AGENT, "Hold the power button for ten seconds");
  return record;
}

std::vector<v1::ImportedInteraction> Records(int first, int count) {
  std::vector<v1::ImportedInteraction> records;
  for (int k = first; k < first + count; ++k) records.push_back(Record(domain::Cat("old:", k)));
  return records;
}

std::vector<v1::ImportOutcome> Outcomes(const v1::ImportInteractionsResponse& response) {
  std::vector<v1::ImportOutcome> outcomes;
  for (const auto& result : response.results()) outcomes.push_back(result.outcome());
  return outcomes;
}

// The fields a google.rpc.Status's BadRequest names.
std::vector<std::string> FieldsOf(const google::rpc::Status& status) {
  std::vector<std::string> fields;
  for (const auto& any : status.details()) {
    google::rpc::BadRequest bad_request;
    if (!any.UnpackTo(&bad_request)) continue;
    for (const auto& violation : bad_request.field_violations()) {
      fields.push_back(violation.field());
    }
  }
  return fields;
}

class ImportInteractionsApiTest : public ApiTest {
 protected:
  // Imports `records` in one message on a new stream and returns the response.
  v1::ImportInteractionsResponse ImportOnce(const std::vector<v1::ImportedInteraction>& records) {
    ImportStream stream(*stub_);
    v1::ImportInteractionsResponse response;
    EXPECT_TRUE(stream.Send(records, &response));
    EXPECT_GRPC_OK(stream.Finish());
    return response;
  }

  size_t CountInteractions() {
    std::vector<v1::Interaction> all;
    EXPECT_GRPC_OK(ListAll("", "", 1000, &all));
    return all.size();
  }
};

TEST_P(ImportInteractionsApiTest, CreatesEachRecordAsImported) {
  const std::vector<v1::ImportedInteraction> records = Records(0, 3);

  const v1::ImportInteractionsResponse response = ImportOnce(records);

  ASSERT_EQ(response.results_size(), 3);
  for (int k = 0; k < 3; ++k) {
    SCOPED_TRACE(k);
    const v1::ImportResult& result = response.results(k);
    EXPECT_EQ(result.external_reference(), records[k].external_reference());
    EXPECT_EQ(result.outcome(), v1::IMPORT_OUTCOME_CREATED);
    EXPECT_FALSE(result.has_error());
    v1::Interaction stored;
    ASSERT_GRPC_OK(Get(result.interaction(), &stored));
    EXPECT_EQ(stored.state(), v1::INTERACTION_STATE_RESOLVED);
    EXPECT_EQ(Micros(stored.receive_time()), Micros(records[k].interaction().receive_time()));
    EXPECT_EQ(Micros(stored.resolve_time()), Micros(records[k].interaction().resolve_time()));
    EXPECT_EQ(stored.communication_count(), 2);
    EXPECT_EQ(stored.resolution_code(), "fixed");
    EXPECT_EQ(stored.tier(), 1);
    EXPECT_EQ(VersionOf(stored.etag()), 6);  // Five historical changes and the final revision.
  }
}

TEST_P(ImportInteractionsApiTest, AnswersAReimportWithTheExistingInteractions) {
  const v1::ImportInteractionsResponse first = ImportOnce(Records(0, 3));

  const v1::ImportInteractionsResponse again = ImportOnce(Records(0, 3));

  ASSERT_EQ(again.results_size(), 3);
  for (int k = 0; k < 3; ++k) {
    EXPECT_EQ(again.results(k).outcome(), v1::IMPORT_OUTCOME_ALREADY_IMPORTED);
    EXPECT_EQ(again.results(k).interaction(), first.results(k).interaction());
  }
  EXPECT_EQ(CountInteractions(), 3u);
  std::vector<v1::InteractionHistoryEntry> history;
  ASSERT_GRPC_OK(History(first.results(0).interaction(), &history));
  EXPECT_EQ(history.size(), 6u);
}

TEST_P(ImportInteractionsApiTest, ResumingACutOffStreamCreatesNothingTwice) {
  {
    ImportStream cut_off(*stub_);
    v1::ImportInteractionsResponse response;
    ASSERT_TRUE(cut_off.Send(Records(0, 5), &response));
    EXPECT_THAT(Outcomes(response), Each(v1::IMPORT_OUTCOME_CREATED));
    cut_off.Cut();
  }

  ImportStream resumed(*stub_);
  v1::ImportInteractionsResponse first_batch;
  v1::ImportInteractionsResponse second_batch;
  ASSERT_TRUE(resumed.Send(Records(0, 5), &first_batch));
  ASSERT_TRUE(resumed.Send(Records(5, 5), &second_batch));
  ASSERT_GRPC_OK(resumed.Finish());

  EXPECT_THAT(Outcomes(first_batch), Each(v1::IMPORT_OUTCOME_ALREADY_IMPORTED));
  EXPECT_THAT(Outcomes(second_batch), Each(v1::IMPORT_OUTCOME_CREATED));
  EXPECT_EQ(CountInteractions(), 10u);
}

TEST_P(ImportInteractionsApiTest, RejectsABadRecordAloneNamingItsField) {
  std::vector<v1::ImportedInteraction> records = Records(0, 3);
  v1::Interaction* bad = records[1].mutable_interaction();
  *bad->mutable_resolve_time() = SecondsAgo(60 * 24 * 3600);
  records[1].mutable_history(2)->set_tier(7);

  const v1::ImportInteractionsResponse response = ImportOnce(records);

  EXPECT_THAT(Outcomes(response),
              ElementsAre(v1::IMPORT_OUTCOME_CREATED, v1::IMPORT_OUTCOME_REJECTED,
                          v1::IMPORT_OUTCOME_CREATED));
  const v1::ImportResult& rejected = response.results(1);
  EXPECT_EQ(rejected.error().code(), static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_THAT(FieldsOf(rejected.error()),
              ElementsAre("interaction.resolve_time", "history[2].tier"));
  EXPECT_TRUE(rejected.interaction().empty());
  EXPECT_EQ(CountInteractions(), 2u);
}

TEST_P(ImportInteractionsApiTest, EndsTheStreamOnAMessageOfMoreThan1000Records) {
  ImportStream stream(*stub_);
  v1::ImportInteractionsResponse response;
  std::vector<v1::ImportedInteraction> records(1001, Record("too-many"));

  EXPECT_FALSE(stream.Send(records, &response));
  const grpc::Status status = stream.Finish();

  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(status), ElementsAre("records"));
}

TEST_P(ImportInteractionsApiTest, CreatesEachReferenceOnceUnderConcurrentImports) {
  constexpr int kStreams = 2;
  constexpr int kRecords = 60;
  std::vector<std::map<std::string, std::string>> names(kStreams);
  std::latch start(kStreams);
  std::vector<std::thread> clients;
  for (int s = 0; s < kStreams; ++s) {
    clients.emplace_back([&, s] {
      auto stub = server_->NewInteractionStub();
      ImportStream stream(*stub);
      start.arrive_and_wait();
      for (int first = 0; first < kRecords; first += 10) {
        v1::ImportInteractionsResponse response;
        if (!stream.Send(Records(first, 10), &response)) return;
        for (const auto& result : response.results()) {
          names[s][result.external_reference()] = result.interaction();
        }
      }
      EXPECT_GRPC_OK(stream.Finish());
    });
  }
  for (std::thread& client : clients) client.join();

  ASSERT_EQ(names[0].size(), static_cast<size_t>(kRecords));
  EXPECT_EQ(names[0], names[1]);
  EXPECT_EQ(CountInteractions(), static_cast<size_t>(kRecords));
}

TEST_P(ImportInteractionsApiTest, ShowsTheHistoryWithItsOwnTimes) {
  const v1::ImportedInteraction record = Record("old:history");

  const std::string name = ImportOnce({record}).results(0).interaction();

  std::vector<v1::InteractionHistoryEntry> history;
  ASSERT_GRPC_OK(History(name, &history));
  ASSERT_EQ(history.size(), 6u);
  for (int k = 0; k < 5; ++k) {
    SCOPED_TRACE(k);
    EXPECT_EQ(history[k].action(), "ImportInteractions");
    EXPECT_EQ(Micros(history[k].change_time()), Micros(record.history(k).change_time()));
  }
  EXPECT_EQ(history[0].actor(), "import");
  EXPECT_EQ(history[4].actor(), "agents/sam");
  EXPECT_EQ(history[5].action(), "ImportInteractions");
}

TEST_P(ImportInteractionsApiTest, PutsTheRevisionsIntoTheChangeLog) {
  const std::string name = ImportOnce({Record("old:log")}).results(0).interaction();

  grpc::ClientContext context;
  PrepareContext(context, kTestActor, std::chrono::seconds(10));
  v1::WatchInteractionsRequest request;
  request.set_start_cursor("0");
  auto reader = stub_->WatchInteractions(&context, request);
  std::vector<v1::InteractionState> states;
  v1::WatchInteractionsResponse change;
  while (states.size() < 6 && reader->Read(&change)) {
    if (!change.has_change()) continue;
    EXPECT_EQ(change.change().action(), "ImportInteractions");
    EXPECT_EQ(change.change().interaction().name(), name);
    states.push_back(change.change().interaction().state());
  }
  context.TryCancel();
  reader->Finish();

  EXPECT_THAT(states, ElementsAre(v1::INTERACTION_STATE_NEW, v1::INTERACTION_STATE_QUEUED,
                                  v1::INTERACTION_STATE_IN_PROGRESS, v1::INTERACTION_STATE_ON_HOLD,
                                  v1::INTERACTION_STATE_RESOLVED, v1::INTERACTION_STATE_RESOLVED));
}

TEST_P(ImportInteractionsApiTest, ListsTheConversationInTimeOrder) {
  v1::ImportedInteraction record = Record("old:conversation");
  std::swap(*record.mutable_communications(0), *record.mutable_communications(1));

  const std::string name = ImportOnce({record}).results(0).interaction();

  v1::ListCommunicationsRequest request;
  request.set_parent(name);
  request.set_page_size(1);
  std::vector<std::string> bodies;
  for (int page = 0; page < 5; ++page) {
    v1::ListCommunicationsResponse response;
    ASSERT_GRPC_OK(Call(*stub_, &Stub::ListCommunications, request, &response));
    for (const auto& c : response.communications()) bodies.push_back(c.body());
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }
  EXPECT_THAT(bodies, ElementsAre("It shows a black screen",
                                  "Hold the power button for ten seconds"));
}

TEST_P(ImportInteractionsApiTest, MatchesTheContactByExternalReference) {
  v1::UpsertContactRequest upsert;
  upsert.mutable_contact()->set_external_reference("hr:7");
  upsert.mutable_contact()->set_display_name("Ada Example");
  upsert.set_request_id(NextRequestId());
  v1::UpsertContactResponse existing;
  ASSERT_GRPC_OK(Call(*stub_, &Stub::UpsertContact, upsert, &existing));
  std::vector<v1::ImportedInteraction> records = Records(0, 3);
  *records[0].mutable_contact() = upsert.contact();
  *records[1].mutable_contact() = upsert.contact();
  records[2].mutable_contact()->set_external_reference("hr:8");
  records[2].mutable_contact()->set_display_name("Bo Example");

  const v1::ImportInteractionsResponse response = ImportOnce(records);

  std::vector<std::string> contacts;
  for (const auto& result : response.results()) {
    v1::Interaction stored;
    ASSERT_GRPC_OK(Get(result.interaction(), &stored));
    contacts.push_back(stored.contact());
  }
  EXPECT_EQ(contacts[0], existing.contact().name());
  EXPECT_EQ(contacts[1], existing.contact().name());
  v1::GetContactRequest get;
  get.set_name(contacts[2]);
  v1::Contact created;
  ASSERT_GRPC_OK(Call(*stub_, &Stub::GetContact, get, &created));
  EXPECT_EQ(created.external_reference(), "hr:8");
  EXPECT_EQ(created.display_name(), "Bo Example");
}

INSTANTIATE_TEST_SUITE_P(Stores, ImportInteractionsApiTest,
                         ::testing::Values(Backend::kSqlite, Backend::kMySql), BackendTestName);

}  // namespace
}  // namespace frontdesk::testing
