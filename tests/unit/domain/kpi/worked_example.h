// One set of 1000 queued contacts on which the five service-level formulas of the KPI
// reference disagree, from 81 % to 86 %, with X = 30 s and s = 5 s:
//   810 answered within X (10 s), 132 answered after X (60 s),
//    10 short abandons (3 s), 10 abandoned within X (20 s), 38 abandoned after X (90 s).
// So A = 942, A<=X = 810, B = 58, B<=X = 20, B>X = 38, B<=s = 10.
#pragma once

#include <vector>

#include "domain/kpi/kpi_accumulator.h"
#include "domain/kpi/kpi_formulas.h"

namespace frontdesk::domain::kpi::testing {

using namespace std::chrono_literals;

struct WaitGroup {
  QueueExit exit;
  Duration wait;
  int count;
};

inline const WaitGroup kWorkedExampleGroups[] = {
    {QueueExit::kAnswered, 10s, 810}, {QueueExit::kAnswered, 60s, 132},
    {QueueExit::kAbandoned, 3s, 10},  {QueueExit::kAbandoned, 20s, 10},
    {QueueExit::kAbandoned, 90s, 38},
};

inline QueueCounts WorkedExampleCounts() {
  QueueCounts counts;
  for (const WaitGroup& group : kWorkedExampleGroups) {
    for (int i = 0; i < group.count; ++i) counts.Add(group.exit, group.wait, QueueThresholds{});
  }
  return counts;
}

inline std::vector<KpiRecord> WorkedExampleRecords() {
  std::vector<KpiRecord> records;
  for (const WaitGroup& group : kWorkedExampleGroups) {
    for (int i = 0; i < group.count; ++i) {
      KpiRecord record;
      record.queue_exit = group.exit;
      record.wait = group.wait;
      records.push_back(record);
    }
  }
  return records;
}

struct VariantExpectation {
  ServiceLevelVariant variant;
  Ratio ratio;
  double value;
};

inline const VariantExpectation kWorkedExampleVariants[] = {
    {ServiceLevelVariant::kAnsweredOrAbandonedInThreshold, {830, 1000}, 0.83},
    {ServiceLevelVariant::kAnsweredInThresholdOfAnswered, {810, 942}, 0.8599},
    {ServiceLevelVariant::kAnsweredInThresholdOfOffered, {810, 1000}, 0.81},
    {ServiceLevelVariant::kAnsweredInThresholdIgnoringEarlyAbandons, {810, 980}, 0.8265},
    {ServiceLevelVariant::kAnsweredInThresholdPlusShortAbandons, {820, 1000}, 0.82},
};

}  // namespace frontdesk::domain::kpi::testing
