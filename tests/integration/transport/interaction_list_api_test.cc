// ListInteractions through the API: filters, orders, and keyset pagination, also while other
// clients insert.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <iterator>
#include <map>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "integration/transport/api_test_util.h"

namespace frontdesk::testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAreArray;

// One seeded interaction: how it was logged, and where routing took it.
struct Seed {
  v1::Channel channel;
  v1::InteractionType type;
  v1::Impact impact;
  v1::Urgency urgency;
  int minutes_ago;
  const char* queue;
  const char* agent;
  int contact;  // Index into the seeded contacts, or -1.
};

const std::vector<Seed>& Seeds() {
  using namespace v1;  // NOLINT: the table reads better with bare enum values.
  static const std::vector<Seed> kSeeds = {
      {CHANNEL_PHONE, INTERACTION_TYPE_INCIDENT, IMPACT_HIGH, URGENCY_HIGH, 90, "queues/l1", "", 0},
      {CHANNEL_EMAIL, INTERACTION_TYPE_SERVICE_REQUEST, IMPACT_LOW, URGENCY_LOW, 80, "", "", 1},
      {CHANNEL_CHAT, INTERACTION_TYPE_INCIDENT, IMPACT_UNSPECIFIED, URGENCY_UNSPECIFIED, 70, "",
       "agents/alex", 0},
      {CHANNEL_PHONE, INTERACTION_TYPE_INFORMATION_REQUEST, IMPACT_HIGH, URGENCY_MEDIUM, 60, "", "",
       -1},
      {CHANNEL_WEB_PORTAL, INTERACTION_TYPE_COMPLAINT, IMPACT_MEDIUM, URGENCY_LOW, 50, "queues/l2",
       "", -1},
      {CHANNEL_EMAIL, INTERACTION_TYPE_INCIDENT, IMPACT_HIGH, URGENCY_HIGH, 40, "queues/l1", "", 0},
      {CHANNEL_PHONE, INTERACTION_TYPE_SERVICE_REQUEST, IMPACT_UNSPECIFIED, URGENCY_UNSPECIFIED, 30,
       "", "", -1},
      {CHANNEL_CHAT, INTERACTION_TYPE_OTHER, IMPACT_LOW, URGENCY_HIGH, 20, "", "agents/kim", -1},
      // Received in the same microsecond as the one above: ties are broken by name.
      {CHANNEL_PHONE, INTERACTION_TYPE_INCIDENT, IMPACT_UNSPECIFIED, URGENCY_UNSPECIFIED, 20, "",
       "", 1},
  };
  return kSeeds;
}

using Predicate = std::function<bool(const v1::Interaction&)>;
using Key = std::function<int64_t(const v1::Interaction&)>;

class InteractionListApiTest : public ApiTest {
 protected:
  // Creates two contacts and the seeded interactions, received relative to one instant.
  void SeedInteractions() {
    base_micros_ = Micros(SecondsAgo(0));
    for (const char* reference : {"HR-1001", "HR-1002"}) {
      v1::UpsertContactRequest request;
      request.mutable_contact()->set_external_reference(reference);
      request.mutable_contact()->set_display_name(domain::Cat("User ", reference));
      request.set_request_id(NextRequestId());
      v1::UpsertContactResponse response;
      ASSERT_GRPC_OK(Call(*stub_, &Stub::UpsertContact, request, &response));
      contacts_.push_back(response.contact().name());
    }
    for (const Seed& seed : Seeds()) {
      v1::Interaction fields = NewInteraction(seed.channel, "Seeded");
      fields.set_type(seed.type);
      fields.set_impact(seed.impact);
      fields.set_urgency(seed.urgency);
      *fields.mutable_receive_time() = MinutesBeforeBase(seed.minutes_ago);
      fields.set_queue(seed.queue);
      fields.set_agent(seed.agent);
      if (seed.contact >= 0) fields.set_contact(contacts_[seed.contact]);
      v1::Interaction created;
      ASSERT_GRPC_OK(Create(fields, &created));
      seeded_.push_back(created);
    }
  }

  google::protobuf::Timestamp MinutesBeforeBase(int minutes) const {
    return TimeUtil::MicrosecondsToTimestamp(base_micros_ - int64_t{minutes} * 60'000'000);
  }

