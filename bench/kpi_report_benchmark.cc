// Measures GetKpiReport as history grows. It stores the KPI rollups that N synthetic
// interactions received over one year produce, through the same accumulators and cell writes as
// the server's projection, then serves the database in process and times one-year reports over
// gRPC. Reports read only rollups, so what they cost depends on the cells stored, which the
// output prints next to N.
//
//   frontdesk_kpi_report_benchmark --database-url=URL --interactions=N [--runs=5] [--reuse]
//
// The database must be empty, or hold the rollups of an earlier run with the same N (--reuse);
// the tool applies the migrations.
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "absl/strings/numbers.h"
#include "app/frontdesk_server.h"
#include "domain/kpi/kpi_report.h"
#include "domain/text.h"
#include "frontdesk/v1/metrics_service.grpc.pb.h"
#include "google/protobuf/util/time_util.h"
#include "storage/database.h"
#include "storage/kpi_statements.h"
#include "storage/migrations.h"

namespace {

namespace v1 = ::frontdesk::v1;
namespace kpi = ::frontdesk::domain::kpi;
using frontdesk::domain::Cat;
using frontdesk::domain::Timestamp;
using google::protobuf::util::TimeUtil;
using Steady = std::chrono::steady_clock;
using namespace std::chrono_literals;

// 2025-01-01T00:00:00Z: the year the synthetic history covers.
const Timestamp kYearStart = Timestamp(std::chrono::sys_days(std::chrono::year(2025) / 1 / 1));

struct Options {
  std::string database_url;
  long interactions = 0;
  int runs = 5;
  bool reuse = false;  // The database already holds the rollups of this many interactions.
};

bool ParseOptions(int argc, char** argv, Options& options) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.starts_with("--database-url=")) {
      options.database_url = std::string(arg.substr(15));
    } else if (arg.starts_with("--interactions=")) {
      if (!absl::SimpleAtoi(std::string(arg.substr(15)), &options.interactions)) return false;
    } else if (arg == "--reuse") {
      options.reuse = true;
    } else if (arg.starts_with("--runs=")) {
      if (!absl::SimpleAtoi(std::string(arg.substr(7)), &options.runs)) return false;
    } else {
      return false;
    }
  }
  return !options.database_url.empty() && options.interactions > 0 &&
         options.interactions <= 5'000'000 && options.runs > 0 && options.runs <= 50;
}

// Picks an index with the given weights.
template <size_t N>
size_t Pick(std::mt19937_64& random, const double (&weights)[N]) {
  std::discrete_distribution<size_t> distribution(std::begin(weights), std::end(weights));
  return distribution(random);
}

