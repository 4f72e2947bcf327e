#include "domain/sla_catalog.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "domain/catalog_support.h"
#include "domain/errors.h"
#include "unit/domain/fakes.h"
#include "unit/domain/status_helpers.h"

namespace frontdesk::domain {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;
using namespace std::chrono_literals;
using status_helpers::ViolatedFields;

// Calendars and policies in maps, versioned as the repository contract says; no request ids.
class FakeSlaCatalog final : public SlaCatalogRepository {
 public:
  absl::StatusOr<BusinessCalendarRecord> GetCalendar(const std::string& id) override {
    if (!calendars.contains(id)) return absl::NotFoundError(id);
    return calendars.at(id);
  }
  absl::StatusOr<std::vector<BusinessCalendarRecord>> ListCalendars() override {
    std::vector<BusinessCalendarRecord> all;
    for (const auto& [id, calendar] : calendars) all.push_back(calendar);
    return all;
  }
  absl::StatusOr<BusinessCalendarRecord> CreateCalendar(const BusinessCalendarRecord& calendar,
                                                        const RequestMeta&) override {
    return calendars[calendar.id] = calendar;
  }
  absl::StatusOr<BusinessCalendarRecord> UpdateCalendar(const std::string& id, const RequestMeta&,
                                                        const CalendarChange& change) override {
    auto next = change(calendars.at(id));
    if (next.ok()) next->version = calendars.at(id).version + 1;
    if (next.ok()) calendars[id] = *next;
    return next;
  }
  absl::Status DeleteCalendar(const std::string& id, const RequestMeta&,
                              const CalendarDeleteCheck& check) override {
    int64_t users = 0;
    for (const auto& [policy_id, policy] : policies) users += policy.calendar_id == id;
    if (auto s = check(calendars.at(id), users); !s.ok()) return s;
    calendars.erase(id);
    return absl::OkStatus();
  }
  absl::StatusOr<std::vector<SlaPolicyRecord>> ListPoliciesByEvaluationOrder() override {
    std::vector<SlaPolicyRecord> all;
    for (const auto& [id, policy] : policies) all.push_back(policy);
    return all;
  }
  absl::StatusOr<SlaPolicyRecord> GetPolicy(const std::string& id) override {
    return policies.at(id);
  }
  absl::StatusOr<SlaPolicyRecord> CreatePolicy(const SlaPolicyRecord& policy,
                                               const RequestMeta&) override {
    return policies[policy.id] = policy;
  }
  absl::StatusOr<SlaPolicyRecord> UpdatePolicy(const std::string& id, const RequestMeta&,
                                               const PolicyChange& change) override {
    auto next = change(policies.at(id));
    if (next.ok()) next->version = policies.at(id).version + 1;
    if (next.ok()) policies[id] = *next;
    return next;
  }
  absl::Status DeletePolicy(const std::string& id, const RequestMeta&,
                            const PolicyDeleteCheck& check) override {
    if (auto s = check(policies.at(id)); !s.ok()) return s;
    policies.erase(id);
    return absl::OkStatus();
  }

  std::map<std::string, BusinessCalendarRecord> calendars;
  std::map<std::string, SlaPolicyRecord> policies;
};

class FakeKpiSettings final : public KpiSettingsRepository {
 public:
  absl::StatusOr<KpiSettingsVersion> Get(std::optional<int64_t> version) override {
    return versions.at(static_cast<size_t>(version.value_or(versions.size()) - 1));
  }
  absl::StatusOr<Page<KpiSettingsVersion>> List(const KpiSettingsQuery&) override {
    return Page<KpiSettingsVersion>{versions, ""};
  }
  absl::StatusOr<KpiSettingsVersion> Create(
      const KpiSettingsVersion& settings, const RequestMeta&,
      const std::function<absl::Status(int64_t newest)>& check) override {
    if (auto s = check(static_cast<int64_t>(versions.size())); !s.ok()) return s;
    versions.push_back(settings);
    versions.back().version = static_cast<int64_t>(versions.size());
    return versions.back();
  }

