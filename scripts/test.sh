#!/usr/bin/env bash
# Installs what is missing, builds everything and runs every test: unit tests, the storage and
# gRPC suites against SQLite and a private MariaDB (started and stopped by CTest), end-to-end
# process tests with Prometheus, the proto lint and the Helm chart check.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${FRONTDESK_BUILD_DIR:-$repo_root/build}"
"$repo_root/scripts/install-deps.sh"
"$repo_root/scripts/build.sh"
cd "$build_dir"
ctest --output-on-failure --timeout 600 "$@"
