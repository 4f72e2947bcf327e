#!/usr/bin/env bash
# Configures and builds Frontdesk into build/ (or $FRONTDESK_BUILD_DIR).
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${FRONTDESK_BUILD_DIR:-$repo_root/build}"
cmake -S "$repo_root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)" "$@"
