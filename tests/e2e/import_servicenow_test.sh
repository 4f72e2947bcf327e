#!/usr/bin/env bash
# Imports the ServiceNow incident log (the CSV inside the zip) through `frontdesk import` into
# frontdeskd on SQLite and on MariaDB, checks the counts, that a re-run is all
# ALREADY_IMPORTED, and the KPI report against reference_figures.txt. The 5 rows in state -100
# are malformed for the mapping (an unknown state code) and reported with their lines.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/datasets.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/datasets.sh"
e2e_init import_servicenow
require_dataset uci-servicenow-incidents/incident_event_log.zip
file="$SHARED_DATA/uci-servicenow-incidents/incident_event_log.zip"

for backend in sqlite mariadb; do
  start_store_server "servicenow-$backend" "$backend"
  check_import_twice "$backend" servicenow "$file" 24918 5 0
  check_kpis "$backend" servicenow "--start 2016-02-01 --end 2017-03-01" "--group-by priority --trend month"
  stop_pid "$FRONTDESKD_PID" TERM 10 || true
done

e2e_finish
