#include "domain/text.h"
#include "app/health_monitor.h"

#include "domain/text.h"
#include "observability/logging.h"

namespace frontdesk::app {

using domain::Append;
using domain::Cat;

HealthMonitor::HealthMonitor(storage::Database& database,
                             grpc::HealthCheckServiceInterface& health,
                             std::vector<std::string> services, std::chrono::milliseconds period)
    : database_(database), health_(health), services_(std::move(services)), period_(period) {}

HealthMonitor::~HealthMonitor() { Stop(); }

void HealthMonitor::Start() {
  CheckOnce();
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, period_, [this] { return stopping_; })) {
      lock.unlock();
      CheckOnce();
      lock.lock();
    }
  });
}

void HealthMonitor::Stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  Publish(false);
}

void HealthMonitor::CheckOnce() {
  const absl::Status status = database_.Ping();
  const bool serving = status.ok();
  if (serving != serving_) {
    if (serving) {
      observability::LogInfo("database reachable", {{"health", "SERVING"}});
    } else {
      observability::LogWarn("database unreachable",
                             {{"health", "NOT_SERVING"}, {"error", domain::View(status.message())}});
    }
  }
  Publish(serving);
}

void HealthMonitor::Publish(bool serving) {
  serving_ = serving;
  health_.SetServingStatus(serving);
  for (const std::string& service : services_) health_.SetServingStatus(service, serving);
}

}  // namespace frontdesk::app
