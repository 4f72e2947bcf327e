#!/usr/bin/env bash
# Imports the Anonymous Bank call log through `frontdesk import` into frontdeskd on SQLite and
# on MariaDB, checks the counts, that a re-run is all ALREADY_IMPORTED, and the KPI report
# against reference_figures.txt. The product's service level and abandonment rate count every
# answered or abandoned call (the reference only calls that reached the queue) and its waits run
# from queue entry to ser_start (the reference uses q_time): lib/dataset_kpis.py computes those
# expectations from the raw file under the product's definitions.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/datasets.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/datasets.sh"
e2e_init import_anonbank
require_dataset anonbank-callcenter-feb1999/calls_1999_02.tsv
file="$SHARED_DATA/anonbank-callcenter-feb1999/calls_1999_02.tsv"

for backend in sqlite mariadb; do
  start_store_server "anonbank-$backend" "$backend"
  # 33,344 rows: 278 PHANTOM skipped, 33,066 calls, no malformed row.
  check_import_twice "$backend" anonbank "$file" 33066 0 278
  check "$backend: 3963 calls abandoned in the queue" \
    [ "$(count_interactions 'state = ABANDONED')" = 3963 ]
  check_kpis "$backend" anonbank "--start 1999-02-01 --end 1999-03-02" "--group-by priority --trend day"
  stop_pid "$FRONTDESKD_PID" TERM 10 || true
done

e2e_finish
