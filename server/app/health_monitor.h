#pragma once

#include <grpcpp/health_check_service_interface.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "storage/database.h"

namespace frontdesk::app {

// Pings the database on a timer and reports the result through the gRPC health service, overall
// and for each service: NOT_SERVING while the database does not answer, SERVING once it does.
class HealthMonitor {
 public:
  HealthMonitor(storage::Database& database, grpc::HealthCheckServiceInterface& health,
                std::vector<std::string> services, std::chrono::milliseconds period);
  ~HealthMonitor();

  // Checks once now, then on every period until Stop().
  void Start();

  // Stops checking and reports NOT_SERVING, as the server is going away.
  void Stop();

 private:
  void CheckOnce();
  void Publish(bool serving);

  storage::Database& database_;
  grpc::HealthCheckServiceInterface& health_;
  std::vector<std::string> services_;
  std::chrono::milliseconds period_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool serving_ = false;
  std::thread thread_;
};

}  // namespace frontdesk::app
