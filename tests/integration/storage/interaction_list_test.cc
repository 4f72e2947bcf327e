#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "domain/filter.h"
#include "domain/interaction_fields.h"
#include "domain/text.h"
#include "integration/storage/storage_test_support.h"
#include "storage/interaction_repository.h"

namespace frontdesk::testing {
namespace {

using domain::Cat;
using domain::Interaction;
using domain::InteractionOrder;
using domain::Timestamp;

class StorageInteractionListTest : public InteractionStorageTest {
 protected:
  void Store(const Interaction& interaction) {
    auto created = repository_->Create(interaction, Meta(Cat("create-", interaction.id)));
    ASSERT_TRUE(created.ok()) << created.status();
  }

  // Lists every page of `filter` in `order` and returns the ids in listed order.
  std::vector<std::string> ListIds(const std::string& filter, InteractionOrder order,
                                   int page_size) {
    auto parsed = domain::ParseInteractionFilter(filter);
    EXPECT_TRUE(parsed.ok()) << filter << ": " << parsed.status();
    if (!parsed.ok()) return {};
    domain::InteractionQuery query{*parsed, order, {page_size, ""}};
    std::vector<std::string> ids;
    for (int pages = 0; pages < 200; ++pages) {
      auto page = repository_->List(query);
      EXPECT_TRUE(page.ok()) << filter << ": " << page.status();
      if (!page.ok()) break;
      EXPECT_LE(page->items.size(), static_cast<size_t>(page_size));
      for (const Interaction& interaction : page->items) ids.push_back(interaction.id);
      if (page->next_key.empty()) break;
      query.page.after_key = page->next_key;
    }
    return ids;
  }
};

Timestamp OrderTime(const Interaction& i, InteractionOrder order) {
  switch (order) {
    case InteractionOrder::kUpdateTimeAsc:
    case InteractionOrder::kUpdateTimeDesc:
      return i.update_time;
    case InteractionOrder::kCreateTimeAsc:
    case InteractionOrder::kCreateTimeDesc:
      return i.create_time;
    default:
      return i.receive_time;
  }
}

bool Descending(InteractionOrder order) {
  return order == InteractionOrder::kReceiveTimeDesc ||
         order == InteractionOrder::kUpdateTimeDesc || order == InteractionOrder::kCreateTimeDesc;
}

// The ids of `interactions` sorted as List must return them: by the order's time, ties by id.
std::vector<std::string> Sorted(std::vector<Interaction> interactions, InteractionOrder order) {
  std::sort(interactions.begin(), interactions.end(), [&](const auto& a, const auto& b) {
    const auto key_a = std::make_pair(OrderTime(a, order), a.id);
    const auto key_b = std::make_pair(OrderTime(b, order), b.id);
    return Descending(order) ? key_b < key_a : key_a < key_b;
  });
  std::vector<std::string> ids;
  for (const Interaction& i : interactions) ids.push_back(i.id);
  return ids;
}

TEST_P(StorageInteractionListTest, PagesEveryOrderWithTiesBrokenById) {
  // Four distinct times per column, three interactions on each: every page boundary of size 5
  // falls inside a run of equal times for some order.
  std::vector<Interaction> stored;
  for (int k = 0; k < 12; ++k) {
    Interaction i = NewInteraction(Minutes(k % 4));
    i.create_time = Minutes(10 + (k * 7) % 4);
    i.update_time = Minutes(20 + (k * 5) % 4) + std::chrono::microseconds(1);
    stored.push_back(i);
    ASSERT_NO_FATAL_FAILURE(Store(i));
  }
  const InteractionOrder kOrders[] = {
      InteractionOrder::kReceiveTimeDesc, InteractionOrder::kReceiveTimeAsc,
      InteractionOrder::kUpdateTimeDesc,  InteractionOrder::kUpdateTimeAsc,
      InteractionOrder::kCreateTimeDesc,  InteractionOrder::kCreateTimeAsc};

  for (InteractionOrder order : kOrders) {
    for (int page_size : {1, 5, 12, 50}) {
      SCOPED_TRACE(Cat("order ", static_cast<int>(order), ", page size ", page_size));
      EXPECT_EQ(ListIds("", order, page_size), Sorted(stored, order));
    }
  }
}

TEST_P(StorageInteractionListTest, RejectsAMalformedPageKey) {
  domain::InteractionQuery query;
  query.page = {5, "no-separator"};

  const auto page = repository_->List(query);

  EXPECT_EQ(page.status().code(), absl::StatusCode::kInvalidArgument) << page.status();
}

TEST_P(StorageInteractionListTest, NotEqualIncludesInteractionsWithoutTheField) {
  Interaction in_a = NewInteraction(Minutes(0));
  in_a.queue = "queues/a";
  Interaction in_b = NewInteraction(Minutes(1));
  in_b.queue = "queues/b";
  Interaction unqueued = NewInteraction(Minutes(2));
  unqueued.first_response_time = Minutes(3);
  for (const Interaction& i : {in_a, in_b, unqueued}) ASSERT_NO_FATAL_FAILURE(Store(i));
  const auto order = InteractionOrder::kReceiveTimeAsc;

  EXPECT_EQ(ListIds("queue = \"queues/a\"", order, 10), std::vector<std::string>{in_a.id});
  EXPECT_EQ(ListIds("queue != \"queues/a\"", order, 10),
            (std::vector<std::string>{in_b.id, unqueued.id}));
  EXPECT_EQ(ListIds("NOT queue = \"queues/a\"", order, 10),
            (std::vector<std::string>{in_b.id, unqueued.id}));
  EXPECT_EQ(ListIds("first_response_time < \"2030-01-01T00:00:00Z\"", order, 10),
            std::vector<std::string>{unqueued.id});
  EXPECT_EQ(ListIds("-first_response_time < \"2030-01-01T00:00:00Z\"", order, 10),
            (std::vector<std::string>{in_a.id, in_b.id}));
}

// Generates varied interactions from a fixed seed: optional fields absent about a third of the
// time, subjects with LIKE wildcards and mixed case, and ties on receive_time.
std::vector<Interaction> GenerateInteractions(int count, const std::vector<std::string>& contacts) {
  std::mt19937 random(20260302);
  auto pick = [&](const auto& values) { return values[random() % values.size()]; };
  const std::vector<std::string> queues = {"", "", "queues/a", "queues/b", "queues/c"};
  const std::vector<std::string> agents = {"", "", "agents/x", "agents/y"};
  const std::vector<std::string> services = {"", "Network", "network-vpn", "Email", "Printing"};
  const std::vector<std::string> categories = {"", "Hardware", "hardware", "Software"};
  const std::vector<std::string> departments = {"", "IT", "Finance", "Sales-IT"};
  const std::vector<std::string> subjects = {"",
                                             "Printer jam",
                                             "PRINTER offline",
                                             "VPN at 50% speed",
                                             "VPN at 500 speed",
                                             "name_with_underscore",
                                             "namexwithxunderscore",
                                             "Wow! it works",
                                             "Reset password"};
  std::vector<Interaction> interactions;
  for (int k = 0; k < count; ++k) {
    Interaction i = NewInteraction(Minutes(static_cast<int>(random() % 12) * 15));
    i.channel = static_cast<domain::Channel>(1 + random() % 8);
    i.state = static_cast<domain::InteractionState>(1 + random() % 7);
    i.type = static_cast<domain::InteractionType>(1 + random() % 7);
    i.impact = static_cast<domain::Impact>(random() % 4);
    i.urgency = static_cast<domain::Urgency>(random() % 4);
    i.priority = domain::DerivePriority(i.impact, i.urgency);
    i.service = pick(services);
    i.category = pick(categories);
    i.department = pick(departments);
    i.queue = pick(queues);
    i.agent = pick(agents);
    i.contact_id = pick(contacts);
    i.subject = pick(subjects);
    i.tier = 1 + static_cast<int>(random() % 3);
    if (random() % 3 != 0) i.first_response_time = i.receive_time + std::chrono::minutes(5);
    if (random() % 2 == 0) i.resolve_time = i.receive_time + std::chrono::minutes(60);
    if (i.resolve_time && random() % 2 == 0) i.close_time = *i.resolve_time + std::chrono::hours(1);
    i.update_time = i.receive_time + std::chrono::minutes(static_cast<int>(random() % 300));
    interactions.push_back(i);
  }
  return interactions;
}

TEST_P(StorageInteractionListTest, ListSelectsExactlyWhatMatchesAccepts) {
  const std::vector<std::string> contacts = {"", "", "01JNQ0000000000000000000AA",
                                             "01JNQ0000000000000000000BB"};
  const std::vector<Interaction> stored = GenerateInteractions(40, contacts);
  for (const Interaction& i : stored) ASSERT_NO_FATAL_FAILURE(Store(i));
  const std::string kFilters[] = {
      "",
      "queue != \"queues/a\"",
      "NOT queue = \"queues/a\"",
      "state = QUEUED OR state = INTERACTION_STATE_IN_PROGRESS",
      "channel != CHANNEL_PHONE AND tier >= 2",
      "priority = HIGH OR priority = CRITICAL",
      "subject:printer",
      "subject:\"50%\"",
      "subject:\"e_w\"",
      "subject:\"!\"",
      "agent = \"agents/x\" OR -queue = \"queues/b\"",
      "first_response_time < \"2026-03-02T10:00:00Z\"",
      "NOT first_response_time < \"2026-03-02T10:00:00Z\"",
      "resolve_time >= \"2026-03-02T09:30:00Z\" AND close_time != \"2026-03-02T11:00:00Z\"",
      "contact = \"contacts/01JNQ0000000000000000000AA\"",
      "contact != \"contacts/01JNQ0000000000000000000AA\"",
      "service = \"\" OR service:net",
      "category = Hardware",
      "department:it -department = IT",
      "tier < 3 (impact = HIGH OR urgency = LOW) -(state = CLOSED OR state = RESOLVED)",
      "update_time > \"2026-03-02T11:00:00Z\" AND type != INCIDENT",
  };

  int selective = 0;
  for (const std::string& filter : kFilters) {
    SCOPED_TRACE(filter);
    auto parsed = domain::ParseInteractionFilter(filter);
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    std::vector<Interaction> matching;
    for (const Interaction& i : stored) {
      if (domain::Matches(*parsed, domain::InteractionFieldLookup(i))) matching.push_back(i);
    }
    const auto order = InteractionOrder::kReceiveTimeDesc;

    EXPECT_EQ(ListIds(filter, order, 7), Sorted(matching, order));
    if (!matching.empty() && matching.size() < stored.size()) ++selective;
  }
  // Guards the comparison against data that every filter trivially accepts or rejects.
  EXPECT_GE(selective, 15);
}

INSTANTIATE_TEST_SUITE_P(Backends, StorageInteractionListTest,
                         ::testing::Values(Backend::kSqlite, Backend::kMySql), BackendTestName);

}  // namespace
}  // namespace frontdesk::testing
