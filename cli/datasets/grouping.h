#pragma once

#include <string>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace frontdesk::cli {

// Rows of an event log grouped by their record's source id, in order of first appearance.
template <typename Event>
class EventGroups {
 public:
  void Add(const std::string& id, Event event) {
    auto [it, inserted] = index_.try_emplace(id, groups_.size());
    if (inserted) groups_.emplace_back(id, std::vector<Event>{});
    groups_[it->second].second.push_back(std::move(event));
  }

  // Leaves out the record `id` names, whatever rows it has or gets: one of its rows was cut
  // short, so importing the rest would store a record that a corrected file cannot replace
  // (a re-import answers ALREADY_IMPORTED).
  void Exclude(const std::string& id) { excluded_.insert(id); }

  // The groups not excluded, in order of first appearance; adds the rows of excluded groups to
  // `excluded_rows`.
  std::vector<std::pair<std::string, std::vector<Event>>> TakeIncluded(int64_t& excluded_rows) {
    std::vector<std::pair<std::string, std::vector<Event>>> included;
    for (auto& group : groups_) {
      if (excluded_.contains(group.first)) {
        excluded_rows += static_cast<int64_t>(group.second.size());
      } else {
        included.push_back(std::move(group));
      }
    }
    groups_.clear();
    index_.clear();
    return included;
  }

 private:
  std::unordered_map<std::string, size_t> index_;
  std::vector<std::pair<std::string, std::vector<Event>>> groups_;
  std::unordered_set<std::string> excluded_;
};

}  // namespace frontdesk::cli