  std::vector<KpiSettingsVersion> versions = {DefaultKpiSettings()};
};

class FakeDownstreamTotals final : public DownstreamTotalsRepository {
 public:
  absl::StatusOr<DownstreamTotalsRecord> Record(const DownstreamTotalsRecord& totals,
                                                const RequestMeta&) override {
    recorded.push_back(totals);
    return totals;
  }
  absl::StatusOr<std::map<std::chrono::sys_days, kpi::DownstreamTotals>> DailyTotals(
      std::chrono::sys_days, std::chrono::sys_days) override {
    return std::map<std::chrono::sys_days, kpi::DownstreamTotals>{};
  }

  std::vector<DownstreamTotalsRecord> recorded;
};

class FixedPolicyUsage final : public PolicyUsage {
 public:
  absl::StatusOr<bool> HasOpenInteractions(const std::string&) override { return in_use; }
  bool in_use = false;
};

SlaPolicyDraft ValidPolicy(int order) {
  SlaPolicyDraft draft;
  draft.display_name = "Gold";
  draft.evaluation_order = order;
  draft.policy.targets.push_back({Priority::kHigh, Channel::kUnspecified, 1h, 8h});
  return draft;
}

CalendarDraft ValidCalendar() {
  CalendarDraft draft;
  draft.display_name = "Berlin";
  draft.definition.time_zone = "Europe/Berlin";
  draft.definition.weekly_hours.push_back({std::chrono::Monday, {{9h, 17h}}});
  return draft;
}

RequestMeta WithRequestId(const std::string& request_id) {
  RequestMeta meta;
  meta.request_id = request_id;
  return meta;
}

class MetricsCatalogTest : public ::testing::Test {
 protected:
  fakes::FakeClock clock_{FromUnixMicros(int64_t{1772438400} * 1'000'000)};
  FakeSlaCatalog sla_;
  FakeKpiSettings kpi_;
  FakeDownstreamTotals downstream_;
  FixedPolicyUsage usage_;
  MetricsCatalog catalog_{sla_, kpi_, downstream_, usage_, clock_};
};

TEST_F(MetricsCatalogTest, CreatePolicyNamesEveryBadFieldByItsRequestPath) {
  SlaPolicyDraft draft;
  draft.applies_to = "channel ==";

  const auto created = catalog_.CreatePolicy(draft, "Gold_Policy", {});

  EXPECT_TRUE(absl::IsInvalidArgument(created.status()));
  EXPECT_THAT(ViolatedFields(created),
              ElementsAre("sla_policy_id", "sla_policy.display_name", "sla_policy.applies_to",
                          "sla_policy.evaluation_order", "sla_policy.targets"));
  EXPECT_THAT(sla_.policies, IsEmpty());
}

TEST_F(MetricsCatalogTest, CreatePolicyStampsTimesAndTheFirstVersion) {
  const auto created = catalog_.CreatePolicy(ValidPolicy(10), "gold", {});

  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->id, "gold");
  EXPECT_EQ(created->version, 1);
  EXPECT_EQ(created->create_time, clock_.Now());
  EXPECT_EQ(created->update_time, clock_.Now());
}

