# shellcheck shell=bash
# Shared helpers for the end-to-end tests of frontdeskd. Source it, then call e2e_init.
#
# Gives each test a temporary directory removed on exit, stops the processes it started by pid,
# hands out free ports on 127.0.0.1, waits with bounds in both count and time, and prints one
# PASS or FAIL line per check. Every external call is wrapped in `timeout`.
#
# Environment: FRONTDESKD (the binary), FRONTDESK_REPO (the repository root), and for tests that
# need it FRONTDESK_TEST_MYSQL_URL_FILE. E2E_KEEP_TMP=1 keeps the temporary directory.

E2E_NAME=""
E2E_TMP=""
E2E_FAILURES=0
E2E_CHECKS=0
E2E_PIDS=()
E2E_EXIT_HOOKS=()
E2E_LOGS=()
E2E_STDOUT=""
SPAWNED_PID=""
BUF=""
STOP_STATUS=""
HEALTH_PROTO=/usr/share/grpc-proto/grpc/health/v1/health.proto
PYTHON=/usr/bin/python3

pass() {
  E2E_CHECKS=$((E2E_CHECKS + 1))
  echo "PASS: $*"
}

fail() {
  E2E_CHECKS=$((E2E_CHECKS + 1))
  E2E_FAILURES=$((E2E_FAILURES + 1))
  echo "FAIL: $*"
}

# Prints a FAIL line and exits: for a broken precondition after which no check makes sense.
die() {
  E2E_FAILURES=$((E2E_FAILURES + 1))
  echo "FAIL: $* (aborting)"
  exit 1
}

note() {
  echo "  .. $*"
}

# check DESCRIPTION COMMAND...: runs the command and records PASS or FAIL.
check() {
  local description="$1"
  shift
  if "$@"; then pass "$description"; else fail "$description"; fi
}

# e2e_init NAME: checks the environment, makes the temporary directory and installs the traps.
e2e_init() {
  E2E_NAME="$1"
  E2E_START_SECONDS=$SECONDS
  [ -n "${FRONTDESKD:-}" ] || die "FRONTDESKD must name the frontdeskd binary"
  [ -x "$FRONTDESKD" ] || die "FRONTDESKD=$FRONTDESKD is not executable"
  [ -n "${FRONTDESK_REPO:-}" ] || die "FRONTDESK_REPO must name the repository root"
  [ -d "$FRONTDESK_REPO/protos/frontdesk/v1" ] || die "FRONTDESK_REPO=$FRONTDESK_REPO has no protos"
  E2E_TMP="$(mktemp -d "${TMPDIR:-/tmp}/e2e-${E2E_NAME}.XXXXXX")"
  # A copy of stdout for the exit trap, which may run inside a redirected function call.
  exec {E2E_STDOUT}>&1
  trap e2e_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  echo "== $E2E_NAME (temp dir $E2E_TMP)"
}

# e2e_on_exit COMMAND...: runs the command at exit, after tracked processes are stopped, newest
# first.
e2e_on_exit() {
  local quoted
  quoted="$(printf '%q ' "$@")"
  E2E_EXIT_HOOKS+=("$quoted")
}

# e2e_track_pid PID: stops PID at exit unless it was stopped before.
e2e_track_pid() {
  E2E_PIDS+=("$1")
}

e2e_untrack_pid() {
  local pid="$1" kept=() p
  for p in "${E2E_PIDS[@]}"; do [ "$p" = "$pid" ] || kept+=("$p"); done
  E2E_PIDS=("${kept[@]}")
}

