#include "storage/contact_repository.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "domain/errors.h"
#include "domain/ids.h"
#include "domain/text.h"
#include "integration/storage/storage_test_support.h"
#include "storage/interaction_repository.h"

namespace frontdesk::testing {
namespace {

using domain::Cat;
using domain::Contact;

Contact NewContact(std::string external_reference, std::string display_name,
                   std::string email = "") {
  Contact contact;
  contact.id = domain::NewId(Minutes(0));
  contact.version = 1;
  contact.external_reference = std::move(external_reference);
  contact.display_name = std::move(display_name);
  contact.email = std::move(email);
  contact.phone = "+49 30 1234567";
  contact.department = "Finance";
  contact.vip = false;
  contact.create_time = Minutes(0);
  contact.update_time = Minutes(0);
  return contact;
}

void ExpectSameContact(const Contact& actual, const Contact& expected) {
  EXPECT_EQ(actual.id, expected.id);
  EXPECT_EQ(actual.version, expected.version);
  EXPECT_EQ(actual.external_reference, expected.external_reference);
  EXPECT_EQ(actual.display_name, expected.display_name);
  EXPECT_EQ(actual.email, expected.email);
  EXPECT_EQ(actual.phone, expected.phone);
  EXPECT_EQ(actual.department, expected.department);
  EXPECT_EQ(actual.vip, expected.vip);
  EXPECT_EQ(actual.create_time, expected.create_time);
  EXPECT_EQ(actual.update_time, expected.update_time);
}

class StorageContactRepositoryTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (HasFatalFailure()) return;
    repository_ = std::make_unique<storage::SqlContactRepository>(database());
  }

  // Upserts under a request id never used before.
  absl::StatusOr<domain::UpsertOutcome> Upsert(const Contact& contact) {
    return repository_->Upsert(contact, Meta(Cat("auto-upsert-", ++requests_)));
  }

  void Store(const Contact& contact) {
    auto upserted = Upsert(contact);
    ASSERT_TRUE(upserted.ok()) << upserted.status();
    ASSERT_TRUE(upserted->created);
  }

