#!/usr/bin/env bash
# Regenerates the Python messages and gRPC stubs of the Frontdesk API from protos/ with Debian's
# protoc and grpc_python_plugin (packages protobuf-compiler, protobuf-compiler-grpc).
#
# Usage: clients/python/regenerate.sh [OUTPUT_DIR]
#   OUTPUT_DIR defaults to clients/python/frontdesk_client/_generated, which is replaced whole.
#   clients/check-generated.sh passes a temporary directory and compares.
#
# The output keeps protoc's import layout (frontdesk/v1/..., google/rpc/...): the generated
# modules import each other as `frontdesk.v1.x_pb2`, so frontdesk_client/__init__.py puts the
# directory on sys.path. Nothing here edits protoc's output.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "${here}/../.." && pwd)"
out="${1:-${here}/frontdesk_client/_generated}"

for tool in protoc grpc_python_plugin; do
  if ! command -v "${tool}" >/dev/null; then
    echo "regenerate: ${tool} missing (apt-get install protobuf-compiler protobuf-compiler-grpc)" >&2
    exit 1
  fi
done

rm -rf "${out}"
mkdir -p "${out}"
out="$(cd "${out}" && pwd)"

# Paths relative to protos/ are the names the descriptors are registered under; the server and
# every other client use the same ones.
cd "${repo_root}/protos"
timeout 120 protoc -I . \
  --python_out="${out}" \
  --grpc_out="${out}" \
  --plugin=protoc-gen-grpc="$(command -v grpc_python_plugin)" \
  frontdesk/v1/*.proto google/rpc/*.proto

echo "regenerate: Python code for $(protoc --version) written to ${out}" >&2
