"""Exercises frontdesk_client against a running frontdeskd; prints one PASS or FAIL line per check.

Usage: /usr/bin/python3 clients/python/tests/sdk_e2e.py HOST:PORT

Also checks, against a small in-process gRPC server, that the client retries UNAVAILABLE with the
same generated request_id and does not retry ABORTED. Exits 1 if any check failed.
"""

import os
import sys
import threading
import uuid
from concurrent import futures

_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(_HERE, ".."))
# PASS/FAIL reporting is shared with the repository's other end-to-end tests.
sys.path.insert(0, os.path.join(_HERE, "..", "..", "..", "tests", "e2e", "lib"))

import grpc  # noqa: E402

from frontdesk_client import FrontdeskClient  # noqa: E402
from frontdesk_client import common_pb2  # noqa: E402
from frontdesk_client import error_details  # noqa: E402
from frontdesk_e2e import Checks  # noqa: E402
from frontdesk_client import interaction_pb2  # noqa: E402
from frontdesk_client import interaction_service_pb2 as service_pb2  # noqa: E402
from frontdesk_client import routing_service_pb2  # noqa: E402

ACTOR = "sdk-e2e-python"


def expect_error(call):
    """Runs call, returns the grpc.RpcError it raised or None."""
    try:
        call()
    except grpc.RpcError as error:
        return error
    return None


def check_lifecycle(checks, client):
    """Contact, create (with a replayed request_id), reply, resolve, list, history."""
    api = client.interactions
    contact = api.UpsertContact(
        service_pb2.UpsertContactRequest(
            contact=interaction_pb2.Contact(
                external_reference=f"E2E-{uuid.uuid4().hex[:8]}",
                display_name="Ada Lovelace",
                email="ada@example.com",
                department="Finance",
            )
        )
    ).contact
    checks.check(
        contact.name.startswith("contacts/"),
        f"UpsertContact without a request_id succeeds (generated id), got {contact.name}",
    )

    request_id = str(uuid.uuid4())
    create = service_pb2.CreateInteractionRequest(
        interaction=interaction_pb2.Interaction(
            channel=common_pb2.CHANNEL_EMAIL,
            subject="VPN drops every hour",
            contact=contact.name,
        ),
        request_id=request_id,
    )
    first = api.CreateInteraction(create).interaction
    second = api.CreateInteraction(create).interaction
    checks.check(first.name.startswith("interactions/"), f"CreateInteraction returns {first.name}")
    checks.check(
        first.name == second.name and first.etag == second.etag,
        f"CreateInteraction twice with request_id {request_id} returns the same interaction "
        f"({first.name} / {second.name})",
    )
    generated = api.CreateInteraction(
        service_pb2.CreateInteractionRequest(
            interaction=interaction_pb2.Interaction(channel=common_pb2.CHANNEL_CHAT)
        )
    ).interaction
    checks.check(
        generated.name not in ("", first.name),
        f"CreateInteraction without a request_id gets a fresh one (new {generated.name})",
    )

    reply = api.LogCommunication(
        service_pb2.LogCommunicationRequest(
            name=first.name,
            communication=interaction_pb2.Communication(
                direction=interaction_pb2.COMMUNICATION_DIRECTION_OUTBOUND,
                author_kind=interaction_pb2.AUTHOR_KIND_AGENT,
                author="agents/e2e-agent",
                body="Please update the VPN client to 5.2.",
            ),
        )
    )
    checks.check(
        reply.interaction.state == interaction_pb2.INTERACTION_STATE_IN_PROGRESS
        and reply.interaction.HasField("first_response_time"),
        "LogCommunication (agent reply) puts it IN_PROGRESS and sets first_response_time "
        f"(state {interaction_pb2.InteractionState.Name(reply.interaction.state)})",
    )

    resolved = api.ResolveInteraction(
        service_pb2.ResolveInteractionRequest(
            name=first.name,
            resolution_code="SOFTWARE_UPDATED",
            resolution_note="Updated the VPN client.",
            first_contact_resolution=True,
            etag=reply.interaction.etag,
        )
    )
    checks.check(
        resolved.state == interaction_pb2.INTERACTION_STATE_RESOLVED
        and resolved.resolution_code == "SOFTWARE_UPDATED",
        f"ResolveInteraction resolves it (state {interaction_pb2.InteractionState.Name(resolved.state)})",
    )

    listed = api.ListInteractions(
        service_pb2.ListInteractionsRequest(
            filter=f'state = RESOLVED AND channel = EMAIL AND contact = "{contact.name}"',
            page_size=10,
        )
    )
    names = [interaction.name for interaction in listed.interactions]
    checks.check(
        names == [first.name], f"ListInteractions with a filter returns exactly it (got {names})"
    )

    history = api.ListInteractionHistory(
        service_pb2.ListInteractionHistoryRequest(parent=first.name)
    ).entries
    actions = [entry.action for entry in history]
    checks.check(
        actions == ["CreateInteraction", "LogCommunication", "ResolveInteraction"],
        f"ListInteractionHistory has create, reply, resolve once each (got {actions})",
    )
    actors = sorted({entry.actor for entry in history})
    checks.check(actors == [ACTOR], f"every history entry names actor {ACTOR} (got {actors})")


