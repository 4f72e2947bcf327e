#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "domain/kpi/kpi_projector.h"

namespace frontdesk::app {

// Keeps the KPI projection close behind the change log and records SLA breaches as they fall
// due, on a thread of its own. Every replica runs one; the database lets one project at a time,
// so the others only wait their turn. Errors are logged and retried on the next round.
class ProjectionWorker {
 public:
  ProjectionWorker(domain::kpi::KpiProjector& projector, std::chrono::milliseconds period);
  ~ProjectionWorker();

  void Start();
  void Stop();

 private:
  void Run();
  void RunRound();

  domain::kpi::KpiProjector& projector_;
  const std::chrono::milliseconds period_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  int rounds_ = 0;  // Touched by the worker thread only.
  std::thread thread_;
};

}  // namespace frontdesk::app
