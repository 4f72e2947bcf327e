#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "domain/enums.h"
#include "domain/errors.h"
#include "frontdesk/v1/common.pb.h"
#include "frontdesk/v1/interaction.pb.h"

namespace frontdesk::transport {

// Domain enumerations carry the numbers of their proto counterparts (see domain/enums.h), so a
// conversion is a cast once the number is known to the domain. Proto3 enums are open: a client
// built against a newer API can send a number this server does not know, hence the check.

// Returns the domain value with the number of `value`. Returns INVALID_ARGUMENT naming `field`
// for a number the domain does not define.
template <typename DomainEnum, typename ProtoEnum>
absl::StatusOr<DomainEnum> EnumFromProto(ProtoEnum value, std::string_view field) {
  const auto converted = domain::EnumFromNumber<DomainEnum>(static_cast<int>(value));
  if (!converted) return domain::InvalidField(std::string(field), "has an unknown value");
  return *converted;
}

// Returns the proto value with the number of `value`.
template <typename ProtoEnum, typename DomainEnum>
ProtoEnum EnumToProto(DomainEnum value) {
  return static_cast<ProtoEnum>(static_cast<int>(value));
}

namespace enum_convert_internal {

// True when the domain enumeration ends with the proto's last value and has as many values.
template <typename DomainEnum>
constexpr bool MatchesProto(DomainEnum domain_last, int proto_last, int proto_array_size) {
  return static_cast<int>(domain_last) == proto_last &&
         domain::EnumNames<DomainEnum>::kNames.size() == static_cast<size_t>(proto_array_size);
}

namespace v1 = ::frontdesk::v1;

static_assert(MatchesProto(domain::Channel::kOther, v1::CHANNEL_OTHER, v1::Channel_ARRAYSIZE));
static_assert(MatchesProto(domain::Direction::kOutbound, v1::DIRECTION_OUTBOUND,
                           v1::Direction_ARRAYSIZE));
static_assert(MatchesProto(domain::InteractionType::kOther, v1::INTERACTION_TYPE_OTHER,
                           v1::InteractionType_ARRAYSIZE));
static_assert(MatchesProto(domain::Impact::kLow, v1::IMPACT_LOW, v1::Impact_ARRAYSIZE));
static_assert(MatchesProto(domain::Urgency::kLow, v1::URGENCY_LOW, v1::Urgency_ARRAYSIZE));
static_assert(MatchesProto(domain::Priority::kPlanning, v1::PRIORITY_PLANNING,
                           v1::Priority_ARRAYSIZE));
static_assert(MatchesProto(domain::InteractionState::kAbandoned, v1::INTERACTION_STATE_ABANDONED,
                           v1::InteractionState_ARRAYSIZE));
static_assert(MatchesProto(domain::HoldReason::kAwaitingThirdParty,
                           v1::HOLD_REASON_AWAITING_THIRD_PARTY, v1::HoldReason_ARRAYSIZE));
static_assert(MatchesProto(domain::DownstreamRecordType::kProblem,
                           v1::DOWNSTREAM_RECORD_TYPE_PROBLEM, v1::DownstreamRecordType_ARRAYSIZE));
static_assert(MatchesProto(domain::DownstreamStatus::kCancelled, v1::DOWNSTREAM_STATUS_CANCELLED,
                           v1::DownstreamStatus_ARRAYSIZE));
static_assert(MatchesProto(domain::AuthorKind::kSystem, v1::AUTHOR_KIND_SYSTEM,
                           v1::AuthorKind_ARRAYSIZE));
static_assert(MatchesProto(domain::CommunicationDirection::kInternal,
                           v1::COMMUNICATION_DIRECTION_INTERNAL,
                           v1::CommunicationDirection_ARRAYSIZE));

}  // namespace enum_convert_internal
}  // namespace frontdesk::transport
