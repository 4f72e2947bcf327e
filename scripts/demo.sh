#!/usr/bin/env bash
# One-command demo: builds Frontdesk, starts frontdeskd on its embedded SQLite store in a
# temporary directory, imports the bundled help desk data set (data/helpdesk-italian-sw) with
# the frontdesk client, prints its KPI report (by priority, then a monthly trend) and stops the
# server. Ports are picked free on 127.0.0.1.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${FRONTDESK_BUILD_DIR:-$repo_root/build}"
data="$repo_root/data/helpdesk-italian-sw/helpdesk_events.csv"

"$repo_root/scripts/build.sh" --target frontdeskd frontdesk >/dev/null
work="$(mktemp -d "${TMPDIR:-/tmp}/frontdesk-demo.XXXXXX")"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
grpc_port="$(free_port)"
metrics_port="$(free_port)"
"$build_dir/server/frontdeskd" serve --migrate --database-url="sqlite://$work/frontdesk.db" \
  --listen="127.0.0.1:$grpc_port" --metrics-listen="127.0.0.1:$metrics_port" \
  >"$work/frontdeskd.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 150); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$grpc_port") 2>/dev/null; then break; fi
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/frontdeskd.log" >&2; exit 1; }
  sleep 0.2
done

cli=("$build_dir/cli/frontdesk" --server "127.0.0.1:$grpc_port" --actor demo)
echo "== Importing $data"
"${cli[@]}" import helpdesk "$data"
# The log runs from January 2010 to 2014; a report spans at most 400 days, so show 2012.
echo
echo "== KPI report for 2012, by priority, with a monthly trend"
"${cli[@]}" report --start 2012-01-01 --end 2013-01-01 --group-by priority --trend month