// One synthetic interaction: office hours on weekdays mostly, skewed channels and types, a
// catalogue of 20 services, 15 departments and 8 queues, lognormal waits and handle times.
kpi::KpiFact SyntheticFact(std::mt19937_64& random) {
  using frontdesk::domain::Channel;
  using frontdesk::domain::InteractionType;
  using frontdesk::domain::Priority;
  static const double kChannels[] = {0, 40, 30, 10, 15, 5};
  static const double kTypes[] = {0, 5, 30, 40, 20, 3, 2};
  static const double kPriorities[] = {0, 2, 13, 45, 40};
  static const double kTiers[] = {0, 80, 15, 5};
  static const double kHours[] = {1, 1, 1, 1, 1, 2, 4, 10, 30, 40, 40, 38, 30,
                                  36, 38, 36, 30, 20, 10, 6, 4, 3, 2, 1};
  std::uniform_int_distribution<int> day(0, 364);
  std::uniform_int_distribution<int> second(0, 3599);
  std::lognormal_distribution<double> wait(3.5, 1.0);
  std::lognormal_distribution<double> handle(5.5, 0.8);
  std::uniform_int_distribution<int> service(1, 20), department(1, 15), queue(1, 8), score(1, 5);
  std::bernoulli_distribution coin(0.5);

  kpi::KpiFact fact;
  int d = day(random);
  if (d % 7 >= 5 && coin(random)) d = std::max(0, d - 2);  // Weekends are quieter.
  fact.receive_time = kYearStart + std::chrono::days(d) + std::chrono::hours(Pick(random, kHours)) +
                      std::chrono::seconds(second(random));
  fact.dimensions = {static_cast<Channel>(Pick(random, kChannels)),
                     static_cast<InteractionType>(Pick(random, kTypes)),
                     static_cast<Priority>(Pick(random, kPriorities)),
                     static_cast<int>(Pick(random, kTiers)),
                     Cat("service-", service(random)),
                     Cat("department-", department(random)),
                     Cat("queues/q", queue(random))};
  kpi::KpiRecord& record = fact.record;
  record.type = fact.dimensions.type;
  const bool abandoned = std::bernoulli_distribution(0.08)(random);
  record.queue_exit = abandoned ? kpi::QueueExit::kAbandoned : kpi::QueueExit::kAnswered;
  record.wait = std::chrono::seconds(static_cast<long>(wait(random)));
  if (!abandoned) record.first_response = record.wait + 5s;
  record.resolved = !abandoned;
  record.highest_tier = fact.dimensions.tier;
  if (record.resolved) {
    record.fcr.resolve_time = fact.receive_time + std::chrono::hours(2);
    record.fcr.agent_responded = true;
    record.fcr.agent_flag = coin(random);
    record.handle_by_tier[fact.dimensions.tier] = std::chrono::seconds(static_cast<long>(handle(random)));
    if (std::bernoulli_distribution(0.3)(random)) record.satisfaction_score = score(random);
  }
  record.survey_sent = record.resolved;
  record.response_sla = coin(random) ? frontdesk::domain::sla::SlaOutcome::kMet
                                     : frontdesk::domain::sla::SlaOutcome::kBreached;
  record.knowledge_articles_cited = coin(random) ? 1 : 0;
  return fact;
}

using CellKey = std::tuple<kpi::KpiCube, Timestamp, kpi::KpiDimensions>;

std::map<CellKey, kpi::KpiAccumulator> BuildCells(long interactions) {
  std::mt19937_64 random(20250101);
  std::map<CellKey, kpi::KpiAccumulator> cells;
  for (long i = 0; i < interactions; ++i) {
    const kpi::KpiFact fact = SyntheticFact(random);
    const Timestamp hour = std::chrono::floor<std::chrono::hours>(fact.receive_time);
    for (kpi::KpiCube cube : kpi::kAllCubes) {
      cells[{cube, hour, kpi::ProjectOnto(cube, fact.dimensions)}].Add(fact.record);
    }
  }
  return cells;
}

absl::Status StoreCells(frontdesk::storage::Database& database,
                        const std::map<CellKey, kpi::KpiAccumulator>& cells) {
  auto lease = database.Acquire();
  if (!lease.ok()) return lease.status();
  soci::session& session = lease->session();
  std::map<kpi::KpiCube, std::vector<kpi::KpiCell>> batch;
  auto flush = [&] {
    frontdesk::storage::Transaction transaction(session, database.dialect());
    for (const auto& [cube, batch_cells] : batch) {
      frontdesk::storage::WriteCells(session, database.dialect(), cube, batch_cells);
    }
    transaction.Commit();
    batch.clear();
  };
  size_t pending = 0;
  for (const auto& [key, accumulator] : cells) {
    const auto& [cube, hour, dimensions] = key;
    batch[cube].push_back({hour, dimensions, accumulator});
    if (++pending % 5000 == 0) flush();
  }
  flush();
  return absl::OkStatus();
}

google::protobuf::Timestamp ToProto(Timestamp t) {
  return TimeUtil::MicrosecondsToTimestamp(t.time_since_epoch().count());
}

struct Scenario {
  std::string name;
  v1::GetKpiReportRequest request;
};