  // The names of the seeded interactions that `keep` accepts, ordered by `key` then name.
  std::vector<std::string> Expected(const Predicate& keep, const Key& key, bool descending) {
    std::vector<v1::Interaction> kept;
    std::copy_if(seeded_.begin(), seeded_.end(), std::back_inserter(kept), keep);
    std::sort(kept.begin(), kept.end(), [&](const v1::Interaction& a, const v1::Interaction& b) {
      const auto ka = std::make_pair(key(a), a.name());
      const auto kb = std::make_pair(key(b), b.name());
      return descending ? kb < ka : ka < kb;
    });
    std::vector<std::string> names;
    for (const v1::Interaction& interaction : kept) names.push_back(interaction.name());
    return names;
  }

  std::vector<std::string> Names(const std::vector<v1::Interaction>& interactions) {
    std::vector<std::string> names;
    for (const v1::Interaction& interaction : interactions) names.push_back(interaction.name());
    return names;
  }

  // Creates up to 40 interactions received across the seeded range, until `done`.
  void InsertUntil(const std::atomic<bool>& done, std::atomic<int>& inserted) {
    auto stub = server_->NewInteractionStub();
    for (int i = 0; i < 40 && !done; ++i) {
      v1::CreateInteractionRequest request;
      *request.mutable_interaction() = NewInteraction(v1::CHANNEL_OTHER, "Inserted meanwhile");
      // Spread over the seeded range so that inserts land both behind and ahead of the reader.
      *request.mutable_interaction()->mutable_receive_time() =
          MinutesBeforeBase(15 + (i * 37) % 80);
      request.set_request_id(domain::Cat("insert-", i));
      v1::CreateInteractionResponse response;
      if (!Call(*stub, &Stub::CreateInteraction, request, &response).ok()) return;
      ++inserted;
    }
  }

  // Lists everything oldest first in pages of 2, letting an insert land between pages.
  void PageWhileInserting(const std::atomic<int>& inserted, std::vector<v1::Interaction>* listed) {
    v1::ListInteractionsRequest request;
    request.set_page_size(2);
    request.set_order_by("receive_time");
    for (int page = 0; page < 60; ++page) {
      const auto wait_until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
      while (inserted.load() <= page && std::chrono::steady_clock::now() < wait_until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }
      v1::ListInteractionsResponse response;
      const grpc::Status status = Call(*stub_, &Stub::ListInteractions, request, &response);
      ASSERT_GRPC_OK(status);
      for (const auto& interaction : response.interactions()) listed->push_back(interaction);
      if (response.next_page_token().empty()) return;
      request.set_page_token(response.next_page_token());
    }
    ADD_FAILURE() << "more than 60 pages";
  }

  int64_t base_micros_ = 0;
  std::vector<std::string> contacts_;
  std::vector<v1::Interaction> seeded_;
};

int64_t ReceiveKey(const v1::Interaction& i) { return Micros(i.receive_time()); }

std::string Rfc3339(const google::protobuf::Timestamp& timestamp) {
  return TimeUtil::ToString(timestamp);
}

