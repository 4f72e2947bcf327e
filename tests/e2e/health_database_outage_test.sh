#!/usr/bin/env bash
# frontdeskd on a private MariaDB reports NOT_SERVING while the database is down and SERVING
# again once it is back on the same data directory and port, after which writes work again.
# shellcheck disable=SC2317 # functions here are called through check and wait_until.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
e2e_init health_database_outage
find_buf
command -v mariadbd >/dev/null || die "mariadbd missing (apt-get install mariadb-server)"

sandbox="$FRONTDESK_REPO/scripts/mariadb-sandbox.sh"
db_dir="$E2E_TMP/mariadb"
e2e_on_exit timeout 30 "$sandbox" stop "$db_dir"
E2E_LOGS+=("$db_dir/error.log")
timeout 90 "$sandbox" start "$db_dir" >"$E2E_TMP/sandbox.log" 2>&1 {E2E_STDOUT}>&- ||
  die "mariadb-sandbox.sh start failed: $(tail -n 3 "$E2E_TMP/sandbox.log")"
url="$(cat "$db_dir/url")"
db_port="$(mysql_url_part "$url" port)"
pass "private MariaDB started on 127.0.0.1:$db_port"

grpc_port="$(free_port)"
metrics_port="$(free_port)"
start_frontdeskd server "$grpc_port" "$metrics_port" --database-url="$url" --migrate ||
  die "frontdeskd did not start on MariaDB"
pass "frontdeskd --migrate serves on 127.0.0.1:$grpc_port"

# create_interaction LABEL: one CreateInteraction through buf curl; stores the error code, if
# any, in CREATE_CODE ("ok" on success).
CREATE_CODE=""
create_interaction() {
  local request_id rc=0
  request_id="$(cat /proc/sys/kernel/random/uuid)"
  grpc_curl "$grpc_port" frontdesk.v1.InteractionService/CreateInteraction \
    "{\"interaction\":{\"channel\":\"CHANNEL_PHONE\",\"subject\":\"outage $1\"},\"request_id\":\"$request_id\"}" \
    >"$E2E_TMP/create.out" 2>"$E2E_TMP/create.err" || rc=$?
  if [ "$rc" -eq 0 ] && grep -q '"name": *"interactions/' "$E2E_TMP/create.out"; then
    CREATE_CODE=ok
  else
    CREATE_CODE="$(tr -d ' \n' <"$E2E_TMP/create.err" | sed -n 's/.*"code":"\([a-z_]*\)".*/\1/p')"
    CREATE_CODE="${CREATE_CODE:-exit-$rc}"
  fi
}

check "before the outage: Health \"\" is SERVING" wait_until 5 health_is "$grpc_port" "" SERVING
check "before the outage: Health frontdesk.v1.InteractionService is SERVING" \
  health_is "$grpc_port" frontdesk.v1.InteractionService SERVING
create_interaction before
check "before the outage: CreateInteraction succeeds (got $CREATE_CODE)" [ "$CREATE_CODE" = ok ]

# Outage: stop MariaDB; health flips within two health periods plus slack.
timeout 30 "$sandbox" stop "$db_dir" >/dev/null 2>&1 || die "mariadb-sandbox.sh stop failed"
check "MariaDB is down (port $db_port closed)" port_closed "$db_port"
stopped=$SECONDS
check "during the outage: Health \"\" is NOT_SERVING within 6 s" \
  wait_until 6 health_is "$grpc_port" "" NOT_SERVING
note "overall NOT_SERVING after $((SECONDS - stopped))s"
check "during the outage: Health frontdesk.v1.InteractionService is NOT_SERVING" \
  wait_until 2 health_is "$grpc_port" frontdesk.v1.InteractionService NOT_SERVING
check "during the outage: Health frontdesk.v1.RoutingService is NOT_SERVING" \
  wait_until 2 health_is "$grpc_port" frontdesk.v1.RoutingService NOT_SERVING
started=$SECONDS
create_interaction during
check "during the outage: CreateInteraction fails with unavailable within 10 s (got $CREATE_CODE after $((SECONDS - started))s)" \
  [ "$CREATE_CODE" = unavailable ]
check "during the outage: frontdeskd keeps running" pid_alive "$FRONTDESKD_PID"

# Recovery: mariadbd again on the same data directory and port, with the sandbox's arguments.
spawn "$E2E_TMP/mariadbd-restart.log" mariadbd --no-defaults --user=root \
  --datadir="$db_dir/data" --socket="$db_dir/mysqld.sock" --pid-file="$db_dir/mysqld.pid" \
  --port="$db_port" --bind-address=127.0.0.1 --skip-name-resolve --log-error="$db_dir/error.log" \
  --innodb-log-file-size=48M --innodb-buffer-pool-size=256M --max-connections=500
mariadb_ping() {
  timeout 5 mariadb-admin --no-defaults --socket="$db_dir/mysqld.sock" -uroot ping >/dev/null 2>&1
}
wait_until 30 mariadb_ping || die "mariadbd did not come back on port $db_port"
pass "MariaDB restarted on the same data directory and port $db_port"
restarted=$SECONDS
check "after recovery: Health \"\" is SERVING within 10 s" \
  wait_until 10 health_is "$grpc_port" "" SERVING
note "overall SERVING after $((SECONDS - restarted))s"
check "after recovery: Health frontdesk.v1.InteractionService is SERVING" \
  wait_until 2 health_is "$grpc_port" frontdesk.v1.InteractionService SERVING
create_interaction after
check "after recovery: the first CreateInteraction succeeds (got $CREATE_CODE)" [ "$CREATE_CODE" = ok ]

# Every pooled connection broke in the outage; none may surface as a failed call afterwards.
failures=""
for i in $(seq 1 12); do
  create_interaction "after-$i"
  [ "$CREATE_CODE" = ok ] || failures="$failures $i:$CREATE_CODE"
done
check "after recovery: 12 more CreateInteraction calls all succeed (failures:${failures:- none})" \
  [ -z "$failures" ]

stop_pid "$FRONTDESKD_PID" TERM 8 || true
check "SIGTERM: frontdeskd exits 0 (status $STOP_STATUS)" [ "$STOP_STATUS" = 0 ]

e2e_finish
