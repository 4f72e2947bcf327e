#include "storage/import_repository.h"

#include <algorithm>
#include <future>
#include <map>
#include <span>

#include "absl/strings/str_join.h"
#include "domain/errors.h"
#include "domain/text.h"
#include "storage/bulk_insert.h"
#include "storage/contact_repository.h"
#include "storage/interaction_codec.h"
#include "storage/interaction_statements.h"
#include "storage/unit_of_work.h"

namespace frontdesk::storage {
namespace {

using domain::Cat;
using domain::PreparedImport;
using domain::StoredImport;
using Params = std::vector<std::pair<std::string, std::string>>;
using Records = std::span<const PreparedImport>;

const std::vector<std::string_view>& ImportColumns() {
  static const std::vector<std::string_view> kColumns = {"external_reference", "interaction_id",
                                                         "import_time"};
  return kColumns;
}

const std::vector<std::string_view>& RevisionRowColumns() {
  static const std::vector<std::string_view> kColumns = [] {
    std::vector<std::string_view> columns = RevisionColumns();
    const auto& interaction = InteractionColumns();
    columns.insert(columns.end(), interaction.begin(), interaction.end());
    return columns;
  }();
  return kColumns;
}

// Calls `on_row` for each row of `table` whose `key_column` is one of `keys`.
template <typename OnRow>
void SelectWhereIn(soci::session& session, std::string_view table, std::string_view key_column,
                   const std::vector<std::string_view>& columns,
                   const std::vector<std::string>& keys, OnRow on_row) {
  if (keys.empty()) return;
  Params params;
  std::vector<std::string> placeholders;
  for (const std::string& key : keys) {
    params.emplace_back(Cat("k", params.size()), key);
    placeholders.push_back(Cat(":", params.back().first));
  }
  Query(session,
        Cat("SELECT ", ColumnList(columns), " FROM ", table, " WHERE ", key_column, " IN (",
            absl::StrJoin(placeholders, ", "), ")"),
        columns, params, on_row);
}

// Returns `key_column -> value_column` of the rows of `table` whose key is one of `keys`.
std::map<std::string, std::string> SelectByKeys(soci::session& session, std::string_view table,
                                                std::string_view key_column,
                                                std::string_view value_column,
                                                const std::vector<std::string>& keys) {
  std::map<std::string, std::string> found;
  SelectWhereIn(session, table, key_column, {key_column, value_column}, keys,
                [&](const SqlRow& row) {
                  found.emplace(row.Text(key_column), row.Text(value_column));
                });
  return found;
}

std::string ChannelKeyOf(const domain::Interaction& interaction) {
  return Cat(domain::NameOf(interaction.channel), "\t", interaction.channel_key);
}

// Returns `channel \t channel_key -> id` of stored interactions holding a key of the records.
std::map<std::string, std::string> SelectTakenChannelKeys(soci::session& session,
                                                          Records records) {
  std::vector<std::string> keys;
  for (const PreparedImport& record : records) {
    if (!record.interaction.channel_key.empty()) keys.push_back(record.interaction.channel_key);
  }
  std::map<std::string, std::string> taken;
  SelectWhereIn(session, "interactions", "channel_key", {"channel", "channel_key", "id"}, keys,
                [&](const SqlRow& row) {
                  taken.emplace(Cat(row.Text("channel"), "\t", row.Text("channel_key")),
                                row.Text("id"));
                });
  return taken;
}

// What one transaction stores: a result per record, and which records it writes.
struct BatchPlan {
  std::vector<StoredImport> results;
  std::vector<const PreparedImport*> to_store;
  std::map<std::string, std::string> contact_ids;  // By the contact's external reference.
};

BatchPlan Plan(soci::session& session, Records records) {
  std::vector<std::string> references;
  for (const PreparedImport& record : records) references.push_back(record.external_reference);
  const auto imported = SelectByKeys(session, "interaction_imports", "external_reference",
                                     "interaction_id", references);
  auto taken = SelectTakenChannelKeys(session, records);
  BatchPlan plan;
  plan.results.resize(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    const PreparedImport& record = records[i];
    if (auto found = imported.find(record.external_reference); found != imported.end()) {
      plan.results[i] = {false, found->second, absl::OkStatus()};
      continue;
    }
    const domain::Interaction& interaction = record.interaction;
    if (!interaction.channel_key.empty()) {
      auto [holder, fresh] = taken.emplace(ChannelKeyOf(interaction), interaction.id);
      if (!fresh) {
        plan.results[i].error = domain::InvalidField(
            "interaction.channel_key", Cat("is already used by interactions/", holder->second));
        continue;
      }
    }
    plan.results[i] = {true, interaction.id, absl::OkStatus()};
    plan.to_store.push_back(&record);
  }
  return plan;
}

// Matches each record's contact by external reference, creating the ones not stored yet. A
// racing creation of the same contact fails on its unique key and the batch runs again.
void MatchContacts(soci::session& session, Dialect dialect, BatchPlan& plan) {
  std::map<std::string, const domain::Contact*> wanted;
  for (const PreparedImport* record : plan.to_store) {
    if (record->contact) wanted.emplace(record->contact->external_reference, &*record->contact);
  }
  std::vector<std::string> references;
  for (const auto& [reference, contact] : wanted) references.push_back(reference);
  plan.contact_ids =
      SelectByKeys(session, "contacts", "external_reference", "id", references);
  std::vector<SqlRow> rows;
  for (const auto& [reference, contact] : wanted) {
    if (!plan.contact_ids.emplace(reference, contact->id).second) continue;
    EncodeContact(*contact, rows.emplace_back(ContactColumns()));
  }
  InsertRows(session, dialect, "contacts", ContactColumns(), rows);
}

void SetContact(const BatchPlan& plan, const PreparedImport& record, SqlRow& row) {
  if (record.contact) row.Set("contact_id", plan.contact_ids.at(record.contact->external_reference));
}

void WriteInteractions(soci::session& session, Dialect dialect, const BatchPlan& plan,
                       domain::Timestamp now) {
  std::vector<const PreparedImport*> by_reference = plan.to_store;
  // The same order in every transaction keeps racing imports from deadlocking on the keys.
  std::sort(by_reference.begin(), by_reference.end(), [](const auto* a, const auto* b) {
    return a->external_reference < b->external_reference;
  });
  std::vector<SqlRow> imports;
  std::vector<SqlRow> interactions;
  std::vector<SqlRow> communications;
  for (const PreparedImport* record : by_reference) {
    SqlRow& import = imports.emplace_back(ImportColumns());
    import.Set("external_reference", record->external_reference);
    import.Set("interaction_id", record->interaction.id);
    import.Set("import_time", std::optional<domain::Timestamp>(now));
    SqlRow& row = interactions.emplace_back(InteractionColumns());
    EncodeInteraction(record->interaction, row);
    SetContact(plan, *record, row);
    // Imported communications take negative revisions, in their given order: unique within the
    // interaction, and never equal to a version that a later live change logs one under.
    const long long count = static_cast<long long>(record->communications.size());
    for (long long k = 0; k < count; ++k) {
      EncodeCommunication(record->communications[k], k - count,
                          communications.emplace_back(CommunicationColumns()));
    }
  }
  InsertRows(session, dialect, "interaction_imports", ImportColumns(), imports);
  InsertRows(session, dialect, "interactions", InteractionColumns(), interactions);
  InsertRows(session, dialect, "communications", CommunicationColumns(), communications);
}

// The revision rows of each record, but for the columns the transaction decides: the sequence
// and the contact.
using EncodedRevisions = std::vector<std::vector<SqlRow>>;

EncodedRevisions EncodeRevisions(Records records) {
  EncodedRevisions encoded(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    std::vector<SqlRow>& rows = encoded[i];
    rows.reserve(records[i].revisions.size());
    for (const domain::InteractionRevision& revision : records[i].revisions) {
      SqlRow& row = rows.emplace_back(RevisionRowColumns());
      row.Set("actor", revision.actor);
      row.Set("action", revision.action);
      row.Set("detail", std::string(domain::TruncateUtf8(revision.detail, 1024)));
      row.Set("change_time", std::optional<domain::Timestamp>(revision.change_time));
      EncodeInteraction(revision.interaction, row);
    }
  }
  return encoded;
}

// Writes the revisions under a block of sequences taken now, at the end of the transaction,
// so that the counter's lock is held briefly and sequences become visible in commit order.
void WriteRevisions(soci::session& session, Dialect dialect, const BatchPlan& plan,
                    Records records, EncodedRevisions encoded) {
  long long total = 0;
  for (const PreparedImport* record : plan.to_store) total += record->revisions.size();
  if (total == 0) return;
  long long sequence = TakeSequences(session, total);
  std::vector<SqlRow> rows;
  rows.reserve(total);
  for (const PreparedImport* record : plan.to_store) {
    for (SqlRow& row : encoded[record - records.data()]) {
      row.Set("seq", sequence++);
      SetContact(plan, *record, row);
      rows.push_back(std::move(row));
    }
  }
  InsertRows(session, dialect, "interaction_revisions", RevisionRowColumns(), rows);
}

absl::StatusOr<std::vector<StoredImport>> StoreBatch(soci::session& session, Dialect dialect,
                                                     Records records, domain::Timestamp now) {
  // The revision rows, the bulk of the encoding, are built on another thread while the
  // database answers the statements before them.
  std::future<EncodedRevisions> encoded =
      std::async(std::launch::async, [records] { return EncodeRevisions(records); });
  BatchPlan plan = Plan(session, records);
  if (plan.to_store.empty()) return std::move(plan.results);
  MatchContacts(session, dialect, plan);
  WriteInteractions(session, dialect, plan, now);
  WriteRevisions(session, dialect, plan, records, encoded.get());
  return std::move(plan.results);
}

}  // namespace

absl::StatusOr<std::vector<StoredImport>> SqlImportRepository::StoreImports(
    const std::vector<PreparedImport>& records) {
  if (records.empty()) return std::vector<StoredImport>{};
  auto stored = RunUnitOfWork(database_, "ImportInteractions", true,
                              [&](soci::session& session) {
                                return StoreBatch(session, database_.dialect(), records,
                                                  clock_.Now());
                              });
  if (stored.ok() || absl::IsUnavailable(stored.status())) return stored;
  return StoreEach(records);
}

absl::StatusOr<std::vector<StoredImport>> SqlImportRepository::StoreEach(
    const std::vector<PreparedImport>& records) {
  std::vector<StoredImport> results;
  for (size_t i = 0; i < records.size(); ++i) {
    auto one = RunUnitOfWork(database_, "ImportInteractions", true,
                             [&](soci::session& session) {
                               return StoreBatch(session, database_.dialect(),
                                                 Records(&records[i], 1), clock_.Now());
                             });
    if (absl::IsUnavailable(one.status())) return one.status();
    results.push_back(one.ok() ? one->front() : StoredImport{false, "", one.status()});
  }
  return results;
}

}  // namespace frontdesk::storage
