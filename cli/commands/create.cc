// frontdesk create: logs a new interaction.
#include <ostream>

#include "absl/strings/str_cat.h"
#include "app/rpc.h"
#include "commands/commands.h"
#include "frontdesk/v1/interaction_service.grpc.pb.h"
#include "output/text.h"

namespace frontdesk::cli {
namespace {

using frontdesk::v1::Interaction;

// An enum flag: its name, the enum, and the prefix its values share.
struct EnumFlag {
  const char* flag;
  const google::protobuf::EnumDescriptor* descriptor;
  const char* prefix;
  void (*set)(Interaction&, int);
};

const std::vector<EnumFlag>& EnumFlags() {
  static const auto* flags = new std::vector<EnumFlag>{
      {"channel", frontdesk::v1::Channel_descriptor(), "CHANNEL_",
       [](Interaction& i, int v) { i.set_channel(static_cast<frontdesk::v1::Channel>(v)); }},
      {"type", frontdesk::v1::InteractionType_descriptor(), "INTERACTION_TYPE_",
       [](Interaction& i, int v) { i.set_type(static_cast<frontdesk::v1::InteractionType>(v)); }},
      {"impact", frontdesk::v1::Impact_descriptor(), "IMPACT_",
       [](Interaction& i, int v) { i.set_impact(static_cast<frontdesk::v1::Impact>(v)); }},
      {"urgency", frontdesk::v1::Urgency_descriptor(), "URGENCY_",
       [](Interaction& i, int v) { i.set_urgency(static_cast<frontdesk::v1::Urgency>(v)); }}};
  return *flags;
}

// Text flags and the setter of the field each fills.
const std::vector<std::pair<const char*, void (*)(Interaction&, const std::string&)>>& TextFlags() {
  static const auto* flags =
      new std::vector<std::pair<const char*, void (*)(Interaction&, const std::string&)>>{
          {"subject", [](Interaction& i, const std::string& v) { i.set_subject(v); }},
          {"description", [](Interaction& i, const std::string& v) { i.set_description(v); }},
          {"service", [](Interaction& i, const std::string& v) { i.set_service(v); }},
          {"category", [](Interaction& i, const std::string& v) { i.set_category(v); }},
          {"department", [](Interaction& i, const std::string& v) { i.set_department(v); }},
          {"channel-key", [](Interaction& i, const std::string& v) { i.set_channel_key(v); }},
          {"contact", [](Interaction& i,
                         const std::string& v) { i.set_contact(ResourceName("contacts", v)); }},
          {"queue",
           [](Interaction& i, const std::string& v) { i.set_queue(ResourceName("queues", v)); }},
          {"agent",
           [](Interaction& i, const std::string& v) { i.set_agent(ResourceName("agents", v)); }}};
  return *flags;
}

// Fills the interaction from the flags; returns an error text for a bad enum value.
std::optional<std::string> BuildInteraction(const ParsedArgs& args, Interaction& interaction) {
  if (!args.Has("channel")) return "--channel is required";
  for (const EnumFlag& flag : EnumFlags()) {
    if (!args.Has(flag.flag)) continue;
    const auto value = ParseEnumValue(*flag.descriptor, flag.prefix, args.Get(flag.flag));
    if (!value) return absl::StrCat("unknown --", flag.flag, " '", args.Get(flag.flag), "'");
    flag.set(interaction, *value);
  }
  for (const auto& [flag, set] : TextFlags()) {
    if (args.Has(flag)) set(interaction, args.Get(flag));
  }
  if (args.Has("outbound")) interaction.set_direction(frontdesk::v1::DIRECTION_OUTBOUND);
  return std::nullopt;
}

int RunCreate(const ParsedArgs& args, CommandContext& context) {
  frontdesk::v1::CreateInteractionRequest request;
  if (auto problem = BuildInteraction(args, *request.mutable_interaction())) {
    context.err << "frontdesk create: " << *problem << "\n";
    return kExitUsage;
  }
  request.set_request_id(NewRequestId());

  auto stub = frontdesk::v1::InteractionService::NewStub(context.channel);
  grpc::ClientContext call;
  PrepareCall(call, context, std::chrono::seconds(20));
  frontdesk::v1::CreateInteractionResponse response;
  const grpc::Status status = stub->CreateInteraction(&call, request, &response);
  if (!status.ok()) return ReportRpcError(status, "create", context.err);

  if (response.duplicate())
    context.err
        << "frontdesk create: the channel key was known; returning the existing interaction\n";
  context.out << ToJson(response.interaction());
  return kExitOk;
}

}  // namespace

Command CreateCommand() {
  return {
      "create",
      "",
      "Log a new interaction and print it as JSON.",
      "Enum values may be written short and in any case: --channel web-portal, --type incident.\n"
      "Channels: phone, email, chat, web-portal, walk-in, self-service, messaging, other.\n"
      "Types: information-request, incident, service-request, change-request, complaint, other.",
      {{"channel", "CHANNEL", "required: how the user reached the desk"},
       {"subject", "TEXT", "one-line summary"},
       {"description", "TEXT", "the user's description"},
       {"type", "TYPE", "classification (default unclassified)"},
       {"service", "NAME", "the IT service concerned"},
       {"category", "NAME", "a finer category within the service"},
       {"department", "NAME", "the user's department"},
       {"contact", "CONTACT", "the end user, contacts/{id} or {id}"},
       {"queue", "QUEUE", "queue it waits in, queues/{id} or {id}"},
       {"agent", "AGENT", "agent handling it, agents/{id} or {id}"},
       {"impact", "LEVEL", "high, medium or low"},
       {"urgency", "LEVEL", "high, medium or low"},
       {"channel-key", "KEY",
        "the channel's own id (call id, Message-ID); makes creates idempotent"},
       {"outbound", "", "the desk contacted the user (a call-back)"}},
      0,
      0,
      RunCreate};
}

}  // namespace frontdesk::cli
