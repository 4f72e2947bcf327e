// frontdesk get: prints one interaction.
#include <ostream>

#include "app/rpc.h"
#include "commands/commands.h"
#include "frontdesk/v1/interaction_service.grpc.pb.h"
#include "output/text.h"

namespace frontdesk::cli {
namespace {

int RunGet(const ParsedArgs& args, CommandContext& context) {
  frontdesk::v1::GetInteractionRequest request;
  request.set_name(ResourceName("interactions", args.positional[0]));

  auto stub = frontdesk::v1::InteractionService::NewStub(context.channel);
  grpc::ClientContext call;
  PrepareCall(call, context, std::chrono::seconds(20));
  frontdesk::v1::Interaction interaction;
  const grpc::Status status = stub->GetInteraction(&call, request, &interaction);
  if (!status.ok()) return ReportRpcError(status, "get", context.err);

  context.out << ToJson(interaction);
  return kExitOk;
}

}  // namespace

Command GetCommand() {
  return {"get",
          "NAME",
          "Print one interaction as JSON.",
          "NAME is interactions/{id} or just {id}.",
          {},
          1,
          1,
          RunGet};
}

}  // namespace frontdesk::cli
