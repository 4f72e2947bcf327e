# shellcheck shell=bash
# Helpers for the tests that import the shared data sets through the frontdesk client. Source
# after common.sh and call e2e_init first.
#
# Environment: FRONTDESK_CLI (the client binary) and FRONTDESK_TEST_MYSQL_URL_FILE besides
# common.sh's. The data sets live in <repo>/../shared/data, outside the project; without them
# the test prints one SKIP line and exits 77, which CTest reports as skipped.

SHARED_DATA=""
STORE_PORT=""
IMPORT_RC=""
KPI_LIB="$(dirname "${BASH_SOURCE[0]}")/dataset_kpis.py"

# require_dataset RELATIVE_PATH: sets SHARED_DATA, or skips the test when the file is absent.
require_dataset() {
  SHARED_DATA="$(cd "$FRONTDESK_REPO/.." && pwd)/shared/data"
  if [ ! -f "$SHARED_DATA/$1" ]; then
    echo "SKIP: $SHARED_DATA/$1 is absent (the shared data sets are not part of the project)"
    exit 77
  fi
  [ -x "${FRONTDESK_CLI:-}" ] || die "FRONTDESK_CLI must name the frontdesk client binary"
}

# start_store_server NAME BACKEND: starts frontdeskd with --migrate on a fresh SQLite file
# (BACKEND sqlite) or a fresh database in the test MariaDB (BACKEND mariadb, dropped at exit).
# Sets STORE_PORT.
start_store_server() {
  local name="$1" backend="$2" url metrics_port
  if [ "$backend" = sqlite ]; then
    url="sqlite://$E2E_TMP/$name.db"
  else
    fresh_mysql_database "e2e_${name//-/_}_$$"
    url="$FRESH_DATABASE_URL"
  fi
  STORE_PORT="$(free_port)"
  metrics_port="$(free_port)"
  start_frontdeskd "$name" "$STORE_PORT" "$metrics_port" --database-url="$url" --migrate ||
    die "frontdeskd on $backend did not start"
}

# cli ARG...: the client against the server on STORE_PORT, bounded to 15 minutes.
cli() {
  timeout 900 "$FRONTDESK_CLI" --server "127.0.0.1:$STORE_PORT" --actor e2e "$@"
}

# run_import OUT DATASET FILE: imports and keeps the summary in OUT, stderr in OUT.err; sets
# IMPORT_RC.
run_import() {
  local out="$1"
  shift
  IMPORT_RC=0
  cli import "$@" >"$out" 2>"$out.err" || IMPORT_RC=$?
}

# summary_value OUT KEY: a number from the import summary, e.g. summary_value out created.
summary_value() {
  sed -n "s/^$2: *\([0-9.]*\).*/\1/p" "$1"
}

# count_interactions FILTER: how many interactions ListInteractions returns for FILTER.
count_interactions() {
  local out="$E2E_TMP/list.out"
  cli list --filter "$1" --limit 1000000 >"$out" 2>"$out.err" || { echo -1; return 0; }
  echo $(($(wc -l <"$out") - 1))
}

# check_import_twice BACKEND DATASET FILE RECORDS MALFORMED SKIPPED: imports FILE, checks the
# summary, imports again and checks that everything is ALREADY_IMPORTED.
check_import_twice() {
  local backend="$1" dataset="$2" file="$3" records="$4" malformed="$5" skipped="$6" out
  out="$E2E_TMP/$dataset-$backend-import.out"
  run_import "$out" "$dataset" "$file"
  note "$(tr '\n' ' ' <"$out")"
  check "$backend: import exits 0 (exit $IMPORT_RC)" [ "$IMPORT_RC" -eq 0 ]
  check "$backend: created $records ($(summary_value "$out" created))" \
    [ "$(summary_value "$out" created)" = "$records" ]
  check "$backend: malformed rows $malformed ($(summary_value "$out" 'malformed rows'))" \
    [ "$(summary_value "$out" 'malformed rows')" = "$malformed" ]
  check "$backend: skipped rows $skipped ($(summary_value "$out" 'skipped rows'))" \
    [ "$(summary_value "$out" 'skipped rows')" = "$skipped" ]
  check "$backend: every malformed row is reported with its line on stderr" \
    [ "$(grep -c ': malformed row skipped: ' "$out.err")" = "$malformed" ]
  check "$backend: ListInteractions holds $records interactions" \
    [ "$(count_interactions 'receive_time > "1970-01-02T00:00:00Z"')" = "$records" ]

  run_import "$out.again" "$dataset" "$file"
  check "$backend: a second import exits 0 (exit $IMPORT_RC)" [ "$IMPORT_RC" -eq 0 ]
  check "$backend: a second import answers all $records ALREADY_IMPORTED" \
    [ "$(summary_value "$out.again" 'already imported')" = "$records" ]
  check "$backend: a second import creates nothing" [ "$(summary_value "$out.again" created)" = 0 ]
}

# check_kpis BACKEND DATASET REPORT_ARGS...: one `frontdesk report --format json` per
# "--start S --end E" pair in REPORT_ARGS (separated by ';'), then the comparisons of
# dataset_kpis.py. Notes, without failing, when the server does not implement GetKpiReport.
check_kpis() {
  local backend="$1" dataset="$2" ranges="$3" extra="$4" reports=() range out rc i=0
  IFS=';' read -ra range_list <<<"$ranges"
  for range in "${range_list[@]}"; do
    out="$E2E_TMP/$dataset-$backend-report-$i.json"
    i=$((i + 1))
    rc=0
    # shellcheck disable=SC2086 # the range and extra flags are word lists on purpose.
    cli report $range $extra --format json >"$out" 2>"$out.err" || rc=$?
    if grep -q UNIMPLEMENTED "$out.err"; then
      note "SKIPPED KPI comparisons on $backend: GetKpiReport is not implemented by this server"
      return 0
    fi
    check "$backend: report $range exits 0 (exit $rc: $(head -c 200 "$out.err"))" [ "$rc" -eq 0 ]
    reports+=("$out")
  done
  rc=0
  "$PYTHON" "$KPI_LIB" check "$dataset" "$SHARED_DATA" "${reports[@]}" | sed "s/^\(PASS\|FAIL\): /\1: $backend: /" |
    while IFS= read -r line; do echo "$line"; done >"$E2E_TMP/kpi-$backend.txt" || true
  cat "$E2E_TMP/kpi-$backend.txt"
  E2E_CHECKS=$((E2E_CHECKS + $(grep -c '^\(PASS\|FAIL\):' "$E2E_TMP/kpi-$backend.txt")))
  E2E_FAILURES=$((E2E_FAILURES + $(grep -c '^FAIL:' "$E2E_TMP/kpi-$backend.txt" || true)))
}