TEST(PickResourceIdTest, DerivesTheSameUuidFromTheSameRequestId) {
  const auto first = PickResourceId("", "sla_policy_id", WithRequestId("req-1"));
  const auto retry = PickResourceId("", "sla_policy_id", WithRequestId("req-1"));
  const auto other = PickResourceId("", "sla_policy_id", WithRequestId("req-2"));
  const auto calendar = PickResourceId("", "business_calendar_id", WithRequestId("req-1"));

  ASSERT_TRUE(first.ok());
  EXPECT_THAT(*first, MatchesRegex("[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                                   "[0-9a-f]{12}"));
  EXPECT_EQ(*retry, *first);
  EXPECT_NE(*other, *first);
  EXPECT_NE(*calendar, *first);
}

TEST(PickResourceIdTest, PicksARandomUuidWithoutARequestId) {
  const auto first = PickResourceId("", "sla_policy_id", {});
  const auto second = PickResourceId("", "sla_policy_id", {});

  EXPECT_THAT(*first, MatchesRegex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                                   "[0-9a-f]{12}"));
  EXPECT_NE(*first, *second);
}

TEST(PickResourceIdTest, AcceptsOnlyLowercaseIdsStartingWithALetter) {
  EXPECT_EQ(*PickResourceId("emea-2", "id", {}), "emea-2");
  EXPECT_FALSE(PickResourceId("2emea", "id", {}).ok());
  EXPECT_FALSE(PickResourceId("Emea", "id", {}).ok());
  EXPECT_FALSE(PickResourceId("emea_2", "id", {}).ok());
  EXPECT_FALSE(PickResourceId(std::string(64, 'a'), "id", {}).ok());
  EXPECT_THAT(ViolatedFields(PickResourceId("Emea", "sla_policy_id", {}).status()),
              ElementsAre("sla_policy_id"));
}

TEST_F(MetricsCatalogTest, UpdatePolicyReplacesOnlyMaskedFieldsAndChecksTheEtag) {
  ASSERT_TRUE(catalog_.CreatePolicy(ValidPolicy(10), "gold", {}).ok());
  SlaPolicyDraft values = ValidPolicy(20);
  values.display_name = "Platinum";
  RequestMeta meta;
  meta.etag = "\"1\"";

  const auto updated = catalog_.UpdatePolicy("gold", {{"evaluation_order"}, values}, meta);
  const auto stale = catalog_.UpdatePolicy("gold", {{"evaluation_order"}, values}, meta);

  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->evaluation_order, 20);
  EXPECT_EQ(updated->display_name, "Gold");
  EXPECT_TRUE(absl::IsAborted(stale.status()));
  EXPECT_EQ(ReasonOf(stale.status()), "ETAG_MISMATCH");
}

TEST_F(MetricsCatalogTest, UpdatePolicyValidatesTheMergedPolicy) {
  ASSERT_TRUE(catalog_.CreatePolicy(ValidPolicy(10), "gold", {}).ok());
  SlaPolicyDraft values;

  const auto updated = catalog_.UpdatePolicy("gold", {{"*"}, values}, {});

  EXPECT_THAT(
      ViolatedFields(updated),
      ElementsAre("sla_policy.display_name", "sla_policy.evaluation_order", "sla_policy.targets"));
  EXPECT_EQ(sla_.policies.at("gold").display_name, "Gold");
}

TEST_F(MetricsCatalogTest, ACalendarThatAPolicyUsesCannotBeDeleted) {
  ASSERT_TRUE(catalog_.CreateCalendar(ValidCalendar(), "berlin", {}).ok());
  SlaPolicyDraft policy = ValidPolicy(10);
  policy.calendar_id = "berlin";
  ASSERT_TRUE(catalog_.CreatePolicy(policy, "gold", {}).ok());

  const absl::Status status = catalog_.DeleteCalendar("berlin", {});

  EXPECT_TRUE(absl::IsFailedPrecondition(status));
  EXPECT_EQ(ReasonOf(status), "CALENDAR_IN_USE");
  EXPECT_EQ(ReasonMetadataOf(status).at("sla_policies"), "1");
  EXPECT_TRUE(sla_.calendars.contains("berlin"));
}

TEST_F(MetricsCatalogTest, APolicyWithOpenInteractionsCannotBeDeleted) {
  ASSERT_TRUE(catalog_.CreatePolicy(ValidPolicy(10), "gold", {}).ok());
  usage_.in_use = true;

  const absl::Status in_use = catalog_.DeletePolicy("gold", {});
  usage_.in_use = false;
  const absl::Status deleted = catalog_.DeletePolicy("gold", {});

  EXPECT_TRUE(absl::IsFailedPrecondition(in_use));
  EXPECT_EQ(ReasonOf(in_use), "POLICY_IN_USE");
  EXPECT_TRUE(deleted.ok()) << deleted;
  EXPECT_THAT(sla_.policies, IsEmpty());
}

TEST_F(MetricsCatalogTest, CreateCalendarNamesBadFieldsByTheirRequestPath) {
  CalendarDraft draft = ValidCalendar();
  draft.display_name = "";
  draft.definition.time_zone = "Nowhere/City";

  const auto created = catalog_.CreateCalendar(draft, "", {});

  EXPECT_THAT(ViolatedFields(created),
              ElementsAre("business_calendar.display_name", "business_calendar.time_zone"));
}

