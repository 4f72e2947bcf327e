#pragma once

#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "domain/time.h"
#include "google/protobuf/duration.pb.h"
#include "google/protobuf/timestamp.pb.h"

namespace frontdesk::transport {

// Conversions between google.protobuf.Timestamp / Duration and the domain's microsecond
// instants and durations. Sub-microsecond digits are truncated towards the past (timestamps)
// or towards zero (durations): the database keeps microseconds.

// Returns the instant. Returns INVALID_ARGUMENT naming `field` when the value is outside the
// range google.protobuf.Timestamp allows (0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z,
// nanos 0 to 999999999).
absl::StatusOr<domain::Timestamp> TimestampFromProto(const google::protobuf::Timestamp& value,
                                                     std::string_view field);

// Like TimestampFromProto, for an optional field: returns nullopt when `present` is false (the
// caller passes the message's has_*() result).
absl::StatusOr<std::optional<domain::Timestamp>> OptionalTimestampFromProto(
    bool present, const google::protobuf::Timestamp& value, std::string_view field);

google::protobuf::Timestamp TimestampToProto(domain::Timestamp value);

// Returns the duration. Returns INVALID_ARGUMENT naming `field` when the value is outside the
// range google.protobuf.Duration allows (about +-10000 years; nanos within +-999999999 and of
// the same sign as seconds).
absl::StatusOr<domain::Duration> DurationFromProto(const google::protobuf::Duration& value,
                                                   std::string_view field);

google::protobuf::Duration DurationToProto(domain::Duration value);

}  // namespace frontdesk::transport
