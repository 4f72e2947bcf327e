#!/usr/bin/env bash
# Runs frontdeskd as an operator would on SQLite: migrate, serve, health, reflection, /metrics,
# one real RPC reflected in the metrics, SIGTERM; and the refusal to serve an unmigrated schema.
# shellcheck disable=SC2317 # functions here are called through check and wait_until.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
e2e_init server_smoke
find_buf

# `frontdeskd migrate` on a fresh SQLite file.
rc=0
timeout 60 "$FRONTDESKD" migrate --database-url="sqlite://$E2E_TMP/migrated.db" \
  >"$E2E_TMP/migrate.log" 2>&1 || rc=$?
check "frontdeskd migrate on a fresh SQLite file exits 0 (exit $rc)" [ "$rc" -eq 0 ]

# `serve` without --migrate on an empty database refuses with one line naming migrations.
refuse_port="$(free_port)"
refuse_metrics_port="$(free_port)"
rc=0
timeout 15 "$FRONTDESKD" serve --database-url="sqlite://$E2E_TMP/empty.db" \
  --listen="127.0.0.1:$refuse_port" --metrics-listen="127.0.0.1:$refuse_metrics_port" \
  >"$E2E_TMP/refuse.out" 2>"$E2E_TMP/refuse.err" || rc=$?
lines="$(wc -l <"$E2E_TMP/refuse.err")"
note "stderr: $(head -c 300 "$E2E_TMP/refuse.err")"
check "serve on an unmigrated database exits non-zero, not by timeout or signal (exit $rc)" \
  clean_failure_exit "$rc"
check "serve on an unmigrated database prints exactly one line on stderr ($lines)" [ "$lines" -eq 1 ]
check "the refusal mentions migrate" grep -qi migrat "$E2E_TMP/refuse.err"

# Serve a fresh SQLite database with --migrate.
grpc_port="$(free_port)"
metrics_port="$(free_port)"
start_frontdeskd server "$grpc_port" "$metrics_port" \
  --database-url="sqlite://$E2E_TMP/frontdesk.db" --migrate ||
  die "frontdeskd did not start listening on $grpc_port and $metrics_port"
server_pid=$FRONTDESKD_PID
pass "frontdeskd --migrate listens on 127.0.0.1:$grpc_port (gRPC) and :$metrics_port (metrics)"

for service in "" frontdesk.v1.InteractionService frontdesk.v1.RoutingService \
  frontdesk.v1.MetricsService; do
  status="$(health_status "$grpc_port" "$service")"
  check "Health/Check \"$service\" is SERVING (got $status)" [ "$status" = SERVING ]
done

# Reflection lists the three API services and reflection itself; health is optional.
rc=0
timeout 20 "$BUF" curl --protocol grpc --http2-prior-knowledge --list-services \
  "http://127.0.0.1:$grpc_port" >"$E2E_TMP/services.txt" 2>"$E2E_TMP/services.err" || rc=$?
check "reflection --list-services succeeds (exit $rc)" [ "$rc" -eq 0 ]
listed="$(grep -v '^grpc\.health\.v1\.Health$' "$E2E_TMP/services.txt" | sort | tr '\n' ' ')"
expected="frontdesk.v1.InteractionService frontdesk.v1.MetricsService frontdesk.v1.RoutingService grpc.reflection.v1alpha.ServerReflection "
check "reflection lists exactly the frontdesk services and reflection (got: $listed)" \
  [ "$listed" = "$expected" ]

# /metrics parses, passes promtool and has the build and process metrics.
fetch_metrics() {
  timeout 15 curl -fsS --max-time 10 "http://127.0.0.1:$metrics_port/metrics" >"$E2E_TMP/metrics.txt"
}
rc=0
fetch_metrics || rc=$?
check "GET /metrics succeeds (exit $rc)" [ "$rc" -eq 0 ]
rc=0
timeout 20 promtool check metrics <"$E2E_TMP/metrics.txt" >"$E2E_TMP/promtool.txt" 2>&1 || rc=$?
[ "$rc" -eq 0 ] || note "promtool: $(head -c 600 "$E2E_TMP/promtool.txt")"
check "promtool check metrics accepts /metrics (exit $rc)" [ "$rc" -eq 0 ]
check "/metrics has frontdesk_build_info" grep -q '^frontdesk_build_info{' "$E2E_TMP/metrics.txt"
check "/metrics has process_resident_memory_bytes" \
  grep -Eq '^process_resident_memory_bytes(\{[^}]*\})? ' "$E2E_TMP/metrics.txt"

# One real RPC: a missing interaction is NOT_FOUND, and the handled counter says so.
rc=0
grpc_curl "$grpc_port" frontdesk.v1.InteractionService/GetInteraction \
  '{"name":"interactions/e2e-missing-1"}' >"$E2E_TMP/get.out" 2>"$E2E_TMP/get.err" || rc=$?
code="$(tr -d ' \n' <"$E2E_TMP/get.err" | sed -n 's/.*"code":"\([a-z_]*\)".*/\1/p')"
check "GetInteraction of a missing name fails with not_found (got ${code:-none}, exit $rc)" \
  [ "$code" = not_found ]
not_found_sample() {
  fetch_metrics &&
    grep -E '^frontdesk_grpc_server_handled_total\{' "$E2E_TMP/metrics.txt" |
    grep 'grpc_method="GetInteraction"' | grep -q 'grpc_code="NOT_FOUND"'
}
check "frontdesk_grpc_server_handled_total has a GetInteraction sample with grpc_code=\"NOT_FOUND\"" \
  wait_until 5 not_found_sample

# SIGTERM with the default grace period and no call in flight: a clean exit within 5 s.
started_ms="$(date +%s%3N)"
stop_pid "$server_pid" TERM 10 || true
elapsed_ms=$(($(date +%s%3N) - started_ms))
check "SIGTERM: frontdeskd exits with status 0 (status $STOP_STATUS)" [ "$STOP_STATUS" = 0 ]
check "SIGTERM: frontdeskd exits within 5 s (${elapsed_ms} ms)" [ "$elapsed_ms" -le 5000 ]
check "the gRPC port is closed after shutdown" wait_until 3 port_closed "$grpc_port"

e2e_finish
