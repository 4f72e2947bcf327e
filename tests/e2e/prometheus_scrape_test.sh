#!/usr/bin/env bash
# A real Prometheus scrapes frontdeskd's /metrics every second and sees the calls made: the
# target is up and the CreateInteraction counter equals the creates that succeeded.
# shellcheck disable=SC2317 # functions here are called through check and wait_until.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
e2e_init prometheus_scrape
find_buf
command -v prometheus >/dev/null || die "prometheus missing (apt-get install prometheus)"

grpc_port="$(free_port)"
metrics_port="$(free_port)"
prometheus_port="$(free_port)"
start_frontdeskd server "$grpc_port" "$metrics_port" \
  --database-url="sqlite://$E2E_TMP/frontdesk.db" --migrate || die "frontdeskd did not start"
pass "frontdeskd serves on 127.0.0.1:$grpc_port, metrics on :$metrics_port"

cat >"$E2E_TMP/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: frontdesk
    static_configs:
      - targets: ["127.0.0.1:$metrics_port"]
EOF
rc=0
timeout 20 promtool check config "$E2E_TMP/prometheus.yml" >"$E2E_TMP/promtool.txt" 2>&1 || rc=$?
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

# A few calls: successful creates, and one NOT_FOUND that must not count as a create.
creates=0
for i in 1 2 3 4 5; do
  if grpc_curl "$grpc_port" frontdesk.v1.InteractionService/CreateInteraction \
    "{\"interaction\":{\"channel\":\"CHANNEL_EMAIL\",\"subject\":\"scrape $i\"},\"request_id\":\"$(cat /proc/sys/kernel/random/uuid)\"}" \
    >"$E2E_TMP/create.out" 2>"$E2E_TMP/create.err"; then
    creates=$((creates + 1))
  else
    note "create $i failed: $(head -c 200 "$E2E_TMP/create.err")"
  fi
done
check "5 CreateInteraction calls succeeded ($creates)" [ "$creates" -eq 5 ]
grpc_curl "$grpc_port" frontdesk.v1.InteractionService/GetInteraction \
  '{"name":"interactions/e2e-missing"}' >/dev/null 2>&1 || true

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

creates_query='sum(frontdesk_grpc_server_handled_total{grpc_method="CreateInteraction"})'
check "Prometheus sees $creates_query == $creates within 30 s" \
  wait_until 30 prom_value_is "$creates_query" "$creates"
note "last value: $(prom_value "$creates_query")"
check "Prometheus sees up{job=\"frontdesk\"} == 1" wait_until 10 prom_value_is 'up{job="frontdesk"}' 1
ok_query='sum(frontdesk_grpc_server_handled_total{grpc_method="CreateInteraction",grpc_code="OK"})'
check "all of them are counted with grpc_code=\"OK\" ($(prom_value "$ok_query"))" \
  prom_value_is "$ok_query" "$creates"
check "the NOT_FOUND GetInteraction is scraped too" wait_until 10 prom_value_is \
  'sum(frontdesk_grpc_server_handled_total{grpc_method="GetInteraction",grpc_code="NOT_FOUND"})' 1

stop_pid "$prometheus_pid" TERM 10 || true
stop_pid "$FRONTDESKD_PID" TERM 8 || true
check "SIGTERM: frontdeskd exits 0 (status $STOP_STATUS)" [ "$STOP_STATUS" = 0 ]

e2e_finish
