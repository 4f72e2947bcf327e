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

// Accepts host:port with a numeric or named host, or [ipv6]:port; port 0 picks a free port.
absl::Status CheckAddress(std::string_view setting, const std::string& address) {
  const size_t colon = address.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return Invalid(setting, Cat("\"", address, "\" is not host:port"));
  }
  const auto port = ParseInt(std::string_view(address).substr(colon + 1));
  if (!port || *port < 0 || *port > 65535) {
    return Invalid(setting, Cat("\"", address, "\" has no valid port (0 to 65535)"));
  }
  return absl::OkStatus();
}

// A setting's value from its flag, else its environment variable.
struct Source {
  std::string flag;
  std::string variable;
};

absl::Status Apply(const std::string& name, const std::string& value, Config& config) {
  if (name == "listen") {
    config.listen_address = value;
  } else if (name == "metrics-listen") {
    config.metrics_address = value;
  } else if (name == "database-url") {
    config.database_url = value;
  } else if (name == "log-level") {
    auto level = observability::ParseLogLevel(value);
    if (!level) return Invalid("log level", "must be debug, info, warn or error");
    config.log_level = *level;
  } else if (name == "migrate") {
    auto flag = ParseBool(value);
    if (!flag) return Invalid("migrate", "must be true or false");
    config.migrate_on_start = *flag;
  } else if (name == "shutdown-grace-seconds") {
    auto seconds = ParseInt(value);
    if (!seconds || *seconds < 0 || *seconds > 3600) {
      return Invalid("shutdown grace seconds", "must be 0 to 3600");
    }
    config.shutdown_grace_seconds = *seconds;
  } else if (name == "database-pool-size") {
    auto size = ParseInt(value);
    if (!size || *size < 1 || *size > 256) return Invalid("database pool size", "must be 1 to 256");
    config.database_pool_size = *size;
  } else {
    return Invalid(Cat("--", name), "unknown flag; see --help");
  }
  return absl::OkStatus();
}

const std::vector<Source>& Sources() {
  static const std::vector<Source> kSources = {
      {"listen", "FRONTDESK_LISTEN_ADDRESS"},
      {"metrics-listen", "FRONTDESK_METRICS_ADDRESS"},
      {"database-url", "FRONTDESK_DATABASE_URL"},
      {"log-level", "FRONTDESK_LOG_LEVEL"},
      {"migrate", "FRONTDESK_MIGRATE_ON_START"},
      {"shutdown-grace-seconds", "FRONTDESK_SHUTDOWN_GRACE_SECONDS"},
      {"database-pool-size", "FRONTDESK_DATABASE_POOL_SIZE"}};
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
    return Apply(arg.substr(2, equals - 2), arg.substr(equals + 1), config);
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
  if (auto s = CheckAddress("listen address", config.listen_address); !s.ok()) return s;
  if (auto s = CheckAddress("metrics address", config.metrics_address); !s.ok()) return s;
  if (config.database_url.empty()) return Invalid("database URL", "must not be empty");
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
  --help, --version
)";
}

}  // namespace frontdesk::app
