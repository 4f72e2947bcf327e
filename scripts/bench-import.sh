#!/usr/bin/env bash
# Measures ImportInteractions throughput: starts a private MariaDB (or, with --sqlite, a SQLite
# file) and a frontdeskd on it, runs frontdesk_import_benchmark three times, prints each rate and
# the median, and stops what it started.
#   bench-import.sh [--sqlite] [--records=N] [--batch=N]   (N records per run, default 100000)
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${FRONTDESK_BUILD_DIR:-$repo_root/build}"
frontdeskd="$build_dir/server/frontdeskd"
benchmark="$build_dir/bench/frontdesk_import_benchmark"
work="$(mktemp -d "${TMPDIR:-/tmp}/frontdesk-bench.XXXXXX")"
store=mariadb
args=()
for arg in "$@"; do
  case "$arg" in
    --sqlite) store=sqlite ;;
    --records=* | --batch=*) args+=("$arg") ;;
    *) echo "usage: bench-import.sh [--sqlite] [--records=N] [--batch=N]" >&2; exit 2 ;;
  esac
done
for binary in "$frontdeskd" "$benchmark"; do
  [ -x "$binary" ] || { echo "missing $binary; build first" >&2; exit 1; }
done

server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  [ "$store" = mariadb ] && "$repo_root/scripts/mariadb-sandbox.sh" stop "$work/mariadb" >/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

if [ "$store" = mariadb ]; then
  "$repo_root/scripts/mariadb-sandbox.sh" start "$work/mariadb" >/dev/null
  database_url="$(cat "$work/mariadb/url")"
else
  database_url="sqlite://$work/frontdesk.db"
fi
port="$(free_port)"
"$frontdeskd" serve --migrate --database-url="$database_url" --listen="127.0.0.1:$port" \
  --metrics-listen="127.0.0.1:$(free_port)" --log-level=warn >"$work/frontdeskd.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/frontdeskd.log" >&2; exit 1; }
  sleep 0.1
done

rates=()
for run in 1 2 3; do
  line="$(timeout 900 "$benchmark" --target="127.0.0.1:$port" --prefix="run$run" "${args[@]}")"
  echo "$store run $run: $line"
  rates+=("$(sed -n 's/.*records_per_second=\([0-9]*\).*/\1/p' <<<"$line")")
done
median="$(printf '%s\n' "${rates[@]}" | sort -n | sed -n 2p)"
echo "$store median records_per_second=$median"
