// Shared pieces of the storage conformance suites: a fixture that hands every test an empty,
// migrated database on the backend under test, and builders for the records the tests store.
// Header-only because the test target compiles only *_test.cc files.
#pragma once

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "domain/ids.h"
#include "domain/interaction.h"
#include "domain/interaction_fields.h"
#include "domain/interaction_rules.h"
#include "domain/repository.h"
#include "domain/text.h"
#include "domain/time.h"
#include "domain/validation.h"
#include "storage/database.h"
#include "storage/interaction_repository.h"
#include "support/test_database.h"

namespace frontdesk::testing {

// Every storage suite runs once per backend; the backend's name ends the test name.
class StorageTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    auto database = TestDatabase::Create(GetParam());
    ASSERT_TRUE(database.ok()) << database.status();
    test_database_ = *std::move(database);
  }

  storage::Database& database() { return test_database_->database(); }

  std::unique_ptr<TestDatabase> test_database_;
};

// Prints a backend by name in gtest's messages.
inline void PrintTo(Backend backend, std::ostream* out) { *out << BackendName(backend); }

// Names a parameterized instance after its backend: "sqlite" or "mysql".
inline std::string BackendTestName(const ::testing::TestParamInfo<Backend>& info) {
  return BackendName(info.param);
}

// A fixed instant, so that stored times are known exactly: 2026-03-02 08:00:00 UTC.
inline domain::Timestamp BaseTime() {
  return domain::FromUnixMicros(int64_t{1772438400} * 1'000'000);
}

inline domain::Timestamp Minutes(int minutes) { return BaseTime() + std::chrono::minutes(minutes); }

// Returns `piece` repeated `count` times.
inline std::string Repeat(std::string_view piece, int count) {
  std::string out;
  for (int i = 0; i < count; ++i) out.append(piece);
  return out;
}

// Returns `prefix` followed by copies of the one-code-point `piece` up to `code_points` code
// points in all.
inline std::string Fill(std::string_view prefix, std::string_view piece, int code_points) {
  std::string out(prefix);
  for (long length = domain::Utf8Length(out); length >= 0 && length < code_points; ++length) {
    out.append(piece);
  }
  return out;
}

// A minimal interaction as BuildNewInteraction would make it: NEW, version 1.
inline domain::Interaction NewInteraction(domain::Timestamp receive_time) {
  domain::Interaction interaction;
  interaction.id = domain::NewId(receive_time);
  interaction.version = 1;
  interaction.channel = domain::Channel::kEmail;
  interaction.subject = "Printer on floor 3 is jammed";
  interaction.receive_time = receive_time;
  interaction.create_time = receive_time;
  interaction.update_time = receive_time;
  return interaction;
}

inline domain::RequestMeta Meta(std::string request_id, uint64_t fingerprint = 1) {
  domain::RequestMeta meta;
  meta.request_id = std::move(request_id);
  meta.fingerprint = fingerprint;
  meta.actor = "agents/test";
  return meta;
}

// A change that counts reopenings; each call moves update_time on by one millisecond.
inline domain::MutationFunction IncrementReopenCount() {
  return [](const domain::Interaction& current) -> absl::StatusOr<domain::Mutation> {
    domain::Interaction next = current;
    next.reopen_count += 1;
    next.update_time = current.update_time + std::chrono::milliseconds(1);
    return domain::Mutation{std::move(next), std::nullopt,
                            domain::Cat("reopen ", current.reopen_count + 1), true};
  };
}

// Compares two interactions and, when they differ, names the fields that do.
inline ::testing::AssertionResult SameInteraction(const domain::Interaction& actual,
                                                  const domain::Interaction& expected) {
  if (actual == expected) return ::testing::AssertionSuccess();
  auto shorten = [](const std::string& text) {
    return text.size() <= 60 ? text
                             : domain::Cat(text.substr(0, 60), "... (", text.size(), " bytes)");
  };
  ::testing::AssertionResult failure = ::testing::AssertionFailure();
  for (const domain::FieldChange& change : domain::DiffInteractions(expected, actual)) {
    failure << change.field << ": expected \"" << shorten(change.before) << "\", got \""
            << shorten(change.after) << "\"; ";
  }
  auto check = [&](std::string_view field, bool same) {
    if (!same) failure << field << " differs; ";
  };
  check("id", actual.id == expected.id);
  check("version", actual.version == expected.version);
  check("channel_key", actual.channel_key == expected.channel_key);
  check("initial_type", actual.initial_type == expected.initial_type);
  check("downstream_links", actual.downstream_links == expected.downstream_links);
  check("satisfaction", actual.satisfaction == expected.satisfaction);
  check("create_time", actual.create_time == expected.create_time);
  check("update_time", actual.update_time == expected.update_time);
  return failure;
}

// Counts the rows of a table through a session of the pool.
inline long long CountRows(storage::Database& database, const std::string& table) {
  auto lease = database.Acquire();
  if (!lease.ok()) {
    ADD_FAILURE() << lease.status();
    return -1;
  }
  long long count = -1;
  lease->session() << domain::Cat("SELECT COUNT(*) FROM ", table), soci::into(count);
  return count;
}

// Reads every revision of an interaction, oldest first, in pages of `page_size`.
inline std::vector<domain::InteractionRevision> AllRevisions(
    domain::InteractionRepository& repository, const std::string& id, int page_size = 100) {
  std::vector<domain::InteractionRevision> all;
  domain::PageRequest page{page_size, ""};
  for (int pages = 0; pages < 1000; ++pages) {
    auto listed = repository.ListRevisions(id, page);
    if (!listed.ok()) {
      ADD_FAILURE() << listed.status();
      break;
    }
    for (auto& revision : listed->items) all.push_back(std::move(revision));
    if (listed->next_key.empty()) break;
    page.after_key = listed->next_key;
  }
  return all;
}

// A storage test with an interaction repository on the database under test.
class InteractionStorageTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (HasFatalFailure()) return;
    repository_ = std::make_unique<storage::SqlInteractionRepository>(database());
  }

  // Stores `interaction` and fails the test unless it was created.
  void MustCreate(const domain::Interaction& interaction, const std::string& request_id) {
    auto created = repository_->Create(interaction, Meta(request_id));
    ASSERT_TRUE(created.ok()) << created.status();
    ASSERT_FALSE(created->duplicate);
  }

  // Returns the latest change-log sequence, or -1 after recording a failure.
  int64_t Latest() {
    auto latest = repository_->LatestSequence();
    EXPECT_TRUE(latest.ok()) << latest.status();
    return latest.ok() ? *latest : -1;
  }

  std::unique_ptr<storage::SqlInteractionRepository> repository_;
};

}  // namespace frontdesk::testing
