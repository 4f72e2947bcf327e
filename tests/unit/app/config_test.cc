#include "app/config.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/text.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace frontdesk::app {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using Env = std::map<std::string, std::string>;

EnvironmentReader ReaderOf(Env env) {
  return [env = std::move(env)](const std::string& name) -> std::optional<std::string> {
    const auto it = env.find(name);
    if (it == env.end()) return std::nullopt;
    return it->second;
  };
}

absl::StatusOr<Config> Parse(std::vector<std::string> args, Env env = {}) {
  return ParseConfig(args, ReaderOf(std::move(env)));
}

std::string MessageOf(const absl::StatusOr<Config>& config) {
  return std::string(domain::View(config.status().message()));
}

TEST(ParseConfigTest, AppliesDefaults) {
  auto config = Parse({});

  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->command, Command::kServe);
  EXPECT_EQ(config->listen_address, "0.0.0.0:50051");
  EXPECT_EQ(config->metrics_address, "0.0.0.0:9464");
  EXPECT_EQ(config->database_url, "sqlite://frontdesk.db");
  EXPECT_EQ(config->database_password, "");
  EXPECT_EQ(config->log_level, observability::LogLevel::kInfo);
  EXPECT_FALSE(config->migrate_on_start);
  EXPECT_EQ(config->shutdown_grace_seconds, 20);
  EXPECT_EQ(config->database_pool_size, 8);
}

TEST(ParseConfigTest, ReadsEveryFlag) {
  auto config = Parse({"serve", "--listen=127.0.0.1:6000", "--metrics-listen=[::1]:9000",
                       "--database-url=mysql://fd@db:3306/frontdesk", "--log-level=debug",
                       "--migrate", "--shutdown-grace-seconds=0", "--database-pool-size=256"});

  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->listen_address, "127.0.0.1:6000");
  EXPECT_EQ(config->metrics_address, "[::1]:9000");
  EXPECT_EQ(config->database_url, "mysql://fd@db:3306/frontdesk");
  EXPECT_EQ(config->log_level, observability::LogLevel::kDebug);
  EXPECT_TRUE(config->migrate_on_start);
  EXPECT_EQ(config->shutdown_grace_seconds, 0);
  EXPECT_EQ(config->database_pool_size, 256);
}

TEST(ParseConfigTest, ReadsEveryEnvironmentVariable) {
  auto config = Parse({}, {{"FRONTDESK_LISTEN_ADDRESS", "10.0.0.1:7000"},
                           {"FRONTDESK_METRICS_ADDRESS", "metrics.local:0"},
                           {"FRONTDESK_DATABASE_URL", "sqlite:///var/lib/fd.db"},
                           {"FRONTDESK_DATABASE_PASSWORD", "s3cret"},
                           {"FRONTDESK_LOG_LEVEL", "warn"},
                           {"FRONTDESK_MIGRATE_ON_START", "yes"},
                           {"FRONTDESK_SHUTDOWN_GRACE_SECONDS", "3600"},
                           {"FRONTDESK_DATABASE_POOL_SIZE", "1"}});

  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->listen_address, "10.0.0.1:7000");
  EXPECT_EQ(config->metrics_address, "metrics.local:0");
  EXPECT_EQ(config->database_url, "sqlite:///var/lib/fd.db");
  EXPECT_EQ(config->database_password, "s3cret");
  EXPECT_EQ(config->log_level, observability::LogLevel::kWarn);
  EXPECT_TRUE(config->migrate_on_start);
  EXPECT_EQ(config->shutdown_grace_seconds, 3600);
  EXPECT_EQ(config->database_pool_size, 1);
}

