#!/usr/bin/env bash
# Imports the helpdesk ticket log through `frontdesk import` into frontdeskd on SQLite and on
# MariaDB, checks the counts, that a re-run is all ALREADY_IMPORTED, and the KPI report against
# reference_figures.txt (lib/dataset_kpis.py states where the product's definitions differ).
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/datasets.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/datasets.sh"
e2e_init import_helpdesk
require_dataset helpdesk-italian-sw/helpdesk_events.csv
file="$SHARED_DATA/helpdesk-italian-sw/helpdesk_events.csv"

# Receipts run from 2010 to 2013; a report spans at most 400 days, so one report per year.
ranges="--start 2010-01-01 --end 2011-01-01;--start 2011-01-01 --end 2012-01-01"
ranges+=";--start 2012-01-01 --end 2013-01-01;--start 2013-01-01 --end 2014-01-01"
for backend in sqlite mariadb; do
  start_store_server "helpdesk-$backend" "$backend"
  # 4,580 tickets, no malformed row, nothing skipped.
  check_import_twice "$backend" helpdesk "$file" 4580 0 0
  check_kpis "$backend" helpdesk "$ranges" "--group-by priority --trend month"
  stop_pid "$FRONTDESKD_PID" TERM 10 || true
done

e2e_finish
