// frontdeskd: the Frontdesk interaction management server.
#include <grpc/support/log.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <pthread.h>

#include "app/config.h"
#include "app/frontdesk_server.h"
#include "observability/logging.h"
#include "storage/migrations.h"

namespace {

using frontdesk::app::Config;
namespace observability = frontdesk::observability;

// gRPC core writes its own lines to stderr (a failed bind, for one); they repeat what frontdeskd
// reports itself, so they go to the structured log at debug level.
void RouteGrpcCoreLogs() {
  gpr_set_log_function([](gpr_log_func_args* args) {
    observability::LogDebug("grpc core", {{"file", args->file},
                                          {"line", args->line},
                                          {"severity", gpr_log_severity_string(args->severity)},
                                          {"detail", args->message}});
  });
}

// One clear line on stderr, then a non-zero exit: bad configuration is not a crash.
int Fail(std::string_view what, const absl::Status& status) {
  std::fprintf(stderr, "frontdeskd: %.*s: %.*s\n", static_cast<int>(what.size()), what.data(),
               static_cast<int>(status.message().size()), status.message().data());
  return 1;
}

int Migrate(const Config& config) {
  auto database = frontdesk::app::OpenDatabase(config, nullptr);
  if (!database.ok()) return Fail("database", database.status());
  auto version = frontdesk::storage::ApplyMigrations(**database);
  if (!version.ok()) return Fail("migrate", version.status());
  observability::LogInfo("schema migrated", {{"version", *version}});
  return 0;
}

// Blocks SIGINT and SIGTERM in every thread, so that only the waiting thread receives them.
sigset_t BlockShutdownSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

int Serve(const Config& config) {
  const sigset_t signals = BlockShutdownSignals();
  auto server = frontdesk::app::FrontdeskServer::Start(config);
  if (!server.ok()) return Fail("start", server.status());
  observability::LogInfo("frontdeskd serving",
                         {{"version", FRONTDESK_VERSION},
                          {"grpc_port", (*server)->grpc_port()},
                          {"metrics_port", (*server)->metrics_port()},
                          {"database", observability::RedactUrlPassword(config.database_url)},
                          {"log_level", observability::LogLevelName(config.log_level)}});
  int signal_number = 0;
  sigwait(&signals, &signal_number);
  observability::LogInfo("shutting down", {{"signal", signal_number == SIGINT ? "SIGINT" : "SIGTERM"},
                                           {"grace_seconds", config.shutdown_grace_seconds}});
  (*server)->Shutdown(std::chrono::seconds(config.shutdown_grace_seconds));
  observability::LogInfo("frontdeskd stopped");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  auto config = frontdesk::app::ParseConfig(args, [](const std::string& name) {
    const char* value = std::getenv(name.c_str());
    return value == nullptr ? std::nullopt : std::optional<std::string>(value);
  });
  if (!config.ok()) return Fail("configuration", config.status());
  observability::SetLogLevel(config->log_level);
  RouteGrpcCoreLogs();
  switch (config->command) {
    case frontdesk::app::Command::kHelp:
      std::fputs(frontdesk::app::UsageText().c_str(), stdout);
      return 0;
    case frontdesk::app::Command::kVersion:
      std::printf("frontdeskd %s\n", FRONTDESK_VERSION);
      return 0;
    case frontdesk::app::Command::kMigrate:
      return Migrate(*config);
    case frontdesk::app::Command::kServe:
      return Serve(*config);
  }
  return 1;
}
