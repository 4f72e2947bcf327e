#pragma once

#include <string>

#include "domain/time.h"

namespace frontdesk::domain {

// Returns a new 26-character id: 48 bits of milliseconds then 80 random bits, in Crockford
// base32. Ids sort roughly by creation time, need no coordination between replicas, and spread
// evenly over shards.
std::string NewId(Timestamp now);

// Returns true when text has the shape of an id made by NewId.
bool IsWellFormedId(std::string_view text);

}  // namespace frontdesk::domain
