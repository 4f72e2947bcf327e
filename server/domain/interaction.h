#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/enums.h"
#include "domain/time.h"

namespace frontdesk::domain {

// A handoff of an interaction to a record owned by another process. A record is identified by
// its system and external id.
struct DownstreamLink {
  DownstreamRecordType record_type = DownstreamRecordType::kUnspecified;
  std::string system;
  std::string external_id;
  std::string uri;
  DownstreamStatus status = DownstreamStatus::kUnspecified;
  std::string status_detail;
  Timestamp link_time;
  std::optional<Timestamp> status_time;

  bool operator==(const DownstreamLink&) const = default;
};

// The end user's answer to the satisfaction survey.
struct SatisfactionSurvey {
  int score = 0;
  std::string comment;
  Timestamp submit_time;

  bool operator==(const SatisfactionSurvey&) const = default;
};

// One contact between an end user and the service desk. Ids are bare (no collection prefix);
// `queue` and `agent` hold the resource names given by clients.
struct Interaction {
  std::string id;
  int64_t version = 0;
  Channel channel = Channel::kUnspecified;
  Direction direction = Direction::kInbound;
  std::string channel_key;
  std::string contact_id;
  std::string department;
  InteractionType type = InteractionType::kUnclassified;
  InteractionType initial_type = InteractionType::kUnclassified;
  std::string service;
  std::string category;
  Impact impact = Impact::kUnspecified;
  Urgency urgency = Urgency::kUnspecified;
  Priority priority = Priority::kUnspecified;
  std::string subject;
  std::string description;
  InteractionState state = InteractionState::kNew;
  HoldReason hold_reason = HoldReason::kUnspecified;
  std::string queue;
  std::string agent;
  int tier = 1;
  Timestamp receive_time;
  std::optional<Timestamp> queue_time;
  std::optional<Timestamp> first_response_time;
  std::optional<Timestamp> resolve_time;
  std::optional<Timestamp> close_time;
  std::optional<Timestamp> abandon_time;
  std::string resolution_code;
  std::string resolution_note;
  bool first_contact_resolution = false;
  std::vector<std::string> knowledge_articles;
  std::vector<DownstreamLink> downstream_links;
  Duration handle_duration{0};
  int reopen_count = 0;
  int communication_count = 0;
  std::optional<SatisfactionSurvey> satisfaction;
  Timestamp create_time;
  Timestamp update_time;

  bool operator==(const Interaction&) const = default;
};

// One message, call segment or note in an interaction's conversation.
struct Communication {
  std::string id;
  std::string interaction_id;
  CommunicationDirection direction = CommunicationDirection::kUnspecified;
  AuthorKind author_kind = AuthorKind::kUnspecified;
  std::string author;
  Channel channel = Channel::kUnspecified;
  std::string body;
  Timestamp occur_time;
  Duration duration{0};
};

// An end user of IT services.
struct Contact {
  std::string id;
  int64_t version = 0;
  std::string external_reference;
  std::string display_name;
  std::string email;
  std::string phone;
  std::string department;
  bool vip = false;
  Timestamp create_time;
  Timestamp update_time;
};

// One revision of an interaction as kept in its append-only history.
struct InteractionRevision {
  int64_t sequence = 0;  // Position in the global change log.
  std::string actor;
  std::string action;
  std::string detail;
  Timestamp change_time;
  Interaction interaction;  // The interaction right after the change.
};

// Returns the opaque etag of a version.
std::string EtagOf(int64_t version);

// Returns the ITIL priority for an impact and urgency; unspecified values count as medium.
Priority DerivePriority(Impact impact, Urgency urgency);

}  // namespace frontdesk::domain
