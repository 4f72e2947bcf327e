#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "domain/kpi/kpi_projector.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/gauge.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"

namespace frontdesk::observability {

// Services and departments that get a label value of their own; any other is "other", and an
// empty one "none", so the number of series stays bounded whatever the data.
struct LabelCatalog {
  std::set<std::string> services;
  std::set<std::string> departments;
};

// The service desk's business metrics, counted as the KPI projection stores each change, so
// that every change is counted once by whichever replica projected it. Sum the counters over
// replicas (`sum without (instance)`) and use rate() or increase(): a restarted replica starts
// from zero. The backlog gauges are read from the database on a timer; every replica reports
// the same values, so aggregate them with max(), never sum(). Imported history is not counted:
// the counters describe the live desk.
class BusinessMetrics final : public domain::kpi::ProjectionObserver {
 public:
  BusinessMetrics(prometheus::Registry& registry, LabelCatalog catalog);

  void OnProjected(const domain::kpi::ProjectedInteraction& projected) override;
  void OnBacklog(const std::vector<domain::kpi::BacklogCount>& backlog,
                 int64_t projection_lag) override;

 private:
  using Labels = std::map<std::string, std::string>;

  Labels InteractionLabels(const domain::Interaction& interaction) const;
  Labels ClockLabels(const domain::Interaction& interaction, std::string_view clock) const;
  void CountRevision(const domain::InteractionRevision& revision,
                     const domain::InteractionRevision* previous,
                     const std::vector<domain::InteractionRevision>& history, size_t index);
  void CountSlaOutcomes(const domain::kpi::ProjectedInteraction& projected);

  const LabelCatalog catalog_;
  prometheus::Family<prometheus::Counter>& received_;
  prometheus::Family<prometheus::Counter>& resolved_;
  prometheus::Family<prometheus::Counter>& abandoned_;
  prometheus::Family<prometheus::Counter>& first_contact_resolutions_;
  prometheus::Family<prometheus::Histogram>& first_response_seconds_;
  prometheus::Family<prometheus::Histogram>& resolution_seconds_;
  prometheus::Family<prometheus::Counter>& sla_met_;
  prometheus::Family<prometheus::Counter>& sla_breached_;
  prometheus::Family<prometheus::Counter>& csat_responses_;
  prometheus::Family<prometheus::Gauge>& open_interactions_;
  prometheus::Gauge& projection_lag_;

  absl::Mutex backlog_mutex_;
  std::vector<prometheus::Gauge*> backlog_series_ ABSL_GUARDED_BY(backlog_mutex_);
};

}  // namespace frontdesk::observability
