#!/usr/bin/env bash
# Runs the Python client SDK (clients/python) against a real frontdeskd on a fresh SQLite store:
# contact upsert, create with a replayed request_id, agent reply, resolve, filtered list, history,
# decoded error details, and UNAVAILABLE retries against an in-process fake server. Then checks
# that the committed generated Python code equals fresh protoc output.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
e2e_init clients_python

sdk="$FRONTDESK_REPO/clients/python"
ensure_apt python3-grpcio python3-protobuf protobuf-compiler protobuf-compiler-grpc ||
  die "apt-get install failed: $(tail -n 3 "$E2E_TMP/apt.log")"
"$PYTHON" -c 'import grpc, google.protobuf' ||
  die "$PYTHON cannot import grpc and google.protobuf"
pass "python3-grpcio, python3-protobuf, protoc and grpc_python_plugin are installed"

grpc_port="$(free_port)"
metrics_port="$(free_port)"
start_frontdeskd server "$grpc_port" "$metrics_port" \
  --database-url="sqlite://$E2E_TMP/frontdesk.db" --migrate ||
  die "frontdeskd did not start listening on $grpc_port and $metrics_port"
pass "frontdeskd listens on 127.0.0.1:$grpc_port"

# The program prints its own PASS/FAIL line per check; -B keeps __pycache__ out of the tree.
rc=0
PYTHONDONTWRITEBYTECODE=1 timeout 120 "$PYTHON" -B "$sdk/tests/sdk_e2e.py" \
  "127.0.0.1:$grpc_port" || rc=$?
check "the Python SDK program passes all its checks against frontdeskd (exit $rc)" [ "$rc" -eq 0 ]

rc=0
timeout 300 "$FRONTDESK_REPO/clients/check-generated.sh" python || rc=$?
check "clients/check-generated.sh python: regenerating changes nothing (exit $rc)" [ "$rc" -eq 0 ]

e2e_finish
