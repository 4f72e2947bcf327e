"""Hand-written conveniences over the generated Frontdesk stubs.

FrontdeskClient opens one channel and exposes the three service stubs. Every call made through
them:

- carries the ``x-frontdesk-actor`` metadata when the client has an actor (a per-call value wins);
- on unary calls whose request has a ``request_id`` field left empty, gets a fresh uuid4 one. The
  id is set before the call reaches the channel, so every retry of that call sends the same id;
- on unary calls, gets a deadline of ``timeout`` seconds unless the caller passes one (streaming
  calls such as WatchInteractions run until cancelled);
- is retried by gRPC on UNAVAILABLE only (the server's "database unreachable" and connection
  failures), with exponential backoff, at most ``max_attempts`` attempts within the deadline.
  Retrying a mutating call is safe because its request_id makes the server replay the first
  result. ABORTED (a stale etag) is not retried: the caller must re-read first.

error_details() decodes the google.rpc.Status that the server puts in the
``grpc-status-details-bin`` trailer.
"""

import collections
import dataclasses
import json
import uuid
from typing import Dict, List, Optional, Sequence, Tuple

import grpc

from frontdesk.v1 import interaction_service_pb2_grpc
from frontdesk.v1 import metrics_service_pb2_grpc
from frontdesk.v1 import routing_service_pb2_grpc
from google.rpc import error_details_pb2
from google.rpc import status_pb2

ACTOR_METADATA_KEY = "x-frontdesk-actor"
STATUS_DETAILS_KEY = "grpc-status-details-bin"

_SERVICES = (
    "frontdesk.v1.InteractionService",
    "frontdesk.v1.RoutingService",
    "frontdesk.v1.MetricsService",
)


def _retry_service_config(max_attempts: int) -> str:
    """A gRPC service config retrying UNAVAILABLE on every Frontdesk method."""
    policy = {
        # gRPC caps this at 5.
        "maxAttempts": max_attempts,
        "initialBackoff": "0.1s",
        "maxBackoff": "2s",
        "backoffMultiplier": 2,
        "retryableStatusCodes": ["UNAVAILABLE"],
    }
    return json.dumps(
        {
            "methodConfig": [
                {"name": [{"service": service} for service in _SERVICES], "retryPolicy": policy}
            ]
        }
    )


class _CallDetails(
    collections.namedtuple(
        "_CallDetails",
        ("method", "timeout", "metadata", "credentials", "wait_for_ready", "compression"),
    ),
    grpc.ClientCallDetails,
):
    """Mutable-by-copy ClientCallDetails for the interceptor."""


def _with_actor(metadata: Optional[Sequence[Tuple[str, str]]], actor: Optional[str]):
    """Metadata with the actor appended unless the caller already set one."""
    items = list(metadata or ())
    if actor and not any(key == ACTOR_METADATA_KEY for key, _ in items):
        items.append((ACTOR_METADATA_KEY, actor))
    return items


def _with_request_id(request):
    """A copy of request with a fresh uuid4 request_id if it has that field and it is empty."""
    field = request.DESCRIPTOR.fields_by_name.get("request_id")
    if field is None or field.type != field.TYPE_STRING or request.request_id:
        return request
    filled = type(request)()
    filled.CopyFrom(request)
    filled.request_id = str(uuid.uuid4())
    return filled


class _FrontdeskInterceptor(
    grpc.UnaryUnaryClientInterceptor, grpc.UnaryStreamClientInterceptor
):
    """Adds the actor, a default deadline and a request_id; see the module docstring."""

    def __init__(self, actor: Optional[str], timeout: Optional[float]):
        self._actor = actor
        self._timeout = timeout

    def _details(self, details, timeout):
        return _CallDetails(
            details.method,
            timeout,
            _with_actor(details.metadata, self._actor),
            details.credentials,
            details.wait_for_ready,
            getattr(details, "compression", None),
        )

    def intercept_unary_unary(self, continuation, client_call_details, request):
        timeout = client_call_details.timeout
        if timeout is None:
            timeout = self._timeout
        return continuation(self._details(client_call_details, timeout), _with_request_id(request))

    def intercept_unary_stream(self, continuation, client_call_details, request):
        return continuation(
            self._details(client_call_details, client_call_details.timeout), request
        )


