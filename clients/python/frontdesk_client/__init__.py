"""Python client for the Frontdesk gRPC API.

The generated messages and stubs live in ``_generated/`` exactly as protoc wrote them. They import
each other with protoc's layout (``frontdesk.v1.common_pb2``, ``google.rpc.status_pb2``), so that
directory is appended to ``sys.path`` here. ``google`` is a namespace package in Debian's
python3-protobuf, so ``google.rpc`` joins it; if googleapis-common-protos is installed earlier on
the path, its wire-compatible ``google.rpc`` modules are used instead.

Typical use::

    from frontdesk_client import FrontdeskClient, common_pb2, interaction_pb2, interaction_service_pb2
"""

import os
import sys

_GENERATED_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_generated")
if _GENERATED_DIR not in sys.path:
    sys.path.append(_GENERATED_DIR)

# pylint: disable=wrong-import-position
from frontdesk.v1 import common_pb2  # noqa: E402
from frontdesk.v1 import interaction_pb2  # noqa: E402
from frontdesk.v1 import interaction_service_pb2  # noqa: E402
from frontdesk.v1 import interaction_service_pb2_grpc  # noqa: E402
from frontdesk.v1 import metrics_pb2  # noqa: E402
from frontdesk.v1 import metrics_service_pb2  # noqa: E402
from frontdesk.v1 import metrics_service_pb2_grpc  # noqa: E402
from frontdesk.v1 import routing_pb2  # noqa: E402
from frontdesk.v1 import routing_service_pb2  # noqa: E402
from frontdesk.v1 import routing_service_pb2_grpc  # noqa: E402
from frontdesk.v1 import sla_pb2  # noqa: E402

from frontdesk_client.client import ACTOR_METADATA_KEY  # noqa: E402
from frontdesk_client.client import ErrorDetails  # noqa: E402
from frontdesk_client.client import FieldViolation  # noqa: E402
from frontdesk_client.client import FrontdeskClient  # noqa: E402
from frontdesk_client.client import error_details  # noqa: E402

__all__ = [
    "ACTOR_METADATA_KEY",
    "ErrorDetails",
    "FieldViolation",
    "FrontdeskClient",
    "error_details",
    "common_pb2",
    "interaction_pb2",
    "interaction_service_pb2",
    "interaction_service_pb2_grpc",
    "metrics_pb2",
    "metrics_service_pb2",
    "metrics_service_pb2_grpc",
    "routing_pb2",
    "routing_service_pb2",
    "routing_service_pb2_grpc",
    "sla_pb2",
]
