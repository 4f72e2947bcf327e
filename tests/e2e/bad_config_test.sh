#!/usr/bin/env bash
# Each misconfiguration an operator can make ends frontdeskd within 15 s with a non-zero status
# and exactly one line on stderr that names the problem: no stack trace, no hang, no log noise.
# shellcheck disable=SC2317 # functions here are called through check and wait_until.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
e2e_init bad_config

migrated_sqlite "$E2E_TMP/ok.db" || die "frontdeskd migrate on $E2E_TMP/ok.db failed"
grpc_port="$(free_port)"
metrics_port="$(free_port)"
ok_database="--database-url=sqlite://$E2E_TMP/ok.db"
ok_listen="--listen=127.0.0.1:$grpc_port"
ok_metrics="--metrics-listen=127.0.0.1:$metrics_port"

# A port held by another process: a plain listener without SO_REUSEPORT.
busy_port="$(free_port)"
spawn "$E2E_TMP/listener.log" timeout 110 "$PYTHON" -c 'import socket, sys, time
s = socket.socket()
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(8)
time.sleep(100)' "$busy_port"
wait_for_port "$busy_port" 10 "$SPAWNED_PID" ||
  die "the port-holding listener did not start on $busy_port"

# run_case NAME PATTERN ARG...: runs `frontdeskd serve ARG...` and checks the exit status, the
# time taken and that stderr is one line matching the extended regex PATTERN.
run_case() {
  local name="$1" pattern="$2" rc=0 started lines elapsed
  shift 2
  started=$SECONDS
  timeout 15 "$FRONTDESKD" serve "$@" >"$E2E_TMP/$name.out" 2>"$E2E_TMP/$name.err" || rc=$?
  elapsed=$((SECONDS - started))
  lines="$(wc -l <"$E2E_TMP/$name.err")"
  echo "-- $name: exit $rc after ${elapsed}s; stderr (each line cut to 200 characters):"
  cut -c 1-200 "$E2E_TMP/$name.err" | sed 's/^/     | /'
  check "$name: exits non-zero, not by timeout or signal (exit $rc)" clean_failure_exit "$rc"
  check "$name: exits within 15 s (${elapsed}s)" [ "$elapsed" -lt 15 ]
  check "$name: exactly one line on stderr ($lines)" [ "$lines" -eq 1 ]
  check "$name: the line names the problem (/$pattern/)" grep -Eqi "$pattern" "$E2E_TMP/$name.err"
}

run_case unreachable_database 'database|connect|127\.0\.0\.1' \
  --database-url=mysql://x@127.0.0.1:1/db "$ok_listen" "$ok_metrics"
run_case unknown_url_scheme 'scheme|postgres|url' \
  --database-url=postgres://x@127.0.0.1:5432/db "$ok_listen" "$ok_metrics"
run_case grpc_port_in_use "$busy_port" \
  "$ok_database" --listen="127.0.0.1:$busy_port" "$ok_metrics"
run_case metrics_port_in_use "$busy_port" \
  "$ok_database" "$ok_listen" --metrics-listen="127.0.0.1:$busy_port"
run_case unwritable_sqlite_path '/proc/nonexistent' \
  --database-url=sqlite:///proc/nonexistent/x.db "$ok_listen" "$ok_metrics"
run_case bad_log_level 'log' \
  "$ok_database" "$ok_listen" "$ok_metrics" --log-level=verbose
run_case unknown_flag 'frobnicate' \
  "$ok_database" "$ok_listen" "$ok_metrics" --frobnicate=1
run_case malformed_listen_address 'listen' \
  "$ok_database" --listen=not-an-address "$ok_metrics"

# A port held by another frontdeskd: gRPC would share it through SO_REUSEPORT unless told not to,
# and the second server would silently take a share of the calls.
first_port="$(free_port)"
spawn "$E2E_TMP/first.log" "$FRONTDESKD" serve "$ok_database" --listen="127.0.0.1:$first_port" \
  --metrics-listen="127.0.0.1:$(free_port)"
first_pid="$SPAWNED_PID"
wait_for_port "$first_port" 15 "$first_pid" || die "the first frontdeskd did not start on $first_port"
run_case grpc_port_held_by_another_frontdeskd "$first_port" \
  "$ok_database" --listen="127.0.0.1:$first_port" "$ok_metrics"
stop_pid "$first_pid" TERM 10 || true

# None of the failed starts may leave a listener behind on the ports they were given.
check "no listener left on the gRPC port $grpc_port" port_closed "$grpc_port"
check "no listener left on the metrics port $metrics_port" port_closed "$metrics_port"

e2e_finish
