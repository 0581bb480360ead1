#!/usr/bin/env bash
# Build the load generator and run the benchmark workload against a running Parley.
#
# Usage: dev/bench.sh [--smoke] [--flag value ...]     (dev/bench.sh --help lists the flags)
#
# Prints progress on stderr and ONE JSON line on stdout. The server is not started here: run the
# runtime (and dev/servers.sh up) first. Server PIDs for memory/CPU figures come from the pid files
# of dev/servers.sh and from whichever process listens on each server's port; --pids name=pid
# overrides both.
#
# Environment:
#   PARLEY_BENCH_SKIP_BUILD=1   reuse the last build
#   PARLEY_BUILD_LOCK           lock file serialising Maven runs (default /tmp/parley-build.lock)
#   PARLEY_DATA_DIR             where dev/servers.sh keeps its pid files (default <repo>/.parley)
#   BENCH_JAVA_OPTS             JVM options of the load generator (default -Xmx1g)
set -euo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_LOCK="${PARLEY_BUILD_LOCK:-/tmp/parley-build.lock}"
DATA_DIR="${PARLEY_DATA_DIR:-$REPO_DIR/.parley}"
CLASSPATH_FILE="$REPO_DIR/e2e/target/bench.classpath"

cd "$REPO_DIR"
if [[ "${PARLEY_BENCH_SKIP_BUILD:-}" != 1 || ! -s "$CLASSPATH_FILE" ]]; then
  echo "[bench] building e2e (waiting for $BUILD_LOCK)" >&2
  flock "$BUILD_LOCK" mvn -B -q -pl e2e -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/bench.classpath -DincludeScope=runtime >&2
fi

defaults=()
[[ -d "$DATA_DIR/run" ]] && defaults+=(--pid-dir "$DATA_DIR/run")
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)"
commit="$(git rev-parse --short HEAD 2>/dev/null || true)"
defaults+=(--server-version "${version}${commit:++$commit}")

# shellcheck disable=SC2086
exec java ${BENCH_JAVA_OPTS:--Xmx1g} -cp "$REPO_DIR/e2e/target/classes:$(cat "$CLASSPATH_FILE")" \
  dev.parley.e2e.bench.Bench "${defaults[@]}" "$@"
