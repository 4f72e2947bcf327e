#!/usr/bin/env bash
# Installs what building, running and testing Frontdesk needs on Debian 12, skipping what is
# already there. Run as root (or with sudo available).
set -euo pipefail

PACKAGES=(
  cmake ninja-build g++ pkg-config
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler grpc-proto
  libsoci-dev libboost-dev libmariadb-dev libsqlite3-dev libabsl-dev libzip-dev
  prometheus-cpp-dev libgtest-dev libgmock-dev libbenchmark-dev
  mariadb-server mariadb-client prometheus curl ca-certificates
  python3 python3-grpcio python3-protobuf
)
# Node.js may come from another source that bundles npm; Debian's npm would conflict with it.
command -v node >/dev/null 2>&1 || PACKAGES+=(nodejs)
command -v npm >/dev/null 2>&1 || PACKAGES+=(npm)

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  # Package scripts must not start a system MariaDB or Prometheus: tests start private ones.
  DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 $SUDO apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

# Protobuf lint and buf curl come from npm, pinned by tools/package-lock.json.
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ ! -x "$repo_root/tools/node_modules/.bin/buf" ]; then
  npm ci --prefix "$repo_root/tools" --ignore-scripts --no-audit --no-fund >/dev/null
fi
