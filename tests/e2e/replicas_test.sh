#!/usr/bin/env bash
# Two frontdeskd replicas on one MariaDB database: a watch on replica B sees the changes made
# through replica A in order, and resumes after a disconnect with no gap and no duplicate.
# shellcheck disable=SC2317 # functions here are called through check and wait_until.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
e2e_init replicas

# A database of our own in the shared MariaDB, dropped at exit.
database="e2e_replicas_$$_${RANDOM}"
fresh_mysql_database "$database"
url="$FRESH_DATABASE_URL"
pass "created database $database in the shared MariaDB"

rc=0
timeout 60 "$FRONTDESKD" migrate --database-url="$url" >"$E2E_TMP/migrate.log" 2>&1 || rc=$?
[ "$rc" -eq 0 ] || die "frontdeskd migrate failed (exit $rc): $(tail -n 2 "$E2E_TMP/migrate.log")"
pass "frontdeskd migrate on $database exits 0"

port_a="$(free_port)"
port_b="$(free_port)"
metrics_a="$(free_port)"
metrics_b="$(free_port)"
start_frontdeskd replica-a "$port_a" "$metrics_a" --database-url="$url" ||
  die "replica A did not start"
pid_a=$FRONTDESKD_PID
start_frontdeskd replica-b "$port_b" "$metrics_b" --database-url="$url" ||
  die "replica B did not start"
pid_b=$FRONTDESKD_PID
pass "replicas A (127.0.0.1:$port_a) and B (127.0.0.1:$port_b) serve the same database"

python_stubs "$E2E_TMP/stubs" || die "generating Python stubs failed"
# The client prints its own PASS and FAIL lines; they count towards this test's summary.
rc=0
timeout 100 "$PYTHON" "$(dirname "${BASH_SOURCE[0]}")/lib/replica_watch_client.py" \
  --a "127.0.0.1:$port_a" --b "127.0.0.1:$port_b" --stubs "$E2E_TMP/stubs" \
  --creates 50 --changes 20 2>&1 | tee "$E2E_TMP/client.out" || rc=$?
client_checks="$(grep -Ec '^(PASS|FAIL): ' "$E2E_TMP/client.out" || true)"
client_failures="$(grep -c '^FAIL: ' "$E2E_TMP/client.out" || true)"
E2E_CHECKS=$((E2E_CHECKS + client_checks))
E2E_FAILURES=$((E2E_FAILURES + client_failures))
if [ "$rc" -ne 0 ] && [ "$client_failures" -eq 0 ]; then
  fail "the watch client exited $rc without reporting a failed check (crash or timeout)"
fi

stop_pid "$pid_b" TERM 8 || true
check "SIGTERM: replica B exits 0 (status $STOP_STATUS)" [ "$STOP_STATUS" = 0 ]
stop_pid "$pid_a" TERM 8 || true
check "SIGTERM: replica A exits 0 (status $STOP_STATUS)" [ "$STOP_STATUS" = 0 ]

e2e_finish
