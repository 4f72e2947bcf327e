#pragma once

#include <string_view>
#include <vector>

#include "domain/interaction.h"
#include "storage/sql_row.h"

namespace frontdesk::storage {

// The columns of an interaction, shared by `interactions` and `interaction_revisions`.
const std::vector<std::string_view>& InteractionColumns();

// The extra columns of a revision.
const std::vector<std::string_view>& RevisionColumns();

// The columns of a communication.
const std::vector<std::string_view>& CommunicationColumns();

void EncodeInteraction(const domain::Interaction& interaction, SqlRow& row);
domain::Interaction DecodeInteraction(const SqlRow& row);

void EncodeCommunication(const domain::Communication& communication, long long revision,
                         SqlRow& row);
domain::Communication DecodeCommunication(const SqlRow& row);

}  // namespace frontdesk::storage
