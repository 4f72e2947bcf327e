#include "app/projection_worker.h"

#include "domain/text.h"
#include "observability/logging.h"

namespace frontdesk::app {
namespace {

// Batches one round projects at most, so that a long backlog does not delay breach checks.
constexpr int kMaxBatchesPerRound = 20;
// Rounds between two readings of the backlog gauges, which count rows.
constexpr int kRoundsPerBacklogReading = 10;

void LogFailure(std::string_view key, std::string_view message, const absl::Status& status) {
  observability::LogRateLimited(key, std::chrono::seconds(30), observability::LogLevel::kWarn,
                                message, {{"error", std::string(domain::View(status.message()))}});
}

}  // namespace

ProjectionWorker::ProjectionWorker(domain::kpi::KpiProjector& projector,
                                   std::chrono::milliseconds period)
    : projector_(projector), period_(period) {}

ProjectionWorker::~ProjectionWorker() { Stop(); }

void ProjectionWorker::Start() { thread_ = std::thread([this] { Run(); }); }

void ProjectionWorker::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ProjectionWorker::Run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    RunRound();
    lock.lock();
    wake_.wait_for(lock, period_, [this] { return stopping_; });
  }
}

void ProjectionWorker::RunRound() {
  for (int batch = 0; batch < kMaxBatchesPerRound; ++batch) {
    auto read = projector_.ProjectBatch();
    if (!read.ok()) {
      LogFailure("projection", "KPI projection failed", read.status());
      return;
    }
    if (*read == 0) break;
  }
  auto breaches = projector_.RecordDueBreaches();
  if (!breaches.ok()) {
    LogFailure("sla-breaches", "recording SLA breaches failed", breaches.status());
  }
  if (rounds_++ % kRoundsPerBacklogReading == 0) {
    if (absl::Status status = projector_.ReportBacklog(); !status.ok()) {
      LogFailure("backlog", "reading the backlog failed", status);
    }
  }
}

}  // namespace frontdesk::app
