#pragma once

#include <string>
#include <unordered_map>
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

  std::vector<std::pair<std::string, std::vector<Event>>>& groups() { return groups_; }

 private:
  std::unordered_map<std::string, size_t> index_;
  std::vector<std::pair<std::string, std::vector<Event>>> groups_;
};

}  // namespace frontdesk::cli
