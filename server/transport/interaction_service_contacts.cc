// The contact RPCs of InteractionServiceImpl.
#include "transport/interaction_convert.h"
#include "transport/interaction_service.h"
#include "transport/request_meta.h"
#include "transport/resource_names.h"
#include "transport/rpc_handler.h"

namespace frontdesk::transport {
namespace {

namespace v1 = ::frontdesk::v1;

}  // namespace

grpc::Status InteractionServiceImpl::UpsertContact(grpc::ServerContext* context,
                                                   const v1::UpsertContactRequest* request,
                                                   v1::UpsertContactResponse* response) {
  return HandleRpc("UpsertContact", *request, [&]() -> absl::Status {
    auto meta = MutationMeta(*context, *request, request->request_id());
    if (!meta.ok()) return meta.status();

    const domain::Contact contact = ContactFromProto(request->contact());

    auto outcome = manager_.UpsertContact(contact, *meta);
    if (!outcome.ok()) return outcome.status();

    *response->mutable_contact() = ToProto(outcome->contact);
    response->set_created(outcome->created);
    return absl::OkStatus();
  });
}

grpc::Status InteractionServiceImpl::GetContact(grpc::ServerContext* /*context*/,
                                                const v1::GetContactRequest* request,
                                                v1::Contact* response) {
  return HandleRpc("GetContact", *request, [&]() -> absl::Status {
    auto id = ParseName(request->name(), kContacts, "name");
    if (!id.ok()) return id.status();

    auto contact = manager_.GetContact(*id);
    if (!contact.ok()) return contact.status();

    *response = ToProto(*contact);
    return absl::OkStatus();
  });
}

grpc::Status InteractionServiceImpl::ListContacts(grpc::ServerContext* /*context*/,
                                                  const v1::ListContactsRequest* request,
                                                  v1::ListContactsResponse* response) {
  return HandleRpc("ListContacts", *request, [&]() -> absl::Status {
    auto listing = manager_.ListContacts(request->page_size(), request->page_token());
    if (!listing.ok()) return listing.status();

    for (const domain::Contact& contact : listing->items) {
      *response->add_contacts() = ToProto(contact);
    }
    response->set_next_page_token(listing->next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status InteractionServiceImpl::SearchContacts(grpc::ServerContext* /*context*/,
                                                    const v1::SearchContactsRequest* request,
                                                    v1::SearchContactsResponse* response) {
  return HandleRpc("SearchContacts", *request, [&]() -> absl::Status {
    auto contacts = manager_.SearchContacts(request->query(), request->page_size());
    if (!contacts.ok()) return contacts.status();

    for (const domain::Contact& contact : *contacts) *response->add_contacts() = ToProto(contact);
    return absl::OkStatus();
  });
}

grpc::Status InteractionServiceImpl::ListContactInteractions(
    grpc::ServerContext* /*context*/, const v1::ListContactInteractionsRequest* request,
    v1::ListContactInteractionsResponse* response) {
  return HandleRpc("ListContactInteractions", *request, [&]() -> absl::Status {
    auto id = ParseName(request->parent(), kContacts, "parent");
    if (!id.ok()) return id.status();

    auto listing = manager_.ListForContact(*id, request->page_size(), request->page_token());
    if (!listing.ok()) return listing.status();

    for (const domain::Interaction& interaction : listing->items) {
      *response->add_interactions() = ToProto(interaction);
    }
    response->set_next_page_token(listing->next_page_token);
    return absl::OkStatus();
  });
}

}  // namespace frontdesk::transport
