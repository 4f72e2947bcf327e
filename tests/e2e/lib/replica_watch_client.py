#!/usr/bin/python3
"""Watches interactions on replica B while changing them through replica A.

Checks that B's WatchInteractions stream delivers exactly the changes made through A, in order,
with strictly increasing cursors, and that resuming from the last cursor after a disconnect
gives exactly the changes missed: no gap, no duplicate. Prints one PASS or FAIL line per check;
exits 1 if any failed. Every call and wait is bounded.
"""

import argparse
import os
import queue
import sys
import threading
import time

import grpc

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import frontdesk_e2e as e2e  # noqa: E402  pylint: disable=wrong-import-position

RPC_TIMEOUT_S = 10
STREAM_TIMEOUT_S = 90


class Watch:
    """One WatchInteractions stream read on a background thread."""

    def __init__(self, api, stub, start_cursor):
        request = api.service.WatchInteractionsRequest(start_cursor=start_cursor)
        self.call = stub.WatchInteractions(request, timeout=STREAM_TIMEOUT_S,
                                           metadata=e2e.ACTOR_METADATA)
        self.messages = queue.Queue()
        self.ready = threading.Event()
        self.error = None
        self.cancelled = False
        self.last_cursor = start_cursor
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        try:
            # The server sends initial metadata once the watch is registered: changes committed
            # from then on are delivered.
            self.call.initial_metadata()
            self.ready.set()
            for message in self.call:
                self.messages.put(message)
        except grpc.RpcError as error:
            if not (self.cancelled and error.code() == grpc.StatusCode.CANCELLED):
                self.error = f"{error.code().name}: {error.details()}"
        finally:
            self.ready.set()
            self.messages.put(None)

    def collect(self, count, timeout_s):
        """Returns up to `count` change messages received within timeout_s; skips heartbeats."""
        changes = []
        deadline = time.monotonic() + timeout_s
        while len(changes) < count:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            try:
                message = self.messages.get(timeout=remaining)
            except queue.Empty:
                break
            if message is None:
                break
            self.last_cursor = message.cursor
            if message.HasField("change"):
                changes.append(message)
        return changes

    def cancel(self):
        """Cancels the stream; true when the reader thread ended within 5 s."""
        self.cancelled = True
        self.call.cancel()
        self.thread.join(timeout=5)
        return not self.thread.is_alive()


def create(api, stub, label):
    """Creates an interaction through `stub`; returns its name."""
    request = api.service.CreateInteractionRequest(
        interaction=api.interaction.Interaction(channel=api.common.CHANNEL_CHAT, subject=label),
        request_id=e2e.request_id())
    response = stub.CreateInteraction(request, timeout=RPC_TIMEOUT_S, metadata=e2e.ACTOR_METADATA)
    return response.interaction.name


def update_subject(api, stub, name, subject):
    """Changes an interaction's subject through `stub`."""
    request = api.service.UpdateInteractionRequest(
        interaction=api.interaction.Interaction(name=name, subject=subject),
        request_id=e2e.request_id())
    request.update_mask.paths.append("subject")
    stub.UpdateInteraction(request, timeout=RPC_TIMEOUT_S, metadata=e2e.ACTOR_METADATA)


def check_changes(checks, label, changes, expected, after_cursor):
    """Compares received change messages with the expected (name, type, action) triples."""
    got = [(m.change.interaction.name, m.change.change_type, m.change.action) for m in changes]
    checks.check(len(changes) == len(expected),
                 f"{label}: received {len(changes)} changes, expected {len(expected)}")
    mismatch = next((i for i, (g, e) in enumerate(zip(got, expected)) if g != e), None)
    detail = "" if mismatch is None else (
        f"; first difference at #{mismatch}: got {got[mismatch]}, expected {expected[mismatch]}")
    checks.check(mismatch is None and len(got) == len(expected),
                 f"{label}: the changes are exactly those made through A, in order{detail}")
    cursors = [e2e.cursor_value(m.cursor) for m in changes]
    start = e2e.cursor_value(after_cursor) if after_cursor else None
    checks.check(e2e.strictly_increasing(cursors) and
                 (start is None or (cursors and cursors[0] > start)),
                 f"{label}: cursors strictly increase"
                 f"{'' if start is None else f' from after {start}'}"
                 f" ({cursors[:1]}..{cursors[-1:]})")


