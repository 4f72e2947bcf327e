#pragma once

#include <soci/soci.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/kpi/kpi_report.h"
#include "domain/kpi/kpi_repository.h"
#include "domain/sla/sla_projection.h"
#include "storage/migration_catalog.h"

namespace frontdesk::storage {

// The SQL statements of the KPI projection, one function each. They throw SOCI's exceptions;
// the repository runs them inside RunUnitOfWork.

// Locks the projection cursor and returns it. With `wait` false, returns nullopt at once when
// another transaction holds it (MySQL); SQLite's write lock already makes the caller the only
// writer.
std::optional<long long> LockProjectionCursor(soci::session& session, Dialect dialect, bool wait);
void SaveProjectionCursor(soci::session& session, long long sequence);
long long SelectProjectionCursor(soci::session& session);

std::map<std::string, domain::sla::SlaState> SelectSlaStates(soci::session& session,
                                                              const std::vector<std::string>& ids);
// Stores the SLA states of interactions, as (interaction id, state), in as few statements as
// the dialect allows.
void ReplaceSlaStates(
    soci::session& session, Dialect dialect,
    const std::vector<std::pair<std::string, domain::sla::SlaState>>& states);
// True when an interaction that is not resolved, closed or abandoned uses the policy.
bool PolicyHasOpenInteractions(soci::session& session, const std::string& policy_id);
std::vector<std::string> SelectDueSlaChecks(soci::session& session, domain::Timestamp now,
                                            int limit);

// What an interaction last contributed to the rollups.
struct StoredFact {
  std::string interaction_id;
  std::string contact_id;
  domain::kpi::KpiFact fact;  // Receipt and dimensions; its record is in `contribution`.
  std::optional<domain::Timestamp> resolve_time;
  std::optional<domain::Timestamp> next_contact_time;
  domain::kpi::KpiAccumulator contribution;
};

// Returns the stored facts of the interactions `column` IN `values` ("interaction_id" or
// "contact_id"), by interaction id.
std::map<std::string, StoredFact> SelectFacts(soci::session& session, std::string_view column,
                                              const std::vector<std::string>& values);
// Stores facts, in as few statements as the dialect allows.
void ReplaceFacts(soci::session& session, Dialect dialect, const std::vector<StoredFact>& facts);

// One interaction's arrival, for finding the same contact's next interaction about a service.
struct Arrival {
  std::string interaction_id;
  std::string contact_id;
  std::string service;
  domain::Timestamp receive_time;
};

std::vector<Arrival> SelectArrivals(soci::session& session,
                                    const std::vector<std::string>& contact_ids);

// Counts the interactions not resolved, closed or abandoned, by state, channel and priority.
std::vector<domain::kpi::BacklogCount> SelectBacklog(soci::session& session);

// Returns the cells of `cube` in the hours [start, end).
std::vector<domain::kpi::KpiCell> SelectCells(soci::session& session, domain::kpi::KpiCube cube,
                                              domain::Timestamp start, domain::Timestamp end);

// Returns the cells of `cube` in exactly the given hours.
std::vector<domain::kpi::KpiCell> SelectCellsOfHours(soci::session& session,
                                                     domain::kpi::KpiCube cube,
                                                     const std::vector<domain::Timestamp>& hours);

// Stores cells of `cube`, deleting the ones whose accumulator holds nothing; the cells that
// remain are written in as few statements as the dialect allows.
void WriteCells(soci::session& session, Dialect dialect, domain::kpi::KpiCube cube,
                const std::vector<domain::kpi::KpiCell>& cells);

}  // namespace frontdesk::storage
