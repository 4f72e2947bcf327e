// Business calendars and SLA policies through MetricsService: create, get, list, update and
// delete, with their documented errors, retries and etags.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "integration/transport/metrics_api_test_util.h"

namespace frontdesk::testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::StartsWith;

class SlaCatalogApiTest : public MetricsApiTest {
 protected:
  grpc::Status UpdateCalendar(const v1::BusinessCalendar& fields,
                              const std::vector<std::string>& paths, v1::BusinessCalendar* out,
                              const std::string& request_id = "") {
    v1::UpdateBusinessCalendarRequest request;
    *request.mutable_business_calendar() = fields;
    for (const std::string& path : paths) request.mutable_update_mask()->add_paths(path);
    request.set_request_id(request_id);
    return CallMetrics(*stub_, &MetricsStub::UpdateBusinessCalendar, request, out);
  }

  grpc::Status UpdatePolicy(const v1::SlaPolicy& fields, const std::vector<std::string>& paths,
                            v1::SlaPolicy* out, const std::string& request_id = "") {
    v1::UpdateSlaPolicyRequest request;
    *request.mutable_sla_policy() = fields;
    for (const std::string& path : paths) request.mutable_update_mask()->add_paths(path);
    request.set_request_id(request_id);
    return CallMetrics(*stub_, &MetricsStub::UpdateSlaPolicy, request, out);
  }

  grpc::Status DeleteCalendar(const std::string& name, const std::string& etag,
                              const std::string& request_id = "") {
    v1::DeleteBusinessCalendarRequest request;
    request.set_name(name);
    request.set_etag(etag);
    request.set_request_id(request_id);
    google::protobuf::Empty empty;
    return CallMetrics(*stub_, &MetricsStub::DeleteBusinessCalendar, request, &empty);
  }

  grpc::Status DeletePolicy(const std::string& name, const std::string& etag,
                            const std::string& request_id = "") {
    v1::DeleteSlaPolicyRequest request;
    request.set_name(name);
    request.set_etag(etag);
    request.set_request_id(request_id);
    google::protobuf::Empty empty;
    return CallMetrics(*stub_, &MetricsStub::DeleteSlaPolicy, request, &empty);
  }

  // Lists the names of every policy, following page tokens (at most 20 pages).
  grpc::Status ListPolicyNames(const std::string& filter, const std::string& order_by,
                               int page_size, std::vector<std::string>* names) {
    v1::ListSlaPoliciesRequest request;
    request.set_filter(filter);
    request.set_order_by(order_by);
    request.set_page_size(page_size);
    for (int page = 0; page < 20; ++page) {
      v1::ListSlaPoliciesResponse response;
      const grpc::Status status =
          CallMetrics(*stub_, &MetricsStub::ListSlaPolicies, request, &response);
      if (!status.ok()) return status;
      for (const v1::SlaPolicy& policy : response.sla_policies()) names->push_back(policy.name());
      if (response.next_page_token().empty()) return grpc::Status::OK;
      request.set_page_token(response.next_page_token());
    }
    return grpc::Status(grpc::StatusCode::INTERNAL, "more than 20 pages");
  }
};

TEST_P(SlaCatalogApiTest, CreatesAndReadsACalendar) {
  v1::BusinessCalendar created;
  ASSERT_GRPC_OK(CreateCalendar(OfficeCalendar("Berlin office"), "berlin", "", &created));

  v1::GetBusinessCalendarRequest request;
  request.set_name("businessCalendars/berlin");
  v1::BusinessCalendar fetched;
  ASSERT_GRPC_OK(CallMetrics(*stub_, &MetricsStub::GetBusinessCalendar, request, &fetched));

  EXPECT_EQ(created.name(), "businessCalendars/berlin");
  EXPECT_EQ(created.etag(), "\"1\"");
  EXPECT_GT(created.create_time().seconds(), 0);
  EXPECT_EQ(fetched.DebugString(), created.DebugString());
  ASSERT_EQ(fetched.weekly_hours_size(), 5);
  EXPECT_EQ(fetched.weekly_hours(4).day(), v1::DAY_OF_WEEK_FRIDAY);
  EXPECT_EQ(fetched.weekly_hours(0).intervals(0).close_time().hours(), 17);
  ASSERT_EQ(fetched.holidays_size(), 1);
  EXPECT_EQ(fetched.holidays(0).display_name(), "Christmas Day");
  EXPECT_EQ(fetched.holidays(0).date().year(), 0);
}