e2e_cleanup() {
  local rc=$? i pid log
  trap - EXIT INT TERM
  [ -z "$E2E_STDOUT" ] || exec 1>&"$E2E_STDOUT" 2>&1
  for ((i = ${#E2E_PIDS[@]} - 1; i >= 0; i--)); do
    pid="${E2E_PIDS[$i]}"
    stop_pid "$pid" TERM 5 || true
  done
  for ((i = ${#E2E_EXIT_HOOKS[@]} - 1; i >= 0; i--)); do
    eval "${E2E_EXIT_HOOKS[$i]}" >/dev/null 2>&1 || true
  done
  if [ "$rc" -ne 0 ] || [ "$E2E_FAILURES" -ne 0 ]; then
    for log in "${E2E_LOGS[@]}"; do
      [ -f "$log" ] || continue
      echo "--- last lines of $(basename "$log")"
      tail -n 15 "$log" | sed 's/^/    /'
    done
  fi
  if [ -n "$E2E_TMP" ] && [ "${E2E_KEEP_TMP:-0}" != 1 ]; then rm -rf "$E2E_TMP"; fi
  exit "$rc"
}

# e2e_finish: prints the summary and exits non-zero if any check failed.
e2e_finish() {
  local elapsed=$((SECONDS - E2E_START_SECONDS))
  if [ "$E2E_FAILURES" -eq 0 ]; then
    echo "== $E2E_NAME: all $E2E_CHECKS checks passed in ${elapsed}s"
    exit 0
  fi
  echo "== $E2E_NAME: $E2E_FAILURES of $E2E_CHECKS checks FAILED in ${elapsed}s"
  exit 1
}

# free_port: prints a port on 127.0.0.1 that is free now and was not handed out before in this
# test (the ports given are remembered in a file, so it works in a command substitution).
free_port() {
  local port attempt
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    port="$(timeout 10 "$PYTHON" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])')" || continue
    if ! grep -qx "$port" "$E2E_TMP/ports" 2>/dev/null; then
      echo "$port" >>"$E2E_TMP/ports"
      echo "$port"
      return 0
    fi
  done
  echo "free_port: no new free port after $attempt attempts" >&2
  return 1
}

# port_open PORT: true when something accepts TCP connections on 127.0.0.1:PORT.
port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

port_closed() {
  ! port_open "$1"
}

# clean_failure_exit STATUS: true for a non-zero exit that is neither a timeout (124) nor death
# by a signal (128 + N, e.g. 134 for an abort).
clean_failure_exit() {
  [ "$1" -ne 0 ] && [ "$1" -ne 124 ] && [ "$1" -lt 128 ]
}

# pid_alive PID: true while PID runs (a zombie counts as gone).
pid_alive() {
  local state
  kill -0 "$1" 2>/dev/null || return 1
  state="$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" || return 1
  [ "$state" != Z ]
}

# wait_until SECONDS COMMAND...: polls the command every 0.2 s until it succeeds or time is up.
wait_until() {
  local limit="$1" deadline i
  shift
  deadline=$((SECONDS + limit))
  for ((i = 0; i < limit * 5 + 1; i++)); do
    "$@" && return 0
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.2
  done
  return 1
}

# wait_for_port PORT SECONDS [PID]: waits for the port to accept connections; gives up early if
# PID exits.
wait_for_port() {
  local port="$1" limit="$2" pid="${3:-}" deadline i
  deadline=$((SECONDS + limit))
  for ((i = 0; i < limit * 10 + 1; i++)); do
    port_open "$port" && return 0
    if [ -n "$pid" ] && ! pid_alive "$pid"; then return 1; fi
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.1
  done
  return 1
}

# stop_pid PID SIGNAL SECONDS: signals PID, waits for it to exit, sends SIGKILL after SECONDS.
# Sets STOP_STATUS to the exit status (of a child of this shell) or "killed", and untracks the
# pid. Returns non-zero only when SIGKILL was needed. Never call it in a subshell.
# shellcheck disable=SC2034 # STOP_STATUS is read by the test scripts.
stop_pid() {
  local pid="$1" signal="$2" limit="$3" i
  kill -s "$signal" "$pid" 2>/dev/null || true
  for ((i = 0; i < limit * 10; i++)); do
    pid_alive "$pid" || break
    sleep 0.1
  done
  e2e_untrack_pid "$pid"
  if pid_alive "$pid"; then
    kill -s KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    STOP_STATUS=killed
    return 1
  fi
  STOP_STATUS=0
  wait "$pid" 2>/dev/null || STOP_STATUS=$?
  return 0
}

# spawn LOG COMMAND...: runs the command in the background with its output in LOG (shown at the
# end of a failed test), stops it at exit, and sets SPAWNED_PID. The child does not inherit the
# test's saved stdout, so that a stray process cannot hold the caller's pipe open.
spawn() {
  local log="$1"
  shift
  E2E_LOGS+=("$log")
  "$@" >"$log" 2>&1 {E2E_STDOUT}>&- &
  SPAWNED_PID=$!
  e2e_track_pid "$SPAWNED_PID"
}

# start_frontdeskd NAME GRPC_PORT METRICS_PORT [ARG...]: starts `frontdeskd serve` on
# 127.0.0.1 with its output in $E2E_TMP/NAME.log, waits up to 30 s for both ports, and sets
# FRONTDESKD_PID. Returns non-zero if the process exits or the ports stay closed.
start_frontdeskd() {
  local name="$1" grpc_port="$2" metrics_port="$3"
  shift 3
  spawn "$E2E_TMP/$name.log" "$FRONTDESKD" serve --listen="127.0.0.1:$grpc_port" \
    --metrics-listen="127.0.0.1:$metrics_port" "$@"
  FRONTDESKD_PID=$SPAWNED_PID
  wait_for_port "$grpc_port" 30 "$FRONTDESKD_PID" &&
    wait_for_port "$metrics_port" 10 "$FRONTDESKD_PID"
}

# migrated_sqlite PATH: creates a migrated SQLite database at PATH with `frontdeskd migrate`.
migrated_sqlite() {
  timeout 60 "$FRONTDESKD" migrate --database-url="sqlite://$1" >"$E2E_TMP/migrate-$(basename "$1").log" 2>&1
}

# find_buf: sets BUF to the repository's buf, or fails naming the install command.
find_buf() {
  BUF="$FRONTDESK_REPO/tools/node_modules/.bin/buf"
  [ -x "$BUF" ] || die "buf missing at $BUF (run: npm ci --prefix $FRONTDESK_REPO/tools --ignore-scripts)"
  export BUF_CACHE_DIR="$E2E_TMP/buf-cache"
}

# grpc_curl PORT SERVICE/METHOD JSON [BUF ARG...]: one unary call through buf curl, bounded to 20 s.
grpc_curl() {
  local port="$1" method="$2" body="$3"
  shift 3
  timeout 20 "$BUF" curl --protocol grpc --http2-prior-knowledge --timeout 10s "$@" \
    -d "$body" "http://127.0.0.1:$port/$method"
}

# health_status PORT SERVICE: prints the health of SERVICE ("" for the server), e.g. SERVING,
# or ERROR when the call fails.
health_status() {
  local out
  out="$(grpc_curl "$1" grpc.health.v1.Health/Check "{\"service\":\"$2\"}" \
    --schema "$HEALTH_PROTO" 2>/dev/null)" || { echo ERROR; return 0; }
  out="$(printf '%s' "$out" | tr -d ' \n' | sed -n 's/.*"status":"\([A-Z_]*\)".*/\1/p')"
  echo "${out:-ERROR}"
}

# health_is PORT SERVICE STATUS: true when the health of SERVICE is STATUS.
health_is() {
  [ "$(health_status "$1" "$2")" = "$3" ]
}

# python_stubs DIR: generates the Python messages and gRPC stubs for the API into DIR.
python_stubs() {
  local dir="$1"
  mkdir -p "$dir"
  command -v protoc >/dev/null || die "protoc missing (apt-get install protobuf-compiler)"
  [ -x /usr/bin/grpc_python_plugin ] ||
    die "grpc_python_plugin missing (apt-get install protobuf-compiler-grpc)"
  "$PYTHON" -c 'import grpc, google.protobuf' 2>/dev/null ||
    die "$PYTHON cannot import grpc (apt-get install python3-grpcio python3-protobuf)"
  (cd "$FRONTDESK_REPO/protos" &&
    timeout 60 protoc -I . --python_out="$dir" --grpc_out="$dir" \
      --plugin=protoc-gen-grpc=/usr/bin/grpc_python_plugin \
      frontdesk/v1/*.proto google/rpc/*.proto)
}

# mysql_url_part URL FIELD: prints user, password, host, port or database from a mysql:// URL.
mysql_url_part() {
  "$PYTHON" - "$1" "$2" <<'EOF'
import sys
import urllib.parse
url = urllib.parse.urlsplit(sys.argv[1])
parts = {
    "user": urllib.parse.unquote(url.username or ""),
    "password": urllib.parse.unquote(url.password or ""),
    "host": url.hostname or "",
    "port": str(url.port or 3306),
    "database": url.path.lstrip("/"),
}
print(parts[sys.argv[2]])
EOF
}

# mysql_exec URL SQL: runs SQL over TCP as the URL's user, without its database; 20 s at most.
mysql_exec() {
  local url="$1" sql="$2"
  MYSQL_PWD="$(mysql_url_part "$url" password)" timeout 20 mariadb --no-defaults \
    --protocol=TCP -h "$(mysql_url_part "$url" host)" -P "$(mysql_url_part "$url" port)" \
    -u "$(mysql_url_part "$url" user)" --connect-timeout=5 -e "$sql"
}

# mysql_url_with_database URL DB: prints URL with its database replaced by DB.
mysql_url_with_database() {
  "$PYTHON" - "$1" "$2" <<'EOF'
import sys
import urllib.parse
url = urllib.parse.urlsplit(sys.argv[1])
print(urllib.parse.urlunsplit((url.scheme, url.netloc, "/" + sys.argv[2], url.query, "")))
EOF
}

# fresh_mysql_database NAME: creates database NAME in the test MariaDB named by
# FRONTDESK_TEST_MYSQL_URL_FILE, drops it at exit, and sets FRESH_DATABASE_URL to its URL.
fresh_mysql_database() {
  local name="$1" url_file="${FRONTDESK_TEST_MYSQL_URL_FILE:-}" shared
  if [ -z "$url_file" ] || [ ! -s "$url_file" ]; then
    die "FRONTDESK_TEST_MYSQL_URL_FILE must name a file holding the test MariaDB URL"
  fi
  shared="$(head -n 1 "$url_file")"
  mysql_exec "$shared" "CREATE DATABASE \`$name\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin" ||
    die "CREATE DATABASE $name failed"
  e2e_on_exit mysql_exec "$shared" "DROP DATABASE IF EXISTS \`$name\`"
  FRESH_DATABASE_URL="$(mysql_url_with_database "$shared" "$name")"
}

# ensure_apt PACKAGE...: installs with apt-get only the packages that are not installed.
ensure_apt() {
  local missing=() package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' ||
      missing+=("$package")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  note "installing ${missing[*]} with apt-get"
  timeout 600 apt-get update -qq >"$E2E_TMP/apt.log" 2>&1 &&
    DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >>"$E2E_TMP/apt.log" 2>&1
}
