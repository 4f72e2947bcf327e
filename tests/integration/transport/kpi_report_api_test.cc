// KPI reports, SLA clocks and breaches through the MetricsService API, on live interactions
// created through InteractionService, on both stores.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "frontdesk/v1/metrics_service.grpc.pb.h"
#include "integration/transport/api_test_util.h"
#include "integration/transport/metrics_api_test_util.h"

namespace frontdesk::testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;

constexpr int64_t kHour = 3600;

// The start of the UTC hour `hours_ago` hours before the current one.
google::protobuf::Timestamp HourStart(int hours_ago) {
  const int64_t now = TimeUtil::TimestampToSeconds(TimeUtil::GetCurrentTime());
  return TimeUtil::SecondsToTimestamp((now / kHour - hours_ago) * kHour);
}

google::protobuf::Timestamp Plus(const google::protobuf::Timestamp& t, int64_t seconds) {
  return TimeUtil::SecondsToTimestamp(TimeUtil::TimestampToSeconds(t) + seconds);
}

class KpiReportApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (HasFatalFailure()) return;
    metrics_ = v1::MetricsService::NewStub(server_->channel());
  }

  // Creates an interaction received at `receive_time` on `channel` with `type`.
  v1::Interaction CreateAt(v1::Channel channel, v1::InteractionType type,
                           const google::protobuf::Timestamp& receive_time) {
    v1::Interaction fields = NewInteraction(channel, "printer jam");
    fields.set_type(type);
    *fields.mutable_receive_time() = receive_time;
    v1::Interaction created;
    EXPECT_GRPC_OK(Create(fields, &created));
    return created;
  }

  void Respond(const std::string& name) {
    v1::LogCommunicationResponse response;
    EXPECT_GRPC_OK(Log(name, v1::AUTHOR_KIND_AGENT, v1::COMMUNICATION_DIRECTION_OUTBOUND,
                       "on it", &response));
  }

  void Resolve(const std::string& name, bool with_article) {
    v1::ResolveInteractionRequest request;
    request.set_name(name);
    request.set_resolution_code("SOLVED");
    request.set_first_contact_resolution(true);
    if (with_article) request.add_knowledge_articles("KB0001");
    request.set_request_id(NextRequestId());
    v1::Interaction resolved;
    EXPECT_GRPC_OK(Call(*stub_, &Stub::ResolveInteraction, request, &resolved));
  }

  void Abandon(const std::string& name) {
    v1::AbandonInteractionRequest request;
    request.set_name(name);
    request.set_request_id(NextRequestId());
    v1::Interaction abandoned;
    EXPECT_GRPC_OK(Call(*stub_, &Stub::AbandonInteraction, request, &abandoned));
  }

  void Survey(const std::string& name, int score) {
    v1::SubmitSatisfactionSurveyRequest request;
    request.set_name(name);
    request.mutable_survey()->set_score(score);
    request.set_request_id(NextRequestId());
    v1::Interaction surveyed;
    EXPECT_GRPC_OK(Call(*stub_, &Stub::SubmitSatisfactionSurvey, request, &surveyed));
  }

  grpc::Status Report(const v1::GetKpiReportRequest& request, v1::KpiReport* report) {
    return CallMetrics(*metrics_, &MetricsStub::GetKpiReport, request, report);
  }

  v1::GetKpiReportRequest Range(int from_hours_ago, int to_hours_ago) {
    v1::GetKpiReportRequest request;
    *request.mutable_start_time() = HourStart(from_hours_ago);
    *request.mutable_end_time() = HourStart(to_hours_ago);
    return request;
  }

  std::unique_ptr<MetricsStub> metrics_;
};

