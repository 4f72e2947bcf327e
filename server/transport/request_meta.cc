#include "transport/request_meta.h"

#include "domain/text.h"
#include "domain/validation.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace frontdesk::transport {
namespace {

constexpr size_t kMaxRequestIdLength = 128;
constexpr size_t kMaxActorLength = 128;
}  // namespace

uint64_t RequestFingerprint(const google::protobuf::MessageLite& request) {
  std::string bytes;
  {
    // The streams flush into `bytes` when they go out of scope.
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    // Map fields have no defined order otherwise.
    coded.SetSerializationDeterministic(true);
    request.SerializePartialToCodedStream(&coded);
  }
  return domain::Fnv1a64(bytes);
}

std::string ActorOf(const grpc::ServerContext& context) {
  const auto& metadata = context.client_metadata();
  const auto found =
      metadata.find(grpc::string_ref(kActorMetadataKey.data(), kActorMetadataKey.size()));
  if (found == metadata.end() || found->second.empty()) return std::string(kAnonymousActor);
  return std::string(found->second.data(), found->second.size());
}

absl::Status CheckRequestId(std::string_view request_id) {
  domain::Violations violations;
  violations.CheckRequiredText("request_id", request_id, kMaxRequestIdLength);
  return violations.ToStatus();
}

absl::StatusOr<domain::RequestMeta> MutationMeta(const grpc::ServerContext& context,
                                                 const google::protobuf::MessageLite& request,
                                                 std::string_view request_id,
                                                 std::string_view etag) {
  if (absl::Status status = CheckRequestId(request_id); !status.ok()) return status;
  domain::RequestMeta meta;
  meta.request_id = std::string(request_id);
  meta.fingerprint = RequestFingerprint(request);
  meta.actor = ActorOf(context);
  domain::Violations violations;
  violations.CheckText(kActorMetadataKey, meta.actor, kMaxActorLength);
  if (!violations.empty()) return violations.ToStatus();
  meta.etag = std::string(etag);
  return meta;
}

}  // namespace frontdesk::transport
