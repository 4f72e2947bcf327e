#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace frontdesk::domain {

// Enumerations of the interaction domain. Numeric values equal those of the public API so that
// conversion at the transport edge is a checked cast; names are the stable spellings used in the
// database, in filters and in the audit history.

enum class Channel {
  kUnspecified = 0,
  kPhone = 1,
  kEmail = 2,
  kChat = 3,
  kWebPortal = 4,
  kWalkIn = 5,
  kSelfService = 6,
  kMessaging = 7,
  kOther = 8,
};

enum class Direction { kUnspecified = 0, kInbound = 1, kOutbound = 2 };

enum class InteractionType {
  kUnspecified = 0,
  kUnclassified = 1,
  kInformationRequest = 2,
  kIncident = 3,
  kServiceRequest = 4,
  kChangeRequest = 5,
  kComplaint = 6,
  kOther = 7,
};

enum class Impact { kUnspecified = 0, kHigh = 1, kMedium = 2, kLow = 3 };

enum class Urgency { kUnspecified = 0, kHigh = 1, kMedium = 2, kLow = 3 };

enum class Priority {
  kUnspecified = 0,
  kCritical = 1,
  kHigh = 2,
  kMedium = 3,
  kLow = 4,
  kPlanning = 5,
};

enum class InteractionState {
  kUnspecified = 0,
  kNew = 1,
  kQueued = 2,
  kInProgress = 3,
  kOnHold = 4,
  kResolved = 5,
  kClosed = 6,
  kAbandoned = 7,
};

enum class HoldReason { kUnspecified = 0, kAwaitingUser = 1, kAwaitingThirdParty = 2 };

enum class DownstreamRecordType {
  kUnspecified = 0,
  kIncident = 1,
  kChange = 2,
  kServiceRequest = 3,
  kProblem = 4,
};

enum class DownstreamStatus {
  kUnspecified = 0,
  kOpen = 1,
  kInProgress = 2,
  kPending = 3,
  kResolved = 4,
  kClosed = 5,
  kCancelled = 6,
};

enum class AuthorKind { kUnspecified = 0, kEndUser = 1, kAgent = 2, kSystem = 3 };

enum class CommunicationDirection { kUnspecified = 0, kInbound = 1, kOutbound = 2, kInternal = 3 };

// The name of every value of an enumeration, indexed by its numeric value.
template <typename E>
struct EnumNames;

#define FRONTDESK_ENUM_NAMES(Type, ...)                                             \
  template <>                                                                       \
  struct EnumNames<Type> {                                                          \
    static constexpr auto kNames = std::to_array<std::string_view>({__VA_ARGS__}); \
  }

FRONTDESK_ENUM_NAMES(Channel, "UNSPECIFIED", "PHONE", "EMAIL", "CHAT", "WEB_PORTAL", "WALK_IN",
                     "SELF_SERVICE", "MESSAGING", "OTHER");
FRONTDESK_ENUM_NAMES(Direction, "UNSPECIFIED", "INBOUND", "OUTBOUND");
FRONTDESK_ENUM_NAMES(InteractionType, "UNSPECIFIED", "UNCLASSIFIED", "INFORMATION_REQUEST",
                     "INCIDENT", "SERVICE_REQUEST", "CHANGE_REQUEST", "COMPLAINT", "OTHER");
FRONTDESK_ENUM_NAMES(Impact, "UNSPECIFIED", "HIGH", "MEDIUM", "LOW");
FRONTDESK_ENUM_NAMES(Urgency, "UNSPECIFIED", "HIGH", "MEDIUM", "LOW");
FRONTDESK_ENUM_NAMES(Priority, "UNSPECIFIED", "CRITICAL", "HIGH", "MEDIUM", "LOW", "PLANNING");
FRONTDESK_ENUM_NAMES(InteractionState, "UNSPECIFIED", "NEW", "QUEUED", "IN_PROGRESS", "ON_HOLD",
                     "RESOLVED", "CLOSED", "ABANDONED");
FRONTDESK_ENUM_NAMES(HoldReason, "UNSPECIFIED", "AWAITING_USER", "AWAITING_THIRD_PARTY");
FRONTDESK_ENUM_NAMES(DownstreamRecordType, "UNSPECIFIED", "INCIDENT", "CHANGE",
                     "SERVICE_REQUEST", "PROBLEM");
FRONTDESK_ENUM_NAMES(DownstreamStatus, "UNSPECIFIED", "OPEN", "IN_PROGRESS", "PENDING",
                     "RESOLVED", "CLOSED", "CANCELLED");
FRONTDESK_ENUM_NAMES(AuthorKind, "UNSPECIFIED", "END_USER", "AGENT", "SYSTEM");
FRONTDESK_ENUM_NAMES(CommunicationDirection, "UNSPECIFIED", "INBOUND", "OUTBOUND", "INTERNAL");

#undef FRONTDESK_ENUM_NAMES

// Returns the stable name of a value, or "UNSPECIFIED" for a value out of range.
template <typename E>
std::string_view NameOf(E value) {
  const auto index = static_cast<size_t>(value);
  const auto& names = EnumNames<E>::kNames;
  return index < names.size() ? names[index] : names[0];
}

// Returns the value with the given name, or nullopt when no value has it.
template <typename E>
std::optional<E> ParseEnum(std::string_view name) {
  const auto& names = EnumNames<E>::kNames;
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<E>(i);
  }
  return std::nullopt;
}

// Returns the value with the given number, or nullopt when it is out of range.
template <typename E>
std::optional<E> EnumFromNumber(int number) {
  if (number < 0 || static_cast<size_t>(number) >= EnumNames<E>::kNames.size()) {
    return std::nullopt;
  }
  return static_cast<E>(number);
}

}  // namespace frontdesk::domain
