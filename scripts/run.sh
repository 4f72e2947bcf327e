#!/usr/bin/env bash
# Builds frontdeskd and serves on the embedded SQLite store (frontdesk.db in the current
# directory), gRPC on :50051 and /metrics on :9464. Extra arguments go to frontdeskd.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$repo_root/scripts/install-deps.sh"
"$repo_root/scripts/build.sh" --target frontdeskd
exec "${FRONTDESK_BUILD_DIR:-$repo_root/build}/server/frontdeskd" serve --migrate "$@"
