#include "domain/kpi/kpi_accumulator.h"

#include <map>
#include <vector>

#include "gtest/gtest.h"
#include "unit/domain/kpi/worked_example.h"

namespace frontdesk::domain::kpi {
namespace {

using namespace std::chrono_literals;
using sla::SlaOutcome;

constexpr int64_t kUnit = 1'000'000'000;  // Billionths per currency unit.

KpiRow RowOf(const std::vector<KpiRecord>& records, const KpiSettings& settings = {}) {
  KpiAccumulator accumulator(settings);
  for (const KpiRecord& record : records) accumulator.Add(record);
  return accumulator.Finish();
}

TEST(KpiAccumulatorTest, GivesCountsButNoValuesWithoutInteractions) {
  const KpiRow row = KpiAccumulator(KpiSettings{}).Finish();
  EXPECT_EQ(row.volume, 0);
  EXPECT_TRUE(row.type_counts.empty());
  for (const Ratio& ratio :
       {row.information_request_share, row.kb_citation_share, row.response_sla.within_target(),
        row.resolution_sla.within_target(), row.abandonment.rate, row.service_level.ratio,
        row.first_contact_resolution.rate, row.first_level_resolution, row.csat.top_box,
        row.csat.response_rate}) {
    EXPECT_EQ(ratio, (Ratio{0, 0}));
    EXPECT_EQ(ratio.value(), std::nullopt);
  }
  for (const DurationStats& stats : {row.speed_of_answer, row.first_response, row.handle}) {
    EXPECT_EQ(stats.count, 0);
    EXPECT_EQ(stats.mean, std::nullopt);
    EXPECT_EQ(stats.median, std::nullopt);
  }
  EXPECT_EQ(row.csat.mean_score, std::nullopt);
  EXPECT_EQ(row.cost, std::nullopt);  // These settings set no costs.
  EXPECT_EQ(row.downstream_share.incident_records, std::nullopt);
}

TEST(KpiAccumulatorTest, ComputesEachServiceLevelVariantOnTheWorkedExample) {
  for (const testing::VariantExpectation& c : testing::kWorkedExampleVariants) {
    KpiSettings settings;
    settings.service_level_variant = c.variant;
    const KpiRow row = RowOf(testing::WorkedExampleRecords(), settings);
    EXPECT_EQ(row.service_level.variant, c.variant);
    EXPECT_EQ(row.service_level.thresholds.service_level, 30s);
    EXPECT_EQ(row.service_level.ratio, c.ratio) << static_cast<int>(c.variant);
    EXPECT_EQ(row.abandonment.abandoned, 58);
    EXPECT_EQ(row.abandonment.short_abandoned, 10);
    EXPECT_EQ(row.abandonment.rate, (Ratio{48, 990}));
  }

  const DurationStats answer = RowOf(testing::WorkedExampleRecords()).speed_of_answer;
  EXPECT_EQ(answer.count, 942);  // Abandons are not in the ASA.
  EXPECT_EQ(answer.total, 810 * 10s + 132 * 60s);
  EXPECT_EQ(answer.mean, Duration(810 * 10s + 132 * 60s) / 942);
  EXPECT_EQ(answer.median, 10s);
  EXPECT_EQ(answer.p90, 60s);
}

TEST(KpiAccumulatorTest, MergedGroupsEqualTheTotalNotTheAverageOfGroups) {
  KpiRecord fast;
  fast.queue_exit = QueueExit::kAnswered;
  fast.wait = 5s;
  KpiRecord gave_up = fast;
  gave_up.queue_exit = QueueExit::kAbandoned;
  gave_up.wait = 60s;

  KpiAccumulator group_a(KpiSettings{});
  group_a.Add(fast);  // 1 of 1: 100 %.
  KpiAccumulator group_b(KpiSettings{});
  group_b.Add(fast);
  for (int i = 0; i < 9; ++i) group_b.Add(gave_up);  // 1 of 10: 10 %.
  group_a.Merge(group_b);

  const KpiRow merged = group_a.Finish();
  EXPECT_EQ(merged.service_level.ratio, (Ratio{2, 11}));  // 18 %, not the average 55 %.
  EXPECT_EQ(merged.volume, 11);
  EXPECT_EQ(merged.abandonment.rate, (Ratio{9, 11}));

  // Any split of the worked example merges back into the row of the whole.
  const std::vector<KpiRecord> records = testing::WorkedExampleRecords();
  std::vector<KpiAccumulator> groups(3, KpiAccumulator(KpiSettings{}));
  for (size_t i = 0; i < records.size(); ++i) groups[i % 3].Add(records[i]);
  KpiAccumulator total(KpiSettings{});
  for (const KpiAccumulator& group : groups) total.Merge(group);
  const KpiRow whole = RowOf(records);
  const KpiRow combined = total.Finish();
  EXPECT_EQ(combined.service_level.ratio, whole.service_level.ratio);
  EXPECT_EQ(combined.abandonment.rate, whole.abandonment.rate);
  EXPECT_EQ(combined.speed_of_answer.median, whole.speed_of_answer.median);
  EXPECT_EQ(combined.speed_of_answer.total, whole.speed_of_answer.total);
}

// Five interactions covering every KPI; see the expectations below.
std::vector<KpiRecord> SampleRecords() {
  using enum InteractionType;
  return {
      // An information request answered from the knowledge base on first contact.
      {.type = kInformationRequest,
       .queue_exit = QueueExit::kAnswered,
       .wait = 20s,
       .response_sla = SlaOutcome::kMet,
       .resolution_sla = SlaOutcome::kMet,
       .resolved = true,
       .fcr = FcrDecision::kFirstContact,
       .first_response = 2min,
       .handle_by_tier = {0s, 10min, 0s, 0s},
       .survey_sent = true,
       .satisfaction_score = 5,
       .knowledge_articles_cited = 1},
      // An information request resolved without a citation.
      {.type = kInformationRequest,
       .queue_exit = QueueExit::kAnswered,
       .wait = 40s,
       .response_sla = SlaOutcome::kBreached,
       .resolution_sla = SlaOutcome::kMet,
       .resolved = true,
       .fcr = FcrDecision::kNotFirstContact,
       .first_response = 30min,
       .handle_by_tier = {0s, 6min, 0s, 0s},
       .survey_sent = true,
       .satisfaction_score = 3},
      // An incident escalated to tier 2 that created a downstream incident record.
      {.type = kIncident,
       .queue_exit = QueueExit::kAnswered,
       .wait = 10s,
       .response_sla = SlaOutcome::kMet,
       .resolution_sla = SlaOutcome::kBreached,
       .resolved = true,
       .highest_tier = 2,
       .fcr = FcrDecision::kNotFirstContact,
       .first_response = 1min,
       .handle_by_tier = {0s, 5min, 20min, 0s},
       .survey_sent = true,
       .downstream_incidents = 1},
      // An incident still open that created a change record.
      {.type = kIncident,
       .queue_exit = QueueExit::kAnswered,
       .wait = 5s,
       .response_sla = SlaOutcome::kPending,
       .resolution_sla = SlaOutcome::kPending,
       .first_response = 3min,
       .handle_by_tier = {0s, 2min, 0s, 0s},
       .downstream_changes = 1},
      // A service request abandoned in the queue.
      {.type = kServiceRequest,
       .queue_exit = QueueExit::kAbandoned,
       .wait = 45s,
       .response_sla = SlaOutcome::kCancelled,
       .resolution_sla = SlaOutcome::kCancelled},
  };
}

TEST(KpiAccumulatorTest, SummarisesARowOfInteractions) {
  KpiSettings settings;
  settings.costs = CostSettings{{0, kUnit / 2, 6 * kUnit / 5, 0}, kUnit};
  KpiAccumulator accumulator(settings);
  for (const KpiRecord& record : SampleRecords()) accumulator.Add(record);
  const KpiRow row = accumulator.Finish({4, std::nullopt});

  EXPECT_EQ(row.volume, 5);
  const std::map<InteractionType, int64_t> types = {{InteractionType::kInformationRequest, 2},
                                                    {InteractionType::kIncident, 2},
                                                    {InteractionType::kServiceRequest, 1}};
  EXPECT_EQ(row.type_counts, types);
  EXPECT_EQ(row.information_request_share, (Ratio{2, 5}));
  EXPECT_EQ(row.kb_citation_share, (Ratio{1, 2}));
  EXPECT_EQ(row.kb_gap_count, 1);

  EXPECT_EQ(row.response_sla.within_target(), (Ratio{2, 3}));
  EXPECT_EQ(row.response_sla.pending, 1);  // Cancelled clocks count nowhere.
  EXPECT_EQ(row.resolution_sla.within_target(), (Ratio{2, 3}));

  EXPECT_EQ(row.service_level.ratio, (Ratio{3, 5}));
  EXPECT_EQ(row.abandonment.rate, (Ratio{1, 5}));
  EXPECT_EQ(row.first_contact_resolution.rate, (Ratio{1, 3}));
  EXPECT_EQ(row.first_contact_resolution.settings.method, FcrMethod::kNoHandoff);
  EXPECT_EQ(row.first_level_resolution, (Ratio{2, 3}));

  EXPECT_EQ(row.speed_of_answer.mean, 18750ms);
  EXPECT_EQ(row.speed_of_answer.median, 10s);
  EXPECT_EQ(row.speed_of_answer.p90, 40s);
  EXPECT_EQ(row.first_response.median, 2min);
  EXPECT_EQ(row.first_response.p90, 30min);
  EXPECT_EQ(row.handle.count, 3);  // Resolved only.
  EXPECT_EQ(row.handle.mean, 820s);
  EXPECT_EQ(row.handle.median, 10min);

  ASSERT_TRUE(row.cost);
  EXPECT_EQ(row.cost->total, 40 * kUnit + kUnit / 2);  // 35.50 handling + 5 x 1.00 desk.
  EXPECT_EQ(row.cost->per_contact, 8 * kUnit + kUnit / 10);
  EXPECT_EQ(row.cost->incident_response, 29 * kUnit + kUnit / 2);
  EXPECT_EQ(row.cost->per_incident, 14 * kUnit + 3 * kUnit / 4);

  EXPECT_EQ(row.csat.min_satisfied_score, 4);
  EXPECT_EQ(row.csat.top_box, (Ratio{1, 2}));
  EXPECT_EQ(row.csat.score_sum, 8);
  EXPECT_EQ(row.csat.mean_score, 4.0);
  EXPECT_EQ(row.csat.response_rate, (Ratio{2, 3}));

  EXPECT_EQ(row.downstream_share.incident_records, (Ratio{1, 4}));
  EXPECT_EQ(row.downstream_share.change_records, std::nullopt);
}

}  // namespace
}  // namespace frontdesk::domain::kpi