TEST_P(InteractionListApiTest, ReturnsExactlyWhatEachFilterMatches) {
  ASSERT_NO_FATAL_FAILURE(SeedInteractions());
  const std::string from = Rfc3339(MinutesBeforeBase(75));
  const std::string to = Rfc3339(MinutesBeforeBase(40));
  const std::string contact = contacts_[0];
  const std::vector<std::pair<std::string, Predicate>> cases = {
      {"state = QUEUED", [](auto& i) { return i.state() == v1::INTERACTION_STATE_QUEUED; }},
      {"channel = PHONE", [](auto& i) { return i.channel() == v1::CHANNEL_PHONE; }},
      {"channel = CHANNEL_EMAIL", [](auto& i) { return i.channel() == v1::CHANNEL_EMAIL; }},
      {"type = INCIDENT", [](auto& i) { return i.type() == v1::INTERACTION_TYPE_INCIDENT; }},
      {"priority = CRITICAL", [](auto& i) { return i.priority() == v1::PRIORITY_CRITICAL; }},
      {domain::Cat("receive_time >= \"", from, "\" AND receive_time < \"", to, "\""),
       [&](auto& i) {
         return ReceiveKey(i) >= Micros(MinutesBeforeBase(75)) &&
                ReceiveKey(i) < Micros(MinutesBeforeBase(40));
       }},
      {"channel = PHONE AND state = NEW",
       [](auto& i) {
         return i.channel() == v1::CHANNEL_PHONE && i.state() == v1::INTERACTION_STATE_NEW;
       }},
      {"channel = CHAT OR channel = WEB_PORTAL",
       [](auto& i) {
         return i.channel() == v1::CHANNEL_CHAT || i.channel() == v1::CHANNEL_WEB_PORTAL;
       }},
      {"NOT state = NEW", [](auto& i) { return i.state() != v1::INTERACTION_STATE_NEW; }},
      {"state = QUEUED AND (channel = PHONE OR channel = EMAIL)",
       [](auto& i) {
         return i.state() == v1::INTERACTION_STATE_QUEUED &&
                (i.channel() == v1::CHANNEL_PHONE || i.channel() == v1::CHANNEL_EMAIL);
       }},
      {domain::Cat("contact = \"", contact, "\""), [&](auto& i) { return i.contact() == contact; }},
      {"NOT (type = INCIDENT OR priority = LOW) AND channel != EMAIL",
       [](auto& i) {
         return !(i.type() == v1::INTERACTION_TYPE_INCIDENT || i.priority() == v1::PRIORITY_LOW) &&
                i.channel() != v1::CHANNEL_EMAIL;
       }},
  };

  for (const auto& [filter, keep] : cases) {
    SCOPED_TRACE(filter);
    std::vector<v1::Interaction> listed;
    ASSERT_GRPC_OK(ListAll(filter, "", 50, &listed));
    const std::vector<std::string> expected = Expected(keep, ReceiveKey, true);
    EXPECT_FALSE(expected.empty());
    EXPECT_THAT(Names(listed), ElementsAreArray(expected));
  }
}

TEST_P(InteractionListApiTest, OrdersByEachSupportedKey) {
  ASSERT_NO_FATAL_FAILURE(SeedInteractions());
  std::vector<v1::Interaction> current;
  ASSERT_GRPC_OK(ListAll("", "", 50, &current));
  seeded_ = current;  // The latest update_time of each.
  const Key create = [](auto& i) { return Micros(i.create_time()); };
  const Key update = [](auto& i) { return Micros(i.update_time()); };
  const std::vector<std::tuple<std::string, Key, bool>> orders = {
      {"", ReceiveKey, true},
      {"receive_time desc", ReceiveKey, true},
      {"receive_time", ReceiveKey, false},
      {"receive_time asc", ReceiveKey, false},
      {"create_time desc", create, true},
      {"create_time", create, false},
      {"update_time desc", update, true},
      {"update_time asc", update, false}};

  for (const auto& [order_by, key, descending] : orders) {
    SCOPED_TRACE(order_by);
    std::vector<v1::Interaction> listed;
    ASSERT_GRPC_OK(ListAll("", order_by, 3, &listed));
    EXPECT_THAT(Names(listed),
                ElementsAreArray(Expected([](auto&) { return true; }, key, descending)));
  }
}

TEST_P(InteractionListApiTest, PagesOfTwoReturnEachInteractionOnceInOrder) {
  ASSERT_NO_FATAL_FAILURE(SeedInteractions());
  v1::ListInteractionsRequest request;
  request.set_page_size(2);
  std::vector<std::string> listed;
  int pages = 0;

  for (; pages < 20; ++pages) {
    v1::ListInteractionsResponse response;
    ASSERT_GRPC_OK(Call(*stub_, &Stub::ListInteractions, request, &response));
    ASSERT_LE(response.interactions_size(), 2);
    for (const auto& interaction : response.interactions()) listed.push_back(interaction.name());
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }

  EXPECT_EQ(pages + 1, 5);
  EXPECT_THAT(listed, ElementsAreArray(Expected([](auto&) { return true; }, ReceiveKey, true)));
}

