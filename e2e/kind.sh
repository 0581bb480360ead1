#!/usr/bin/env bash
# Runs the Kubernetes end-to-end suite (e2e/src/test/java/dev/parley/e2e/kind) on a throwaway kind
# cluster. Needs Docker, kind, a JDK 17+, Maven and Node.js 20, and internet access for the
# Strimzi chart and the Kafka, Redis, MongoDB and MySQL images.
#
#   e2e/kind.sh               create the cluster, build and load the images, run the suite, delete the cluster
#   PARLEY_KIND_KEEP=1 e2e/kind.sh    keep the cluster afterwards (kubectl --context kind-parley-e2e ...)
#
# Environment: PARLEY_KIND_CLUSTER (default parley-e2e), PARLEY_KIND_NODE_IMAGE (kind's default
# when unset), PARLEY_BUILD_LOCK (default /tmp/parley-build.lock), and the suite's own
# PARLEY_E2E_* settings (see KindClusterTest).
set -euo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLUSTER="${PARLEY_KIND_CLUSTER:-parley-e2e}"
LOCK="${PARLEY_BUILD_LOCK:-/tmp/parley-build.lock}"
VERSION="0.1.0"
RUNTIME_IMAGE="parley/runtime:$VERSION"
OPERATOR_IMAGE="parley/operator:$VERSION"

say() { printf '[kind] %s\n' "$*" >&2; }
die() { printf '[kind] ERROR: %s\n' "$*" >&2; exit 1; }

for tool in docker kind java mvn node npm; do
  command -v "$tool" >/dev/null || die "no $tool on PATH (this script needs Docker, kind, a JDK 17+, Maven and Node.js 20)"
done
docker info >/dev/null 2>&1 || die "the Docker engine is not reachable"

cd "$REPO_DIR"
dev/k8s-tools.sh >/dev/null

if kind get clusters 2>/dev/null | grep -qx "$CLUSTER"; then
  say "reusing kind cluster $CLUSTER"
else
  say "creating kind cluster $CLUSTER"
  kind create cluster --name "$CLUSTER" ${PARLEY_KIND_NODE_IMAGE:+--image "$PARLEY_KIND_NODE_IMAGE"} --wait 120s
fi
cleanup() {
  if [ "${PARLEY_KIND_KEEP:-}" != 1 ]; then
    say "deleting kind cluster $CLUSTER (PARLEY_KIND_KEEP=1 keeps it)"
    kind delete cluster --name "$CLUSTER" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

say "building the runtime and the operator"
flock "$LOCK" mvn -B -q -pl runtime,operator -am package -DskipTests

say "building images $RUNTIME_IMAGE and $OPERATOR_IMAGE"
docker build -q -f runtime/src/main/docker/Dockerfile.jvm -t "$RUNTIME_IMAGE" runtime >/dev/null
docker build -q -f operator/src/main/docker/Dockerfile.jvm -t "$OPERATOR_IMAGE" operator >/dev/null

say "loading the images into $CLUSTER"
kind load docker-image --name "$CLUSTER" "$RUNTIME_IMAGE" "$OPERATOR_IMAGE"

say "OpenIM JS SDK for the chat scenarios (e2e/sdk)"
(cd e2e/sdk && npm ci --no-audit --no-fund --loglevel=error)

say "running KindClusterTest against kind-$CLUSTER"
PARLEY_E2E_KUBE_CONTEXT="kind-$CLUSTER" PARLEY_E2E_OPERATOR_IMAGE="$OPERATOR_IMAGE" \
  flock "$LOCK" mvn -B -pl e2e -am verify -Dtest=KindClusterTest -Dsurefire.failIfNoSpecifiedTests=false