std::vector<Scenario> Scenarios() {
  v1::GetKpiReportRequest year;
  *year.mutable_start_time() = ToProto(kYearStart);
  *year.mutable_end_time() = ToProto(kYearStart + std::chrono::days(365));
  year.set_trend_granularity(v1::TREND_GRANULARITY_DAY);
  std::vector<Scenario> scenarios = {{"daily, UTC", year}};
  year.set_time_zone("Europe/Berlin");
  scenarios.push_back({"daily, Europe/Berlin", year});
  year.add_group_by(v1::KPI_DIMENSION_CHANNEL);
  year.set_trend_granularity(v1::TREND_GRANULARITY_WEEK);
  scenarios.push_back({"weekly, by channel", year});
  year.clear_group_by();
  year.add_group_by(v1::KPI_DIMENSION_SERVICE);
  year.set_trend_granularity(v1::TREND_GRANULARITY_DAY);
  scenarios.push_back({"daily, by service", year});
  year.set_filter("channel = PHONE");
  year.set_trend_granularity(v1::TREND_GRANULARITY_MONTH);
  scenarios.push_back({"monthly, by service, phone only", year});
  return scenarios;
}

// Runs the scenario once to warm the database's caches, then `runs` times, and returns the
// median latency of those in milliseconds.
double MedianMillis(v1::MetricsService::Stub& stub, const Scenario& scenario, int runs,
                    v1::KpiReport* report) {
  std::vector<double> millis;
  for (int i = -1; i < runs; ++i) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + 120s);
    const auto start = Steady::now();
    const grpc::Status status = stub.GetKpiReport(&context, scenario.request, report);
    if (i >= 0) {
      millis.push_back(std::chrono::duration<double, std::milli>(Steady::now() - start).count());
    }
    if (!status.ok()) {
      std::fprintf(stderr, "GetKpiReport failed: %s\n", status.error_message().c_str());
      return -1;
    }
  }
  std::sort(millis.begin(), millis.end());
  return millis[millis.size() / 2];
}

int Run(const Options& options) {
  auto url = frontdesk::storage::DatabaseUrl::Parse(options.database_url);
  if (!url.ok()) return std::fprintf(stderr, "%s\n", std::string(url.status().message()).c_str()), 2;
  auto database = frontdesk::storage::Database::Open(*url, {}, nullptr);
  if (!database.ok() || !frontdesk::storage::ApplyMigrations(**database).ok()) {
    std::fprintf(stderr, "cannot open and migrate the database\n");
    return 1;
  }
  const auto built = Steady::now();
  const auto cells = BuildCells(options.interactions);
  if (!options.reuse && !StoreCells(**database, cells).ok()) {
    return std::fprintf(stderr, "storing cells failed\n"), 1;
  }
  const double setup_seconds = std::chrono::duration<double>(Steady::now() - built).count();
  std::map<kpi::KpiCube, long> cells_per_cube;
  for (const auto& [key, cell] : cells) ++cells_per_cube[std::get<0>(key)];

  frontdesk::app::Config config;
  config.database_url = options.database_url;
  config.listen_address = "127.0.0.1:0";
  config.metrics_address = "";
  auto server = frontdesk::app::FrontdeskServer::Start(config);
  if (!server.ok()) return std::fprintf(stderr, "server did not start\n"), 1;
  auto stub = v1::MetricsService::NewStub(grpc::CreateChannel(
      Cat("127.0.0.1:", (*server)->grpc_port()), grpc::InsecureChannelCredentials()));

  std::printf("interactions=%ld cells: total %ld, channel %ld, service %ld, full %ld;"
              " setup %.1f s\n",
              options.interactions, cells_per_cube[kpi::KpiCube::kTotal],
              cells_per_cube[kpi::KpiCube::kChannel], cells_per_cube[kpi::KpiCube::kService],
              cells_per_cube[kpi::KpiCube::kFull], setup_seconds);
  for (const Scenario& scenario : Scenarios()) {
    v1::KpiReport report;
    const double millis = MedianMillis(*stub, scenario, options.runs, &report);
    if (millis < 0) return 1;
    std::printf("  %-32s median %8.1f ms over %d warm runs; volume %ld, %d trend points, %d groups\n",
                scenario.name.c_str(), millis, options.runs,
                static_cast<long>(report.total().volume()), report.trend_size(),
                report.groups_size());
  }
  (*server)->Shutdown(0s);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!ParseOptions(argc, argv, options)) {
    std::fprintf(stderr,
                 "usage: frontdesk_kpi_report_benchmark --database-url=URL --interactions=N "
                 "[--runs=5] [--reuse]\n");
    return 2;
  }
  return Run(options);
}