TEST_P(SlaCatalogApiTest, RejectsABadCalendarNamingEveryField) {
  v1::BusinessCalendar calendar = OfficeCalendar("Broken");
  calendar.set_time_zone("Mars/Olympus");
  calendar.mutable_weekly_hours(1)->set_day(v1::DAY_OF_WEEK_MONDAY);
  *calendar.mutable_weekly_hours(0)->add_intervals() = Hours(16, 18);

  v1::BusinessCalendar created;
  const grpc::Status status = CreateCalendar(calendar, "Not_Valid", "", &created);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  const std::vector<std::string> fields = ViolatedFields(status);
  EXPECT_THAT(fields, Contains("business_calendar_id"));
  EXPECT_THAT(fields, Contains("business_calendar.time_zone"));
  EXPECT_THAT(fields, Contains("business_calendar.weekly_hours[1].day"));
  EXPECT_THAT(fields, Contains("business_calendar.weekly_hours[0].intervals[1]"));
}

TEST_P(SlaCatalogApiTest, ATakenCalendarIdIsAlreadyExists) {
  v1::BusinessCalendar first;
  ASSERT_GRPC_OK(CreateCalendar(OfficeCalendar("Berlin"), "berlin", "", &first));

  v1::BusinessCalendar second;
  const grpc::Status status = CreateCalendar(OfficeCalendar("Berlin 2"), "berlin", "", &second);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
}

