#!/usr/bin/env bash
# Lints and format-checks the protos under protos/ with the buf version
# pinned in tools/package-lock.json. Exits non-zero on any finding.
#
# Usage: scripts/lint-protos.sh   (from any directory)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${repo_root}"

buf="tools/node_modules/.bin/buf"
if [[ ! -x "${buf}" ]]; then
  echo "lint-protos: installing pinned tools (npm ci --prefix tools)" >&2
  # The package's postinstall step only swaps its launcher for the native
  # binary; the launcher works without it, so scripts are not run.
  npm ci --prefix tools --ignore-scripts --no-audit --no-fund >&2
fi

echo "lint-protos: buf $("${buf}" --version)" >&2

status=0
# buf.yaml lives in protos/, so buf sees protos/ as the workspace root.
"${buf}" lint protos || status=1
# The hand-written google.rpc copies keep upstream formatting.
"${buf}" format protos --diff --exit-code --exclude-path protos/google \
  || status=1

if [[ "${status}" -ne 0 ]]; then
  echo "lint-protos: FAILED" >&2
else
  echo "lint-protos: OK" >&2
fi
exit "${status}"
