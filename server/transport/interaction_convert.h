#pragma once

#include <cstdint>

#include "absl/status/statusor.h"
#include "domain/interaction.h"
#include "domain/interaction_manager.h"
#include "domain/interaction_rules.h"
#include "frontdesk/v1/interaction.pb.h"
#include "frontdesk/v1/interaction_service.pb.h"
#include "google/protobuf/field_mask.pb.h"

namespace frontdesk::transport {

// Conversions between the public API's messages and the domain's types. Conversions in read
// only the fields a client may set and check only what the domain cannot see: enum numbers the
// domain does not define, timestamps and durations out of range, malformed resource names and
// update mask paths. Each returns INVALID_ARGUMENT with one field violation per bad field, named
// by its path in the request (e.g. "interaction.channel"); the domain checks everything else.
// Conversions out fill every field, output only ones included.

// Reads the client-settable fields of an interaction to create. A tier of 0 (unset) means the
// default, 1; an unset receive_time means now.
absl::StatusOr<domain::InteractionDraft> DraftFromProto(const frontdesk::v1::Interaction& proto);

// Reads the fields named in `mask`; paths are field names of Interaction (type, service,
// category, impact, urgency, subject, description, department, contact, queue, agent, tier).
// A named field left at its default clears it (tier: back to 1). Any other path is a violation
// on `update_mask`.
absl::StatusOr<domain::InteractionPatch> PatchFromProto(const frontdesk::v1::Interaction& proto,
                                                        const google::protobuf::FieldMask& mask);

// Reads a communication to log; an unset occur_time means now and an unset duration zero.
absl::StatusOr<domain::Communication> CommunicationFromProto(
    const frontdesk::v1::Communication& proto);

// Reads a downstream link to make; link_time is output only and ignored.
absl::StatusOr<domain::DownstreamLink> DownstreamLinkFromProto(
    const frontdesk::v1::DownstreamLink& proto);

// Reads the resolution of a ResolveInteraction request; an unset wrap-up duration is zero.
absl::StatusOr<domain::Resolution> ResolutionFromProto(
    const frontdesk::v1::ResolveInteractionRequest& request);

// Reads the report of an UpdateDownstreamStatus request; an unset status_time means now.
absl::StatusOr<domain::DownstreamStatusReport> DownstreamStatusReportFromProto(
    const frontdesk::v1::UpdateDownstreamStatusRequest& request);

// Reads the score and comment of a survey response; submit_time is output only.
domain::SatisfactionSurvey SurveyFromProto(const frontdesk::v1::SatisfactionSurvey& proto);

// Reads the client-settable fields of a contact; name and times are output only.
domain::Contact ContactFromProto(const frontdesk::v1::Contact& proto);

frontdesk::v1::Interaction ToProto(const domain::Interaction& interaction);
frontdesk::v1::Communication ToProto(const domain::Communication& communication);
frontdesk::v1::DownstreamLink ToProto(const domain::DownstreamLink& link);
frontdesk::v1::SatisfactionSurvey ToProto(const domain::SatisfactionSurvey& survey);
frontdesk::v1::Contact ToProto(const domain::Contact& contact);
frontdesk::v1::InteractionHistoryEntry ToProto(const domain::HistoryEntry& entry);

// Returns the stream message of a change; its cursor is the change's sequence in decimal.
frontdesk::v1::WatchInteractionsResponse ToProto(const domain::WatchEvent& event);

// Returns a heartbeat: a stream message with only a cursor, positioned after `sequence`.
frontdesk::v1::WatchInteractionsResponse HeartbeatToProto(int64_t sequence);

}  // namespace frontdesk::transport
