#include "domain/kpi/kpi_accumulator.h"

#include <map>
#include <vector>

#include "gtest/gtest.h"
#include "unit/domain/kpi/worked_example.h"

namespace frontdesk::domain::kpi {
namespace {

// Designated initializers name only the members a case is about; the rest keep their defaults.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

using namespace std::chrono_literals;
using sla::SlaOutcome;

constexpr int64_t kUnit = 1'000'000'000;  // Billionths per currency unit.

// Monday 2 March 2026, 00:00 UTC, and a month later: when rows are finished.
const Timestamp kDay = Timestamp(std::chrono::sys_days(std::chrono::year(2026) / 3 / 2));
const Timestamp kNow = kDay + 30 * 24h;

KpiAccumulator AccumulatorOf(const std::vector<KpiRecord>& records) {
  KpiAccumulator accumulator;
  for (const KpiRecord& record : records) accumulator.Add(record);
  return accumulator;
}

KpiRow RowOf(const std::vector<KpiRecord>& records, const KpiSettings& settings = {}) {
  return AccumulatorOf(records).Finish(settings, kNow);
}

TEST(KpiAccumulatorTest, GivesCountsButNoValuesWithoutInteractions) {
  const KpiRow row = KpiAccumulator{}.Finish(KpiSettings{}, kNow);
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

  KpiAccumulator group_a;
  group_a.Add(fast);  // 1 of 1: 100 %.
  KpiAccumulator group_b;
  group_b.Add(fast);
  for (int i = 0; i < 9; ++i) group_b.Add(gave_up);  // 1 of 10: 10 %.
  group_a.Merge(group_b);

  const KpiRow merged = group_a.Finish(KpiSettings{}, kNow);
  EXPECT_EQ(merged.service_level.ratio, (Ratio{2, 11}));  // 18 %, not the average 55 %.
  EXPECT_EQ(merged.volume, 11);
  EXPECT_EQ(merged.abandonment.rate, (Ratio{9, 11}));

  // Any split of the worked example merges back into the row of the whole.
  const std::vector<KpiRecord> records = testing::WorkedExampleRecords();
  std::vector<KpiAccumulator> groups(3);
  for (size_t i = 0; i < records.size(); ++i) groups[i % 3].Add(records[i]);
  KpiAccumulator total;
  for (const KpiAccumulator& group : groups) total.Merge(group);
  const KpiRow whole = RowOf(records);
  const KpiRow combined = total.Finish(KpiSettings{}, kNow);
  EXPECT_EQ(combined.service_level.ratio, whole.service_level.ratio);
  EXPECT_EQ(combined.abandonment.rate, whole.abandonment.rate);
  EXPECT_EQ(combined.speed_of_answer.median, whole.speed_of_answer.median);
  EXPECT_EQ(combined.speed_of_answer.total, whole.speed_of_answer.total);
  EXPECT_EQ(total, AccumulatorOf(records));
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
       .fcr = {.resolve_time = kDay + 1h, .agent_responded = true, .agent_flag = true},
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
       .fcr = {.resolve_time = kDay + 2h, .agent_responded = true, .reopened = true},
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
       .fcr = {.resolve_time = kDay + 3h, .agent_responded = true, .handed_over = true},
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
  const KpiRow row = AccumulatorOf(SampleRecords()).Finish(settings, kNow, {4, std::nullopt});

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


// Records that touch every part of the accumulator beyond the samples: sub-second waits and
// responses, FCR repeats and open windows, several tiers, out-of-range scores.
std::vector<KpiRecord> VariedRecords() {
  std::vector<KpiRecord> records = SampleRecords();
  const std::vector<KpiRecord> worked = testing::WorkedExampleRecords();
  records.insert(records.end(), worked.begin(), worked.begin() + 40);
  using enum InteractionType;
  records.push_back({.type = kComplaint,
                     .queue_exit = QueueExit::kAnswered,
                     .wait = 29500ms,
                     .resolved = true,
                     .highest_tier = 3,
                     .fcr = {.resolve_time = kDay + 5h + 7s,
                             .agent_responded = true,
                             .next_contact_time = kDay + 6h},
                     .first_response = 1234567us,
                     .handle_by_tier = {0s, 1min, 2min, 3500ms},
                     .survey_sent = true,
                     .satisfaction_score = 9});
  records.push_back({.type = kIncident,
                     .queue_exit = QueueExit::kAbandoned,
                     .wait = 4200ms,
                     .fcr = {.resolve_time = kNow - 1h, .agent_responded = true},
                     .downstream_incidents = 2,
                     .downstream_changes = 1});
  records.push_back({.type = kChangeRequest,
                     .resolved = true,
                     .fcr = {.resolve_time = kDay, .agent_responded = true, .anonymous = true},
                     .handle_by_tier = {0s, 0s, 0s, 45min},
                     .satisfaction_score = 1,
                     .knowledge_articles_cited = 3});
  return records;
}

KpiSettings EverySetting() {
  KpiSettings settings;
  settings.costs = CostSettings{{0, kUnit / 2, 6 * kUnit / 5, 2 * kUnit}, kUnit / 4};
  settings.fcr = {FcrMethod::kNoRepeatContact, 24h};
  return settings;
}

TEST(KpiAccumulatorTest, AddingThenRemovingRecordsLeavesAnEmptyAccumulator) {
  const std::vector<KpiRecord> records = VariedRecords();
  for (size_t i = 0; i < records.size(); ++i) {
    KpiAccumulator accumulator;
    accumulator.Add(records[i]);
    EXPECT_FALSE(accumulator == KpiAccumulator{}) << i;
    accumulator.Add(records[i], -1);
    EXPECT_EQ(accumulator, KpiAccumulator{}) << i;
    EXPECT_EQ(accumulator.Encode(), KpiAccumulator{}.Encode()) << i;
  }

  KpiAccumulator all = AccumulatorOf(records);
  for (const KpiRecord& record : records) all.Add(record, 3);
  for (auto it = records.rbegin(); it != records.rend(); ++it) all.Add(*it, -4);
  EXPECT_EQ(all, KpiAccumulator{});
  EXPECT_EQ(all.volume(), 0);

  // Following a change: take the old record out, put the new one in.
  KpiRecord before = records[3];
  KpiRecord after = before;
  after.resolved = true;
  after.fcr.resolve_time = kDay + 4h;
  after.response_sla = sla::SlaOutcome::kMet;
  KpiAccumulator followed = AccumulatorOf({records[0], before});
  followed.Add(before, -1);
  followed.Add(after);
  EXPECT_EQ(followed, AccumulatorOf({records[0], after}));
}

TEST(KpiAccumulatorTest, EncodesAndDecodesToAnEqualAccumulator) {
  const std::vector<KpiRecord> records = VariedRecords();
  KpiAccumulator minus_one;
  minus_one.Add(records[0], -1);  // Negative counts, as a pending removal leaves them.
  for (const KpiAccumulator& original :
       {KpiAccumulator{}, AccumulatorOf({records[0]}), AccumulatorOf(records),
        AccumulatorOf(testing::WorkedExampleRecords()), minus_one}) {
    const std::string text = original.Encode();
    const std::optional<KpiAccumulator> decoded = KpiAccumulator::Decode(text);
    ASSERT_TRUE(decoded) << text;
    EXPECT_EQ(*decoded, original) << text;
    EXPECT_EQ(decoded->Encode(), text);
    EXPECT_EQ(decoded->volume(), original.volume());
  }
  const std::optional<KpiAccumulator> decoded =
      KpiAccumulator::Decode(AccumulatorOf(records).Encode());
  ASSERT_TRUE(decoded);
  const KpiRow row = decoded->Finish(EverySetting(), kNow, {10, 10});
  const KpiRow expected = RowOf(records, EverySetting());
  EXPECT_EQ(row.volume, expected.volume);
  EXPECT_EQ(row.first_contact_resolution.rate, expected.first_contact_resolution.rate);
  EXPECT_EQ(row.first_response.median, expected.first_response.median);
  EXPECT_EQ(row.cost->total, expected.cost->total);
}

// a + b, appended in place (GCC 12 warns falsely about "literal" + std::string).
std::string Join(std::string a, const std::string& b) { return a.append(b); }

TEST(KpiAccumulatorTest, DecodeRejectsMalformedText) {
  const std::string valid = AccumulatorOf(VariedRecords()).Encode();
  const std::string empty = KpiAccumulator{}.Encode();
  ASSERT_TRUE(KpiAccumulator::Decode(valid));
  ASSERT_TRUE(KpiAccumulator::Decode(empty));
  ASSERT_EQ(empty.substr(0, 2), "2 ");  // Layout version 2 first.
  struct Case {
    std::string name;
    std::string text;
  };
  const Case cases[] = {
      {"empty", ""},
      {"only the version", "2 "},
      {"another layout version", Join("1", empty.substr(1))},
      {"no layout version", empty.substr(2)},
      {"truncated by one number", valid.substr(0, valid.rfind(' ', valid.size() - 2) + 1)},
      {"last separator missing", valid.substr(0, valid.size() - 1)},
      {"trailing number", Join(valid, "0 ")},
      {"trailing text", Join(valid, "x")},
      {"a word for a number", Join("2 zero", empty.substr(3))},
      {"two separators", Join("2  ", empty.substr(2))},
      {"negative map size", Join("2 0 -1 ", empty.substr(6))},
      {"map longer than the text", "2 0 1000 "},
      {"comma separated", "2,0,0"},
      {"keys not ascending", Join("2 0 2 5 1 0 1 ", empty.substr(6))},
      {"a zero count", Join("2 0 1 5 0 ", empty.substr(6))},
      {"number too large", Join("2 99999999999999999999 ", empty.substr(4))},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(KpiAccumulator::Decode(c.text), std::nullopt) << c.name << ": '" << c.text << "'";
  }
}

TEST(KpiAccumulatorTest, MergedGroupsEqualTheWholeAccumulator) {
  const std::vector<KpiRecord> records = VariedRecords();
  const KpiAccumulator whole = AccumulatorOf(records);
  for (size_t parts : {1u, 2u, 3u, 7u}) {
    std::vector<KpiAccumulator> groups(parts);
    for (size_t i = 0; i < records.size(); ++i) groups[(i * 5) % parts].Add(records[i]);
    KpiAccumulator merged;
    for (const KpiAccumulator& group : groups) merged.Merge(group);
    EXPECT_EQ(merged, whole) << parts;
    EXPECT_EQ(merged.Encode(), whole.Encode()) << parts;

    // Taking a group out leaves the others.
    KpiAccumulator rest = whole;
    rest.Merge(groups[0], -1);
    KpiAccumulator others;
    for (size_t g = 1; g < parts; ++g) others.Merge(groups[g]);
    EXPECT_EQ(rest, others) << parts;
  }

  KpiAccumulator tripled;
  tripled.Merge(whole, 3);
  KpiAccumulator three;
  for (int i = 0; i < 3; ++i) three.Merge(whole);
  EXPECT_EQ(tripled, three);
  EXPECT_EQ(tripled.volume(), 3 * whole.volume());
  const KpiRow row = tripled.Finish(EverySetting(), kNow);
  const KpiRow single = whole.Finish(EverySetting(), kNow);
  EXPECT_EQ(row.first_contact_resolution.rate.numerator,
            3 * single.first_contact_resolution.rate.numerator);
  // Costs are rounded once per row, so three copies differ from three rows by rounding only.
  EXPECT_NEAR(row.cost->total, 3 * single.cost->total, 2);
  EXPECT_EQ(row.speed_of_answer.median, single.speed_of_answer.median);
}

TEST(KpiAccumulatorTest, AppliesTheThresholdsOfTheSettingsAtFinish) {
  // One accumulator answers under any thresholds, exactly as counting with them would.
  std::vector<KpiRecord> records = testing::WorkedExampleRecords();
  for (const Duration wait : std::initializer_list<Duration>{29500ms, 30s, 30001ms, 5s, 5001ms, 0s}) {
    for (const QueueExit exit : {QueueExit::kAnswered, QueueExit::kAbandoned}) {
      records.push_back({.queue_exit = exit, .wait = wait});
    }
  }
  const KpiAccumulator accumulator = AccumulatorOf(records);
  const QueueThresholds thresholds[] = {{30s, 5s}, {10s, 0s}, {60s, 3s}, {20s, 20s},
                                        {0s, 0s},  {1h, 1h},  {3s, 10s}};
  for (const QueueThresholds& t : thresholds) {
    QueueCounts expected;
    for (const KpiRecord& record : records) expected.Add(*record.queue_exit, record.wait, t);
    for (int variant = 1; variant <= 5; ++variant) {
      KpiSettings settings;
      settings.thresholds = t;
      settings.service_level_variant = static_cast<ServiceLevelVariant>(variant);
      const KpiRow row = accumulator.Finish(settings, kNow);
      const std::string name = std::to_string(t.service_level.count()) + "/" +
                               std::to_string(t.short_abandon.count()) + " variant " +
                               std::to_string(variant);
      EXPECT_EQ(row.service_level.ratio, ServiceLevel(expected, settings.service_level_variant))
          << name;
      EXPECT_EQ(row.service_level.thresholds.short_abandon, t.short_abandon) << name;
      EXPECT_EQ(row.abandonment.rate, AbandonmentRate(expected)) << name;
      EXPECT_EQ(row.abandonment.short_abandoned, expected.short_abandoned) << name;
    }
  }
}

TEST(KpiAccumulatorTest, UsesTheCsatScoreAndCostsOfTheSettings) {
  const KpiAccumulator accumulator = AccumulatorOf(SampleRecords());
  struct Case {
    int min_score;
    int reported;
    Ratio top_box;
  };
  const Case cases[] = {{0, 4, {1, 2}}, {3, 3, {2, 2}}, {5, 5, {1, 2}}, {4, 4, {1, 2}}};
  for (const Case& c : cases) {
    KpiSettings settings;
    settings.csat_min_satisfied_score = c.min_score;
    const KpiRow row = accumulator.Finish(settings, kNow);
    EXPECT_EQ(row.csat.min_satisfied_score, c.reported) << c.min_score;
    EXPECT_EQ(row.csat.top_box, c.top_box) << c.min_score;
  }
  // Without a desk cost, only handle minutes count; a contact with no handle time costs 0.
  KpiSettings settings;
  settings.costs = CostSettings{{0, kUnit, 0, 0}, 0};
  const KpiRow row = accumulator.Finish(settings, kNow);
  ASSERT_TRUE(row.cost);
  EXPECT_EQ(row.cost->total, 23 * kUnit);  // 10 + 6 + 5 + 2 tier-1 minutes.
  EXPECT_EQ(row.cost->per_contact, 23 * kUnit / 5);
  EXPECT_EQ(row.cost->incident_response, 7 * kUnit);
  EXPECT_EQ(row.cost->per_incident, 7 * kUnit / 2);
  // No incidents: no cost per incident.
  const KpiRow information = AccumulatorOf({SampleRecords()[0]}).Finish(settings, kNow);
  EXPECT_EQ(information.cost->per_incident, std::nullopt);
  EXPECT_EQ(information.cost->incident_response, 0);
}

}  // namespace
}  // namespace frontdesk::domain::kpi