TEST(ParseConfigTest, FlagsBeatTheEnvironment) {
  auto config = Parse(
      {"--listen=127.0.0.1:1", "--log-level=error", "--migrate=false", "--database-pool-size=3"},
      {{"FRONTDESK_LISTEN_ADDRESS", "10.0.0.1:7000"},
       {"FRONTDESK_LOG_LEVEL", "debug"},
       {"FRONTDESK_MIGRATE_ON_START", "true"},
       {"FRONTDESK_DATABASE_POOL_SIZE", "64"},
       {"FRONTDESK_DATABASE_URL", "sqlite://env.db"}});

  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->listen_address, "127.0.0.1:1");
  EXPECT_EQ(config->log_level, observability::LogLevel::kError);
  EXPECT_FALSE(config->migrate_on_start);
  EXPECT_EQ(config->database_pool_size, 3);
  EXPECT_EQ(config->database_url, "sqlite://env.db");  // No flag: the variable stands.
}

TEST(ParseConfigTest, ReadsTheCommand) {
  struct Case {
    std::vector<std::string> args;
    Command command;
  };
  const Case cases[] = {
      {{}, Command::kServe},
      {{"serve"}, Command::kServe},
      {{"migrate"}, Command::kMigrate},
      {{"migrate", "--database-url=sqlite://x.db"}, Command::kMigrate},
      {{"--help"}, Command::kHelp},
      {{"-h"}, Command::kHelp},
      {{"serve", "--help"}, Command::kHelp},
      {{"--version"}, Command::kVersion},
  };
  for (const Case& c : cases) {
    auto config = Parse(c.args);
    ASSERT_TRUE(config.ok()) << ::testing::PrintToString(c.args) << ": " << config.status();
    EXPECT_EQ(config->command, c.command) << ::testing::PrintToString(c.args);
  }
}

TEST(ParseConfigTest, ParsesBooleansAndLogLevels) {
  for (const char* yes : {"true", "1", "yes"}) {
    auto config = Parse({}, {{"FRONTDESK_MIGRATE_ON_START", yes}});
    ASSERT_TRUE(config.ok()) << yes << ": " << config.status();
    EXPECT_TRUE(config->migrate_on_start) << yes;
  }
  for (const char* no : {"false", "0", "no"}) {
    auto config = Parse({"--migrate=" + std::string(no)}, {{"FRONTDESK_MIGRATE_ON_START", "1"}});
    ASSERT_TRUE(config.ok()) << no << ": " << config.status();
    EXPECT_FALSE(config->migrate_on_start) << no;
  }
  struct Case {
    std::string text;
    observability::LogLevel level;
  };
  const Case levels[] = {{"debug", observability::LogLevel::kDebug},
                         {"Info", observability::LogLevel::kInfo},
                         {"WARNING", observability::LogLevel::kWarn},
                         {"error", observability::LogLevel::kError}};
  for (const Case& c : levels) {
    auto config = Parse({"--log-level=" + c.text});
    ASSERT_TRUE(config.ok()) << c.text << ": " << config.status();
    EXPECT_EQ(config->log_level, c.level) << c.text;
  }
}

struct InvalidCase {
  std::vector<std::string> args;
  Env env;
  std::string names;  // The flag or variable the message must name.
};

std::string Describe(const InvalidCase& c) {
  std::string text = ::testing::PrintToString(c.args);
  for (const auto& [name, value] : c.env) text += " " + name + "=" + value;
  return text;
}

TEST(ParseConfigTest, NamesTheEnvironmentVariableAtFault) {
  const InvalidCase cases[] = {
      {{}, {{"FRONTDESK_LOG_LEVEL", "loud"}}, "FRONTDESK_LOG_LEVEL"},
      {{}, {{"FRONTDESK_MIGRATE_ON_START", "maybe"}}, "FRONTDESK_MIGRATE_ON_START"},
      {{}, {{"FRONTDESK_SHUTDOWN_GRACE_SECONDS", "3601"}}, "FRONTDESK_SHUTDOWN_GRACE_SECONDS"},
      {{}, {{"FRONTDESK_DATABASE_POOL_SIZE", "0"}}, "FRONTDESK_DATABASE_POOL_SIZE"},
      {{}, {{"FRONTDESK_DATABASE_POOL_SIZE", "eight"}}, "FRONTDESK_DATABASE_POOL_SIZE"},
      {{}, {{"FRONTDESK_LISTEN_ADDRESS", "0.0.0.0:65536"}}, "FRONTDESK_LISTEN_ADDRESS"},
      {{}, {{"FRONTDESK_METRICS_ADDRESS", "localhost"}}, "FRONTDESK_METRICS_ADDRESS"},
      {{}, {{"FRONTDESK_DATABASE_URL", ""}}, "FRONTDESK_DATABASE_URL"},
  };
  for (const InvalidCase& c : cases) {
    auto config = Parse(c.args, c.env);
    EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument) << Describe(c);
    EXPECT_THAT(MessageOf(config), HasSubstr(c.names)) << Describe(c);
    EXPECT_THAT(MessageOf(config), Not(HasSubstr("\n"))) << Describe(c);
  }
}