TEST_F(MetricsCatalogTest, ListPoliciesMatchesAnyTargetsPriority) {
  SlaPolicyDraft mixed = ValidPolicy(10);
  mixed.policy.targets.push_back({Priority::kCritical, Channel::kUnspecified, 1h, 2h});
  ASSERT_TRUE(catalog_.CreatePolicy(mixed, "mixed", {}).ok());
  ASSERT_TRUE(catalog_.CreatePolicy(ValidPolicy(20), "high", {}).ok());

  const auto critical = catalog_.ListPolicies({"targets.priority = CRITICAL", "", 0, ""});
  const auto not_critical = catalog_.ListPolicies({"NOT targets.priority = CRITICAL", "", 0, ""});

  ASSERT_TRUE(critical.ok()) << critical.status();
  ASSERT_EQ(critical->items.size(), 1u);
  EXPECT_EQ(critical->items[0].id, "mixed");
  ASSERT_EQ(not_critical->items.size(), 1u);
  EXPECT_EQ(not_critical->items[0].id, "high");
}

TEST_F(MetricsCatalogTest, ListPoliciesPagesInTheRequestedOrder) {
  for (int order : {30, 10, 20}) {
    SlaPolicyDraft draft = ValidPolicy(order);
    draft.display_name = Cat("P", order);
    ASSERT_TRUE(catalog_.CreatePolicy(draft, Cat("p", order), {}).ok());
  }

  const auto first = catalog_.ListPolicies({"", "evaluation_order desc", 2, ""});
  const auto second =
      catalog_.ListPolicies({"", "evaluation_order desc", 2, first->next_page_token});
  const auto foreign = catalog_.ListPolicies({"", "", 2, first->next_page_token});

  ASSERT_EQ(first->items.size(), 2u);
  EXPECT_EQ(first->items[0].id, "p30");
  EXPECT_EQ(first->items[1].id, "p20");
  ASSERT_EQ(second->items.size(), 1u);
  EXPECT_EQ(second->items[0].id, "p10");
  EXPECT_TRUE(second->next_page_token.empty());
  EXPECT_THAT(ViolatedFields(foreign), ElementsAre("page_token"));
}

TEST(ParseOrderByTest, ReadsFieldsAndDirections) {
  const auto keys = ParseOrderBy(" Display_Name DESC , create_time",
                                 {"display_name", "create_time"}, {{"display_name"}});

  ASSERT_TRUE(keys.ok()) << keys.status();
  ASSERT_EQ(keys->size(), 2u);
  EXPECT_EQ((*keys)[0].field, "display_name");
  EXPECT_TRUE((*keys)[0].descending);
  EXPECT_EQ((*keys)[1].field, "create_time");
  EXPECT_FALSE((*keys)[1].descending);
}

TEST(ParseOrderByTest, RejectsUnknownRepeatedAndMalformedKeys) {
  const std::vector<std::string> allowed = {"version"};
  for (const char* text :
       {"priority", "version, version", "version sideways", "version desc x", ","}) {
    EXPECT_THAT(ViolatedFields(ParseOrderBy(text, allowed, {}).status()), ElementsAre("order_by"))
        << text;
  }
  EXPECT_EQ(ParseOrderBy("", allowed, {{"version", true}})->front().descending, true);
}

TEST(KpiSettingsDefaultsTest, AreTheDocumentedValues) {
  const KpiSettingsVersion defaults = DefaultKpiSettings();

  EXPECT_EQ(defaults.version, 1);
  EXPECT_EQ(defaults.settings.service_level_variant,
            kpi::ServiceLevelVariant::kAnsweredInThresholdOfOffered);
  EXPECT_EQ(defaults.settings.thresholds.service_level, 30s);
  EXPECT_EQ(defaults.settings.thresholds.short_abandon, 5s);
  EXPECT_EQ(defaults.settings.fcr.method, kpi::FcrMethod::kNoHandoff);
  EXPECT_EQ(defaults.settings.fcr.repeat_window, 72h);
  EXPECT_EQ(defaults.settings.csat_min_satisfied_score, 4);
  EXPECT_FALSE(defaults.settings.costs.has_value());
  EXPECT_TRUE(ValidateKpiSettings(defaults).ok());
}

