#include "transport/proto_time.h"

#include <cstdint>
#include <string>

#include "domain/errors.h"

namespace frontdesk::transport {
namespace {

// The limits of google/protobuf/timestamp.proto and duration.proto.
constexpr int64_t kMinTimestampSeconds = -62135596800;  // 0001-01-01T00:00:00Z
constexpr int64_t kMaxTimestampSeconds = 253402300799;  // 9999-12-31T23:59:59Z
constexpr int64_t kMaxDurationSeconds = 315576000000;
constexpr int32_t kMaxNanos = 999999999;
constexpr int64_t kMicrosPerSecond = 1000000;
constexpr int32_t kNanosPerMicro = 1000;

}  // namespace

absl::StatusOr<domain::Timestamp> TimestampFromProto(const google::protobuf::Timestamp& value,
                                                     std::string_view field) {
  if (value.seconds() < kMinTimestampSeconds || value.seconds() > kMaxTimestampSeconds ||
      value.nanos() < 0 || value.nanos() > kMaxNanos) {
    return domain::InvalidField(std::string(field),
                                "must be a valid timestamp between years 0001 and 9999");
  }
  return domain::FromUnixMicros(value.seconds() * kMicrosPerSecond +
                                value.nanos() / kNanosPerMicro);
}

absl::StatusOr<std::optional<domain::Timestamp>> OptionalTimestampFromProto(
    bool present, const google::protobuf::Timestamp& value, std::string_view field) {
  if (!present) return std::nullopt;
  auto instant = TimestampFromProto(value, field);
  if (!instant.ok()) return instant.status();
  return *instant;
}

google::protobuf::Timestamp TimestampToProto(domain::Timestamp value) {
  const int64_t micros = domain::ToUnixMicros(value);
  // Floor division: nanos must be non-negative even before 1970.
  int64_t seconds = micros / kMicrosPerSecond;
  int64_t remainder = micros % kMicrosPerSecond;
  if (remainder < 0) {
    seconds -= 1;
    remainder += kMicrosPerSecond;
  }
  google::protobuf::Timestamp out;
  out.set_seconds(seconds);
  out.set_nanos(static_cast<int32_t>(remainder) * kNanosPerMicro);
  return out;
}

absl::StatusOr<domain::Duration> DurationFromProto(const google::protobuf::Duration& value,
                                                   std::string_view field) {
  const int64_t seconds = value.seconds();
  const int32_t nanos = value.nanos();
  const bool in_range = seconds >= -kMaxDurationSeconds && seconds <= kMaxDurationSeconds &&
                        nanos >= -kMaxNanos && nanos <= kMaxNanos;
  const bool same_sign = (seconds <= 0 && nanos <= 0) || (seconds >= 0 && nanos >= 0);
  if (!in_range || !same_sign) {
    return domain::InvalidField(std::string(field), "must be a valid duration");
  }
  return domain::Duration(seconds * kMicrosPerSecond + nanos / kNanosPerMicro);
}

google::protobuf::Duration DurationToProto(domain::Duration value) {
  // Truncating division keeps seconds and nanos of the same sign, as Duration requires.
  const int64_t micros = value.count();
  google::protobuf::Duration out;
  out.set_seconds(micros / kMicrosPerSecond);
  out.set_nanos(static_cast<int32_t>(micros % kMicrosPerSecond) * kNanosPerMicro);
  return out;
}

}  // namespace frontdesk::transport
