#!/usr/bin/env bash
# Runs the TypeScript client SDK (clients/typescript) against a real frontdeskd on a fresh SQLite
# store: contact upsert, create with a replayed request_id, agent reply, resolve, filtered list,
# history, decoded error details, and UNAVAILABLE retries against an in-process fake server. Then
# checks that the committed generated TypeScript code equals fresh protoc-gen-es output.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
e2e_init clients_typescript

sdk="$FRONTDESK_REPO/clients/typescript"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  ensure_apt nodejs npm || die "apt-get install nodejs npm failed: $(tail -n 3 "$E2E_TMP/apt.log")"
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
check "Node.js is 20 or newer, as the pinned packages require (node $(node --version))" \
  [ "$node_major" -ge 20 ]

if [ ! -d "$sdk/node_modules" ]; then
  note "installing the pinned packages: npm ci --prefix clients/typescript --ignore-scripts"
  rc=0
  timeout 600 npm ci --prefix "$sdk" --ignore-scripts --no-audit --no-fund \
    >"$E2E_TMP/npm.log" 2>&1 || rc=$?
  [ "$rc" -eq 0 ] || die "npm ci failed (exit $rc): $(tail -n 5 "$E2E_TMP/npm.log")"
fi
pass "clients/typescript/node_modules holds the pinned packages"

# Compile the SDK (dist/) and the test program (dist-test/); both are git-ignored.
rc=0
(cd "$sdk" && timeout 300 node_modules/.bin/tsc -p tsconfig.json) >"$E2E_TMP/tsc.log" 2>&1 || rc=$?
[ "$rc" -eq 0 ] || note "tsc: $(head -c 1500 "$E2E_TMP/tsc.log")"
check "tsc compiles the SDK with strict checks (exit $rc)" [ "$rc" -eq 0 ]
rc=0
(cd "$sdk" && timeout 300 node_modules/.bin/tsc -p test/tsconfig.json) >"$E2E_TMP/tsc-test.log" 2>&1 ||
  rc=$?
[ "$rc" -eq 0 ] || note "tsc: $(head -c 1500 "$E2E_TMP/tsc-test.log")"
[ "$rc" -eq 0 ] || die "tsc could not compile the test program (exit $rc)"
pass "tsc compiles the test program"

grpc_port="$(free_port)"
metrics_port="$(free_port)"
start_frontdeskd server "$grpc_port" "$metrics_port" \
  --database-url="sqlite://$E2E_TMP/frontdesk.db" --migrate ||
  die "frontdeskd did not start listening on $grpc_port and $metrics_port"
pass "frontdeskd listens on 127.0.0.1:$grpc_port"

# The program prints its own PASS/FAIL line per check.
rc=0
timeout 120 node "$sdk/dist-test/test/sdk_e2e.js" "http://127.0.0.1:$grpc_port" || rc=$?
check "the TypeScript SDK program passes all its checks against frontdeskd (exit $rc)" \
  [ "$rc" -eq 0 ]

rc=0
timeout 300 "$FRONTDESK_REPO/clients/check-generated.sh" typescript || rc=$?
check "clients/check-generated.sh typescript: regenerating changes nothing (exit $rc)" \
  [ "$rc" -eq 0 ]

e2e_finish
