// Shared pieces of the MetricsService API suites: a fixture with a MetricsService stub on the
// real server, and builders for valid calendars and policies.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "frontdesk/v1/metrics_service.grpc.pb.h"
#include "integration/transport/api_test_util.h"

namespace frontdesk::testing {

using MetricsStub = v1::MetricsService::Stub;

// Calls a unary MetricsService method with a fresh context, as the test actor.
template <typename Request, typename Response>
grpc::Status CallMetrics(MetricsStub& stub,
                         grpc::Status (MetricsStub::*method)(grpc::ClientContext*, const Request&,
                                                             Response*),
                         const Request& request, Response* response) {
  grpc::ClientContext context;
  PrepareContext(context);
  return (stub.*method)(&context, request, response);
}

// An interval from `open` to `close` o'clock.
inline v1::OpenInterval Hours(int open, int close) {
  v1::OpenInterval interval;
  interval.mutable_open_time()->set_hours(open);
  interval.mutable_close_time()->set_hours(close);
  return interval;
}

// Monday to Friday 09:00-17:00 in Berlin, closed on 25 December every year.
inline v1::BusinessCalendar OfficeCalendar(const std::string& display_name) {
  v1::BusinessCalendar calendar;
  calendar.set_display_name(display_name);
  calendar.set_time_zone("Europe/Berlin");
  for (int day = v1::DAY_OF_WEEK_MONDAY; day <= v1::DAY_OF_WEEK_FRIDAY; ++day) {
    v1::DayHours* hours = calendar.add_weekly_hours();
    hours->set_day(static_cast<v1::DayOfWeek>(day));
    *hours->add_intervals() = Hours(9, 17);
  }
  v1::Holiday* christmas = calendar.add_holidays();
  christmas->mutable_date()->set_month(12);
  christmas->mutable_date()->set_day(25);
  christmas->set_display_name("Christmas Day");
  return calendar;
}

// A policy with one target: HIGH on every channel, response 1 hour, resolution 8 hours.
inline v1::SlaPolicy HighPriorityPolicy(const std::string& display_name, int evaluation_order,
                                        const std::string& calendar = "") {
  v1::SlaPolicy policy;
  policy.set_display_name(display_name);
  policy.set_evaluation_order(evaluation_order);
  policy.set_business_calendar(calendar);
  v1::SlaTarget* target = policy.add_targets();
  target->set_priority(v1::PRIORITY_HIGH);
  target->mutable_response_target_duration()->set_seconds(3600);
  target->mutable_resolution_target_duration()->set_seconds(8 * 3600);
  policy.add_pause_conditions(v1::SLA_PAUSE_CONDITION_AWAITING_USER);
  return policy;
}

// Runs each test on a fresh database of the parameter's backend, with a server on port 0.
class MetricsApiTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    auto database = TestDatabase::Create(GetParam());
    ASSERT_TRUE(database.ok()) << database.status();
    database_ = *std::move(database);
    auto server = TestServer::Start(database_->url());
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    stub_ = v1::MetricsService::NewStub(server_->channel());
  }

  grpc::Status CreateCalendar(const v1::BusinessCalendar& calendar, const std::string& id,
                              const std::string& request_id, v1::BusinessCalendar* created) {
    v1::CreateBusinessCalendarRequest request;
    *request.mutable_business_calendar() = calendar;
    request.set_business_calendar_id(id);
    request.set_request_id(request_id);
    return CallMetrics(*stub_, &MetricsStub::CreateBusinessCalendar, request, created);
  }

  grpc::Status CreatePolicy(const v1::SlaPolicy& policy, const std::string& id,
                            const std::string& request_id, v1::SlaPolicy* created) {
    v1::CreateSlaPolicyRequest request;
    *request.mutable_sla_policy() = policy;
    request.set_sla_policy_id(id);
    request.set_request_id(request_id);
    return CallMetrics(*stub_, &MetricsStub::CreateSlaPolicy, request, created);
  }

  grpc::Status GetPolicy(const std::string& name, v1::SlaPolicy* policy) {
    v1::GetSlaPolicyRequest request;
    request.set_name(name);
    return CallMetrics(*stub_, &MetricsStub::GetSlaPolicy, request, policy);
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<TestServer> server_;
  std::unique_ptr<MetricsStub> stub_;
};

}  // namespace frontdesk::testing
