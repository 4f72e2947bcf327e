#!/usr/bin/env bash
# Measures GetKpiReport as history grows: for 10,000, 100,000 and 1,000,000 interactions, stores
# their KPI rollups in a fresh database (SQLite, and with --mariadb a private MariaDB) and prints
# the median latency of one-year reports. Stops what it started.
#   bench-kpi-report.sh [--mariadb] [--sizes=10000,100000,1000000] [--runs=5]
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${FRONTDESK_BUILD_DIR:-$repo_root/build}"
benchmark="$build_dir/bench/frontdesk_kpi_report_benchmark"
work="$(mktemp -d "${TMPDIR:-/tmp}/frontdesk-kpi-bench.XXXXXX")"
store=sqlite
sizes=10000,100000,1000000
runs=5
for arg in "$@"; do
  case "$arg" in
    --mariadb) store=mariadb ;;
    --sizes=*) sizes="${arg#--sizes=}" ;;
    --runs=*) runs="${arg#--runs=}" ;;
    *) echo "usage: bench-kpi-report.sh [--mariadb] [--sizes=N,...] [--runs=N]" >&2; exit 2 ;;
  esac
done
[ -x "$benchmark" ] || { echo "missing $benchmark; build first" >&2; exit 1; }

cleanup() {
  [ "$store" = mariadb ] && "$repo_root/scripts/mariadb-sandbox.sh" stop "$work/mariadb" >/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

if [ "$store" = mariadb ]; then
  "$repo_root/scripts/mariadb-sandbox.sh" start "$work/mariadb" >/dev/null
  shared_url="$(cat "$work/mariadb/url")"
fi
echo "store=$store machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
IFS=, read -r -a size_list <<<"$sizes"
for size in "${size_list[@]}"; do
  if [ "$store" = mariadb ]; then
    database="kpi_bench_$size"
    mysql --defaults-file=/dev/null --socket="$work/mariadb/mysqld.sock" -uroot \
      -e "CREATE DATABASE $database CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
    url="${shared_url%/*}/$database"
  else
    url="sqlite://$work/kpi-$size.db"
  fi
  "$benchmark" --database-url="$url" --interactions="$size" --runs="$runs" 2>/dev/null
done
