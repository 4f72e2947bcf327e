#include "domain/kpi/sparse_counts.h"

#include <algorithm>

namespace frontdesk::domain::kpi {
namespace {

// Below this many appended entries, sorting is left to the next read.
constexpr size_t kMinUnsortedTail = 4096;

}  // namespace

void SparseCounts::Add(int64_t key, int64_t count) {
  if (count != 0) entries_.emplace_back(key, count);
}

void SparseCounts::Merge(const SparseCounts& other, int64_t weight) {
  if (weight == 0) return;
  const std::vector<Entry>& added = other.entries();
  entries_.reserve(entries_.size() + added.size());
  for (const auto& [key, count] : added) entries_.emplace_back(key, count * weight);
  // Compacting whenever the unsorted tail outgrows the sorted part keeps memory within about
  // twice the distinct keys, and the total work of many merges at n log n.
  if (entries_.size() - sorted_prefix_ > std::max<size_t>(kMinUnsortedTail, sorted_prefix_)) {
    Compact();
  }
}

void SparseCounts::Compact() const {
  if (sorted_prefix_ == entries_.size()) return;
  std::sort(entries_.begin() + static_cast<std::ptrdiff_t>(sorted_prefix_), entries_.end());
  std::inplace_merge(entries_.begin(),
                     entries_.begin() + static_cast<std::ptrdiff_t>(sorted_prefix_),
                     entries_.end());
  size_t out = 0;
  for (size_t i = 0; i < entries_.size();) {
    Entry sum = entries_[i];
    for (++i; i < entries_.size() && entries_[i].first == sum.first; ++i) {
      sum.second += entries_[i].second;
    }
    if (sum.second != 0) entries_[out++] = sum;
  }
  entries_.resize(out);
  sorted_prefix_ = out;
}

const std::vector<SparseCounts::Entry>& SparseCounts::entries() const {
  Compact();
  return entries_;
}

int64_t SparseCounts::CountUpTo(int64_t limit) const {
  int64_t total = 0;
  for (const auto& [key, count] : entries()) {
    if (key > limit) break;
    total += count;
  }
  return total;
}

int64_t SparseCounts::Sum() const {
  int64_t total = 0;
  for (const auto& [key, count] : entries()) total += count;
  return total;
}

void SparseCounts::EncodeTo(IntWriter& out) const {
  // Keys are written as the difference to the previous key: ascending keys give short numbers.
  const std::vector<Entry>& all = entries();
  out.Put(static_cast<int64_t>(all.size()));
  int64_t previous = 0;
  for (const auto& [key, count] : all) {
    out.Put(key - previous);
    out.Put(count);
    previous = key;
  }
}

bool SparseCounts::DecodeFrom(IntReader& in) {
  entries_.clear();
  int64_t size = 0;
  if (!in.Get(size) || size < 0) return false;
  entries_.reserve(static_cast<size_t>(std::min<int64_t>(size, 1 << 20)));
  int64_t key = 0;
  for (int64_t i = 0; i < size; ++i) {
    int64_t step = 0;
    int64_t count = 0;
    if (!in.Get(step) || !in.Get(count) || count == 0) return false;
    if (i > 0 && step <= 0) return false;
    key += step;
    entries_.emplace_back(key, count);
  }
  sorted_prefix_ = entries_.size();
  return true;
}

}  // namespace frontdesk::domain::kpi