TEST_P(KpiReportApiTest, ReportsVolumesSharesAndTimesOfLiveInteractions) {
  const auto base = HourStart(5);
  const v1::Interaction answered = CreateAt(v1::CHANNEL_PHONE, v1::INTERACTION_TYPE_INFORMATION_REQUEST, Plus(base, 60));
  const v1::Interaction cited = CreateAt(v1::CHANNEL_EMAIL, v1::INTERACTION_TYPE_INFORMATION_REQUEST, Plus(base, 120));
  const v1::Interaction incident = CreateAt(v1::CHANNEL_PHONE, v1::INTERACTION_TYPE_INCIDENT, Plus(base, kHour + 30));
  const v1::Interaction left = CreateAt(v1::CHANNEL_PHONE, v1::INTERACTION_TYPE_UNCLASSIFIED, Plus(base, 2 * kHour));
  const v1::Interaction outside = CreateAt(v1::CHANNEL_CHAT, v1::INTERACTION_TYPE_INCIDENT, HourStart(8));
  for (const v1::Interaction* i : {&answered, &cited, &incident}) Respond(i->name());
  Resolve(answered.name(), false);
  Resolve(cited.name(), true);
  Abandon(left.name());
  Survey(answered.name(), 5);
  Survey(cited.name(), 2);

  v1::GetKpiReportRequest request = Range(5, 0);
  request.add_group_by(v1::KPI_DIMENSION_CHANNEL);
  request.set_trend_granularity(v1::TREND_GRANULARITY_HOUR);
  v1::KpiReport report;
  ASSERT_GRPC_OK(Report(request, &report));

  EXPECT_EQ(report.kpi_settings(), "kpiSettings/1");
  EXPECT_EQ(report.time_zone(), "UTC");
  const v1::KpiRow& total = report.total();
  EXPECT_EQ(total.volume(), 4);  // The chat interaction was received before the range.
  EXPECT_EQ(total.information_request_share().numerator(), 2);
  EXPECT_EQ(total.information_request_share().denominator(), 4);
  EXPECT_DOUBLE_EQ(total.information_request_share().value(), 0.5);
  EXPECT_EQ(total.kb_citation_share().numerator(), 1);
  EXPECT_EQ(total.kb_citation_share().denominator(), 2);
  EXPECT_EQ(total.abandonment().abandoned_count(), 1);
  EXPECT_EQ(total.abandonment().rate().denominator(), 4);  // 3 answered + 1 abandoned.
  EXPECT_EQ(total.speed_of_answer().count(), 3);
  EXPECT_EQ(total.first_response().count(), 3);
  EXPECT_EQ(total.first_level_resolution().numerator(), 2);
  EXPECT_EQ(total.first_level_resolution().denominator(), 2);
  EXPECT_EQ(total.csat().response_count(), 2);
  EXPECT_EQ(total.csat().score_sum(), 7);
  EXPECT_EQ(total.csat().top_box().numerator(), 1);
  EXPECT_DOUBLE_EQ(total.csat().mean_score(), 3.5);
  EXPECT_FALSE(total.response_sla().within_target().has_value());  // No policy: no clocks.

  ASSERT_EQ(report.groups_size(), 2);
  EXPECT_EQ(report.groups(0).group_key(0).value(), "CHANNEL_EMAIL");
  EXPECT_EQ(report.groups(0).volume(), 1);
  EXPECT_EQ(report.groups(1).group_key(0).value(), "CHANNEL_PHONE");
  EXPECT_EQ(report.groups(1).volume(), 3);

  ASSERT_EQ(report.trend_size(), 5);
  std::vector<int64_t> volumes;
  for (const auto& point : report.trend()) volumes.push_back(point.row().volume());
  EXPECT_THAT(volumes, ElementsAre(2, 1, 1, 0, 0));
  EXPECT_EQ(Micros(report.trend(0).period_start_time()), Micros(base));
}

TEST_P(KpiReportApiTest, FollowsInteractionsAsTheyChange) {
  const v1::Interaction created =
      CreateAt(v1::CHANNEL_PHONE, v1::INTERACTION_TYPE_UNCLASSIFIED, HourStart(2));
  v1::GetKpiReportRequest request = Range(3, 0);
  request.add_group_by(v1::KPI_DIMENSION_TYPE);
  v1::KpiReport before;
  ASSERT_GRPC_OK(Report(request, &before));
  ASSERT_EQ(before.groups_size(), 1);
  EXPECT_EQ(before.groups(0).group_key(0).value(), "INTERACTION_TYPE_UNCLASSIFIED");

  v1::Interaction change;
  change.set_name(created.name());
  change.set_type(v1::INTERACTION_TYPE_INCIDENT);
  change.set_service("mail");
  v1::Interaction updated;
  ASSERT_GRPC_OK(Update(change, {"type", "service"}, "", &updated));

  v1::KpiReport after;
  ASSERT_GRPC_OK(Report(request, &after));
  ASSERT_EQ(after.groups_size(), 1);  // Moved from one group to the other, not counted twice.
  EXPECT_EQ(after.groups(0).group_key(0).value(), "INTERACTION_TYPE_INCIDENT");
  EXPECT_EQ(after.total().volume(), 1);

  request.clear_group_by();
  request.set_filter("service = \"mail\"");
  v1::KpiReport filtered;
  ASSERT_GRPC_OK(Report(request, &filtered));
  EXPECT_EQ(filtered.total().volume(), 1);
  request.set_filter("service = \"print\"");
  ASSERT_GRPC_OK(Report(request, &filtered));
  EXPECT_EQ(filtered.total().volume(), 0);
}