TEST_P(InteractionListApiTest, PagingMissesNothingWhileOthersInsert) {
  ASSERT_NO_FATAL_FAILURE(SeedInteractions());
  std::atomic<bool> done{false};
  std::atomic<int> inserted{0};
  std::thread writer([&] { InsertUntil(done, inserted); });
  std::vector<v1::Interaction> listed;
  PageWhileInserting(inserted, &listed);
  done = true;
  writer.join();

  EXPECT_GT(inserted.load(), 0);
  std::map<std::string, int> seen;
  for (const v1::Interaction& interaction : listed) ++seen[interaction.name()];
  for (const auto& [name, count] : seen) EXPECT_EQ(count, 1) << name;
  std::vector<std::string> seeded_in_listing;
  for (const v1::Interaction& interaction : listed) {
    for (const v1::Interaction& seeded : seeded_) {
      if (seeded.name() == interaction.name()) seeded_in_listing.push_back(interaction.name());
    }
  }
  EXPECT_THAT(seeded_in_listing,
              ElementsAreArray(Expected([](auto&) { return true; }, ReceiveKey, false)));
  EXPECT_TRUE(std::is_sorted(listed.begin(), listed.end(), [](auto& a, auto& b) {
    return std::make_pair(ReceiveKey(a), a.name()) < std::make_pair(ReceiveKey(b), b.name());
  }));
}

TEST_P(InteractionListApiTest, RejectsAPageTokenReusedWithAnotherRequest) {
  ASSERT_NO_FATAL_FAILURE(SeedInteractions());
  v1::ListInteractionsRequest request;
  request.set_filter("channel = PHONE");
  request.set_page_size(2);
  v1::ListInteractionsResponse first;
  ASSERT_GRPC_OK(Call(*stub_, &Stub::ListInteractions, request, &first));
  ASSERT_FALSE(first.next_page_token().empty());

  for (const auto& [filter, order_by] : std::vector<std::pair<std::string, std::string>>{
           {"channel = EMAIL", ""}, {"channel = PHONE", "receive_time asc"}}) {
    SCOPED_TRACE(filter + " | " + order_by);
    v1::ListInteractionsRequest changed = request;
    changed.set_filter(filter);
    changed.set_order_by(order_by);
    changed.set_page_token(first.next_page_token());
    v1::ListInteractionsResponse response;
    const grpc::Status status = Call(*stub_, &Stub::ListInteractions, changed, &response);

    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << Describe(status);
    EXPECT_THAT(ViolatedFields(status), Contains("page_token"));
  }
}

TEST_P(InteractionListApiTest, RejectsABadFilterNamingIt) {
  for (const std::string filter :
       {"colour = RED", "state = SLEEPING", "receive_time > yesterday", "(state = NEW",
        "state = NEW AND", "priority < HIGH", "tier = \"one\""}) {
    SCOPED_TRACE(filter);
    v1::ListInteractionsRequest request;
    request.set_filter(filter);
    v1::ListInteractionsResponse response;
    const grpc::Status status = Call(*stub_, &Stub::ListInteractions, request, &response);

    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << Describe(status);
    EXPECT_THAT(ViolatedFields(status), Contains("filter"));
  }
}

TEST_P(InteractionListApiTest, RejectsABadOrderOrPageSize) {
  v1::ListInteractionsRequest bad_order;
  bad_order.set_order_by("subject");
  v1::ListInteractionsRequest bad_size;
  bad_size.set_page_size(-1);
  v1::ListInteractionsResponse response;

  const grpc::Status order = Call(*stub_, &Stub::ListInteractions, bad_order, &response);
  const grpc::Status size = Call(*stub_, &Stub::ListInteractions, bad_size, &response);

  EXPECT_EQ(order.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << Describe(order);
  EXPECT_THAT(ViolatedFields(order), Contains("order_by"));
  EXPECT_EQ(size.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << Describe(size);
  EXPECT_THAT(ViolatedFields(size), Contains("page_size"));
}

INSTANTIATE_TEST_SUITE_P(Stores, InteractionListApiTest,
                         ::testing::Values(Backend::kSqlite, Backend::kMySql), BackendTestName);

}  // namespace
}  // namespace frontdesk::testing
