#include "storage/kpi_projection_repository.h"

#include <algorithm>
#include <map>
#include <set>

#include "domain/text.h"
#include "storage/interaction_statements.h"
#include "storage/kpi_statements.h"
#include "storage/sql_row.h"
#include "storage/unit_of_work.h"

namespace frontdesk::storage {
namespace {

using domain::Cat;
using domain::Interaction;
using domain::InteractionRevision;
using domain::Timestamp;
using domain::kpi::KpiAccumulator;
using domain::kpi::KpiCell;
using domain::kpi::KpiCube;
using domain::kpi::KpiDimensions;
using domain::kpi::ProjectedInteraction;
using domain::kpi::ProjectFunction;

// A rollup cell's key within its cube.
using CellKey = std::pair<Timestamp, KpiDimensions>;
using CellDeltas = std::map<KpiCube, std::map<CellKey, KpiAccumulator>>;

std::vector<std::string> KeysOf(const auto& map) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : map) keys.push_back(key);
  return keys;
}

std::map<std::string, Interaction> SelectInteractionsById(soci::session& session,
                                                          const std::vector<std::string>& ids) {
  std::map<std::string, Interaction> interactions;
  if (ids.empty()) return interactions;
  SqlParams params;
  const std::string where = Cat("id IN (", InList("i", ids, params), ")");
  for (Interaction& interaction :
       SelectInteractions(session, where, "", params, static_cast<int>(ids.size()))) {
    interactions.emplace(interaction.id, std::move(interaction));
  }
  return interactions;
}