TEST_P(KpiReportApiTest, NamesEachBadField) {
  v1::GetKpiReportRequest request;
  request.add_group_by(v1::KPI_DIMENSION_CHANNEL);
  request.add_group_by(v1::KPI_DIMENSION_CHANNEL);
  v1::KpiReport report;
  grpc::Status status = Report(request, &report);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(status), Contains("start_time"));
  EXPECT_THAT(ViolatedFields(status), Contains("end_time"));

  request = Range(1, 2);
  request.set_filter("color = 1");
  request.set_time_zone("Mars/Olympus");
  status = Report(request, &report);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(status), Contains("end_time"));
  EXPECT_THAT(ViolatedFields(status), Contains("filter"));
  EXPECT_THAT(ViolatedFields(status), Contains("time_zone"));

  request = Range(2, 1);
  *request.mutable_start_time() = Plus(request.start_time(), 1);
  request.set_kpi_settings("kpiSettings/99");
  status = Report(request, &report);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(status), ElementsAre("start_time"));

  request = Range(2, 1);
  request.set_kpi_settings("kpiSettings/99");
  EXPECT_EQ(Report(request, &report).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_P(KpiReportApiTest, DetectsAResponseBreachWhileOpenAndExplainsIt) {
  v1::CreateSlaPolicyRequest create;
  v1::SlaPolicy& policy = *create.mutable_sla_policy();
  policy.set_display_name("fast phone answers");
  policy.set_evaluation_order(1);
  v1::SlaTarget& target = *policy.add_targets();
  target.set_priority(v1::PRIORITY_PLANNING);
  target.mutable_response_target_duration()->set_seconds(1);
  target.mutable_resolution_target_duration()->set_seconds(3600);
  create.set_sla_policy_id("fast");
  v1::SlaPolicy created_policy;
  ASSERT_GRPC_OK(CallMetrics(*metrics_, &MetricsStub::CreateSlaPolicy, create, &created_policy));

  v1::Interaction fields = NewInteraction(v1::CHANNEL_PHONE, "no dial tone");
  fields.set_impact(v1::IMPACT_LOW);
  fields.set_urgency(v1::URGENCY_LOW);
  v1::Interaction created;
  ASSERT_GRPC_OK(Create(fields, &created));
  ASSERT_EQ(created.priority(), v1::PRIORITY_PLANNING);  // Low impact, low urgency.

  // The worker records the breach within about a second of it, with nobody asking.
  std::vector<v1::InteractionHistoryEntry> history;
  for (int attempt = 0; attempt < 100; ++attempt) {
    history.clear();
    ASSERT_GRPC_OK(History(created.name(), &history));
    if (history.back().action() == "SlaBreached") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(history.back().action(), "SlaBreached");
  EXPECT_EQ(history.back().actor(), "frontdesk-sla");
  EXPECT_THAT(history.back().detail(), ::testing::StartsWith("response SLA breached at "));

  v1::ExplainSlaRequest explain;
  explain.set_interaction(created.name());
  v1::ExplainSlaResponse explanation;
  ASSERT_GRPC_OK(CallMetrics(*metrics_, &MetricsStub::ExplainSla, explain, &explanation));
  EXPECT_EQ(explanation.sla_policy(), "slaPolicies/fast");
  EXPECT_EQ(explanation.time_zone(), "UTC");
  EXPECT_EQ(explanation.response().state().outcome(), v1::SLA_OUTCOME_BREACHED);
  EXPECT_EQ(Micros(explanation.response().breach_time()), Micros(created.receive_time()) + 1'000'000);
  EXPECT_EQ(explanation.resolution().state().outcome(), v1::SLA_OUTCOME_PENDING);
  ASSERT_GE(explanation.segments_size(), 1);
  EXPECT_EQ(explanation.segments(0).kind(), v1::SLA_SEGMENT_KIND_RUNNING);

  v1::GetKpiReportRequest request = Range(1, -1);
  v1::KpiReport report;
  ASSERT_GRPC_OK(Report(request, &report));
  EXPECT_EQ(report.total().response_sla().breached_count(), 1);
  EXPECT_EQ(report.total().resolution_sla().pending_count(), 1);

  v1::DeleteSlaPolicyRequest remove;
  remove.set_name("slaPolicies/fast");
  google::protobuf::Empty empty;
  const grpc::Status in_use =
      CallMetrics(*metrics_, &MetricsStub::DeleteSlaPolicy, remove, &empty);
  EXPECT_EQ(in_use.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(in_use), "POLICY_IN_USE");

  v1::RecomputeSlaRequest recompute;
  recompute.set_filter("*");
  v1::RecomputeSlaResponse counts;
  ASSERT_GRPC_OK(CallMetrics(*metrics_, &MetricsStub::RecomputeSla, recompute, &counts));
  EXPECT_EQ(counts.matched_count(), 1);
  EXPECT_EQ(counts.changed_count(), 0);
  EXPECT_EQ(counts.without_policy_count(), 0);
}

TEST_P(KpiReportApiTest, ExplainSlaSaysWhenNoPolicyApplies) {
  v1::Interaction created;
  ASSERT_GRPC_OK(Create(NewInteraction(v1::CHANNEL_EMAIL, "hello"), &created));
  v1::ExplainSlaRequest explain;
  explain.set_interaction(created.name());
  v1::ExplainSlaResponse explanation;
  const grpc::Status status =
      CallMetrics(*metrics_, &MetricsStub::ExplainSla, explain, &explanation);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(status), "NO_SLA");
}

INSTANTIATE_TEST_SUITE_P(Backends, KpiReportApiTest,
                         ::testing::Values(Backend::kSqlite, Backend::kMySql), BackendTestName);

}  // namespace
}  // namespace frontdesk::testing
