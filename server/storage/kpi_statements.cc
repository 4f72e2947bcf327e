#include "storage/kpi_statements.h"

#include <stdexcept>

#include "domain/text.h"
#include "storage/bulk_insert.h"
#include "storage/database.h"
#include "storage/sql_row.h"

namespace frontdesk::storage {
namespace {

using domain::Cat;
using domain::Timestamp;
using domain::kpi::KpiAccumulator;
using domain::kpi::KpiCell;
using domain::kpi::KpiCube;
using domain::kpi::KpiDimensions;
using domain::sla::SlaOutcome;
using domain::sla::SlaState;

const std::vector<std::string_view> kSlaColumns = {
    "interaction_id",       "sla_policy_id",          "response_outcome", "resolution_outcome",
    "response_breach_time", "resolution_breach_time", "next_check_time"};

const std::vector<std::string_view> kDimensionColumns = {
    "channel", "type", "priority", "tier", "service", "department", "queue"};

const std::vector<std::string_view> kFactColumns = {
    "interaction_id", "contact_id", "receive_time", "resolve_time", "next_contact_time",
    "hour_start",     "channel",    "type",         "priority",     "tier",
    "service",        "department", "queue",        "contribution"};

const std::vector<std::string_view> kCellColumns = {
    "cube", "hour_start", "channel", "type", "priority", "tier",
    "service", "department", "queue", "accumulator"};

constexpr std::string_view kOutcomeNames[] = {"PENDING", "MET", "BREACHED", "CANCELLED"};

std::string OutcomeName(std::optional<SlaOutcome> outcome) {
  return outcome ? std::string(kOutcomeNames[static_cast<int>(*outcome)]) : "";
}

std::optional<SlaOutcome> ParseOutcome(const std::string& name) {
  for (size_t i = 0; i < std::size(kOutcomeNames); ++i) {
    if (kOutcomeNames[i] == name) return static_cast<SlaOutcome>(i);
  }
  return std::nullopt;
}

template <typename E>
E ParseStoredEnum(const std::string& name) {
  const auto value = domain::ParseEnum<E>(name);
  if (!value) throw std::runtime_error(Cat("stored KPI row holds an unknown value: ", name));
  return *value;
}

void EncodeDimensions(const KpiDimensions& dimensions, SqlRow& row) {
  row.Set("channel", std::string(domain::NameOf(dimensions.channel)));
  row.Set("type", std::string(domain::NameOf(dimensions.type)));
  row.Set("priority", std::string(domain::NameOf(dimensions.priority)));
  row.Set("tier", static_cast<long long>(dimensions.tier));
  row.Set("service", dimensions.service);
  row.Set("department", dimensions.department);
  row.Set("queue", dimensions.queue);
}

KpiDimensions DecodeDimensions(const SqlRow& row) {
  return {ParseStoredEnum<domain::Channel>(row.Text("channel")),
          ParseStoredEnum<domain::InteractionType>(row.Text("type")),
          ParseStoredEnum<domain::Priority>(row.Text("priority")),
          static_cast<int>(row.Integer("tier")),
          row.Text("service"),
          row.Text("department"),
          row.Text("queue")};
}

KpiAccumulator DecodeAccumulator(const std::string& text) {
  auto accumulator = KpiAccumulator::Decode(text);
  if (!accumulator) throw std::runtime_error("stored KPI accumulator is malformed");
  return *std::move(accumulator);
}

KpiCell DecodeCell(const SqlRow& row) {
  return {row.Time("hour_start"), DecodeDimensions(row), DecodeAccumulator(row.Text("accumulator"))};
}

std::string CellSelect() {
  return Cat("SELECT ", ColumnList(kCellColumns), " FROM kpi_rollups WHERE cube = :cube AND ");
}

std::string CubeNumber(KpiCube cube) { return Cat(static_cast<int>(cube)); }

}  // namespace

std::optional<long long> LockProjectionCursor(soci::session& session, Dialect dialect, bool wait) {
  std::string sql = Cat("SELECT last_seq FROM kpi_projection WHERE id = 1", ForUpdate(dialect));
  if (dialect == Dialect::kMySql && !wait) sql += " SKIP LOCKED";
  long long sequence = 0;
  soci::indicator indicator = soci::i_null;
  session << sql, soci::into(sequence, indicator);
  if (!session.got_data()) return std::nullopt;
  return sequence;
}

void SaveProjectionCursor(soci::session& session, long long sequence) {
  session << "UPDATE kpi_projection SET last_seq = :seq WHERE id = 1", soci::use(sequence);
}

long long SelectProjectionCursor(soci::session& session) {
  long long sequence = 0;
  session << "SELECT last_seq FROM kpi_projection WHERE id = 1", soci::into(sequence);
  return sequence;
}

std::map<std::string, SlaState> SelectSlaStates(soci::session& session,
                                                const std::vector<std::string>& ids) {
  std::map<std::string, SlaState> states;
  if (ids.empty()) return states;
  SqlParams params;
  const std::string sql = Cat("SELECT ", ColumnList(kSlaColumns),
                              " FROM interaction_sla WHERE interaction_id IN (",
                              InList("i", ids, params), ")");
  Query(session, sql, kSlaColumns, params, [&](const SqlRow& row) {
    SlaState& state = states[row.Text("interaction_id")];
    state.policy_id = row.Text("sla_policy_id");
    state.outcomes = {ParseOutcome(row.Text("response_outcome")),
                      ParseOutcome(row.Text("resolution_outcome"))};
    state.response_breach_time = row.OptionalTime("response_breach_time");
    state.resolution_breach_time = row.OptionalTime("resolution_breach_time");
    state.next_check_time = row.OptionalTime("next_check_time");
  });
  return states;
}

void ReplaceSlaStates(soci::session& session, Dialect dialect,
                      const std::vector<std::pair<std::string, SlaState>>& states) {
  std::vector<SqlRow> rows;
  rows.reserve(states.size());
  for (const auto& [id, state] : states) {
    SqlRow& row = rows.emplace_back(kSlaColumns);
    row.Set("interaction_id", id);
    row.Set("sla_policy_id", state.policy_id);
    row.Set("response_outcome", OutcomeName(state.outcomes.response));
    row.Set("resolution_outcome", OutcomeName(state.outcomes.resolution));
    row.Set("response_breach_time", state.response_breach_time);
    row.Set("resolution_breach_time", state.resolution_breach_time);
    row.Set("next_check_time", state.next_check_time);
  }
  ReplaceRows(session, dialect, "interaction_sla", kSlaColumns, rows);
}

bool PolicyHasOpenInteractions(soci::session& session, const std::string& policy_id) {
  SqlParams params = {{"policy", policy_id}};
  const std::vector<std::string_view> columns = {"interaction_id"};
  bool found = false;
  Query(session,
        "SELECT s.interaction_id FROM interaction_sla s JOIN interactions i"
        " ON i.id = s.interaction_id WHERE s.sla_policy_id = :policy"
        " AND i.state NOT IN ('RESOLVED', 'CLOSED', 'ABANDONED') LIMIT 1",
        columns, params, [&](const SqlRow&) { found = true; });
  return found;
}

std::vector<std::string> SelectDueSlaChecks(soci::session& session, Timestamp now, int limit) {
  std::vector<std::string> ids;
  SqlParams params = {{"now", domain::FormatDatabaseTime(now)}};
  const std::vector<std::string_view> columns = {"interaction_id"};
  Query(session,
        Cat("SELECT interaction_id FROM interaction_sla WHERE next_check_time <= :now",
            " ORDER BY next_check_time LIMIT ", limit),
        columns, params, [&](const SqlRow& row) { ids.push_back(row.Text("interaction_id")); });
  return ids;
}

std::map<std::string, StoredFact> SelectFacts(soci::session& session, std::string_view column,
                                              const std::vector<std::string>& values) {
  std::map<std::string, StoredFact> facts;
  if (values.empty()) return facts;
  SqlParams params;
  const std::string sql = Cat("SELECT ", ColumnList(kFactColumns), " FROM kpi_facts WHERE ",
                              column, " IN (", InList("v", values, params), ")");
  Query(session, sql, kFactColumns, params, [&](const SqlRow& row) {
    StoredFact stored;
    stored.interaction_id = row.Text("interaction_id");
    stored.contact_id = row.IsNull("contact_id") ? "" : row.Text("contact_id");
    stored.fact.receive_time = row.Time("receive_time");
    stored.fact.dimensions = DecodeDimensions(row);
    stored.resolve_time = row.OptionalTime("resolve_time");
    stored.next_contact_time = row.OptionalTime("next_contact_time");
    stored.contribution = DecodeAccumulator(row.Text("contribution"));
    facts.emplace(stored.interaction_id, std::move(stored));
  });
  return facts;
}

void ReplaceFacts(soci::session& session, Dialect dialect, const std::vector<StoredFact>& facts) {
  std::vector<SqlRow> rows;
  rows.reserve(facts.size());
  for (const StoredFact& stored : facts) {
    SqlRow& row = rows.emplace_back(kFactColumns);
    row.Set("interaction_id", stored.interaction_id);
    if (stored.contact_id.empty()) {
      row.SetNull("contact_id");
    } else {
      row.Set("contact_id", stored.contact_id);
    }
    row.Set("receive_time", std::optional(stored.fact.receive_time));
    row.Set("resolve_time", stored.resolve_time);
    row.Set("next_contact_time", stored.next_contact_time);
    row.Set("hour_start",
            std::optional(std::chrono::floor<std::chrono::hours>(stored.fact.receive_time)));
    EncodeDimensions(stored.fact.dimensions, row);
    row.Set("contribution", stored.contribution.Encode());
  }
  ReplaceRows(session, dialect, "kpi_facts", kFactColumns, rows);
}

std::vector<Arrival> SelectArrivals(soci::session& session,
                                    const std::vector<std::string>& contact_ids) {
  std::vector<Arrival> arrivals;
  if (contact_ids.empty()) return arrivals;
  SqlParams params;
  const std::vector<std::string_view> columns = {"id", "contact_id", "service", "receive_time"};
  const std::string sql = Cat("SELECT ", ColumnList(columns),
                              " FROM interactions WHERE contact_id IN (",
                              InList("c", contact_ids, params), ")");
  Query(session, sql, columns, params, [&](const SqlRow& row) {
    arrivals.push_back(
        {row.Text("id"), row.Text("contact_id"), row.Text("service"), row.Time("receive_time")});
  });
  return arrivals;
}

std::vector<domain::kpi::BacklogCount> SelectBacklog(soci::session& session) {
  std::vector<domain::kpi::BacklogCount> backlog;
  SqlParams params;
  const std::vector<std::string_view> columns = {"state", "channel", "priority", "open_count"};
  Query(session,
        "SELECT state, channel, priority, COUNT(*) AS open_count FROM interactions"
        " WHERE state NOT IN ('RESOLVED', 'CLOSED', 'ABANDONED')"
        " GROUP BY state, channel, priority",
        columns, params, [&](const SqlRow& row) {
          backlog.push_back({ParseStoredEnum<domain::InteractionState>(row.Text("state")),
                             ParseStoredEnum<domain::Channel>(row.Text("channel")),
                             ParseStoredEnum<domain::Priority>(row.Text("priority")),
                             row.Integer("open_count")});
        });
  return backlog;
}

std::vector<KpiCell> SelectCells(soci::session& session, KpiCube cube, Timestamp start,
                                 Timestamp end) {
  std::vector<KpiCell> cells;
  SqlParams params = {{"cube", CubeNumber(cube)},
                      {"start", domain::FormatDatabaseTime(start)},
                      {"end", domain::FormatDatabaseTime(end)}};
  Query(session, CellSelect() + "hour_start >= :start AND hour_start < :end", kCellColumns,
        params, [&](const SqlRow& row) { cells.push_back(DecodeCell(row)); });
  return cells;
}

std::vector<KpiCell> SelectCellsOfHours(soci::session& session, KpiCube cube,
                                        const std::vector<Timestamp>& hours) {
  std::vector<KpiCell> cells;
  if (hours.empty()) return cells;
  std::vector<std::string> texts;
  for (Timestamp hour : hours) texts.push_back(domain::FormatDatabaseTime(hour));
  SqlParams params = {{"cube", CubeNumber(cube)}};
  const std::string sql = CellSelect() + Cat("hour_start IN (", InList("h", texts, params), ")");
  Query(session, sql, kCellColumns, params,
        [&](const SqlRow& row) { cells.push_back(DecodeCell(row)); });
  return cells;
}

void WriteCells(soci::session& session, Dialect dialect, KpiCube cube,
                const std::vector<KpiCell>& cells) {
  std::vector<SqlRow> rows;
  for (const KpiCell& cell : cells) {
    if (cell.accumulator == KpiAccumulator{}) {
      SqlRow key(kDimensionColumns);
      EncodeDimensions(cell.dimensions, key);
      std::string where;
      for (std::string_view column : kDimensionColumns) {
        domain::Append(&where, " AND ", column, " = :", column);
      }
      Write(session,
            Cat("DELETE FROM kpi_rollups WHERE cube = :cube AND hour_start = :hour_start", where),
            key,
            {{"cube", CubeNumber(cube)}, {"hour_start", domain::FormatDatabaseTime(cell.hour)}});
      continue;
    }
    SqlRow& row = rows.emplace_back(kCellColumns);
    row.Set("cube", static_cast<long long>(cube));
    row.Set("hour_start", std::optional(cell.hour));
    EncodeDimensions(cell.dimensions, row);
    row.Set("accumulator", cell.accumulator.Encode());
  }
  ReplaceRows(session, dialect, "kpi_rollups", kCellColumns, rows);
}

}  // namespace frontdesk::storage
