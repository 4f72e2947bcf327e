#pragma once

#include <google/protobuf/repeated_ptr_field.h>

#include <iosfwd>

#include "frontdesk/v1/interaction.pb.h"

namespace frontdesk::cli {

// One line per interaction: name, state, channel, type, priority, received, subject.
void PrintInteractionTable(
    const google::protobuf::RepeatedPtrField<frontdesk::v1::Interaction>& interactions,
    std::ostream& out);

}  // namespace frontdesk::cli