TEST(ValidateKpiSettingsTest, NamesEachBrokenRule) {
  struct Case {
    const char* field;
    std::function<void(KpiSettingsVersion&)> spoil;
  };
  const std::vector<Case> cases = {
      {"service_level_variant",
       [](auto& v) { v.settings.service_level_variant = kpi::ServiceLevelVariant::kUnspecified; }},
      {"service_level_threshold_duration",
       [](auto& v) {
         v.settings.thresholds = {500ms, 0s};
       }},
      {"service_level_threshold_duration",
       [](auto& v) { v.settings.thresholds.service_level = 31 * 24h; }},
      {"short_abandon_threshold_duration",
       [](auto& v) { v.settings.thresholds.short_abandon = 31s; }},
      {"fcr_method", [](auto& v) { v.settings.fcr.method = kpi::FcrMethod::kUnspecified; }},
      {"fcr_repeat_window_duration",
       [](auto& v) {
         v.settings.fcr = {kpi::FcrMethod::kNoRepeatContact, 30min};
       }},
      {"csat_min_satisfied_score", [](auto& v) { v.settings.csat_min_satisfied_score = 6; }},
      {"currency_code",
       [](auto& v) {
         v.settings.costs = kpi::CostSettings{};
         v.currency_code = "eur";
       }},
      {"desk_cost_per_contact",
       [](auto& v) {
         v.settings.costs = kpi::CostSettings{{}, -1};
         v.currency_code = "EUR";
       }},
  };
  for (const Case& c : cases) {
    KpiSettingsVersion settings = DefaultKpiSettings();
    c.spoil(settings);
    EXPECT_THAT(ViolatedFields(ValidateKpiSettings(settings)), ElementsAre(c.field)) << c.field;
  }
}

TEST_F(MetricsCatalogTest, CreateKpiSettingsFillsDefaultsAndChecksTheBase) {
  KpiSettingsVersion settings = DefaultKpiSettings();
  settings.settings.csat_min_satisfied_score = 0;
  settings.settings.fcr.repeat_window = Duration(0);

  const auto created = catalog_.CreateKpiSettings(settings, 1, {});
  const auto stale = catalog_.CreateKpiSettings(settings, 1, {});
  settings.settings.thresholds.service_level = Duration(0);
  const auto invalid = catalog_.CreateKpiSettings(settings, std::nullopt, {});

  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->version, 2);
  EXPECT_EQ(created->settings.csat_min_satisfied_score, 4);
  EXPECT_EQ(created->settings.fcr.repeat_window, 72h);
  EXPECT_EQ(created->create_time, clock_.Now());
  EXPECT_TRUE(absl::IsAborted(stale.status()));
  EXPECT_EQ(ReasonOf(stale.status()), "KPI_SETTINGS_CHANGED");
  EXPECT_THAT(ViolatedFields(invalid),
              ElementsAre("kpi_settings.service_level_threshold_duration",
                          "kpi_settings.short_abandon_threshold_duration"));
}

TEST_F(MetricsCatalogTest, RecordDownstreamTotalsNeedsADateWithAYear) {
  const auto recorded = catalog_.RecordDownstreamTotals({"jira", {2026, 3, 2}, 4, 1}, {});
  const auto yearless = catalog_.RecordDownstreamTotals({"jira", {0, 3, 2}, 4, 1}, {});
  const auto impossible = catalog_.RecordDownstreamTotals({"jira", {2026, 2, 30}, 4, 1}, {});

  ASSERT_TRUE(recorded.ok()) << recorded.status();
  EXPECT_EQ(recorded->day, std::chrono::sys_days(std::chrono::year(2026) / 3 / 2));
  EXPECT_THAT(ViolatedFields(yearless), ElementsAre("totals.date"));
  EXPECT_THAT(ViolatedFields(impossible), ElementsAre("totals.date"));
  EXPECT_EQ(downstream_.recorded.size(), 1u);
}

TEST(CheckVersionEtagTest, AcceptsNoneOrTheCurrentEtag) {
  EXPECT_TRUE(CheckVersionEtag(3, "").ok());
  EXPECT_TRUE(CheckVersionEtag(3, "\"3\"").ok());
  const absl::Status stale = CheckVersionEtag(3, "\"2\"");
  EXPECT_TRUE(absl::IsAborted(stale));
  EXPECT_EQ(ReasonMetadataOf(stale).at("current_etag"), "\"3\"");
}

}  // namespace
}  // namespace frontdesk::domain