  // Returns the display names Search finds for `text`, sorted.
  std::vector<std::string> SearchNames(const std::string& text) {
    auto found = repository_->Search(text, 50);
    EXPECT_TRUE(found.ok()) << text << ": " << found.status();
    std::vector<std::string> names;
    if (found.ok()) {
      for (const Contact& contact : *found) names.push_back(contact.display_name);
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  std::unique_ptr<storage::SqlContactRepository> repository_;
  int requests_ = 0;
};

TEST_P(StorageContactRepositoryTest, UpsertCreatesAContactThatGetReturns) {
  Contact contact = NewContact("ad:jdoe", "Jürgen Doe 😀", "jdoe@example.com");
  contact.vip = true;

  auto upserted = Upsert(contact);
  auto fetched = repository_->Get(contact.id);

  ASSERT_TRUE(upserted.ok()) << upserted.status();
  EXPECT_TRUE(upserted->created);
  ExpectSameContact(upserted->contact, contact);
  ASSERT_TRUE(fetched.ok()) << fetched.status();
  ExpectSameContact(*fetched, contact);
}

TEST_P(StorageContactRepositoryTest, UpsertUpdatesTheContactWithTheSameReference) {
  const Contact original = NewContact("ad:jdoe", "John Doe", "jdoe@example.com");
  ASSERT_NO_FATAL_FAILURE(Store(original));
  Contact changed = NewContact("ad:jdoe", "John Q. Doe", "john.doe@example.com");
  changed.department = "Sales";
  changed.vip = true;
  changed.update_time = Minutes(30);

  auto upserted = Upsert(changed);

  ASSERT_TRUE(upserted.ok()) << upserted.status();
  EXPECT_FALSE(upserted->created);
  Contact expected = changed;
  expected.id = original.id;
  expected.version = 2;
  expected.create_time = original.create_time;
  ExpectSameContact(upserted->contact, expected);
  auto fetched = repository_->Get(original.id);
  ASSERT_TRUE(fetched.ok()) << fetched.status();
  ExpectSameContact(*fetched, expected);
  EXPECT_EQ(repository_->Get(changed.id).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(CountRows(database(), "contacts"), 1);
}

TEST_P(StorageContactRepositoryTest, UpsertOfUnchangedDetailsKeepsTheVersion) {
  const Contact original = NewContact("ad:jdoe", "John Doe", "jdoe@example.com");
  ASSERT_NO_FATAL_FAILURE(Store(original));
  Contact same = original;
  same.id = domain::NewId(Minutes(5));
  same.update_time = Minutes(30);

  auto upserted = Upsert(same);

  ASSERT_TRUE(upserted.ok()) << upserted.status();
  EXPECT_FALSE(upserted->created);
  ExpectSameContact(upserted->contact, original);
  auto fetched = repository_->Get(original.id);
  ASSERT_TRUE(fetched.ok()) << fetched.status();
  ExpectSameContact(*fetched, original);
}

TEST_P(StorageContactRepositoryTest, ARetriedRequestIdReturnsTheContactAsStoredNow) {
  const Contact original = NewContact("ad:jdoe", "John Doe", "jdoe@example.com");
  ASSERT_TRUE(repository_->Upsert(original, Meta("upsert-1", 7)).ok());
  Contact renamed = original;
  renamed.display_name = "John Q. Doe";
  auto updated = Upsert(renamed);
  ASSERT_TRUE(updated.ok()) << updated.status();

  auto retried = repository_->Upsert(original, Meta("upsert-1", 7));

  ASSERT_TRUE(retried.ok()) << retried.status();
  EXPECT_FALSE(retried->created);
  ExpectSameContact(retried->contact, updated->contact);
  EXPECT_EQ(CountRows(database(), "contacts"), 1);
}

TEST_P(StorageContactRepositoryTest, ARequestIdReusedForAnotherRequestIsRejected) {
  const Contact original = NewContact("ad:jdoe", "John Doe", "jdoe@example.com");
  ASSERT_TRUE(repository_->Upsert(original, Meta("upsert-1", 7)).ok());
  storage::SqlInteractionRepository interactions(database());
  ASSERT_TRUE(interactions.Create(NewInteraction(Minutes(0)), Meta("create-1", 7)).ok());

  const absl::Status statuses[] = {
      repository_->Upsert(NewContact("ad:other", "Other"), Meta("upsert-1", 8)).status(),
      repository_->Upsert(NewContact("ad:other", "Other"), Meta("create-1", 7)).status(),
  };

  for (const absl::Status& status : statuses) {
    EXPECT_EQ(status.code(), absl::StatusCode::kAlreadyExists) << status;
    EXPECT_EQ(domain::ReasonOf(status), "REQUEST_ID_REUSED") << status;
  }
  EXPECT_EQ(CountRows(database(), "contacts"), 1);
}

TEST_P(StorageContactRepositoryTest, GetOfAnUnknownIdIsNotFound) {
  const auto fetched = repository_->Get(domain::NewId(Minutes(0)));

  EXPECT_EQ(fetched.status().code(), absl::StatusCode::kNotFound) << fetched.status();
}

TEST_P(StorageContactRepositoryTest, ListPagesByExternalReference) {
  const std::vector<std::string> references = {"ad:m", "ad:b",    "hr:0042", "ad:z",
                                               "ad:a", "hr:0007", "AD:upper"};
  for (const std::string& reference : references) {
    ASSERT_NO_FATAL_FAILURE(Store(NewContact(reference, Cat("Contact ", reference))));
  }
  std::vector<std::string> expected = references;
  std::sort(expected.begin(), expected.end());

  std::vector<std::string> listed;
  std::vector<size_t> page_sizes;
  domain::PageRequest page{3, ""};
  for (int pages = 0; pages < 10; ++pages) {
    auto result = repository_->List(page);
    ASSERT_TRUE(result.ok()) << result.status();
    page_sizes.push_back(result->items.size());
    for (const Contact& contact : result->items) listed.push_back(contact.external_reference);
    if (result->next_key.empty()) break;
    page.after_key = result->next_key;
  }

  EXPECT_EQ(listed, expected);
  EXPECT_EQ(page_sizes, (std::vector<size_t>{3, 3, 1}));
}

TEST_P(StorageContactRepositoryTest, SearchIgnoresCaseInNameAndEmail) {
  ASSERT_NO_FATAL_FAILURE(Store(NewContact("r1", "Alice Smith", "asmith@example.com")));
  ASSERT_NO_FATAL_FAILURE(Store(NewContact("r2", "Bob Jones", "ALICE.J@EXAMPLE.COM")));
  ASSERT_NO_FATAL_FAILURE(Store(NewContact("r3", "Carol White", "carol@example.org")));

  EXPECT_EQ(SearchNames("alice"), (std::vector<std::string>{"Alice Smith", "Bob Jones"}));
  EXPECT_EQ(SearchNames("SMITH"), std::vector<std::string>{"Alice Smith"});
  EXPECT_EQ(SearchNames("example.ORG"), std::vector<std::string>{"Carol White"});
  EXPECT_EQ(SearchNames("nobody"), std::vector<std::string>{});
  auto limited = repository_->Search("example", 2);
  ASSERT_TRUE(limited.ok()) << limited.status();
  EXPECT_EQ(limited->size(), 2u);
}

TEST_P(StorageContactRepositoryTest, SearchMatchesLikeWildcardsLiterally) {
  ASSERT_NO_FATAL_FAILURE(Store(NewContact("r1", "Quota 100% used", "q1@example.com")));
  ASSERT_NO_FATAL_FAILURE(Store(NewContact("r2", "Quota 1000 used", "q2@example.com")));
  ASSERT_NO_FATAL_FAILURE(Store(NewContact("r3", "first_last", "fl@example.com")));
  ASSERT_NO_FATAL_FAILURE(Store(NewContact("r4", "firstXlast", "fx@example.com")));
  ASSERT_NO_FATAL_FAILURE(Store(NewContact("r5", "Hey! there", "hey@example.com")));
  ASSERT_NO_FATAL_FAILURE(Store(NewContact("r6", "back\\slash", "bs@example.com")));

  EXPECT_EQ(SearchNames("100%"), std::vector<std::string>{"Quota 100% used"});
  EXPECT_EQ(SearchNames("%"), std::vector<std::string>{"Quota 100% used"});
  EXPECT_EQ(SearchNames("t_l"), std::vector<std::string>{"first_last"});
  EXPECT_EQ(SearchNames("_"), std::vector<std::string>{"first_last"});
  EXPECT_EQ(SearchNames("y!"), std::vector<std::string>{"Hey! there"});
  EXPECT_EQ(SearchNames("!%"), std::vector<std::string>{});
  EXPECT_EQ(SearchNames("k\\s"), std::vector<std::string>{"back\\slash"});
}

TEST_P(StorageContactRepositoryTest, SearchIgnoresCaseOfNonAsciiLetters) {
  // The contract says case-insensitively, without the ASCII-only limit that filters document;
  // whatever the rule, both backends must return the same contacts for the same query.
  ASSERT_NO_FATAL_FAILURE(Store(NewContact("r1", "Émile Zola", "ez@example.com")));
  ASSERT_NO_FATAL_FAILURE(Store(NewContact("r2", "Mesut Özil", "mo@example.com")));

  EXPECT_EQ(SearchNames("émile"), std::vector<std::string>{"Émile Zola"});
  EXPECT_EQ(SearchNames("ÉMILE"), std::vector<std::string>{"Émile Zola"});
  EXPECT_EQ(SearchNames("özil"), std::vector<std::string>{"Mesut Özil"});
}

INSTANTIATE_TEST_SUITE_P(Backends, StorageContactRepositoryTest,
                         ::testing::Values(Backend::kSqlite, Backend::kMySql), BackendTestName);

}  // namespace
}  // namespace frontdesk::testing
