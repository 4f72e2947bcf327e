"""Shared Python helpers for the end-to-end tests: stubs generated at test time, PASS/FAIL lines.

Run with Debian's /usr/bin/python3 (python3-grpcio, python3-protobuf). Call load_stubs(DIR)
first with the directory that lib/common.sh's python_stubs filled.
"""

import sys
import uuid

ACTOR_METADATA = (("x-frontdesk-actor", "e2e-test"),)


class Checks:
    """Counts checks and prints one PASS or FAIL line for each."""

    def __init__(self):
        self.failures = 0
        self.total = 0

    def check(self, ok, description):
        self.total += 1
        if not ok:
            self.failures += 1
        print(("PASS: " if ok else "FAIL: ") + description, flush=True)
        return ok

    def exit_code(self):
        return 1 if self.failures else 0


def load_stubs(stub_dir):
    """Imports the generated modules from stub_dir; returns (messages, services)."""
    sys.path.insert(0, stub_dir)
    from frontdesk.v1 import interaction_pb2  # pylint: disable=import-outside-toplevel
    from frontdesk.v1 import interaction_service_pb2  # pylint: disable=import-outside-toplevel
    from frontdesk.v1 import interaction_service_pb2_grpc  # pylint: disable=import-outside-toplevel
    from frontdesk.v1 import common_pb2  # pylint: disable=import-outside-toplevel

    class Api:
        """The generated modules under short names."""

        common = common_pb2
        interaction = interaction_pb2
        service = interaction_service_pb2
        grpc = interaction_service_pb2_grpc

    return Api


def request_id():
    """A fresh request id for a mutating call."""
    return str(uuid.uuid4())


def cursor_value(cursor):
    """A watch cursor as an integer for ordering checks, or None when it is not one."""
    try:
        return int(cursor)
    except ValueError:
        return None


def strictly_increasing(values):
    """True when every value is an int greater than the one before."""
    if any(v is None for v in values):
        return False
    return all(a < b for a, b in zip(values, values[1:]))
