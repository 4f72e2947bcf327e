#include "domain/kpi/kpi_accumulator.h"
#include "domain/kpi/int_codec.h"

namespace frontdesk::domain::kpi {
namespace {

// Bumped when the stored layout changes; rollups in another layout are rebuilt, not misread.
constexpr int64_t kLayoutVersion = 2;

struct FieldWriter {
  IntWriter& out;
  bool operator()(const int64_t& value) { return out.Put(value), true; }
  bool operator()(const SparseCounts& counts) { return counts.EncodeTo(out), true; }
  bool operator()(const DurationDistribution& distribution) {
    return distribution.EncodeTo(out), true;
  }
  bool operator()(const SlaAttainment& attainment) {
    return (*this)(attainment.met) && (*this)(attainment.breached) && (*this)(attainment.pending);
  }
};

struct FieldReader {
  IntReader& in;
  bool operator()(int64_t& value) { return in.Get(value); }
  bool operator()(SparseCounts& counts) { return counts.DecodeFrom(in); }
  bool operator()(DurationDistribution& distribution) { return distribution.DecodeFrom(in); }
  bool operator()(SlaAttainment& attainment) {
    return (*this)(attainment.met) && (*this)(attainment.breached) && (*this)(attainment.pending);
  }
};

}  // namespace

template <typename Self, typename Field>
bool KpiAccumulator::ForEachField(Self& self, Field&& field) {
  return field(self.volume_) && field(self.type_counts_) && field(self.information_requests_) &&
         field(self.kb_cited_) && field(self.kb_gaps_) && field(self.response_sla_) &&
         field(self.resolution_sla_) && field(self.answered_wait_seconds_) &&
         field(self.abandoned_wait_seconds_) && field(self.resolved_) &&
         field(self.resolved_first_level_) && field(self.fcr_resolved_) &&
         field(self.fcr_flagged_) && field(self.fcr_not_handed_over_) &&
         field(self.fcr_named_ineligible_) && field(self.fcr_repeat_gap_seconds_) &&
         field(self.fcr_open_resolve_minutes_) && field(self.answered_waits_) &&
         field(self.first_responses_) && field(self.handles_) && field(self.csat_scores_) &&
         field(self.surveys_sent_) && field(self.handle_micros_by_tier_) &&
         field(self.incident_handle_micros_by_tier_) && field(self.incidents_) &&
         field(self.linked_incidents_) && field(self.linked_changes_);
}

std::string KpiAccumulator::Encode() const {
  IntWriter out;
  out.Put(kLayoutVersion);
  ForEachField(*this, FieldWriter{out});
  return out.text();
}

std::optional<KpiAccumulator> KpiAccumulator::Decode(std::string_view text) {
  IntReader in(text);
  int64_t version = 0;
  if (!in.Get(version) || version != kLayoutVersion) return std::nullopt;
  KpiAccumulator accumulator;
  if (!ForEachField(accumulator, FieldReader{in}) || !in.AtEnd()) return std::nullopt;
  return accumulator;
}

}  // namespace frontdesk::domain::kpi
