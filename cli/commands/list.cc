// frontdesk list and frontdesk history: interactions as a table, page by page.
#include <algorithm>
#include <functional>
#include <ostream>

#include "app/rpc.h"
#include "commands/commands.h"
#include "frontdesk/v1/interaction_service.grpc.pb.h"
#include "output/interaction_table.h"

namespace frontdesk::cli {
namespace {

using frontdesk::v1::Interaction;
using Page = google::protobuf::RepeatedPtrField<Interaction>;

constexpr int64_t kMaxPageSize = 1000;

// Calls `fetch(page_size, token, page, next_token)` until `limit` interactions are read or the
// last page; returns the first failed status.
template <typename Fetch>
grpc::Status ReadPages(int64_t limit, Page& all, Fetch fetch) {
  std::string token;
  do {
    Page page;
    const int page_size = static_cast<int>(std::min(limit - all.size(), kMaxPageSize));
    const grpc::Status status = fetch(page_size, token, page, token);
    if (!status.ok()) return status;
    for (auto& interaction : page) {
      if (all.size() < limit) *all.Add() = std::move(interaction);
    }
  } while (!token.empty() && all.size() < limit);
  return grpc::Status::OK;
}

const FlagSpec kLimitFlag{"limit", "N", "show at most N interactions (default 50)"};

// The part of list and history that differs: one page request.
using FetchPage = std::function<grpc::Status(frontdesk::v1::InteractionService::Stub&, int size,
                                             const std::string& token, grpc::ClientContext& call,
                                             Page& page, std::string& next)>;

// Reads up to --limit interactions page by page and prints them as a table.
int RunListing(const ParsedArgs& args, CommandContext& context, const char* command,
               const FetchPage& fetch) {
  const auto limit = IntFlag(args, "limit", 50, 1, 1000000);
  if (!limit.ok()) {
    context.err << "frontdesk " << command << ": " << limit.status().message() << "\n";
    return kExitUsage;
  }
  auto stub = frontdesk::v1::InteractionService::NewStub(context.channel);
  Page all;
  const grpc::Status status = ReadPages(
      *limit, all, [&](int size, const std::string& token, Page& page, std::string& next) {
        grpc::ClientContext call;
        PrepareCall(call, context, std::chrono::seconds(30));
        return fetch(*stub, size, token, call, page, next);
      });
  if (!status.ok()) return ReportRpcError(status, command, context.err);
  PrintInteractionTable(all, context.out);
  return kExitOk;
}

int RunList(const ParsedArgs& args, CommandContext& context) {
  return RunListing(
      args, context, "list",
      [&](frontdesk::v1::InteractionService::Stub& stub, int size, const std::string& token,
          grpc::ClientContext& call, Page& page, std::string& next) {
        frontdesk::v1::ListInteractionsRequest request;
        request.set_page_size(size);
        request.set_page_token(token);
        request.set_filter(args.Get("filter"));
        request.set_order_by(args.Get("order-by"));
        frontdesk::v1::ListInteractionsResponse response;
        const grpc::Status status = stub.ListInteractions(&call, request, &response);
        page.Swap(response.mutable_interactions());
        next = response.next_page_token();
        return status;
      });
}

int RunHistory(const ParsedArgs& args, CommandContext& context) {
  return RunListing(
      args, context, "history",
      [&](frontdesk::v1::InteractionService::Stub& stub, int size, const std::string& token,
          grpc::ClientContext& call, Page& page, std::string& next) {
        frontdesk::v1::ListContactInteractionsRequest request;
        request.set_parent(ResourceName("contacts", args.positional[0]));
        request.set_page_size(size);
        request.set_page_token(token);
        frontdesk::v1::ListContactInteractionsResponse response;
        const grpc::Status status = stub.ListContactInteractions(&call, request, &response);
        page.Swap(response.mutable_interactions());
        next = response.next_page_token();
        return status;
      });
}

}  // namespace

Command ListCommand() {
  return {"list",
          "",
          "List interactions, newest first, as a table.",
          "The filter is AIP-160 over state, channel, type, priority, service, queue, agent,\n"
          "contact, receive_time and more, e.g. 'state = QUEUED AND channel = PHONE'.",
          {{"filter", "F", "only interactions matching F"},
           {"order-by", "FIELD", "receive_time, update_time or create_time, with ' desc'"},
           kLimitFlag},
          0,
          0,
          RunList};
}

Command HistoryCommand() {
  return {"history",
          "CONTACT",
          "List a contact's interactions on every channel, newest first.",
          "CONTACT is contacts/{id} or just {id}.",
          {kLimitFlag},
          1,
          1,
          RunHistory};
}

}  // namespace frontdesk::cli