def check_errors(checks, client):
    """A bad request's BadRequest, a stale etag's ErrorInfo, UNIMPLEMENTED services."""
    api = client.interactions
    error = expect_error(
        lambda: api.CreateInteraction(
            service_pb2.CreateInteractionRequest(
                interaction=interaction_pb2.Interaction(subject="no channel")
            )
        )
    )
    checks.check(error is not None, "CreateInteraction without a channel raises grpc.RpcError")
    if error is not None:
        details = error_details(error)
        checks.check(
            details.code == grpc.StatusCode.INVALID_ARGUMENT,
            f"... with INVALID_ARGUMENT (got {details.code.name})",
        )
        checks.check(
            details.violated_fields == ["interaction.channel"],
            f"... whose decoded BadRequest names interaction.channel (got {details.violated_fields})",
        )

    created = api.CreateInteraction(
        service_pb2.CreateInteractionRequest(
            interaction=interaction_pb2.Interaction(channel=common_pb2.CHANNEL_PHONE)
        )
    ).interaction
    error = expect_error(
        lambda: api.HoldInteraction(
            service_pb2.HoldInteractionRequest(
                name=created.name, reason=interaction_pb2.HOLD_REASON_AWAITING_USER
            )
        )
    )
    details = error_details(error) if error is not None else None
    checks.check(
        details is not None
        and details.code == grpc.StatusCode.FAILED_PRECONDITION
        and details.reason == "INVALID_STATE_TRANSITION"
        and details.metadata.get("current_state") == "NEW",
        "HoldInteraction on a NEW interaction: FAILED_PRECONDITION, ErrorInfo "
        f"INVALID_STATE_TRANSITION, current_state NEW (got {details})",
    )

    error = expect_error(lambda: client.routing.ListQueues(routing_service_pb2.ListQueuesRequest()))
    checks.check(
        error is not None and error.code() == grpc.StatusCode.UNIMPLEMENTED,
        "RoutingService.ListQueues answers UNIMPLEMENTED through the client's routing stub",
    )


class _FlakyInteractionService:
    """Answers CreateInteraction with a scripted list of status codes, then OK."""

    def __init__(self, codes):
        self._codes = list(codes)
        self._lock = threading.Lock()
        self.request_ids = []
        self.actors = []

    def create(self, request, context):
        with self._lock:
            self.request_ids.append(request.request_id)
            self.actors.append(dict(context.invocation_metadata()).get("x-frontdesk-actor"))
            code = self._codes.pop(0) if self._codes else None
        if code is not None:
            context.abort(code, f"scripted {code.name}")
        return service_pb2.CreateInteractionResponse(
            interaction=interaction_pb2.Interaction(name="interactions/fake")
        )


def _fake_server(servicer):
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    handler = grpc.method_handlers_generic_handler(
        "frontdesk.v1.InteractionService",
        {
            "CreateInteraction": grpc.unary_unary_rpc_method_handler(
                servicer.create,
                request_deserializer=service_pb2.CreateInteractionRequest.FromString,
                response_serializer=service_pb2.CreateInteractionResponse.SerializeToString,
            )
        },
    )
    server.add_generic_rpc_handlers((handler,))
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    return server, port


def check_retries(checks):
    """UNAVAILABLE is retried with the same generated request_id; ABORTED is not."""
    request = service_pb2.CreateInteractionRequest(
        interaction=interaction_pb2.Interaction(channel=common_pb2.CHANNEL_CHAT)
    )
    flaky = _FlakyInteractionService([grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.UNAVAILABLE])
    server, port = _fake_server(flaky)
    try:
        with FrontdeskClient(f"127.0.0.1:{port}", actor=ACTOR, timeout=10) as client:
            response = client.interactions.CreateInteraction(request)
        ids = flaky.request_ids
        checks.check(
            response.interaction.name == "interactions/fake" and len(ids) == 3,
            f"two UNAVAILABLE answers are retried and the third attempt succeeds ({len(ids)} attempts)",
        )
        checks.check(
            len(set(ids)) == 1 and len(ids[0]) == 36 and uuid.UUID(ids[0]).version == 4,
            f"every attempt carries the same generated uuid4 request_id ({ids})",
        )
        checks.check(
            flaky.actors == [ACTOR] * len(ids), f"every attempt carries the actor ({flaky.actors})"
        )
    finally:
        server.stop(None)

    flaky = _FlakyInteractionService([grpc.StatusCode.ABORTED])
    server, port = _fake_server(flaky)
    try:
        with FrontdeskClient(f"127.0.0.1:{port}", timeout=10) as client:
            error = expect_error(lambda: client.interactions.CreateInteraction(request))
        checks.check(
            error is not None
            and error.code() == grpc.StatusCode.ABORTED
            and len(flaky.request_ids) == 1
            and flaky.actors == [None],
            f"ABORTED is not retried and no actor is sent without one ({len(flaky.request_ids)} "
            f"attempt(s), actors {flaky.actors})",
        )
    finally:
        server.stop(None)


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    checks = Checks()
    with FrontdeskClient(argv[1], actor=ACTOR, timeout=15) as client:
        check_lifecycle(checks, client)
        check_errors(checks, client)
    check_retries(checks)
    print(f"sdk_e2e.py: {checks.failures} of {checks.total} checks failed", flush=True)
    return 1 if checks.failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
