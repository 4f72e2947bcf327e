#include "app/config.h"

#include <charconv>

#include "domain/text.h"

namespace frontdesk::app {

using domain::Append;
using domain::Cat;
namespace {

absl::Status Invalid(std::string_view setting, std::string_view reason) {
  return absl::InvalidArgumentError(Cat(setting, ": ", reason));
}

// A reason without the setting; callers name the flag or variable it came from.
absl::Status Reason(const std::string& reason) { return absl::InvalidArgumentError(reason); }

std::optional<int> ParseInt(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<bool> ParseBool(std::string_view text) {
  if (text == "true" || text == "1" || text == "yes") return true;
  if (text == "false" || text == "0" || text == "no") return false;
  return std::nullopt;
}

// Accepts host:port with a numeric or named host, or [ipv6]:port; port 0 picks a free port. An
// empty metrics address turns /metrics off.
absl::Status CheckAddress(const std::string& address, bool may_be_empty) {
  if (address.empty() && may_be_empty) return absl::OkStatus();
  const size_t colon = address.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return Reason(Cat("\"", address, "\" is not host:port"));
  }
  const auto port = ParseInt(std::string_view(address).substr(colon + 1));
  if (!port || *port < 0 || *port > 65535) {
    return Reason(Cat("\"", address, "\" has no valid port (0 to 65535)"));
  }
  return absl::OkStatus();
}

absl::Status ApplyInt(const std::string& value, int min, int max, int& target) {
  const auto number = ParseInt(value);
  if (!number || *number < min || *number > max) return Reason(Cat("must be ", min, " to ", max));
  target = *number;
  return absl::OkStatus();
}

// Reads a comma-separated label catalog: at most 100 names of 1 to 128 characters.
absl::Status ApplyCatalog(const std::string& value, std::vector<std::string>& target) {
  target.clear();
  if (value.empty()) return absl::OkStatus();
  for (const std::string& name : domain::Split(value, ',')) {
    if (name.empty() || name.size() > 128) return Reason("needs names of 1 to 128 characters");
    target.push_back(name);
  }
  if (target.size() > 100) return Reason("takes at most 100 names");
  return absl::OkStatus();
}

// Sets one setting by its flag name; returns the reason a value is refused.
absl::Status Apply(const std::string& name, const std::string& value, Config& config) {
  if (name == "listen") {
    config.listen_address = value;
    return CheckAddress(value, false);
  }
  if (name == "metrics-listen") {
    config.metrics_address = value;
    return CheckAddress(value, true);
  }
  if (name == "database-url") {
    config.database_url = value;
    return value.empty() ? Reason("must not be empty") : absl::OkStatus();
  }
  if (name == "log-level") {
    auto level = observability::ParseLogLevel(value);
    if (!level) return Reason("must be debug, info, warn or error");
    config.log_level = *level;
    return absl::OkStatus();
  }
  if (name == "migrate") {
    auto flag = ParseBool(value);
    if (!flag) return Reason("must be true or false");
    config.migrate_on_start = *flag;
    return absl::OkStatus();
  }
  if (name == "shutdown-grace-seconds") return ApplyInt(value, 0, 3600, config.shutdown_grace_seconds);
  if (name == "database-pool-size") return ApplyInt(value, 1, 256, config.database_pool_size);
  if (name == "metrics-services") return ApplyCatalog(value, config.metrics_services);
  if (name == "metrics-departments") return ApplyCatalog(value, config.metrics_departments);
  return Reason("unknown flag; see --help");
}

// A setting's flag name and its environment variable.
struct Source {
  std::string flag;
  std::string variable;
};

const std::vector<Source>& Sources() {
  static const std::vector<Source> kSources = {
      {"listen", "FRONTDESK_LISTEN_ADDRESS"},
      {"metrics-listen", "FRONTDESK_METRICS_ADDRESS"},
      {"database-url", "FRONTDESK_DATABASE_URL"},
      {"log-level", "FRONTDESK_LOG_LEVEL"},
      {"migrate", "FRONTDESK_MIGRATE_ON_START"},
      {"shutdown-grace-seconds", "FRONTDESK_SHUTDOWN_GRACE_SECONDS"},
      {"database-pool-size", "FRONTDESK_DATABASE_POOL_SIZE"},
      {"metrics-services", "FRONTDESK_METRICS_SERVICES"},
      {"metrics-departments", "FRONTDESK_METRICS_DEPARTMENTS"}};
  return kSources;
}

absl::Status ApplyEnvironment(const EnvironmentReader& environment, Config& config) {
  for (const Source& source : Sources()) {
    if (auto value = environment(source.variable)) {
      if (auto status = Apply(source.flag, *value, config); !status.ok()) {
        return Invalid(source.variable, domain::View(status.message()));
      }
    }
  }
  if (auto password = environment("FRONTDESK_DATABASE_PASSWORD")) {
    config.database_password = *password;
  }
  return absl::OkStatus();
}

absl::Status ApplyArgument(const std::string& arg, Config& config) {
  if (arg == "--help" || arg == "-h") {
    config.command = Command::kHelp;
  } else if (arg == "--version") {
    config.command = Command::kVersion;
  } else if (arg == "--migrate") {
    config.migrate_on_start = true;
  } else if (arg.starts_with("--")) {
    const size_t equals = arg.find('=');
    if (equals == std::string::npos) return Invalid(arg, "expected --flag=value");
    const std::string name = arg.substr(2, equals - 2);
    if (auto status = Apply(name, arg.substr(equals + 1), config); !status.ok()) {
      return Invalid(Cat("--", name), domain::View(status.message()));
    }
  } else {
    return Invalid(Cat("\"", arg, "\""), "unknown command; use serve or migrate");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Config> ParseConfig(const std::vector<std::string>& args,
                                   const EnvironmentReader& environment) {
  Config config;
  if (auto status = ApplyEnvironment(environment, config); !status.ok()) return status;
  size_t first = 0;
  if (!args.empty() && (args[0] == "serve" || args[0] == "migrate")) {
    config.command = args[0] == "serve" ? Command::kServe : Command::kMigrate;
    first = 1;
  }
  for (size_t i = first; i < args.size(); ++i) {
    if (auto status = ApplyArgument(args[i], config); !status.ok()) return status;
  }
  return config;
}

std::string UsageText() {
  return R"(usage: frontdeskd [serve|migrate] [flags]

Commands:
  serve     serve the gRPC API and /metrics (default)
  migrate   apply database migrations and exit

Flags (environment variable in brackets):
  --listen=HOST:PORT              gRPC address [FRONTDESK_LISTEN_ADDRESS], default 0.0.0.0:50051
  --metrics-listen=HOST:PORT      /metrics address [FRONTDESK_METRICS_ADDRESS], default 0.0.0.0:9464
  --database-url=URL              mysql://user@host:3306/db or sqlite://file.db
                                  [FRONTDESK_DATABASE_URL], default sqlite://frontdesk.db
                                  the password may come from [FRONTDESK_DATABASE_PASSWORD]
  --log-level=LEVEL               debug, info, warn or error [FRONTDESK_LOG_LEVEL], default info
  --migrate                       apply migrations before serving [FRONTDESK_MIGRATE_ON_START]
  --shutdown-grace-seconds=N      time for in-flight calls after SIGTERM
                                  [FRONTDESK_SHUTDOWN_GRACE_SECONDS], default 20
  --database-pool-size=N          database connections [FRONTDESK_DATABASE_POOL_SIZE], default 8
  --metrics-services=A,B,...      services with their own label on business metrics; others
                                  are "other" [FRONTDESK_METRICS_SERVICES], default none
  --metrics-departments=A,B,...   the same for departments [FRONTDESK_METRICS_DEPARTMENTS]
  --help, --version
)";
}

}  // namespace frontdesk::app