class FrontdeskClient:
    """One channel to a Frontdesk server and its three service stubs.

    Attributes:
      interactions: frontdesk.v1.InteractionService stub.
      routing: frontdesk.v1.RoutingService stub.
      metrics: frontdesk.v1.MetricsService stub.

    Use as a context manager, or call close().
    """

    def __init__(
        self,
        target: str,
        actor: Optional[str] = None,
        timeout: Optional[float] = 10.0,
        *,
        credentials: Optional[grpc.ChannelCredentials] = None,
        max_attempts: int = 4,
        options: Sequence[Tuple[str, object]] = (),
    ):
        """Opens a channel to target ("host:port").

        Args:
          target: the server address, e.g. "127.0.0.1:50051".
          actor: sent as x-frontdesk-actor on every call; the audit history records it.
          timeout: default deadline in seconds for unary calls, covering all retries; None for
            no default deadline.
          credentials: TLS channel credentials; plaintext when None.
          max_attempts: attempts per call on UNAVAILABLE, 1 to 5 (1 disables retries).
          options: extra gRPC channel options.
        """
        if not 1 <= max_attempts <= 5:
            raise ValueError("max_attempts must be between 1 and 5")
        channel_options = [("grpc.enable_retries", 1 if max_attempts > 1 else 0)]
        if max_attempts > 1:
            channel_options.append(("grpc.service_config", _retry_service_config(max_attempts)))
        channel_options.extend(options)
        if credentials is None:
            self._raw_channel = grpc.insecure_channel(target, options=channel_options)
        else:
            self._raw_channel = grpc.secure_channel(target, credentials, options=channel_options)
        self.actor = actor
        self.channel = grpc.intercept_channel(
            self._raw_channel, _FrontdeskInterceptor(actor, timeout)
        )
        self.interactions = interaction_service_pb2_grpc.InteractionServiceStub(self.channel)
        self.routing = routing_service_pb2_grpc.RoutingServiceStub(self.channel)
        self.metrics = metrics_service_pb2_grpc.MetricsServiceStub(self.channel)

    def close(self) -> None:
        """Closes the channel; calls in flight are cancelled."""
        self._raw_channel.close()

    def __enter__(self) -> "FrontdeskClient":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


@dataclasses.dataclass(frozen=True)
class FieldViolation:
    """One google.rpc.BadRequest field violation."""

    field: str
    description: str


@dataclasses.dataclass(frozen=True)
class ErrorDetails:
    """The decoded rich error of a failed call.

    Attributes:
      code: the gRPC status code.
      message: the status message.
      field_violations: BadRequest violations, in the server's order (INVALID_ARGUMENT).
      reason: ErrorInfo.reason, e.g. "ETAG_MISMATCH" or "INVALID_STATE_TRANSITION"; "" if none.
      domain: ErrorInfo.domain, "frontdesk.v1" for this server; "" if none.
      metadata: ErrorInfo.metadata, e.g. {"current_state": "RESOLVED"}.
      precondition_violations: PreconditionFailure violations as (type, subject, description).
    """

    code: grpc.StatusCode
    message: str
    field_violations: List[FieldViolation] = dataclasses.field(default_factory=list)
    reason: str = ""
    domain: str = ""
    metadata: Dict[str, str] = dataclasses.field(default_factory=dict)
    precondition_violations: List[Tuple[str, str, str]] = dataclasses.field(default_factory=list)

    @property
    def violated_fields(self) -> List[str]:
        """The field paths named by the BadRequest violations."""
        return [violation.field for violation in self.field_violations]


def _decode_status(rpc_error: grpc.RpcError) -> Optional[status_pb2.Status]:
    """The google.rpc.Status from the error's trailer, or None if absent or inconsistent."""
    trailers = rpc_error.trailing_metadata() if hasattr(rpc_error, "trailing_metadata") else None
    for key, value in trailers or ():
        if key != STATUS_DETAILS_KEY:
            continue
        status = status_pb2.Status.FromString(value)
        # The gRPC rule: details whose code disagrees with the call's status are ignored.
        if status.code != rpc_error.code().value[0]:
            return None
        return status
    return None


def error_details(rpc_error: grpc.RpcError) -> ErrorDetails:
    """Decodes the BadRequest, ErrorInfo and PreconditionFailure details of a failed call.

    Works on the grpc.RpcError raised by a stub call (which is also a grpc.Call). Details the
    server did not send are left empty; unknown detail types are skipped.
    """
    code = rpc_error.code() if hasattr(rpc_error, "code") else grpc.StatusCode.UNKNOWN
    message = rpc_error.details() if hasattr(rpc_error, "details") else str(rpc_error)
    fields = {"field_violations": [], "metadata": {}, "precondition_violations": []}
    status = _decode_status(rpc_error)
    for detail in status.details if status is not None else ():
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad_request = error_details_pb2.BadRequest()
            detail.Unpack(bad_request)
            fields["field_violations"].extend(
                FieldViolation(v.field, v.description) for v in bad_request.field_violations
            )
        elif detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            detail.Unpack(info)
            fields["reason"] = info.reason
            fields["domain"] = info.domain
            fields["metadata"].update(info.metadata)
        elif detail.Is(error_details_pb2.PreconditionFailure.DESCRIPTOR):
            failure = error_details_pb2.PreconditionFailure()
            detail.Unpack(failure)
            fields["precondition_violations"].extend(
                (v.type, v.subject, v.description) for v in failure.violations
            )
    return ErrorDetails(code=code, message=message or "", **fields)
