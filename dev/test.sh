#!/usr/bin/env bash
# Runs every test of Parley against real servers on loopback: starts (or reuses) Kafka, the
# MongoDB wire server, Redis and MariaDB, installs the OpenIM JS SDK the interop tests drive, then
# runs the whole Maven build with its tests. Extra arguments go to Maven (e.g. -pl runtime).
set -euo pipefail
REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_DIR"

say() { printf '[test] %s\n' "$*"; }

command -v java >/dev/null || { echo "[test] ERROR: no java on PATH: install a JDK 17 or newer" >&2; exit 1; }
command -v mvn >/dev/null || { echo "[test] ERROR: no mvn on PATH: install Maven 3.8 or newer" >&2; exit 1; }
command -v node >/dev/null || { echo "[test] ERROR: no node on PATH: install Node.js 20 (the OpenIM SDK interop tests need it)" >&2; exit 1; }

say "backing servers"
dev/servers.sh up

say "OpenIM JS SDK for the interop tests (e2e/sdk)"
if [ ! -d e2e/sdk/node_modules/@openim/client-sdk ] || [ e2e/sdk/package-lock.json -nt e2e/sdk/node_modules/.package-lock.json ]; then
  (cd e2e/sdk && npm ci --no-audit --no-fund --loglevel=error)
fi

say "maven verify"
exec flock "${PARLEY_BUILD_LOCK:-/tmp/parley-build.lock}" mvn -B verify "$@"
