#pragma once

#include "absl/status/statusor.h"
#include "domain/import.h"
#include "frontdesk/v1/interaction_service.pb.h"

namespace frontdesk::transport {

// Conversions of ImportInteractions messages. Like interaction_convert.h, a conversion in checks
// only what the domain cannot see (unknown enum numbers, timestamps and durations out of range,
// a malformed contact name) and names bad fields by their path in the record
// (`interaction.resolve_time`, `communications[3].channel`, `history[0].state`).

// Reads one imported record: the fields a create takes, the output-only fields an import takes
// as given, the contact, conversation and history.
absl::StatusOr<domain::ImportRecord> ImportRecordFromProto(
    const frontdesk::v1::ImportedInteraction& proto);

// Returns the message reporting one record's outcome.
frontdesk::v1::ImportResult ToProto(const std::string& external_reference,
                                    const domain::ImportResult& result);

}  // namespace frontdesk::transport