std::map<std::string, std::vector<InteractionRevision>> SelectHistories(
    soci::session& session, const std::vector<std::string>& ids) {
  std::map<std::string, std::vector<InteractionRevision>> histories;
  if (ids.empty()) return histories;
  SqlParams params;
  const std::string where = Cat("id IN (", InList("i", ids, params), ")");
  for (InteractionRevision& revision :
       SelectRevisions(session, where, "seq", params, 1'000'000'000)) {
    histories[revision.interaction.id].push_back(std::move(revision));
  }
  return histories;
}

using Histories = std::map<std::string, std::vector<InteractionRevision>>;

// True when `history` holds every revision of `interaction`: versions 1 to its current one.
bool Complete(const std::vector<InteractionRevision>& history, const Interaction& interaction) {
  for (size_t i = 0; i < history.size(); ++i) {
    if (history[i].interaction.version != static_cast<int64_t>(i) + 1) return false;
  }
  return !history.empty() && history.back().interaction.version == interaction.version;
}

// Returns the histories of `ids`: the ones `known` holds whole as they are, the rest read.
Histories SelectHistories(soci::session& session, const std::map<std::string, Interaction>& ids,
                          Histories known) {
  Histories histories;
  std::vector<std::string> missing;
  for (const auto& [id, interaction] : ids) {
    auto found = known.find(id);
    if (found != known.end() && Complete(found->second, interaction)) {
      histories.emplace(id, std::move(found->second));
    } else {
      missing.push_back(id);
    }
  }
  histories.merge(SelectHistories(session, missing));
  return histories;
}

// The same contact's next interaction about the same service, received after each one.
std::map<std::string, Timestamp> NextContacts(const std::vector<Arrival>& arrivals) {
  std::map<std::pair<std::string, std::string>, std::vector<const Arrival*>> by_topic;
  for (const Arrival& arrival : arrivals) {
    by_topic[{arrival.contact_id, arrival.service}].push_back(&arrival);
  }
  std::map<std::string, Timestamp> next;
  for (auto& [topic, list] : by_topic) {
    std::sort(list.begin(), list.end(), [](const Arrival* a, const Arrival* b) {
      return a->receive_time < b->receive_time;
    });
    for (size_t i = 0; i < list.size(); ++i) {
      for (size_t j = i + 1; j < list.size(); ++j) {
        if (list[j]->receive_time > list[i]->receive_time) {
          next[list[i]->interaction_id] = list[j]->receive_time;
          break;
        }
      }
    }
  }
  return next;
}

std::optional<Timestamp> Find(const std::map<std::string, Timestamp>& map, const std::string& key) {
  const auto found = map.find(key);
  return found == map.end() ? std::nullopt : std::optional(found->second);
}

void AddToCells(CellDeltas& deltas, const domain::kpi::KpiFact& fact,
                const KpiAccumulator& contribution, int64_t weight) {
  const Timestamp hour = std::chrono::floor<std::chrono::hours>(fact.receive_time);
  for (KpiCube cube : domain::kpi::kAllCubes) {
    deltas[cube][{hour, ProjectOnto(cube, fact.dimensions)}].Merge(contribution, weight);
  }
}

void ApplyCellDeltas(soci::session& session, Dialect dialect, CellDeltas& deltas) {
  for (auto& [cube, cells] : deltas) {
    std::set<Timestamp> hours;
    for (const auto& [key, delta] : cells) hours.insert(key.first);
    std::map<CellKey, KpiAccumulator> stored;
    for (KpiCell& cell : SelectCellsOfHours(session, cube, {hours.begin(), hours.end()})) {
      stored.emplace(CellKey{cell.hour, cell.dimensions}, std::move(cell.accumulator));
    }
    std::vector<KpiCell> changed;
    for (auto& [key, delta] : cells) {
      if (delta == KpiAccumulator{}) continue;
      KpiAccumulator& accumulator = stored[key];
      accumulator.Merge(delta);
      changed.push_back({key.first, key.second, accumulator});
    }
    WriteCells(session, dialect, cube, changed);
  }
}

// Projects `ids`, and the earlier interactions of the same contacts whose next contact changed,
// storing everything when `save`; `new_revisions` says how many revisions of each the caller
// read, up to the change-log sequence `read_through_sequence`, and `known` holds revisions the
// caller read already, by interaction.
std::vector<ProjectedInteraction> ProjectInteractions(
    soci::session& session, Dialect dialect, const std::vector<std::string>& ids,
    const ProjectFunction& project, const std::map<std::string, size_t>& new_revisions,
    int64_t read_through_sequence, bool save, Histories known = {}) {
  std::map<std::string, Interaction> interactions = SelectInteractionsById(session, ids);
  std::set<std::string> contacts;
  for (const auto& [id, interaction] : interactions) {
    if (!interaction.contact_id.empty()) contacts.insert(interaction.contact_id);
  }
  const std::vector<std::string> contact_ids(contacts.begin(), contacts.end());
  const std::map<std::string, Timestamp> next_contacts =
      NextContacts(SelectArrivals(session, contact_ids));
  std::map<std::string, StoredFact> facts = SelectFacts(session, "contact_id", contact_ids);
  facts.merge(SelectFacts(session, "interaction_id", KeysOf(interactions)));

  // Earlier interactions whose repeat contact is now a different one.
  std::vector<std::string> followers;
  for (const auto& [id, stored] : facts) {
    if (!interactions.contains(id) && stored.resolve_time &&
        stored.next_contact_time != Find(next_contacts, id)) {
      followers.push_back(id);
    }
  }
  interactions.merge(SelectInteractionsById(session, followers));

  const std::vector<std::string> all = KeysOf(interactions);
  auto histories = SelectHistories(session, interactions, std::move(known));
  const auto states = SelectSlaStates(session, all);
  CellDeltas deltas;
  std::vector<StoredFact> new_facts;
  std::vector<std::pair<std::string, domain::sla::SlaState>> new_states;
  std::vector<ProjectedInteraction> projected;
  for (auto& [id, interaction] : interactions) {
    domain::sla::ProjectionInput input{interaction, std::move(histories[id]), std::nullopt,
                                       Find(next_contacts, id)};
    if (const auto state = states.find(id); state != states.end()) input.stored = state->second;
    const domain::sla::ProjectionOutput output = project(input);

    StoredFact fact{id, interaction.contact_id, output.fact, output.fact.record.fcr.resolve_time,
                    input.next_contact_time, {}};
    fact.contribution.Add(output.fact.record);
    if (const auto old = facts.find(id); old != facts.end()) {
      AddToCells(deltas, old->second.fact, old->second.contribution, -1);
    }
    AddToCells(deltas, fact.fact, fact.contribution, 1);
    if (save && input.stored != output.sla) new_states.emplace_back(id, output.sla);
    if (save) new_facts.push_back(std::move(fact));

    const auto read = new_revisions.find(id);
    projected.push_back({std::move(input.history), read == new_revisions.end() ? 0 : read->second,
                         read_through_sequence, input.stored, output.sla});
  }
  if (save) {
    ReplaceFacts(session, dialect, new_facts);
    ReplaceSlaStates(session, dialect, new_states);
    ApplyCellDeltas(session, dialect, deltas);
  }
  return projected;
}

}  // namespace

