#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "domain/kpi/kpi_report.h"
#include "domain/sla/sla_projection.h"

namespace frontdesk::domain::kpi {

// One interaction projected in a batch: its history, and its SLA state before and after.
struct ProjectedInteraction {
  std::vector<InteractionRevision> history;  // Oldest first.
  // How many revisions the batch read, the last of those with sequence up to
  // read_through_sequence. The history is read after the batch's revisions, and under READ
  // COMMITTED it may already hold revisions committed since; the next batch reads those.
  size_t new_revisions = 0;
  int64_t read_through_sequence = std::numeric_limits<int64_t>::max();
  std::optional<sla::SlaState> sla_before;
  sla::SlaState sla_after;
};

struct ProjectionBatch {
  int64_t revisions_read = 0;
  int64_t last_sequence = 0;  // The cursor after the batch.
  std::vector<ProjectedInteraction> interactions;
};

// How many open interactions are in one state, channel and priority.
struct BacklogCount {
  InteractionState state = InteractionState::kNew;
  Channel channel = Channel::kUnspecified;
  Priority priority = Priority::kUnspecified;
  int64_t count = 0;
};

using ProjectFunction = std::function<sla::ProjectionOutput(const sla::ProjectionInput&)>;

// Where the change log is turned into SLA states, KPI facts and the rollups reports read. The
// projection cursor lives in the database, so any replica can continue where another stopped,
// and only one projects at a time.
class KpiProjectionRepository {
 public:
  virtual ~KpiProjectionRepository() = default;

  // In one transaction: takes the projection cursor, reads up to `limit` revisions after it,
  // calls `project` for every interaction they touch (and for earlier interactions of the same
  // contact whose next contact they change), stores the SLA states and facts, moves the rollups
  // by the difference between old and new facts, and advances the cursor. Returns an empty
  // batch when another replica holds the cursor.
  virtual absl::StatusOr<ProjectionBatch> ProjectChanges(int limit,
                                                         const ProjectFunction& project) = 0;

  // Projects the given interactions again, the same way, in one transaction (an SLA clock
  // falling due, a recompute); with `save` false, only computes. Unknown ids are skipped.
  virtual absl::StatusOr<std::vector<ProjectedInteraction>> Reproject(
      const std::vector<std::string>& ids, const ProjectFunction& project, bool save) = 0;

  // Returns up to `limit` interactions whose SLA state asks for a check at or before `now`.
  virtual absl::StatusOr<std::vector<std::string>> DueSlaChecks(Timestamp now, int limit) = 0;

  // Returns the stored SLA state; nullopt before the interaction was first projected.
  virtual absl::StatusOr<std::optional<sla::SlaState>> GetSlaState(const std::string& id) = 0;

  // Returns the sequence of the last change projected.
  virtual absl::StatusOr<int64_t> ProjectedSequence() = 0;

  // Counts the interactions not yet resolved, closed or abandoned.
  virtual absl::StatusOr<std::vector<BacklogCount>> CountBacklog() = 0;

  // Returns the cube's cells of the hours in [start, end).
  virtual absl::StatusOr<std::vector<KpiCell>> ReadCells(KpiCube cube, Timestamp start,
                                                         Timestamp end) = 0;
};

}  // namespace frontdesk::domain::kpi
