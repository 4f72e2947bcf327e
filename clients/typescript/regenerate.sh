#!/usr/bin/env bash
# Regenerates the TypeScript messages and service descriptors of the Frontdesk API into src/gen/
# with protoc-gen-es (pinned in package-lock.json) driven by buf (pinned in tools/).
#
# Usage: clients/typescript/regenerate.sh [OUTPUT_ROOT]
#   Without OUTPUT_ROOT, src/gen/ is replaced whole (buf.gen.yaml has clean: true). With it, the
#   code goes to OUTPUT_ROOT/src/gen/; clients/check-generated.sh uses that to compare.
#
# Installs the pinned packages with `npm ci --ignore-scripts` when node_modules is missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "${here}/../.." && pwd)"
buf="${repo_root}/tools/node_modules/.bin/buf"

if [[ ! -x "${buf}" ]]; then
  echo "regenerate: installing the pinned buf (npm ci --prefix tools)" >&2
  # buf's postinstall only swaps its launcher for the native binary; the launcher works without.
  timeout 300 npm ci --prefix "${repo_root}/tools" --ignore-scripts --no-audit --no-fund >&2
fi
if [[ ! -x "${here}/node_modules/.bin/protoc-gen-es" ]]; then
  echo "regenerate: installing the pinned client packages (npm ci --prefix clients/typescript)" >&2
  timeout 300 npm ci --prefix "${here}" --ignore-scripts --no-audit --no-fund >&2
fi

args=()
if [[ $# -gt 0 ]]; then
  mkdir -p "$1"
  args=(--output "$(cd "$1" && pwd)")
fi

# buf.gen.yaml names the plugin relative to this directory.
cd "${here}"
timeout 120 "${buf}" generate "${repo_root}/protos" --template buf.gen.yaml "${args[@]}"

echo "regenerate: TypeScript code by protoc-gen-es" \
  "$(node -p 'require("./node_modules/@bufbuild/protoc-gen-es/package.json").version')" \
  "written to ${1:-${here}}/src/gen" >&2
