#!/usr/bin/env bash
# Runs every test of Parley against real servers on loopback: starts (or reuses) Kafka, the
# MongoDB wire server, Redis and MariaDB, installs the OpenIM JS SDK the interop tests drive, runs
# the whole Maven build with its tests, then a smoke run of the benchmark against a fresh runtime
# (lost and duplicate messages must be zero). Extra arguments go to Maven (e.g. -pl runtime);
# PARLEY_SKIP_BENCH=1 skips the benchmark smoke run.
set -euo pipefail
REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_DIR"
LOCK="${PARLEY_BUILD_LOCK:-/tmp/parley-build.lock}"
BENCH_PORT="${PARLEY_BENCH_PORT:-10091}"

say() { printf '[test] %s\n' "$*"; }
die() { printf '[test] ERROR: %s\n' "$*" >&2; exit 1; }

command -v java >/dev/null || die "no java on PATH: install a JDK 17 or newer"
command -v mvn >/dev/null || die "no mvn on PATH: install Maven 3.8 or newer"
command -v node >/dev/null || die "no node on PATH: install Node.js 20 (the OpenIM SDK interop tests need it)"

say "backing servers"
dev/servers.sh up

say "OpenIM JS SDK for the interop tests (e2e/sdk)"
if [ ! -d e2e/sdk/node_modules/@openim/client-sdk ] || [ e2e/sdk/package-lock.json -nt e2e/sdk/node_modules/.package-lock.json ]; then
  (cd e2e/sdk && npm ci --no-audit --no-fund --loglevel=error)
fi

say "maven verify"
flock "$LOCK" mvn -B verify dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -DincludeScope=runtime "$@"

if [ "${PARLEY_SKIP_BENCH:-}" = 1 ] || [ ! -f runtime/target/quarkus-app/quarkus-run.jar ] || [ ! -d e2e/target/classes ]; then
  say "maven verify passed (benchmark smoke run skipped)"
  exit 0
fi

say "benchmark smoke run against a fresh runtime on 127.0.0.1:$BENCH_PORT"
log="$(mktemp -t parley-bench-runtime.XXXXXX.log)"
java -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$BENCH_PORT" -jar runtime/target/quarkus-app/quarkus-run.jar >"$log" 2>&1 &
runtime_pid=$!
trap 'kill "$runtime_pid" 2>/dev/null || true; wait "$runtime_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$BENCH_PORT/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$runtime_pid" 2>/dev/null || { tail -40 "$log" >&2; die "the runtime exited before it was ready"; }
  sleep 1
done
curl -sf "http://127.0.0.1:$BENCH_PORT/q/health/ready" >/dev/null || { tail -40 "$log" >&2; die "the runtime was not ready within 120 s"; }
result="$(PARLEY_BENCH_SKIP_BUILD=1 dev/bench.sh --smoke --api "http://127.0.0.1:$BENCH_PORT")"
echo "$result"
node -e '
  const r = JSON.parse(process.argv[1]);
  const bad = [];
  if (r.error) bad.push("error: " + r.error);
  for (const phase of ["load", "offline", "group"]) {
    const p = r[phase];
    if (!p) { bad.push(phase + " did not run"); continue; }
    for (const k of ["lost", "duplicates"]) if (p[k] !== 0) bad.push(`${phase}.${k} = ${p[k]}`);
  }
  if (bad.length) { console.error("[test] benchmark smoke run failed: " + bad.join("; ")); process.exit(1); }
' "$result"
say "maven verify passed; benchmark smoke run passed (nothing lost, nothing duplicated)"
