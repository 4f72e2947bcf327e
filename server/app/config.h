#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "observability/logging.h"

namespace frontdesk::app {

// What frontdeskd was asked to do.
enum class Command { kServe, kMigrate, kHelp, kVersion };

// The server's configuration. Each setting comes from a flag, else from an environment
// variable, else from its default.
struct Config {
  Command command = Command::kServe;
  std::string listen_address = "0.0.0.0:50051";        // --listen, FRONTDESK_LISTEN_ADDRESS
  std::string metrics_address = "0.0.0.0:9464";        // --metrics-listen, FRONTDESK_METRICS_ADDRESS
  std::string database_url = "sqlite://frontdesk.db";  // --database-url, FRONTDESK_DATABASE_URL
  std::string database_password;                       // FRONTDESK_DATABASE_PASSWORD only
  observability::LogLevel log_level = observability::LogLevel::kInfo;  // --log-level
  bool migrate_on_start = false;    // --migrate, FRONTDESK_MIGRATE_ON_START
  int shutdown_grace_seconds = 20;  // --shutdown-grace-seconds
  int database_pool_size = 8;       // --database-pool-size, FRONTDESK_DATABASE_POOL_SIZE
  // Services and departments that get their own Prometheus label value; the rest are "other".
  std::vector<std::string> metrics_services;     // --metrics-services, FRONTDESK_METRICS_SERVICES
  std::vector<std::string> metrics_departments;  // --metrics-departments, FRONTDESK_METRICS_DEPARTMENTS
};

// Reads an environment variable; returns nullopt when it is unset.
using EnvironmentReader = std::function<std::optional<std::string>(const std::string& name)>;

// Parses `frontdeskd [serve|migrate] [--flag=value...]` and the environment, and validates the
// result. Returns INVALID_ARGUMENT with one line naming the flag or variable at fault.
absl::StatusOr<Config> ParseConfig(const std::vector<std::string>& args,
                                   const EnvironmentReader& environment);

// The text printed for --help.
std::string UsageText();

}  // namespace frontdesk::app
