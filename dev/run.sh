#!/usr/bin/env bash
# Runs Parley locally: starts (or reuses) the backing servers on loopback, builds the runtime and
# starts it in role `all` (gateway, transfer and push in one JVM) on port 10001. Ctrl-C stops the
# runtime; `dev/servers.sh down` stops the servers this script's helper started.
set -euo pipefail
REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_DIR"
PORT="${PARLEY_PORT:-10001}"

say() { printf '[run] %s\n' "$*"; }

say "backing servers"
dev/servers.sh up

say "building the runtime"
flock "${PARLEY_BUILD_LOCK:-/tmp/parley-build.lock}" mvn -B -q -pl runtime -am package -DskipTests

cat <<TXT
[run] starting Parley (role all) on port $PORT
[run]   WebSocket (OpenIM wsAddr):  ws://127.0.0.1:$PORT
[run]   HTTP API  (OpenIM apiAddr): http://127.0.0.1:$PORT
[run]   health: http://127.0.0.1:$PORT/q/health/ready   metrics: http://127.0.0.1:$PORT/q/metrics
[run] get a token (the admin secret is parley.auth.admin-secret, default openIM123):
[run]   ADMIN=\$(curl -s -XPOST http://127.0.0.1:$PORT/auth/get_admin_token -H 'content-type: application/json' \\
[run]           -d '{"secret":"openIM123","userID":"imAdmin"}' | sed 's/.*"token":"\\([^"]*\\)".*/\\1/')
[run]   curl -s -XPOST http://127.0.0.1:$PORT/user/user_register -H "token: \$ADMIN" -H 'content-type: application/json' \\
[run]        -d '{"users":[{"userID":"alice","nickname":"Alice"}]}'
[run]   curl -s -XPOST http://127.0.0.1:$PORT/auth/get_user_token -H "token: \$ADMIN" -H 'content-type: application/json' \\
[run]        -d '{"userID":"alice","platformID":5}'
TXT
exec java ${PARLEY_JAVA_OPTS:-} -Dquarkus.http.port="$PORT" -jar runtime/target/quarkus-app/quarkus-run.jar
