// Business calendar handlers of MetricsServiceImpl.
#include "transport/metrics_convert.h"
#include "transport/metrics_service.h"
#include "transport/resource_names.h"
#include "transport/rpc_handler.h"
#include "transport/status_mapping.h"

namespace frontdesk::transport {
namespace {

namespace v1 = ::frontdesk::v1;

const std::vector<std::string>& CalendarMaskFields() {
  static const std::vector<std::string> kFields = {"display_name", "time_zone", "weekly_hours",
                                                   "holidays"};
  return kFields;
}

}  // namespace

grpc::Status MetricsServiceImpl::GetBusinessCalendar(grpc::ServerContext* /*context*/,
                                                     const v1::GetBusinessCalendarRequest* request,
                                                     v1::BusinessCalendar* response) {
  return HandleRpc("GetBusinessCalendar", *request, [&]() -> absl::Status {
    auto id = ParseName(request->name(), kBusinessCalendars, "name");
    if (!id.ok()) return id.status();

    auto calendar = catalog_.GetCalendar(*id);
    if (!calendar.ok()) return calendar.status();

    *response = ToProto(*calendar);
    return absl::OkStatus();
  });
}

grpc::Status MetricsServiceImpl::ListBusinessCalendars(
    grpc::ServerContext* /*context*/, const v1::ListBusinessCalendarsRequest* request,
    v1::ListBusinessCalendarsResponse* response) {
  return HandleRpc("ListBusinessCalendars", *request, [&]() -> absl::Status {
    const domain::ListInput input{request->filter(), request->order_by(), request->page_size(),
                                  request->page_token()};

    auto listing = catalog_.ListCalendars(input);
    if (!listing.ok()) return listing.status();

    for (const auto& calendar : listing->items)
      *response->add_business_calendars() = ToProto(calendar);
    response->set_next_page_token(listing->next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status MetricsServiceImpl::CreateBusinessCalendar(
    grpc::ServerContext* context, const v1::CreateBusinessCalendarRequest* request,
    v1::BusinessCalendar* response) {
  return HandleRpc("CreateBusinessCalendar", *request, [&]() -> absl::Status {
    auto meta = CatalogMeta(*context, *request, request->request_id());
    auto draft = CalendarDraftFromProto(request->business_calendar());
    if (!meta.ok() || !draft.ok()) return CombineStatuses({meta.status(), draft.status()});

    auto calendar = catalog_.CreateCalendar(*draft, request->business_calendar_id(), *meta);
    if (!calendar.ok()) return calendar.status();

    *response = ToProto(*calendar);
    return absl::OkStatus();
  });
}

grpc::Status MetricsServiceImpl::UpdateBusinessCalendar(
    grpc::ServerContext* context, const v1::UpdateBusinessCalendarRequest* request,
    v1::BusinessCalendar* response) {
  return HandleRpc("UpdateBusinessCalendar", *request, [&]() -> absl::Status {
    const v1::BusinessCalendar& fields = request->business_calendar();
    auto id = ParseName(fields.name(), kBusinessCalendars, "business_calendar.name");
    auto meta = CatalogMeta(*context, *request, request->request_id(), fields.etag());
    auto mask = MaskFields(request->update_mask(), CalendarMaskFields());
    auto draft = CalendarDraftFromProto(fields);
    if (!id.ok() || !meta.ok() || !mask.ok() || !draft.ok()) {
      return CombineStatuses({id.status(), meta.status(), mask.status(), draft.status()});
    }

    auto calendar = catalog_.UpdateCalendar(*id, {*mask, *draft}, *meta);
    if (!calendar.ok()) return calendar.status();

    *response = ToProto(*calendar);
    return absl::OkStatus();
  });
}

grpc::Status MetricsServiceImpl::DeleteBusinessCalendar(
    grpc::ServerContext* context, const v1::DeleteBusinessCalendarRequest* request,
    google::protobuf::Empty* /*response*/) {
  return HandleRpc("DeleteBusinessCalendar", *request, [&]() -> absl::Status {
    auto id = ParseName(request->name(), kBusinessCalendars, "name");
    auto meta = CatalogMeta(*context, *request, request->request_id(), request->etag());
    if (!id.ok() || !meta.ok()) return CombineStatuses({id.status(), meta.status()});

    return catalog_.DeleteCalendar(*id, *meta);
  });
}

}  // namespace frontdesk::transport
