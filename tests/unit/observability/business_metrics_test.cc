#include "observability/business_metrics.h"

#include <chrono>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace frontdesk::observability {
namespace {

using std::chrono::seconds;

// The sample count and sum of the histogram family `name`, over all its series.
std::pair<uint64_t, double> HistogramTotals(prometheus::Registry& registry,
                                            const std::string& name) {
  uint64_t count = 0;
  double sum = 0;
  for (const prometheus::MetricFamily& family : registry.Collect()) {
    if (family.name != name) continue;
    for (const prometheus::ClientMetric& metric : family.metric) {
      count += metric.histogram.sample_count;
      sum += metric.histogram.sample_sum;
    }
  }
  return {count, sum};
}

// The value of the counter family `name`, over all its series.
double CounterTotal(prometheus::Registry& registry, const std::string& name) {
  double total = 0;
  for (const prometheus::MetricFamily& family : registry.Collect()) {
    if (family.name != name) continue;
    for (const prometheus::ClientMetric& metric : family.metric) total += metric.counter.value;
  }
  return total;
}

domain::InteractionRevision Revision(const domain::Interaction& interaction, int64_t sequence) {
  domain::InteractionRevision revision;
  revision.sequence = sequence;
  revision.action = "LogCommunication";
  revision.interaction = interaction;
  return revision;
}

TEST(BusinessMetricsTest, AFirstResponseMovedEarlierIsNotObservedAgain) {
  prometheus::Registry registry;
  BusinessMetrics metrics(registry, LabelCatalog{});
  domain::Interaction interaction;
  interaction.id = "i1";
  interaction.channel = domain::Channel::kPhone;
  interaction.receive_time = domain::Timestamp(seconds(1'000'000));

  std::vector<domain::InteractionRevision> history = {Revision(interaction, 1)};
  interaction.first_response_time = interaction.receive_time + seconds(600);
  history.push_back(Revision(interaction, 2));
  metrics.OnProjected({history, 2, 2, std::nullopt, {}});
  EXPECT_EQ(HistogramTotals(registry, "frontdesk_first_response_seconds"),
            std::make_pair(uint64_t{1}, 600.0));

  // A call noted after the fact: the first response was earlier than the reply logged before.
  interaction.first_response_time = interaction.receive_time + seconds(300);
  history.push_back(Revision(interaction, 3));
  metrics.OnProjected({history, 1, 3, std::nullopt, {}});
  EXPECT_EQ(HistogramTotals(registry, "frontdesk_first_response_seconds").first, 1u);
}

TEST(BusinessMetricsTest, CountsTheRevisionsTheBatchReadNotNewerOnes) {
  prometheus::Registry registry;
  BusinessMetrics metrics(registry, LabelCatalog{});
  domain::Interaction interaction;
  interaction.id = "i2";
  interaction.channel = domain::Channel::kChat;
  interaction.receive_time = domain::Timestamp(seconds(2'000'000));
  const domain::InteractionRevision created = Revision(interaction, 7);
  interaction.first_response_time = interaction.receive_time + seconds(30);
  const std::vector<domain::InteractionRevision> history = {created, Revision(interaction, 9)};

  // The batch read through sequence 7, the create; the reply (9) committed before the history
  // was read, and belongs to the next batch.
  metrics.OnProjected({history, 1, 7, std::nullopt, {}});
  EXPECT_EQ(CounterTotal(registry, "frontdesk_interactions_received_total"), 1);
  EXPECT_EQ(HistogramTotals(registry, "frontdesk_first_response_seconds").first, 0u);

  metrics.OnProjected({history, 1, 9, std::nullopt, {}});
  EXPECT_EQ(CounterTotal(registry, "frontdesk_interactions_received_total"), 1);
  EXPECT_EQ(HistogramTotals(registry, "frontdesk_first_response_seconds"),
            std::make_pair(uint64_t{1}, 30.0));
}

}  // namespace
}  // namespace frontdesk::observability
