#include "domain/time_zone.h"

#include <string_view>

#include "domain/text.h"

namespace frontdesk::domain {
namespace {

bool IsIanaName(std::string_view name) {
  if (name.empty() || name == "localtime" || name.front() == '/') return false;
  for (const char c : name) {
    const bool allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                         (c >= '0' && c <= '9') || c == '/' || c == '_' || c == '-' || c == '+';
    if (!allowed) return false;
  }
  for (const std::string& part : Split(name, '/')) {
    if (part.empty()) return false;
  }
  return true;
}

}  // namespace

bool LoadIanaTimeZone(const std::string& name, absl::TimeZone* zone) {
  return IsIanaName(name) && absl::LoadTimeZone(name, zone);
}

}  // namespace frontdesk::domain
