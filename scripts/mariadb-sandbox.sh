#!/usr/bin/env bash
# Starts or stops a private MariaDB for tests: its own data directory under DIR, a free port on
# 127.0.0.1, no system service. `start` writes the connection URL to DIR/url.
#   mariadb-sandbox.sh start DIR | stop DIR
set -euo pipefail
command="${1:?usage: mariadb-sandbox.sh start|stop DIR}"
dir="$(mkdir -p "${2:?usage: mariadb-sandbox.sh start|stop DIR}" && cd "$2" && pwd)"
socket="$dir/mysqld.sock"
pid_file="$dir/mysqld.pid"

stop() {
  [ -f "$pid_file" ] || return 0
  local pid
  pid="$(cat "$pid_file")"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  rm -f "$pid_file" "$dir/url"
}

free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

start() {
  stop
  rm -rf "$dir/data"
  mariadb-install-db --no-defaults --datadir="$dir/data" --user=root \
    --auth-root-authentication-method=normal --skip-test-db >"$dir/install.log" 2>&1
  local port
  port="$(free_port)"
  mariadbd --no-defaults --user=root --datadir="$dir/data" --socket="$socket" \
    --pid-file="$pid_file" --port="$port" --bind-address=127.0.0.1 --skip-name-resolve \
    --log-error="$dir/error.log" --innodb-log-file-size=48M --innodb-buffer-pool-size=256M \
    --max-connections=500 >/dev/null 2>&1 &
  for _ in $(seq 1 100); do
    mariadb-admin --no-defaults --socket="$socket" -uroot ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  mariadb --no-defaults --socket="$socket" -uroot -e \
    "CREATE DATABASE frontdesk CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
     CREATE USER 'frontdesk'@'127.0.0.1' IDENTIFIED BY 'frontdesk';
     GRANT ALL ON *.* TO 'frontdesk'@'127.0.0.1';"
  echo "mysql://frontdesk:frontdesk@127.0.0.1:$port/frontdesk" >"$dir/url"
  echo "mariadb-sandbox: serving on 127.0.0.1:$port (data in $dir/data)"
}

case "$command" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: mariadb-sandbox.sh start|stop DIR" >&2; exit 2 ;;
esac
