#include "output/interaction_table.h"

#include <string>
#include <vector>

#include "frontdesk/v1/common.pb.h"
#include "output/text.h"

namespace frontdesk::cli {
namespace {

// "INTERACTION_STATE_IN_PROGRESS" -> "IN_PROGRESS".
std::string Short(const std::string& name, size_t prefix_length) {
  return name.size() > prefix_length ? name.substr(prefix_length) : name;
}

}  // namespace

void PrintInteractionTable(
    const google::protobuf::RepeatedPtrField<frontdesk::v1::Interaction>& interactions,
    std::ostream& out) {
  std::vector<std::vector<std::string>> rows = {
      {"NAME", "STATE", "CHANNEL", "TYPE", "PRIORITY", "RECEIVED", "SUBJECT"}};
  for (const auto& interaction : interactions) {
    rows.push_back({interaction.name(),
                    Short(frontdesk::v1::InteractionState_Name(interaction.state()), 18),
                    Short(frontdesk::v1::Channel_Name(interaction.channel()), 8),
                    Short(frontdesk::v1::InteractionType_Name(interaction.type()), 17),
                    Short(frontdesk::v1::Priority_Name(interaction.priority()), 9),
                    FormatTimestamp(interaction.receive_time()), interaction.subject()});
  }
  PrintTable(rows, out);
}

}  // namespace frontdesk::cli
