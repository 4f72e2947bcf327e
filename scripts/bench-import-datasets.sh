#!/usr/bin/env bash
# Measures how fast `frontdesk import` takes in each data set: starts a private MariaDB
# (scripts/mariadb-sandbox.sh) and, per data set and run, a fresh database with a frontdeskd on
# it, imports with the client and keeps its records/s (streaming time only, after the file is
# mapped). Prints the median of 3 runs per data set against the target of 5,000 interactions/s,
# then stops everything it started. Data sets come from ../shared/data when present, else the
# bundled helpdesk log alone.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${FRONTDESK_BUILD_DIR:-$repo_root/build}"
shared="$(cd "$repo_root/.." && pwd)/shared/data"
runs=3
target=5000

"$repo_root/scripts/build.sh" --target frontdeskd frontdesk >/dev/null
work="$(mktemp -d "${TMPDIR:-/tmp}/frontdesk-bench.XXXXXX")"
server_pid=""
stop_server() {
  [ -n "$server_pid" ] || return 0
  kill -TERM "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}
cleanup() {
  stop_server
  "$repo_root/scripts/mariadb-sandbox.sh" stop "$work/mariadb" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

"$repo_root/scripts/mariadb-sandbox.sh" start "$work/mariadb" >/dev/null
base_url="$(cat "$work/mariadb/url")"
sql() {
  timeout 30 mariadb --no-defaults --socket="$work/mariadb/mysqld.sock" -uroot -e "$1"
}
url_with_database() {
  /usr/bin/python3 -c 'import sys, urllib.parse as u
p = u.urlsplit(sys.argv[1]); print(u.urlunsplit((p.scheme, p.netloc, "/" + sys.argv[2], p.query, "")))' "$1" "$2"
}
free_port() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_server DATABASE: a frontdeskd on a fresh, migrated database; sets PORT.
start_server() {
  sql "DROP DATABASE IF EXISTS \`$1\`; CREATE DATABASE \`$1\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
  PORT="$(free_port)"
  "$build_dir/server/frontdeskd" serve --migrate --database-url="$(url_with_database "$base_url" "$1")" \
    --listen="127.0.0.1:$PORT" --metrics-listen="127.0.0.1:$(free_port)" >"$work/$1.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 150); do
    (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && return 0
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.2
  done
  cat "$work/$1.log" >&2
  return 1
}

# bench DATASET FILE: prints the median records/s of $runs fresh imports.
bench() {
  local dataset="$1" file="$2" run rates=() rate
  for run in $(seq 1 "$runs"); do
    start_server "bench_${dataset}_$run"
    timeout 900 "$build_dir/cli/frontdesk" --server "127.0.0.1:$PORT" --actor bench \
      import "$dataset" "$file" >"$work/out" 2>/dev/null
    rate="$(sed -n 's/^records\/s: *\([0-9]*\).*/\1/p' "$work/out")"
    echo "  $dataset run $run: $rate interactions/s ($(sed -n 's/^created: *//p' "$work/out") created)" >&2
    rates+=("$rate")
    stop_server
    sql "DROP DATABASE \`bench_${dataset}_$run\`"
  done
  printf '%s\n' "${rates[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p"
}

declare -A files=(
  [anonbank]="$shared/anonbank-callcenter-feb1999/calls_1999_02.tsv"
  [helpdesk]="$shared/helpdesk-italian-sw/helpdesk_events.csv"
  [servicenow]="$shared/uci-servicenow-incidents/incident_event_log.zip"
)
[ -f "${files[helpdesk]}" ] || files[helpdesk]="$repo_root/data/helpdesk-italian-sw/helpdesk_events.csv"

printf '%-12s %18s  %s\n' "data set" "interactions/s" "(median of $runs, MariaDB, target $target)"
for dataset in anonbank helpdesk servicenow; do
  if [ ! -f "${files[$dataset]}" ]; then
    printf '%-12s %18s\n' "$dataset" "skipped (no file)"
    continue
  fi
  median="$(bench "$dataset" "${files[$dataset]}")"
  verdict="below target"
  [ "$median" -ge "$target" ] && verdict="meets target"
  printf '%-12s %18s  %s\n' "$dataset" "$median" "$verdict"
done
