// In-memory fakes of the domain's storage interfaces and clock, for unit tests. They keep the
// contracts documented in domain/repository.h that the domain relies on: versions grow by one
// per change, every change is a revision in one global sequence, pages are keyset positions.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "domain/interaction_fields.h"
#include "domain/repository.h"
#include "domain/text.h"
#include "domain/time.h"

namespace frontdesk::domain::fakes {

// A clock that reads what the test sets.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(Timestamp now) : now_(now) {}
  Timestamp Now() const override { return now_; }
  void Set(Timestamp now) { now_ = now; }

 private:
  Timestamp now_;
};

class FakeContactRepository final : public ContactRepository {
 public:
  void Put(Contact contact) { contacts_[contact.id] = std::move(contact); }

  absl::StatusOr<UpsertOutcome> Upsert(const Contact& contact, const RequestMeta& /*meta*/) override {
    for (auto& [id, stored] : contacts_) {
      if (stored.external_reference != contact.external_reference) continue;
      Contact updated = contact;
      updated.id = id;
      updated.version = stored.version + 1;
      updated.create_time = stored.create_time;
      stored = updated;
      return UpsertOutcome{updated, false};
    }
    Contact created = contact;
    created.version = 1;
    contacts_[created.id] = created;
    return UpsertOutcome{created, true};
  }

  absl::StatusOr<Contact> Get(const std::string& id) override {
    ++get_calls;
    const auto it = contacts_.find(id);
    if (it == contacts_.end()) return absl::NotFoundError(Cat("contact ", id, " not found"));
    return it->second;
  }

  absl::StatusOr<Page<Contact>> List(const PageRequest& page) override {
    std::vector<Contact> all;
    for (const auto& [id, contact] : contacts_) all.push_back(contact);
    std::sort(all.begin(), all.end(), [](const Contact& a, const Contact& b) {
      return a.external_reference < b.external_reference;
    });
    Page<Contact> result;
    for (const Contact& contact : all) {
      if (!page.after_key.empty() && contact.external_reference <= page.after_key) continue;
      if (result.items.size() == static_cast<size_t>(page.page_size)) {
        result.next_key = result.items.back().external_reference;
        break;
      }
      result.items.push_back(contact);
    }
    return result;
  }

  absl::StatusOr<std::vector<Contact>> Search(const std::string& text, int limit) override {
    searches.emplace_back(text, limit);
    return std::vector<Contact>{};
  }

  int get_calls = 0;
  std::vector<std::pair<std::string, int>> searches;

 private:
  std::map<std::string, Contact> contacts_;
};

class FakeInteractionRepository final : public InteractionRepository {
 public:
  // Stores an interaction as given, version included, and logs it as a revision.
  void Put(const Interaction& interaction, const std::string& action = "Seed") {
    interactions_[interaction.id] = interaction;
    Log(interaction, "seeder", action, "");
  }

  absl::StatusOr<CreateOutcome> Create(const Interaction& interaction,
                                       const RequestMeta& meta) override {
    for (const auto& [id, stored] : interactions_) {
      if (!interaction.channel_key.empty() && stored.channel == interaction.channel &&
          stored.channel_key == interaction.channel_key) {
        return CreateOutcome{stored, true};
      }
    }
    interactions_[interaction.id] = interaction;
    Log(interaction, meta.actor, "CreateInteraction", "");
    return CreateOutcome{interaction, false};
  }

  absl::StatusOr<Interaction> Get(const std::string& id) override {
    const auto it = interactions_.find(id);
    if (it == interactions_.end()) return NotFound(id);
    return it->second;
  }

  // Lists by id; the position is the last id returned.
  absl::StatusOr<Page<Interaction>> List(const InteractionQuery& query) override {
    queries.push_back(query);
    Page<Interaction> page;
    for (const auto& [id, interaction] : interactions_) {
      if (!query.page.after_key.empty() && id <= query.page.after_key) continue;
      if (!Matches(query.filter, InteractionFieldLookup(interaction))) continue;
      if (page.items.size() == static_cast<size_t>(query.page.page_size)) {
        page.next_key = page.items.back().id;
        break;
      }
      page.items.push_back(interaction);
    }
    return page;
  }

  absl::StatusOr<MutationOutcome> Mutate(const std::string& id, const RequestMeta& meta,
                                         std::string_view action,
                                         const MutationFunction& mutate) override {
    const auto it = interactions_.find(id);
    if (it == interactions_.end()) return NotFound(id);
    auto mutation = mutate(it->second);
    if (!mutation.ok()) return mutation.status();
    if (!mutation->changed) return MutationOutcome{it->second, std::nullopt};
    Interaction next = mutation->next;
    next.version = it->second.version + 1;
    it->second = next;
    if (mutation->communication) communications_[id].push_back(*mutation->communication);
    Log(next, meta.actor, std::string(action), mutation->detail);
    return MutationOutcome{next, mutation->communication};
  }

  absl::StatusOr<Page<Communication>> ListCommunications(const std::string& id,
                                                         const PageRequest& page) override {
    if (!interactions_.contains(id)) return NotFound(id);
    Page<Communication> result;
    for (const Communication& c : communications_[id]) {
      if (result.items.size() == static_cast<size_t>(page.page_size)) break;
      result.items.push_back(c);
    }
    return result;
  }

  // Lists revisions with a version above the position, oldest first, as storage does.
  absl::StatusOr<Page<InteractionRevision>> ListRevisions(const std::string& id,
                                                          const PageRequest& page) override {
    revision_requests.push_back(page);
    if (!interactions_.contains(id)) return NotFound(id);
    const int64_t after = page.after_key.empty() ? 0 : std::stoll(page.after_key);
    Page<InteractionRevision> result;
    for (const InteractionRevision& revision : log_) {
      if (revision.interaction.id != id || revision.interaction.version <= after) continue;
      if (result.items.size() == static_cast<size_t>(page.page_size)) {
        result.next_key = Cat(result.items.back().interaction.version);
        break;
      }
      result.items.push_back(revision);
    }
    return result;
  }

  absl::StatusOr<std::vector<InteractionRevision>> ReadChanges(int64_t after_sequence,
                                                               int limit) override {
    std::vector<InteractionRevision> changes;
    for (const InteractionRevision& revision : log_) {
      if (revision.sequence <= after_sequence) continue;
      if (changes.size() == static_cast<size_t>(limit)) break;
      changes.push_back(revision);
    }
    return changes;
  }

  absl::StatusOr<int64_t> LatestSequence() override {
    return log_.empty() ? 0 : log_.back().sequence;
  }

  std::vector<InteractionQuery> queries;
  std::vector<PageRequest> revision_requests;

 private:
  static absl::Status NotFound(const std::string& id) {
    return absl::NotFoundError(Cat("interaction ", id, " not found"));
  }

  void Log(const Interaction& interaction, std::string actor, std::string action,
           std::string detail) {
    const int64_t sequence = log_.empty() ? 1 : log_.back().sequence + 1;
    log_.push_back(InteractionRevision{sequence, std::move(actor), std::move(action),
                                       std::move(detail), interaction.update_time, interaction});
  }

  std::map<std::string, Interaction> interactions_;
  std::map<std::string, std::vector<Communication>> communications_;
  std::vector<InteractionRevision> log_;
};

}  // namespace frontdesk::domain::fakes