def run(args, checks):
    """The scenario; returns early after a failure that makes later checks meaningless."""
    api = e2e.load_stubs(args.stubs)
    channel_a = grpc.insecure_channel(args.a)
    channel_b = grpc.insecure_channel(args.b)
    for name, channel in (("A", channel_a), ("B", channel_b)):
        grpc.channel_ready_future(channel).result(timeout=RPC_TIMEOUT_S)
        checks.check(True, f"connected to replica {name}")
    stub_a = api.grpc.InteractionServiceStub(channel_a)
    stub_b = api.grpc.InteractionServiceStub(channel_b)
    created = api.interaction.CHANGE_TYPE_CREATED
    updated = api.interaction.CHANGE_TYPE_UPDATED

    # Phase 1: a live watch on B sees every create made through A.
    watch = Watch(api, stub_b, "")
    if not checks.check(watch.ready.wait(RPC_TIMEOUT_S) and watch.error is None,
                        f"WatchInteractions on B started ({watch.error or 'ok'})"):
        return
    names = [create(api, stub_a, f"replica e2e {i}") for i in range(args.creates)]
    checks.check(len(names) == args.creates and all(names),
                 f"created {len(names)} interactions through A")
    changes = watch.collect(args.creates, 30)
    expected = [(n, created, "CreateInteraction") for n in names]
    check_changes(checks, "live watch on B", changes, expected, None)
    extra = watch.collect(1, 1.5)
    checks.check(not extra, f"live watch on B: no change beyond those ({len(extra)} extra)")
    checks.check(watch.error is None, f"live watch on B: no stream error ({watch.error})")
    last_cursor = watch.last_cursor
    first_cursors = {m.cursor for m in changes}
    checks.check(watch.cancel(), f"live watch on B cancelled at cursor {last_cursor}")

    # Phase 2: changes made through A while nobody watches, then a resume on B.
    missed = []
    for i in range(args.changes):
        if i % 2 == 0:
            update_subject(api, stub_a, names[i], f"replica e2e {i} updated")
            missed.append((names[i], updated, "UpdateInteraction"))
        else:
            name = create(api, stub_a, f"replica e2e missed {i}")
            missed.append((name, created, "CreateInteraction"))
    checks.check(len(missed) == args.changes, f"made {len(missed)} more changes through A")
    resumed = Watch(api, stub_b, last_cursor)
    if not checks.check(resumed.ready.wait(RPC_TIMEOUT_S) and resumed.error is None,
                        f"WatchInteractions on B resumed from {last_cursor} ({resumed.error or 'ok'})"):
        return
    changes = resumed.collect(args.changes, 30)
    check_changes(checks, "resumed watch on B", changes, missed, last_cursor)
    extra = resumed.collect(1, 2)
    checks.check(not extra, f"resumed watch on B: no change beyond the missed ones ({len(extra)} extra)")
    duplicates = first_cursors & {m.cursor for m in changes}
    checks.check(not duplicates, f"no cursor delivered twice ({sorted(duplicates)[:5]})")
    checks.check(resumed.error is None, f"resumed watch on B: no stream error ({resumed.error})")
    checks.check(resumed.cancel(), "resumed watch on B cancelled")
    channel_a.close()
    channel_b.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--a", required=True, help="replica A, host:port")
    parser.add_argument("--b", required=True, help="replica B, host:port")
    parser.add_argument("--stubs", required=True, help="directory of generated Python stubs")
    parser.add_argument("--creates", type=int, default=50)
    parser.add_argument("--changes", type=int, default=20)
    args = parser.parse_args()
    checks = e2e.Checks()
    try:
        run(args, checks)
    except grpc.RpcError as error:
        checks.check(False, f"RPC failed: {error.code().name}: {error.details()}")
    except grpc.FutureTimeoutError:
        checks.check(False, "could not connect within the timeout")
    return checks.exit_code()


if __name__ == "__main__":
    sys.exit(main())