TEST_P(SlaCatalogApiTest, ARetriedCreateReturnsTheFirstCalendarAndAReusedIdFails) {
  v1::BusinessCalendar first;
  ASSERT_GRPC_OK(CreateCalendar(OfficeCalendar("Berlin"), "", "req-cal-1", &first));
  v1::BusinessCalendar retry;
  ASSERT_GRPC_OK(CreateCalendar(OfficeCalendar("Berlin"), "", "req-cal-1", &retry));
  v1::BusinessCalendar other;
  const grpc::Status reused = CreateCalendar(OfficeCalendar("Paris"), "", "req-cal-1", &other);

  EXPECT_THAT(first.name(), StartsWith("businessCalendars/"));
  EXPECT_EQ(first.name().size(), std::string("businessCalendars/").size() + 36);
  EXPECT_EQ(retry.name(), first.name());
  EXPECT_EQ(retry.etag(), first.etag());
  EXPECT_EQ(reused.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(ReasonOf(reused), "REQUEST_ID_REUSED");
  v1::ListBusinessCalendarsResponse listing;
  ASSERT_GRPC_OK(CallMetrics(*stub_, &MetricsStub::ListBusinessCalendars, {}, &listing));
  EXPECT_EQ(listing.business_calendars_size(), 1);
}

TEST_P(SlaCatalogApiTest, UpdateReplacesMaskedFieldsAndChecksTheEtag) {
  v1::BusinessCalendar created;
  ASSERT_GRPC_OK(CreateCalendar(OfficeCalendar("Berlin"), "berlin", "", &created));
  v1::BusinessCalendar fields;
  fields.set_name(created.name());
  fields.set_etag(created.etag());
  fields.set_display_name("Berlin, summer hours");
  fields.set_time_zone("UTC");

  v1::BusinessCalendar updated;
  ASSERT_GRPC_OK(UpdateCalendar(fields, {"display_name"}, &updated, "req-upd-1"));
  v1::BusinessCalendar retried;
  ASSERT_GRPC_OK(UpdateCalendar(fields, {"display_name"}, &retried, "req-upd-1"));
  v1::BusinessCalendar stale;
  const grpc::Status conflict = UpdateCalendar(fields, {"display_name"}, &stale);
  v1::BusinessCalendar unknown;
  const grpc::Status bad_mask = UpdateCalendar(fields, {"etag"}, &unknown);

  EXPECT_EQ(updated.display_name(), "Berlin, summer hours");
  EXPECT_EQ(updated.time_zone(), "Europe/Berlin");
  EXPECT_EQ(updated.weekly_hours_size(), 5);
  EXPECT_EQ(updated.etag(), "\"2\"");
  EXPECT_EQ(retried.etag(), "\"2\"");
  EXPECT_EQ(conflict.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(ReasonOf(conflict), "ETAG_MISMATCH");
  EXPECT_EQ(bad_mask.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(bad_mask), ElementsAre("update_mask"));
}

TEST_P(SlaCatalogApiTest, AStarMaskReplacesEveryField) {
  v1::BusinessCalendar created;
  ASSERT_GRPC_OK(CreateCalendar(OfficeCalendar("Berlin"), "berlin", "", &created));
  v1::BusinessCalendar fields;
  fields.set_name(created.name());
  fields.set_display_name("Always closed");
  fields.set_time_zone("UTC");

  v1::BusinessCalendar updated;
  ASSERT_GRPC_OK(UpdateCalendar(fields, {"*"}, &updated));

  EXPECT_EQ(updated.display_name(), "Always closed");
  EXPECT_EQ(updated.time_zone(), "UTC");
  EXPECT_EQ(updated.weekly_hours_size(), 0);
  EXPECT_EQ(updated.holidays_size(), 0);
  EXPECT_EQ(updated.create_time().seconds(), created.create_time().seconds());
}

TEST_P(SlaCatalogApiTest, ACalendarInUseCannotBeDeleted) {
  v1::BusinessCalendar calendar;
  ASSERT_GRPC_OK(CreateCalendar(OfficeCalendar("Berlin"), "berlin", "", &calendar));
  v1::SlaPolicy policy;
  ASSERT_GRPC_OK(
      CreatePolicy(HighPriorityPolicy("Gold", 10, calendar.name()), "gold", "", &policy));

  const grpc::Status in_use = DeleteCalendar(calendar.name(), "");
  ASSERT_GRPC_OK(DeletePolicy(policy.name(), policy.etag()));
  const grpc::Status stale = DeleteCalendar(calendar.name(), "\"7\"");
  const grpc::Status deleted = DeleteCalendar(calendar.name(), calendar.etag(), "req-del-1");
  const grpc::Status retried = DeleteCalendar(calendar.name(), calendar.etag(), "req-del-1");
  const grpc::Status again = DeleteCalendar(calendar.name(), "");

  EXPECT_EQ(in_use.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(in_use), "CALENDAR_IN_USE");
  EXPECT_EQ(stale.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_GRPC_OK(deleted);
  EXPECT_GRPC_OK(retried);
  EXPECT_EQ(again.error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_P(SlaCatalogApiTest, ListsCalendarsFilteredOrderedAndPaged) {
  v1::BusinessCalendar created;
  ASSERT_GRPC_OK(CreateCalendar(OfficeCalendar("Berlin"), "berlin", "", &created));
  ASSERT_GRPC_OK(CreateCalendar(OfficeCalendar("Munich"), "munich", "", &created));
  v1::BusinessCalendar utc = OfficeCalendar("Anywhere");
  utc.set_time_zone("UTC");
  ASSERT_GRPC_OK(CreateCalendar(utc, "anywhere", "", &created));

  v1::ListBusinessCalendarsRequest request;
  request.set_filter("time_zone = \"Europe/Berlin\"");
  request.set_order_by("display_name desc");
  request.set_page_size(1);
  v1::ListBusinessCalendarsResponse first;
  ASSERT_GRPC_OK(CallMetrics(*stub_, &MetricsStub::ListBusinessCalendars, request, &first));
  request.set_page_token(first.next_page_token());
  v1::ListBusinessCalendarsResponse second;
  ASSERT_GRPC_OK(CallMetrics(*stub_, &MetricsStub::ListBusinessCalendars, request, &second));
  request.set_filter("");
  v1::ListBusinessCalendarsResponse changed;
  const grpc::Status bad_token =
      CallMetrics(*stub_, &MetricsStub::ListBusinessCalendars, request, &changed);

  ASSERT_EQ(first.business_calendars_size(), 1);
  EXPECT_EQ(first.business_calendars(0).display_name(), "Munich");
  ASSERT_EQ(second.business_calendars_size(), 1);
  EXPECT_EQ(second.business_calendars(0).display_name(), "Berlin");
  EXPECT_TRUE(second.next_page_token().empty());
  EXPECT_EQ(bad_token.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_P(SlaCatalogApiTest, CreatesAPolicyOnACalendar) {
  v1::BusinessCalendar calendar;
  ASSERT_GRPC_OK(CreateCalendar(OfficeCalendar("Berlin"), "berlin", "", &calendar));
  v1::SlaPolicy fields = HighPriorityPolicy("Gold", 10, calendar.name());
  fields.set_applies_to("channel = PHONE AND service = \"VPN\"");
  fields.set_description("Phone calls about the VPN");

  v1::SlaPolicy created;
  ASSERT_GRPC_OK(CreatePolicy(fields, "gold", "", &created));
  v1::SlaPolicy fetched;
  ASSERT_GRPC_OK(GetPolicy("slaPolicies/gold", &fetched));

  EXPECT_EQ(created.name(), "slaPolicies/gold");
  EXPECT_EQ(created.etag(), "\"1\"");
  EXPECT_EQ(fetched.DebugString(), created.DebugString());
  EXPECT_EQ(fetched.business_calendar(), "businessCalendars/berlin");
  EXPECT_EQ(fetched.applies_to(), "channel = PHONE AND service = \"VPN\"");
  ASSERT_EQ(fetched.targets_size(), 1);
  EXPECT_EQ(fetched.targets(0).resolution_target_duration().seconds(), 8 * 3600);
  EXPECT_EQ(fetched.targets(0).response_target_duration().seconds(), 3600);
  EXPECT_THAT(fetched.pause_conditions(), ElementsAre(v1::SLA_PAUSE_CONDITION_AWAITING_USER));
}

TEST_P(SlaCatalogApiTest, RejectsABadPolicyNamingEveryField) {
  v1::SlaPolicy fields = HighPriorityPolicy("", 0);
  fields.set_applies_to("channel ==");
  *fields.add_targets() = fields.targets(0);
  fields.add_pause_conditions(v1::SLA_PAUSE_CONDITION_AWAITING_USER);

  v1::SlaPolicy created;
  const grpc::Status status = CreatePolicy(fields, "", "", &created);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  const std::vector<std::string> violated = ViolatedFields(status);
  EXPECT_THAT(violated, Contains("sla_policy.display_name"));
  EXPECT_THAT(violated, Contains("sla_policy.applies_to"));
  EXPECT_THAT(violated, Contains("sla_policy.evaluation_order"));
  EXPECT_THAT(violated, Contains("sla_policy.targets[1]"));
  EXPECT_THAT(violated, Contains("sla_policy.pause_conditions[1]"));
}

TEST_P(SlaCatalogApiTest, TakenIdsOrdersAndMissingCalendarsAreRefused) {
  v1::SlaPolicy gold;
  ASSERT_GRPC_OK(CreatePolicy(HighPriorityPolicy("Gold", 10), "gold", "", &gold));

  v1::SlaPolicy out;
  const grpc::Status taken_id = CreatePolicy(HighPriorityPolicy("Gold 2", 20), "gold", "", &out);
  const grpc::Status taken_order = CreatePolicy(HighPriorityPolicy("Silver", 10), "", "", &out);
  const grpc::Status no_calendar = CreatePolicy(
      HighPriorityPolicy("Bronze", 30, "businessCalendars/nowhere"), "bronze", "", &out);

  EXPECT_EQ(taken_id.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(taken_order.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(no_calendar.error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_P(SlaCatalogApiTest, UpdatesAPolicyOncePerRequestId) {
  v1::SlaPolicy gold;
  ASSERT_GRPC_OK(CreatePolicy(HighPriorityPolicy("Gold", 10), "gold", "", &gold));
  v1::SlaPolicy silver;
  ASSERT_GRPC_OK(CreatePolicy(HighPriorityPolicy("Silver", 20), "silver", "", &silver));
  v1::SlaPolicy fields = gold;
  fields.set_evaluation_order(5);
  fields.mutable_targets(0)->set_priority(v1::PRIORITY_CRITICAL);

  v1::SlaPolicy updated;
  ASSERT_GRPC_OK(UpdatePolicy(fields, {"evaluation_order", "targets"}, &updated, "req-p-1"));
  v1::SlaPolicy retried;
  ASSERT_GRPC_OK(UpdatePolicy(fields, {"evaluation_order", "targets"}, &retried, "req-p-1"));
  fields.set_etag(updated.etag());
  fields.set_evaluation_order(20);
  v1::SlaPolicy out;
  const grpc::Status taken = UpdatePolicy(fields, {"evaluation_order"}, &out);
  fields.set_etag(gold.etag());
  const grpc::Status stale = UpdatePolicy(fields, {"display_name"}, &out);
  fields.set_name("slaPolicies/missing");
  fields.clear_etag();
  const grpc::Status missing = UpdatePolicy(fields, {"display_name"}, &out);

  EXPECT_EQ(updated.evaluation_order(), 5);
  EXPECT_EQ(updated.targets(0).priority(), v1::PRIORITY_CRITICAL);
  EXPECT_EQ(updated.etag(), "\"2\"");
  EXPECT_EQ(retried.etag(), "\"2\"");
  EXPECT_EQ(taken.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(stale.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_P(SlaCatalogApiTest, DeletesAPolicyWithItsEtag) {
  v1::SlaPolicy gold;
  ASSERT_GRPC_OK(CreatePolicy(HighPriorityPolicy("Gold", 10), "gold", "", &gold));

  const grpc::Status stale = DeletePolicy(gold.name(), "\"9\"");
  const grpc::Status deleted = DeletePolicy(gold.name(), gold.etag(), "req-pdel-1");
  const grpc::Status retried = DeletePolicy(gold.name(), gold.etag(), "req-pdel-1");
  const grpc::Status again = DeletePolicy(gold.name(), "");
  v1::SlaPolicy fetched;
  const grpc::Status get = GetPolicy(gold.name(), &fetched);
  const grpc::Status malformed = GetPolicy("policies/gold", &fetched);

  EXPECT_EQ(stale.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_GRPC_OK(deleted);
  EXPECT_GRPC_OK(retried);
  EXPECT_EQ(again.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(get.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(malformed.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_P(SlaCatalogApiTest, ListsPoliciesByEvaluationOrderWithFiltersAndPages) {
  v1::BusinessCalendar calendar;
  ASSERT_GRPC_OK(CreateCalendar(OfficeCalendar("Berlin"), "berlin", "", &calendar));
  v1::SlaPolicy out;
  ASSERT_GRPC_OK(CreatePolicy(HighPriorityPolicy("C", 30, calendar.name()), "c", "", &out));
  ASSERT_GRPC_OK(CreatePolicy(HighPriorityPolicy("A", 10), "a", "", &out));
  v1::SlaPolicy critical = HighPriorityPolicy("B", 20, calendar.name());
  critical.mutable_targets(0)->set_priority(v1::PRIORITY_CRITICAL);
  ASSERT_GRPC_OK(CreatePolicy(critical, "b", "", &out));

  std::vector<std::string> all, by_name, critical_only, on_calendar;
  ASSERT_GRPC_OK(ListPolicyNames("", "", 2, &all));
  ASSERT_GRPC_OK(ListPolicyNames("", "display_name desc", 1, &by_name));
  ASSERT_GRPC_OK(ListPolicyNames("targets.priority = PRIORITY_CRITICAL", "", 10, &critical_only));
  ASSERT_GRPC_OK(
      ListPolicyNames("business_calendar = \"businessCalendars/berlin\"", "", 10, &on_calendar));
  std::vector<std::string> ignored;
  const grpc::Status bad_order = ListPolicyNames("", "priority", 10, &ignored);
  const grpc::Status bad_filter = ListPolicyNames("colour = red", "", 10, &ignored);

  EXPECT_THAT(all, ElementsAre("slaPolicies/a", "slaPolicies/b", "slaPolicies/c"));
  EXPECT_THAT(by_name, ElementsAre("slaPolicies/c", "slaPolicies/b", "slaPolicies/a"));
  EXPECT_THAT(critical_only, ElementsAre("slaPolicies/b"));
  EXPECT_THAT(on_calendar, ElementsAre("slaPolicies/b", "slaPolicies/c"));
  EXPECT_EQ(bad_order.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(bad_order), ElementsAre("order_by"));
  EXPECT_EQ(bad_filter.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(bad_filter), ElementsAre("filter"));
}

INSTANTIATE_TEST_SUITE_P(Stores, SlaCatalogApiTest,
                         ::testing::Values(Backend::kSqlite, Backend::kMySql), BackendTestName);

}  // namespace
}  // namespace frontdesk::testing
