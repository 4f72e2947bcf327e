#include "domain/interaction_manager.h"

#include <charconv>

#include "domain/errors.h"
#include "domain/ids.h"
#include "domain/page_token.h"
#include "domain/text.h"
#include "domain/validation.h"

namespace frontdesk::domain {
namespace {

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 1000;

// Accepts any letter case and extra spaces: "Receive_Time  DESC" is "receive_time desc".
std::string NormalizeOrder(std::string_view order_by) {
  std::string normalized;
  for (const std::string& word : Split(order_by, ' ', true)) {
    if (!normalized.empty()) normalized += ' ';
    for (char c : word) normalized += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return normalized;
}

absl::StatusOr<InteractionOrder> ParseOrder(std::string_view raw_order_by) {
  const std::string order_by = NormalizeOrder(raw_order_by);
  static const std::pair<std::string_view, InteractionOrder> kOrders[] = {
      {"", InteractionOrder::kReceiveTimeDesc},
      {"receive_time desc", InteractionOrder::kReceiveTimeDesc},
      {"receive_time", InteractionOrder::kReceiveTimeAsc},
      {"receive_time asc", InteractionOrder::kReceiveTimeAsc},
      {"update_time desc", InteractionOrder::kUpdateTimeDesc},
      {"update_time", InteractionOrder::kUpdateTimeAsc},
      {"update_time asc", InteractionOrder::kUpdateTimeAsc},
      {"create_time desc", InteractionOrder::kCreateTimeDesc},
      {"create_time", InteractionOrder::kCreateTimeAsc},
      {"create_time asc", InteractionOrder::kCreateTimeAsc},
  };
  for (const auto& [text, order] : kOrders) {
    if (order_by == text) return order;
  }
  return InvalidField("order_by",
                      "must be receive_time, update_time or create_time, optionally followed by "
                      "\"asc\" or \"desc\"");
}

std::optional<int64_t> ParseSequence(std::string_view text) {
  int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}


HistoryEntry ToHistoryEntry(const InteractionRevision& revision, const Interaction& before) {
  HistoryEntry entry{revision.interaction.version, revision.actor, revision.action,
                     revision.detail, revision.change_time,
                     DiffInteractions(before, revision.interaction)};
  // The first revision has nothing before it: every field it shows was unset.
  if (entry.revision == 1) {
    for (FieldChange& change : entry.changes) change.before.clear();
  }
  return entry;
}

}  // namespace

InteractionManager::InteractionManager(InteractionRepository& interactions,
                                       ContactRepository& contacts, const Clock& clock)
    : interactions_(interactions), contacts_(contacts), clock_(clock) {}

absl::StatusOr<CreateOutcome> InteractionManager::Create(const InteractionDraft& draft,
                                                         const RequestMeta& meta) {
  const Timestamp now = clock_.Now();
  auto interaction = BuildNewInteraction(draft, NewId(now), now);
  if (!interaction.ok()) return interaction.status();
  if (!interaction->contact_id.empty()) {
    auto contact = contacts_.Get(interaction->contact_id);
    if (!contact.ok()) return contact.status();
    if (interaction->department.empty()) interaction->department = contact->department;
  }
  return interactions_.Create(*interaction, meta);
}

absl::Status InteractionManager::ValidateDraft(const InteractionDraft& draft) const {
  return domain::ValidateDraft(draft, clock_.Now());
}

absl::StatusOr<Interaction> InteractionManager::Get(const std::string& id) {
  return interactions_.Get(id);
}

absl::StatusOr<Listing<Interaction>> InteractionManager::List(const ListInteractionsInput& input) {
  auto filter = ParseInteractionFilter(input.filter);
  if (!filter.ok()) return FilterFieldError(filter.status());
  auto order = ParseOrder(input.order_by);
  if (!order.ok()) return order.status();
  InteractionQuery query{*std::move(filter), *order, {}};
  return ListQuery(std::move(query), input.page_size, input.page_token,
                   Cat("list|", input.filter, "|", input.order_by));
}

absl::StatusOr<Listing<Interaction>> InteractionManager::ListForContact(
    const std::string& contact_id, int page_size, const std::string& page_token) {
  if (auto contact = contacts_.Get(contact_id); !contact.ok()) return contact.status();
  auto filter = ParseInteractionFilter(Cat("contact = \"contacts/", contact_id, "\""));
  if (!filter.ok()) return filter.status();
  InteractionQuery query{*std::move(filter), InteractionOrder::kReceiveTimeDesc, {}};
  return ListQuery(std::move(query), page_size, page_token, Cat("contact|", contact_id));
}

absl::StatusOr<Listing<Interaction>> InteractionManager::ListQuery(
    InteractionQuery query, int page_size, const std::string& page_token,
    const std::string& request_shape) {
  auto size = EffectivePageSize(page_size, kDefaultPageSize, kMaxPageSize);
  if (!size.ok()) return size.status();
  auto position = DecodePageToken(page_token, request_shape);
  if (!position.ok()) return position.status();
  query.page = PageRequest{*size, *position};
  auto page = interactions_.List(query);
  if (!page.ok()) return page.status();
  return Listing<Interaction>{std::move(page->items),
                              EncodePageToken(page->next_key, request_shape)};
}

absl::StatusOr<Interaction> InteractionManager::MutateInteraction(
    const std::string& id, const RequestMeta& meta, std::string_view action,
    std::function<absl::StatusOr<Mutation>(const Interaction&, Timestamp)> rule) {
  auto outcome = interactions_.Mutate(
      id, meta, action, [&](const Interaction& current) -> absl::StatusOr<Mutation> {
        if (auto s = CheckEtag(current, meta.etag); !s.ok()) return s;
        return rule(current, clock_.Now());
      });
  if (!outcome.ok()) return outcome.status();
  return std::move(outcome->interaction);
}

absl::StatusOr<Interaction> InteractionManager::Update(const std::string& id,
                                                       const InteractionPatch& patch,
                                                       const RequestMeta& meta) {
  for (const std::string& path : patch.paths) {
    if (path != "contact" || patch.values.contact_id.empty()) continue;
    if (auto contact = contacts_.Get(patch.values.contact_id); !contact.ok()) {
      return contact.status();
    }
  }
  return MutateInteraction(id, meta, "UpdateInteraction",
                           [&](const Interaction& current, Timestamp now) {
                             return ApplyUpdate(current, patch, now);
                           });
}

absl::StatusOr<MutationOutcome> InteractionManager::LogCommunication(
    const std::string& id, const Communication& communication, const RequestMeta& meta) {
  return interactions_.Mutate(
      id, meta, "LogCommunication", [&](const Interaction& current) -> absl::StatusOr<Mutation> {
        if (auto s = CheckEtag(current, meta.etag); !s.ok()) return s;
        const Timestamp now = clock_.Now();
        Communication stored = communication;
        stored.id = NewId(now);
        return ApplyCommunication(current, std::move(stored), now);
      });
}

absl::StatusOr<Interaction> InteractionManager::Hold(const std::string& id, HoldReason reason,
                                                     const RequestMeta& meta) {
  return MutateInteraction(id, meta, "HoldInteraction", [&](const Interaction& c, Timestamp now) {
    return ApplyHold(c, reason, now);
  });
}

absl::StatusOr<Interaction> InteractionManager::Resume(const std::string& id,
                                                       const RequestMeta& meta) {
  return MutateInteraction(id, meta, "ResumeInteraction", ApplyResume);
}

absl::StatusOr<Interaction> InteractionManager::Resolve(const std::string& id,
                                                        const Resolution& resolution,
                                                        const RequestMeta& meta) {
  return MutateInteraction(id, meta, "ResolveInteraction",
                           [&](const Interaction& c, Timestamp now) {
                             return ApplyResolve(c, resolution, now);
                           });
}

absl::StatusOr<Interaction> InteractionManager::Reopen(const std::string& id,
                                                       const std::string& reason,
                                                       const RequestMeta& meta) {
  return MutateInteraction(id, meta, "ReopenInteraction",
                           [&](const Interaction& c, Timestamp now) {
                             return ApplyReopen(c, reason, now);
                           });
}

absl::StatusOr<Interaction> InteractionManager::Close(const std::string& id,
                                                      const RequestMeta& meta) {
  return MutateInteraction(id, meta, "CloseInteraction", ApplyClose);
}

absl::StatusOr<Interaction> InteractionManager::Abandon(const std::string& id,
                                                        std::optional<Timestamp> when,
                                                        const RequestMeta& meta) {
  return MutateInteraction(id, meta, "AbandonInteraction",
                           [&](const Interaction& c, Timestamp now) {
                             return ApplyAbandon(c, when, now);
                           });
}

absl::StatusOr<Interaction> InteractionManager::Link(const std::string& id,
                                                     const DownstreamLink& link,
                                                     const RequestMeta& meta) {
  return MutateInteraction(id, meta, "LinkDownstreamRecord",
                           [&](const Interaction& c, Timestamp now) {
                             return ApplyLink(c, link, now);
                           });
}

absl::StatusOr<Interaction> InteractionManager::ReportDownstreamStatus(
    const std::string& id, const DownstreamStatusReport& report, const RequestMeta& meta) {
  return MutateInteraction(id, meta, "UpdateDownstreamStatus",
                           [&](const Interaction& c, Timestamp now) {
                             return ApplyDownstreamStatus(c, report, now);
                           });
}

absl::StatusOr<Interaction> InteractionManager::SubmitSurvey(const std::string& id,
                                                             const SatisfactionSurvey& survey,
                                                             const RequestMeta& meta) {
  return MutateInteraction(id, meta, "SubmitSatisfactionSurvey",
                           [&](const Interaction& c, Timestamp now) {
                             return ApplySurvey(c, survey, now);
                           });
}

absl::StatusOr<Listing<Communication>> InteractionManager::ListCommunications(
    const std::string& id, int page_size, const std::string& page_token) {
  auto size = EffectivePageSize(page_size, kDefaultPageSize, kMaxPageSize);
  if (!size.ok()) return size.status();
  const std::string shape = Cat("communications|", id);
  auto position = DecodePageToken(page_token, shape);
  if (!position.ok()) return position.status();
  auto page = interactions_.ListCommunications(id, PageRequest{*size, *position});
  if (!page.ok()) return page.status();
  return Listing<Communication>{std::move(page->items), EncodePageToken(page->next_key, shape)};
}

absl::StatusOr<Listing<HistoryEntry>> InteractionManager::ListHistory(
    const std::string& id, int page_size, const std::string& page_token) {
  auto size = EffectivePageSize(page_size, kDefaultPageSize, kMaxPageSize);
  if (!size.ok()) return size.status();
  const std::string shape = Cat("history|", id);
  auto position = DecodePageToken(page_token, shape);
  if (!position.ok()) return position.status();
  const int64_t last_seen = position->empty() ? 0 : ParseSequence(*position).value_or(0);
  // The revision before the page is read too, as the baseline of the first entry's changes.
  const int64_t baseline = last_seen > 0 ? last_seen - 1 : 0;
  auto page = interactions_.ListRevisions(
      id, PageRequest{*size + (last_seen > 0 ? 1 : 0), baseline > 0 ? Cat(baseline) : ""});
  if (!page.ok()) return page.status();
  Listing<HistoryEntry> listing;
  Interaction before;
  for (const InteractionRevision& revision : page->items) {
    if (revision.interaction.version > last_seen) {
      listing.items.push_back(ToHistoryEntry(revision, before));
    }
    before = revision.interaction;
  }
  if (!page->next_key.empty() && !listing.items.empty()) {
    listing.next_page_token = EncodePageToken(Cat(listing.items.back().revision), shape);
  }
  return listing;
}

absl::StatusOr<WatchCursor> InteractionManager::StartWatch(const std::string& filter,
                                                           const std::string& start_cursor) {
  auto parsed = ParseInteractionFilter(filter);
  if (!parsed.ok()) return FilterFieldError(parsed.status());
  if (!start_cursor.empty()) {
    auto sequence = ParseSequence(start_cursor);
    if (!sequence) return InvalidField("start_cursor", "must be a cursor from a response");
    return WatchCursor{*std::move(parsed), *sequence};
  }
  auto latest = interactions_.LatestSequence();
  if (!latest.ok()) return latest.status();
  return WatchCursor{*std::move(parsed), *latest};
}

absl::StatusOr<std::vector<WatchEvent>> InteractionManager::PollChanges(WatchCursor& cursor,
                                                                        int limit) {
  auto changes = interactions_.ReadChanges(cursor.after_sequence, limit);
  if (!changes.ok()) return changes.status();
  std::vector<WatchEvent> events;
  for (InteractionRevision& revision : *changes) {
    cursor.after_sequence = revision.sequence;
    if (!Matches(cursor.filter, InteractionFieldLookup(revision.interaction))) continue;
    events.push_back(WatchEvent{revision.sequence, revision.interaction.version == 1,
                                std::move(revision.action), revision.change_time,
                                std::move(revision.interaction)});
  }
  return events;
}

absl::StatusOr<UpsertOutcome> InteractionManager::UpsertContact(const Contact& contact,
                                                                const RequestMeta& meta) {
  if (auto status = ValidateContact(contact); !status.ok()) return status;
  Contact candidate = contact;
  candidate.id = NewId(clock_.Now());
  candidate.create_time = candidate.update_time = clock_.Now();
  return contacts_.Upsert(candidate, meta);
}

absl::StatusOr<Contact> InteractionManager::GetContact(const std::string& id) {
  return contacts_.Get(id);
}

absl::StatusOr<Listing<Contact>> InteractionManager::ListContacts(int page_size,
                                                                  const std::string& page_token) {
  auto size = EffectivePageSize(page_size, kDefaultPageSize, kMaxPageSize);
  if (!size.ok()) return size.status();
  auto position = DecodePageToken(page_token, "contacts");
  if (!position.ok()) return position.status();
  auto page = contacts_.List(PageRequest{*size, *position});
  if (!page.ok()) return page.status();
  return Listing<Contact>{std::move(page->items), EncodePageToken(page->next_key, "contacts")};
}

absl::StatusOr<std::vector<Contact>> InteractionManager::SearchContacts(const std::string& query,
                                                                        int page_size) {
  Violations v;
  v.CheckRequiredText("query", query, 128);
  if (Utf8Length(query) == 1) v.Add("query", "must be at least 2 characters");
  if (!v.empty()) return v.ToStatus();
  auto size = EffectivePageSize(page_size, 20, 100);
  if (!size.ok()) return size.status();
  return contacts_.Search(query, *size);
}

}  // namespace frontdesk::domain
