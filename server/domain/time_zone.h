#pragma once

#include <string>

#include "absl/time/time.h"
#include "domain/time.h"

namespace frontdesk::domain {

// Loads an IANA time zone such as "Europe/Rome" or "Etc/GMT+3" from the system tzdata. Rejects
// what the loader would also read but is no IANA name: "localtime" (the host's zone) and file
// paths. Returns false when the name is not such a zone.
bool LoadIanaTimeZone(const std::string& name, absl::TimeZone* zone);

inline Timestamp FromAbslTime(absl::Time t) { return FromUnixMicros(absl::ToUnixMicros(t)); }

inline absl::Time ToAbslTime(Timestamp t) { return absl::FromUnixMicros(ToUnixMicros(t)); }

}  // namespace frontdesk::domain