absl::StatusOr<domain::kpi::ProjectionBatch> SqlKpiProjectionRepository::ProjectChanges(
    int limit, const ProjectFunction& project) {
  return RunUnitOfWork(
      database_, "ProjectChanges", true,
      [&](soci::session& session) -> absl::StatusOr<domain::kpi::ProjectionBatch> {
        const auto cursor = LockProjectionCursor(session, database_.dialect(), false);
        if (!cursor) return domain::kpi::ProjectionBatch{};
        const std::vector<InteractionRevision> revisions =
            SelectRevisions(session, "seq > :after", "seq", {{"after", Cat(*cursor)}}, limit);
        domain::kpi::ProjectionBatch batch{static_cast<int64_t>(revisions.size()), *cursor, {}};
        if (revisions.empty()) return batch;

        std::map<std::string, size_t> new_revisions;
        Histories read;
        for (const InteractionRevision& revision : revisions) {
          ++new_revisions[revision.interaction.id];
          read[revision.interaction.id].push_back(revision);
        }
        batch.last_sequence = revisions.back().sequence;
        // An interaction whose whole history was just read (an imported one, mostly) is not
        // read again.
        batch.interactions = ProjectInteractions(session, database_.dialect(),
                                                 KeysOf(new_revisions), project, new_revisions,
                                                 batch.last_sequence, true, std::move(read));
        SaveProjectionCursor(session, batch.last_sequence);
        return batch;
      });
}

absl::StatusOr<std::vector<ProjectedInteraction>> SqlKpiProjectionRepository::Reproject(
    const std::vector<std::string>& ids, const ProjectFunction& project, bool save) {
  return RunUnitOfWork(
      database_, "Reproject", true,
      [&](soci::session& session) -> absl::StatusOr<std::vector<ProjectedInteraction>> {
        LockProjectionCursor(session, database_.dialect(), true);
        return ProjectInteractions(session, database_.dialect(), ids, project, {}, 0, save);
      });
}

absl::StatusOr<std::vector<std::string>> SqlKpiProjectionRepository::DueSlaChecks(Timestamp now,
                                                                                 int limit) {
  return RunUnitOfWork(database_, "DueSlaChecks", false,
                       [&](soci::session& session) -> absl::StatusOr<std::vector<std::string>> {
                         return SelectDueSlaChecks(session, now, limit);
                       });
}

absl::StatusOr<std::optional<domain::sla::SlaState>> SqlKpiProjectionRepository::GetSlaState(
    const std::string& id) {
  return RunUnitOfWork(
      database_, "GetSlaState", false,
      [&](soci::session& session) -> absl::StatusOr<std::optional<domain::sla::SlaState>> {
        auto states = SelectSlaStates(session, {id});
        if (states.empty()) return std::nullopt;
        return std::move(states.begin()->second);
      });
}

absl::StatusOr<int64_t> SqlKpiProjectionRepository::ProjectedSequence() {
  return RunUnitOfWork(database_, "ProjectedSequence", false,
                       [&](soci::session& session) -> absl::StatusOr<int64_t> {
                         return SelectProjectionCursor(session);
                       });
}

absl::StatusOr<std::vector<domain::kpi::BacklogCount>> SqlKpiProjectionRepository::CountBacklog() {
  return RunUnitOfWork(
      database_, "CountBacklog", false,
      [&](soci::session& session) -> absl::StatusOr<std::vector<domain::kpi::BacklogCount>> {
        return SelectBacklog(session);
      });
}

absl::StatusOr<std::vector<KpiCell>> SqlKpiProjectionRepository::ReadCells(KpiCube cube,
                                                                           Timestamp start,
                                                                           Timestamp end) {
  return RunUnitOfWork(database_, "ReadCells", false,
                       [&](soci::session& session) -> absl::StatusOr<std::vector<KpiCell>> {
                         return SelectCells(session, cube, start, end);
                       });
}

absl::StatusOr<bool> SqlPolicyUsage::HasOpenInteractions(const std::string& policy_id) {
  return RunUnitOfWork(database_, "HasOpenInteractions", false,
                       [&](soci::session& session) -> absl::StatusOr<bool> {
                         return PolicyHasOpenInteractions(session, policy_id);
                       });
}

}  // namespace frontdesk::storage
