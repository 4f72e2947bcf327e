#!/usr/bin/env bash
# Two frontdeskd replicas on one MariaDB database, scraped every second by a real Prometheus:
# after a small workload made through both replicas, the business metrics summed over the
# replicas with PromQL agree with GetKpiReport for the same hours, and `promtool check metrics`
# finds nothing to say about either replica's /metrics.
# shellcheck disable=SC2317 # functions here are called through check and wait_until.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
e2e_init prometheus_kpis
command -v prometheus >/dev/null || die "prometheus missing (apt-get install prometheus)"
command -v promtool >/dev/null || die "promtool missing (apt-get install prometheus)"

# A database of our own in the shared MariaDB, dropped at exit.
database="e2e_promkpis_$$_${RANDOM}"
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
prometheus_port="$(free_port)"
start_frontdeskd replica-a "$port_a" "$metrics_a" --database-url="$url" \
  --metrics-services=mail,vpn || die "replica A did not start"
pid_a=$FRONTDESKD_PID
start_frontdeskd replica-b "$port_b" "$metrics_b" --database-url="$url" \
  --metrics-services=mail,vpn || die "replica B did not start"
pid_b=$FRONTDESKD_PID
pass "replicas A (127.0.0.1:$port_a) and B (127.0.0.1:$port_b) serve $database"

cat >"$E2E_TMP/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: frontdesk
    static_configs:
      - targets: ["127.0.0.1:$metrics_a", "127.0.0.1:$metrics_b"]
YAML
rc=0
timeout 20 promtool check config "$E2E_TMP/prometheus.yml" >"$E2E_TMP/promtool-config.txt" 2>&1 ||
  rc=$?
check "promtool check config accepts the scrape configuration (exit $rc)" [ "$rc" -eq 0 ]

spawn "$E2E_TMP/prometheus.log" prometheus --config.file="$E2E_TMP/prometheus.yml" \
  --storage.tsdb.path="$E2E_TMP/tsdb" --web.listen-address="127.0.0.1:$prometheus_port" \
  --log.level=warn
prometheus_pid=$SPAWNED_PID
prometheus_ready() {
  timeout 5 curl -fsS --max-time 3 "http://127.0.0.1:$prometheus_port/-/ready" >/dev/null 2>&1
}
if ! wait_for_port "$prometheus_port" 30 "$prometheus_pid" || ! wait_until 30 prometheus_ready; then
  die "Prometheus did not become ready on 127.0.0.1:$prometheus_port"
fi
pass "Prometheus ready on 127.0.0.1:$prometheus_port"

# prom_value QUERY: prints the value of the query's first sample, or "none".
prom_value() {
  timeout 10 curl -fsS --max-time 5 -G --data-urlencode "query=$1" \
    "http://127.0.0.1:$prometheus_port/api/v1/query" 2>/dev/null |
    "$PYTHON" -c 'import json, sys
try:
    result = json.load(sys.stdin)["data"]["result"]
    print(result[0]["value"][1] if result else "none")
except Exception:  # noqa: BLE001 - any malformed answer is "none"
    print("none")'
}
prom_value_is() {
  [ "$(prom_value "$1")" = "$2" ]
}
check "Prometheus scrapes both replicas: count(up{job=\"frontdesk\"} == 1) == 2 within 30 s" \
  wait_until 30 prom_value_is 'count(up{job="frontdesk"} == 1)' 2

python_stubs "$E2E_TMP/stubs" || die "generating Python stubs failed"
# The client prints its own PASS and FAIL lines; they count towards this test's summary.
rc=0
timeout 180 "$PYTHON" "$(dirname "${BASH_SOURCE[0]}")/lib/prometheus_kpis_client.py" \
  --a "127.0.0.1:$port_a" --b "127.0.0.1:$port_b" \
  --prometheus "http://127.0.0.1:$prometheus_port" --stubs "$E2E_TMP/stubs" 2>&1 |
  tee "$E2E_TMP/client.out" || rc=$?
client_checks="$(grep -Ec '^(PASS|FAIL): ' "$E2E_TMP/client.out" || true)"
client_failures="$(grep -c '^FAIL: ' "$E2E_TMP/client.out" || true)"
E2E_CHECKS=$((E2E_CHECKS + client_checks))
E2E_FAILURES=$((E2E_FAILURES + client_failures))
if [ "$rc" -ne 0 ] && [ "$client_failures" -eq 0 ]; then
  fail "the KPI client exited $rc without reporting a failed check (crash or timeout)"
fi

# promtool reads the exposition from stdin; any output at all (a warning, an error) fails.
for replica in a b; do
  port_var="metrics_$replica"
  out="$E2E_TMP/metrics-$replica.txt"
  rc=0
  timeout 10 curl -fsS --max-time 5 "http://127.0.0.1:${!port_var}/metrics" >"$out" 2>&1 || rc=$?
  if [ "$rc" -ne 0 ]; then
    fail "GET /metrics on replica ${replica^^} failed (exit $rc)"
    continue
  fi
  rc=0
  timeout 20 promtool check metrics <"$out" >"$E2E_TMP/promtool-$replica.txt" 2>&1 || rc=$?
  if [ "$rc" -eq 0 ] && [ ! -s "$E2E_TMP/promtool-$replica.txt" ]; then
    pass "promtool check metrics is clean on replica ${replica^^} ($(grep -c '^frontdesk_' "$out") frontdesk_ samples)"
  else
    fail "promtool check metrics on replica ${replica^^} (exit $rc): $(head -c 600 "$E2E_TMP/promtool-$replica.txt")"
  fi
done

stop_pid "$prometheus_pid" TERM 10 || true
stop_pid "$pid_b" TERM 8 || true
check "SIGTERM: replica B exits 0 (status $STOP_STATUS)" [ "$STOP_STATUS" = 0 ]
stop_pid "$pid_a" TERM 8 || true
check "SIGTERM: replica A exits 0 (status $STOP_STATUS)" [ "$STOP_STATUS" = 0 ]

e2e_finish
