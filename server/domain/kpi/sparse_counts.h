#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "domain/kpi/int_codec.h"

namespace frontdesk::domain::kpi {

// Counts per integer key (a wait in seconds, a score, a sketch bucket), built for merging many
// small sets into a few large ones, as a report does with hourly rollups: additions are
// appended, and sorting and summing them happens once, when the counts are read. Counts may be
// negative while an accumulator takes values out; keys whose count is zero disappear.
// Not thread-safe, even for const access.
class SparseCounts {
 public:
  using Entry = std::pair<int64_t, int64_t>;  // Key, count.

  void Add(int64_t key, int64_t count);
  // Adds every count of `other`, times `weight`. Precondition: `other` is not this object.
  void Merge(const SparseCounts& other, int64_t weight = 1);

  // The non-zero counts in ascending key order.
  const std::vector<Entry>& entries() const;
  // The sum of the counts of keys at most `limit`.
  int64_t CountUpTo(int64_t limit) const;
  int64_t Sum() const;
  bool empty() const { return entries().empty(); }

  void EncodeTo(IntWriter& out) const;
  // Reads what EncodeTo wrote; false when malformed (keys out of order, zero counts).
  bool DecodeFrom(IntReader& in);

  bool operator==(const SparseCounts& other) const { return entries() == other.entries(); }

 private:
  void Compact() const;

  mutable std::vector<Entry> entries_;
  mutable size_t sorted_prefix_ = 0;  // Entries before this index are sorted and compact.
};

}  // namespace frontdesk::domain::kpi
