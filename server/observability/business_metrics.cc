#include "observability/business_metrics.h"

#include <chrono>

#include "domain/kpi/kpi_fact.h"
#include "domain/text.h"

namespace frontdesk::observability {
namespace {

using domain::Interaction;
using domain::InteractionRevision;
using prometheus::Histogram;

// From a minute to a month: first responses and resolutions of every channel.
const Histogram::BucketBoundaries& DurationBuckets() {
  static const Histogram::BucketBoundaries kBuckets = {
      10, 30, 60, 120, 300, 600, 1800, 3600, 4 * 3600, 8 * 3600, 24 * 3600, 3 * 24 * 3600,
      7 * 24 * 3600, 30 * 24 * 3600};
  return kBuckets;
}

prometheus::Family<prometheus::Counter>& CounterFamily(prometheus::Registry& registry,
                                                       const std::string& name,
                                                       const std::string& help) {
  return prometheus::BuildCounter().Name(name).Help(help).Register(registry);
}

prometheus::Family<Histogram>& HistogramFamily(prometheus::Registry& registry,
                                               const std::string& name, const std::string& help) {
  return prometheus::BuildHistogram().Name(name).Help(help).Register(registry);
}

std::string Lower(std::string_view name) { return domain::FoldCase(name); }

std::string CatalogValue(const std::set<std::string>& catalog, const std::string& value) {
  if (value.empty()) return "none";
  return catalog.contains(value) ? value : "other";
}

double SecondsBetween(domain::Timestamp from, domain::Timestamp to) {
  return std::chrono::duration<double>(to - from).count();
}

bool NewlySet(const std::optional<domain::Timestamp>& now,
              const std::optional<domain::Timestamp>& before) {
  return now && now != before;
}

bool Became(std::optional<domain::sla::SlaOutcome> after,
            const std::optional<domain::sla::SlaState>& before_state, bool response,
            domain::sla::SlaOutcome outcome) {
  std::optional<domain::sla::SlaOutcome> before;
  if (before_state) before = response ? before_state->outcomes.response : before_state->outcomes.resolution;
  return after == outcome && before != outcome;
}

}  // namespace

BusinessMetrics::BusinessMetrics(prometheus::Registry& registry, LabelCatalog catalog)
    : catalog_(std::move(catalog)),
      received_(CounterFamily(registry, "frontdesk_interactions_received_total",
                              "Interactions received by the desk, live ones only.")),
      resolved_(CounterFamily(registry, "frontdesk_interactions_resolved_total",
                              "Interactions resolved, counted at each resolution.")),
      abandoned_(CounterFamily(registry, "frontdesk_interactions_abandoned_total",
                               "Interactions the user left before an agent answered.")),
      first_contact_resolutions_(CounterFamily(
          registry, "frontdesk_first_contact_resolutions_total",
          "Resolutions on first contact: answered by an agent, never reopened, transferred, "
          "escalated or handed off (the NO_HANDOFF method).")),
      first_response_seconds_(HistogramFamily(registry, "frontdesk_first_response_seconds",
                                              "Time from receipt to the first agent response.")),
      resolution_seconds_(HistogramFamily(registry, "frontdesk_resolution_seconds",
                                          "Time from receipt to resolution.")),
      sla_met_(CounterFamily(registry, "frontdesk_sla_met_total",
                             "SLA clocks that stopped within their target.")),
      sla_breached_(CounterFamily(registry, "frontdesk_sla_breached_total",
                                  "SLA clocks that passed their target, counted when it happened.")),
      csat_responses_(CounterFamily(registry, "frontdesk_csat_responses_total",
                                    "Satisfaction survey responses by score.")),
      open_interactions_(prometheus::BuildGauge()
                             .Name("frontdesk_open_interactions")
                             .Help("Interactions not yet resolved, closed or abandoned, read from "
                                   "the database; the same on every replica: use max().")
                             .Register(registry)),
      projection_lag_(prometheus::BuildGauge()
                          .Name("frontdesk_kpi_projection_lag_changes")
                          .Help("Committed changes not yet in KPI reports and SLA states.")
                          .Register(registry)
                          .Add({})) {}

BusinessMetrics::Labels BusinessMetrics::InteractionLabels(const Interaction& interaction) const {
  return {{"channel", Lower(domain::NameOf(interaction.channel))},
          {"type", Lower(domain::NameOf(interaction.type))},
          {"priority", Lower(domain::NameOf(interaction.priority))},
          {"tier", domain::Cat(std::clamp(interaction.tier, 1, 3))},
          {"service", CatalogValue(catalog_.services, interaction.service)},
          {"department", CatalogValue(catalog_.departments, interaction.department)}};
}

BusinessMetrics::Labels BusinessMetrics::ClockLabels(const Interaction& interaction,
                                                     std::string_view clock) const {
  return {{"clock", std::string(clock)},
          {"channel", Lower(domain::NameOf(interaction.channel))},
          {"priority", Lower(domain::NameOf(interaction.priority))}};
}

void BusinessMetrics::OnProjected(const domain::kpi::ProjectedInteraction& projected) {
  const auto& history = projected.history;
  if (history.empty() || domain::sla::IsImported(history)) return;
  // Count the revisions the batch read, not the newest ones: a change committed after the
  // batch's read is already in the history, and the next batch counts it.
  size_t end = history.size();
  while (end > 0 && history[end - 1].sequence > projected.read_through_sequence) --end;
  for (size_t i = end - std::min(end, projected.new_revisions); i < end; ++i) {
    CountRevision(history[i], i == 0 ? nullptr : &history[i - 1], history, i);
  }
  CountSlaOutcomes(projected);
}

void BusinessMetrics::CountRevision(const InteractionRevision& revision,
                                    const InteractionRevision* previous,
                                    const std::vector<InteractionRevision>& history,
                                    size_t index) {
  const Interaction& now = revision.interaction;
  const Interaction before = previous ? previous->interaction : Interaction{};
  const Labels labels = InteractionLabels(now);
  if (previous == nullptr) received_.Add(labels).Increment();
  if (NewlySet(now.abandon_time, before.abandon_time)) abandoned_.Add(labels).Increment();
  const Labels timing = {{"channel", labels.at("channel")}, {"priority", labels.at("priority")}};
  // Once per interaction, when it is first answered. A reply logged later with an earlier
  // occur_time moves first_response_time back; that is a correction, not a second response,
  // and a histogram cannot take back the duration observed first.
  if (now.first_response_time && !before.first_response_time) {
    first_response_seconds_.Add(timing, DurationBuckets())
        .Observe(SecondsBetween(now.receive_time, *now.first_response_time));
  }
  if (NewlySet(now.resolve_time, before.resolve_time)) {
    resolved_.Add(labels).Increment();
    resolution_seconds_.Add(timing, DurationBuckets())
        .Observe(SecondsBetween(now.receive_time, *now.resolve_time));
    const auto fact = domain::kpi::DeriveKpiFact(
        now, std::span(history).first(index + 1), {}, std::nullopt);
    const auto& fcr = fact.record.fcr;
    if (fcr.agent_responded && !fcr.reopened && !fcr.handed_over) {
      first_contact_resolutions_.Add(labels).Increment();
    }
  }
  if (now.satisfaction && !before.satisfaction) {
    csat_responses_.Add({{"channel", labels.at("channel")},
                         {"score", domain::Cat(now.satisfaction->score)}})
        .Increment();
  }
}

void BusinessMetrics::CountSlaOutcomes(const domain::kpi::ProjectedInteraction& projected) {
  const Interaction& now = projected.history.back().interaction;
  const auto& after = projected.sla_after.outcomes;
  using domain::sla::SlaOutcome;
  for (const bool response : {true, false}) {
    const auto outcome = response ? after.response : after.resolution;
    const Labels labels = ClockLabels(now, response ? "response" : "resolution");
    if (Became(outcome, projected.sla_before, response, SlaOutcome::kMet)) {
      sla_met_.Add(labels).Increment();
    }
    if (Became(outcome, projected.sla_before, response, SlaOutcome::kBreached)) {
      sla_breached_.Add(labels).Increment();
    }
  }
}

void BusinessMetrics::OnBacklog(const std::vector<domain::kpi::BacklogCount>& backlog,
                                int64_t projection_lag) {
  absl::MutexLock lock(&backlog_mutex_);
  // Series that emptied since the last refresh must read 0, not their last count.
  for (prometheus::Gauge* series : backlog_series_) series->Set(0);
  for (const domain::kpi::BacklogCount& count : backlog) {
    prometheus::Gauge& series =
        open_interactions_.Add({{"state", Lower(domain::NameOf(count.state))},
                                {"channel", Lower(domain::NameOf(count.channel))},
                                {"priority", Lower(domain::NameOf(count.priority))}});
    series.Set(static_cast<double>(count.count));
    if (std::find(backlog_series_.begin(), backlog_series_.end(), &series) ==
        backlog_series_.end()) {
      backlog_series_.push_back(&series);
    }
  }
  projection_lag_.Set(static_cast<double>(projection_lag));
}

}  // namespace frontdesk::observability