TEST(ParseConfigTest, NamesTheFlagAtFault) {
  const InvalidCase cases[] = {
      {{"--colour=red"}, {}, "--colour"},
      {{"--listen"}, {}, "--listen"},
      {{"--database-pool-size"}, {}, "--database-pool-size"},
      {{"--database-password=x"}, {}, "--database-password"},
      {{"frobnicate"}, {}, "frobnicate"},
      {{"--listen=0.0.0.0:99999"}, {}, "--listen"},
      {{"--listen=0.0.0.0:-1"}, {}, "--listen"},
      {{"--listen=:50051x"}, {}, "--listen"},
      {{"--metrics-listen=0.0.0.0:http"}, {}, "--metrics-listen"},
      {{"--log-level=loud"}, {}, "--log-level"},
      {{"--log-level="}, {}, "--log-level"},
      {{"--migrate=sometimes"}, {}, "--migrate"},
      {{"--shutdown-grace-seconds=-1"}, {}, "--shutdown-grace-seconds"},
      {{"--database-pool-size=0"}, {}, "--database-pool-size"},
      {{"--database-pool-size=257"}, {}, "--database-pool-size"},
      {{"--database-pool-size=8.5"}, {}, "--database-pool-size"},
      {{"--database-url="}, {}, "--database-url"},
  };
  for (const InvalidCase& c : cases) {
    auto config = Parse(c.args, c.env);
    EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument) << Describe(c);
    EXPECT_THAT(MessageOf(config), HasSubstr(c.names)) << Describe(c);
  }
}

TEST(ParseConfigTest, TheCommandMustComeFirst) {
  auto config = Parse({"--migrate", "migrate"});
  EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(MessageOf(config), HasSubstr("migrate"));
}

TEST(UsageTextTest, MentionsEveryFlagAndVariable) {
  const std::string usage = UsageText();
  for (const char* text :
       {"serve", "migrate", "--listen=", "--metrics-listen=", "--database-url=", "--log-level=",
        "--migrate", "--shutdown-grace-seconds=", "--database-pool-size=", "--help", "--version",
        "FRONTDESK_LISTEN_ADDRESS", "FRONTDESK_METRICS_ADDRESS", "FRONTDESK_DATABASE_URL",
        "FRONTDESK_DATABASE_PASSWORD", "FRONTDESK_LOG_LEVEL", "FRONTDESK_MIGRATE_ON_START",
        "FRONTDESK_SHUTDOWN_GRACE_SECONDS", "FRONTDESK_DATABASE_POOL_SIZE"}) {
    EXPECT_THAT(usage, HasSubstr(text));
  }
}

TEST(UsageTextTest, StatesTheDefaults) {
  const std::string usage = UsageText();
  const Config defaults;
  EXPECT_THAT(usage, HasSubstr(defaults.listen_address));
  EXPECT_THAT(usage, HasSubstr(defaults.metrics_address));
  EXPECT_THAT(usage, HasSubstr(defaults.database_url));
  EXPECT_THAT(usage, HasSubstr("default " + std::to_string(defaults.shutdown_grace_seconds)));
  EXPECT_THAT(usage, HasSubstr("default " + std::to_string(defaults.database_pool_size)));
}

}  // namespace
}  // namespace frontdesk::app
