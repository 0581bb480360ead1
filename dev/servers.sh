#!/usr/bin/env bash
# Start and stop the real backing servers Parley needs, on loopback only:
#   kafka    Kafka 4.1.2 broker (KRaft, combined broker+controller), own JVM
#   mongo    MongoDB wire-protocol server (in-memory backend), own JVM
#   redis    Redis    (uses a running one, else installs/starts one)
#   mariadb  MariaDB  (uses a running one, else installs/starts one)
#
# Usage: dev/servers.sh up|down|status [kafka|mongo|redis|mariadb ...]
#
# Data, pid files and logs live under ${PARLEY_DATA_DIR:-<repo>/.parley}.
# `up` is idempotent. `down` stops only the processes this script started (by the PID in its
# pid files); a Redis or MariaDB that was already running is left alone.
#
# Environment:
#   PARLEY_DATA_DIR                 data/pid/log folder (default <repo>/.parley)
#   PARLEY_KAFKA_PORT               broker port (default 9092)
#   PARLEY_KAFKA_CONTROLLER_PORT    controller port (default 9093)
#   PARLEY_MONGO_PORT               MongoDB wire port (default 27017)
#   PARLEY_REDIS_PORT               Redis port (default 6379)
#   PARLEY_MARIADB_PORT             MariaDB port (default 3306)
#   PARLEY_MARIADB_DATABASE         database to create (default parley)
#   PARLEY_KAFKA_HEAP / PARLEY_MONGO_HEAP   JVM -Xmx (default 512m each)
#   PARLEY_START_TIMEOUT            seconds to wait for each server (default 60)
#   PARLEY_BUILD_LOCK               lock file serialising Maven runs (default /tmp/parley-build.lock)
set -euo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEV_DIR="$REPO_DIR/dev"
DATA_DIR="${PARLEY_DATA_DIR:-$REPO_DIR/.parley}"
RUN_DIR="$DATA_DIR/run"
LOG_DIR="$DATA_DIR/logs"
CACHE_DIR="$DATA_DIR/cache"

HOST=127.0.0.1
KAFKA_PORT="${PARLEY_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${PARLEY_KAFKA_CONTROLLER_PORT:-9093}"
MONGO_PORT="${PARLEY_MONGO_PORT:-27017}"
REDIS_PORT="${PARLEY_REDIS_PORT:-6379}"
MARIADB_PORT="${PARLEY_MARIADB_PORT:-3306}"
MARIADB_DATABASE="${PARLEY_MARIADB_DATABASE:-parley}"
KAFKA_HEAP="${PARLEY_KAFKA_HEAP:-512m}"
MONGO_HEAP="${PARLEY_MONGO_HEAP:-512m}"
START_TIMEOUT="${PARLEY_START_TIMEOUT:-60}"
BUILD_LOCK="${PARLEY_BUILD_LOCK:-/tmp/parley-build.lock}"

KAFKA_DIR="$DATA_DIR/kafka"
KAFKA_PROPS="$KAFKA_DIR/server.properties"
KAFKA_LOG_DIRS="$KAFKA_DIR/data"

ALL_SERVERS=(kafka mongo redis mariadb)

# ---------------------------------------------------------------------------------------------
# helpers

say()  { printf '[servers] %s\n' "$*"; }
warn() { printf '[servers] WARNING: %s\n' "$*" >&2; }
die()  { printf '[servers] ERROR: %s\n' "$*" >&2; exit 1; }

pid_file() { echo "$RUN_DIR/$1.pid"; }
log_file() { echo "$LOG_DIR/$1.log"; }

# port_open PORT: true when something accepts TCP connections on $HOST:PORT.
port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null
}

# cmdline_of PID: the process's command line with spaces, or empty.
cmdline_of() {
  tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null || true
}

# our_pid NAME PATTERN: prints the PID recorded for NAME if that process is alive and its
# command line contains PATTERN (guards against a recycled PID). Returns 1 otherwise.
our_pid() {
  local f pid
  f="$(pid_file "$1")"
  [[ -s "$f" ]] || return 1
  pid="$(tr -dc '0-9' < "$f")"
  [[ -n "$pid" ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  [[ "$(cmdline_of "$pid")" == *"$2"* ]] || return 1
  echo "$pid"
}

# Pattern that identifies each server's process in /proc/PID/cmdline.
pattern_of() {
  case "$1" in
    kafka)   echo "$KAFKA_PROPS" ;;
    mongo)   echo "MongoWireServer.java" ;;
    redis)   echo "redis-server" ;;
    mariadb) echo "mariadbd" ;;
  esac
}

port_of() {
  case "$1" in
    kafka)   echo "$KAFKA_PORT" ;;
    mongo)   echo "$MONGO_PORT" ;;
    redis)   echo "$REDIS_PORT" ;;
    mariadb) echo "$MARIADB_PORT" ;;
  esac
}

tail_log() {
  local f="$1"
  if [[ -s "$f" ]]; then
    printf '[servers] --- last lines of %s ---\n' "$f" >&2
    tail -n 40 "$f" >&2 || true
    printf '[servers] ---\n' >&2
  fi
}

# wait_until NAME PID CHECK...: runs CHECK every 0.5 s until it succeeds (return 0), the
# process PID (if given) dies, or START_TIMEOUT passes (return 1).
wait_until() {
  local name="$1" pid="$2"; shift 2
  local deadline=$((SECONDS + START_TIMEOUT))
  while ((SECONDS < deadline)); do
    if "$@"; then return 0; fi
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
      warn "$name (pid $pid) exited during start-up"
      return 1
    fi
    sleep 0.5
  done
  warn "$name did not answer within ${START_TIMEOUT}s"
  return 1
}

# stop_pid NAME PATTERN GRACE: SIGTERM the recorded process, SIGKILL after GRACE seconds.
stop_pid() {
  local name="$1" pattern="$2" grace="$3" pid
  if ! pid="$(our_pid "$name" "$pattern")"; then
    if [[ -e "$(pid_file "$name")" ]]; then
      say "$name: not running (removing stale pid file)"
      rm -f "$(pid_file "$name")"
    elif port_open "$(port_of "$name")"; then
      say "$name: not started by this script; leaving it alone"
    else
      say "$name: not running"
    fi
    return 0
  fi
  say "$name: stopping pid $pid"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + grace))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then
    warn "$name: still running after ${grace}s, sending SIGKILL to $pid"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$(pid_file "$name")"
  say "$name: stopped"
}

# classpath NAME: prints the Maven-resolved classpath of dev/NAME/pom.xml, cached under
# $CACHE_DIR and re-resolved when the pom changes or a jar went missing.
classpath() {
  local name="$1" pom="$DEV_DIR/$1/pom.xml" cp_file="$CACHE_DIR/$1.classpath"
  local stale=0 jar
  if [[ ! -s "$cp_file" || "$pom" -nt "$cp_file" ]]; then
    stale=1
  else
    local -a jars
    IFS=":" read -r -a jars < "$cp_file"
    for jar in "${jars[@]}"; do
      [[ -f "$jar" ]] || { stale=1; break; }
    done
  fi
  if ((stale)); then
    command -v mvn >/dev/null || die "mvn not found: Maven is needed to resolve the $name classpath"
    say "$name: resolving classpath with Maven (first run downloads the jars)..." >&2
    local mvn_log="$LOG_DIR/$name-classpath.log" tmp="$cp_file.tmp"
    local -a lock=()
    if command -v flock >/dev/null; then lock=(flock -w 1800 "$BUILD_LOCK"); fi
    if ! "${lock[@]}" mvn -B -q -f "$pom" dependency:build-classpath \
        -Dmdep.outputFile="$tmp" >"$mvn_log" 2>&1; then
      tail_log "$mvn_log"
      die "$name: Maven could not resolve $pom"
    fi
    mv "$tmp" "$cp_file"
  fi
  cat "$cp_file"
}

# launch NAME CMD...: starts CMD detached (own session, output to the log) and records its PID.
launch() {
  local name="$1"; shift
  local log pidf
  log="$(log_file "$name")"
  pidf="$(pid_file "$name")"
  printf '\n===== %s start %s =====\n' "$name" "$(date '+%F %T')" >> "$log"
  # The inner shell writes its own PID, then execs the server: the PID is the server's.
  setsid bash -c 'echo $$ > "$1"; shift; exec "$@"' _ "$pidf" "$@" \
    </dev/null >>"$log" 2>&1 &
  local i
  for i in $(seq 1 50); do
    [[ -s "$pidf" ]] && break
    sleep 0.1
  done
  [[ -s "$pidf" ]] || die "$name: could not record the PID"
}

# ---------------------------------------------------------------------------------------------
# Kafka

kafka_write_config() {
  mkdir -p "$KAFKA_DIR" "$KAFKA_LOG_DIRS"
  cat > "$KAFKA_PROPS" <<EOF
# Generated by dev/servers.sh; edits are overwritten on the next 'up'.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$KAFKA_CONTROLLER_PORT
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://$HOST:$KAFKA_PORT,CONTROLLER://$HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$KAFKA_PORT
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$KAFKA_LOG_DIRS
num.partitions=1
default.replication.factor=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
EOF
}

kafka_java() {
  local cp="$1"; shift
  java -Xmx"$KAFKA_HEAP" -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$DEV_DIR/kafka/log4j2.xml" \
    -cp "$cp" "$@"
}

# True (and says so) when NAME is already served: by our own process, or by another one on PORT.
already_up() {
  local name="$1" port="$2" pid
  if pid="$(our_pid "$name" "$(pattern_of "$name")")"; then
    say "$name: already running (pid $pid)"
    return 0
  fi
  rm -f "$(pid_file "$name")"
  if port_open "$port"; then
    warn "$name: $HOST:$port is already served by a process this script did not start; using it"
    return 0
  fi
  return 1
}

kafka_start() {
  already_up kafka "$KAFKA_PORT" && return 0
  command -v java >/dev/null || die "java not found"
  local cp
  cp="$(classpath kafka)"
  kafka_write_config
  if [[ ! -f "$KAFKA_LOG_DIRS/meta.properties" ]]; then
    local cluster_id
    if [[ ! -s "$KAFKA_DIR/cluster.id" ]]; then
      # 16 random bytes, URL-safe base64 without padding: 22 characters, as Kafka's Uuid.
      head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' > "$KAFKA_DIR/cluster.id"
    fi
    cluster_id="$(cat "$KAFKA_DIR/cluster.id")"
    say "kafka: formatting storage (cluster id $cluster_id)"
    if ! kafka_java "$cp" kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_PROPS" \
        >>"$(log_file kafka)" 2>&1; then
      tail_log "$(log_file kafka)"
      die "kafka: storage format failed"
    fi
  fi
  say "kafka: starting broker on $HOST:$KAFKA_PORT (controller $HOST:$KAFKA_CONTROLLER_PORT)"
  launch kafka java -Xmx"$KAFKA_HEAP" -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$DEV_DIR/kafka/log4j2.xml" \
    -cp "$cp" kafka.Kafka "$KAFKA_PROPS"
}

kafka_wait() {
  local pid=""
  pid="$(our_pid kafka "$(pattern_of kafka)")" || true
  if ! wait_until kafka "$pid" port_open "$KAFKA_PORT"; then
    tail_log "$(log_file kafka)"
    die "kafka: not ready"
  fi
}

# ---------------------------------------------------------------------------------------------
# MongoDB wire server

mongo_start() {
  already_up mongo "$MONGO_PORT" && return 0
  command -v java >/dev/null || die "java not found"
  local cp
  cp="$(classpath mongo)"
  say "mongo: starting MongoDB wire server (in-memory) on $HOST:$MONGO_PORT"
  launch mongo java -Xmx"$MONGO_HEAP" -Djava.awt.headless=true \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$cp" "$DEV_DIR/mongo/MongoWireServer.java" "$HOST" "$MONGO_PORT"
}

mongo_wait() {
  local pid=""
  pid="$(our_pid mongo "$(pattern_of mongo)")" || true
  if ! wait_until mongo "$pid" port_open "$MONGO_PORT"; then
    tail_log "$(log_file mongo)"
    die "mongo: not ready"
  fi
}

# ---------------------------------------------------------------------------------------------
# Debian packages (Redis, MariaDB)

APT_UPDATED=0
apt_install() {
  command -v apt-get >/dev/null || die "apt-get not found; install $* by hand"
  if ((EUID != 0)); then die "installing $* needs root"; fi
  if ((APT_UPDATED == 0)); then
    say "apt-get update..."
    DEBIAN_FRONTEND=noninteractive apt-get update -q >"$LOG_DIR/apt.log" 2>&1 \
      || { tail_log "$LOG_DIR/apt.log"; die "apt-get update failed"; }
    APT_UPDATED=1
  fi
  say "apt-get install $*..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >>"$LOG_DIR/apt.log" 2>&1 \
    || { tail_log "$LOG_DIR/apt.log"; die "apt-get install $* failed"; }
}

# ---------------------------------------------------------------------------------------------
# Redis

redis_ping() {
  [[ "$(redis-cli -h "$HOST" -p "$REDIS_PORT" ping 2>/dev/null)" == "PONG" ]]
}

redis_start() {
  local pid
  if pid="$(our_pid redis "$(pattern_of redis)")"; then
    say "redis: already running (pid $pid, started by this script)"
    return 0
  fi
  rm -f "$(pid_file redis)"
  if command -v redis-cli >/dev/null && redis_ping; then
    say "redis: already answering on $HOST:$REDIS_PORT; using it"
    return 0
  fi
  if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
    apt_install redis-server
    # The package may have started its own service; if so, use it.
    if redis_ping; then
      say "redis: the package started it on $HOST:$REDIS_PORT; using it"
      return 0
    fi
  fi
  local logfile=/var/log/redis/ci.log
  [[ "$REDIS_PORT" == 6379 ]] || logfile="/var/log/redis/ci-$REDIS_PORT.log"
  mkdir -p /var/lib/redis /var/log/redis
  say "redis: starting on $HOST:$REDIS_PORT (log $logfile)"
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" \
    --save "" --appendonly no --dir /var/lib/redis --logfile "$logfile" \
    --pidfile "$(pid_file redis)" \
    || die "redis: redis-server failed to start (see $logfile)"
  if ! wait_until redis "" redis_ping; then
    tail_log "$logfile"
    die "redis: not answering on $HOST:$REDIS_PORT"
  fi
}

# ---------------------------------------------------------------------------------------------
# MariaDB

mariadb_client() {
  if command -v mariadb >/dev/null; then
    mariadb -h"$HOST" -P"$MARIADB_PORT" -uroot --connect-timeout=3 "$@"
  else
    mysql -h"$HOST" -P"$MARIADB_PORT" -uroot --connect-timeout=3 "$@"
  fi
}

mariadb_ok() {
  mariadb_client -e 'select 1' >/dev/null 2>&1
}

mariadb_root_hint() {
  cat >&2 <<EOF
[servers] MariaDB answers on $HOST:$MARIADB_PORT, but root cannot log in over TCP without a
[servers] password. Parley's tests expect root with an empty password on loopback. To allow it,
[servers] run as root on this machine (it uses the local socket):
[servers]   mariadb -uroot -e "ALTER USER root@localhost IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket; FLUSH PRIVILEGES;"
[servers] The error was:
EOF
  mariadb_client -e 'select 1' 2>&1 | sed 's/^/[servers]   /' >&2 || true
}

mariadb_ensure_database() {
  mariadb_client -e "CREATE DATABASE IF NOT EXISTS \`$MARIADB_DATABASE\`" \
    || die "mariadb: could not create database $MARIADB_DATABASE"
}

mariadb_start() {
  local pid
  if pid="$(our_pid mariadb "$(pattern_of mariadb)")"; then
    say "mariadb: already running (pid $pid, started by this script)"
    mariadb_ensure_database
    return 0
  fi
  rm -f "$(pid_file mariadb)"
  if ! command -v mariadb >/dev/null && ! command -v mysql >/dev/null; then
    apt_install mariadb-client
  fi
  if mariadb_ok; then
    say "mariadb: already answering on $HOST:$MARIADB_PORT; using it"
    mariadb_ensure_database
    return 0
  fi
  if port_open "$MARIADB_PORT"; then
    mariadb_root_hint
    die "mariadb: root cannot connect"
  fi
  if [[ ! -x /usr/sbin/mariadbd ]]; then
    apt_install mariadb-server
    # The package may have started its own service; if so, use it.
    if wait_until mariadb-package "" port_open "$MARIADB_PORT" 2>/dev/null && mariadb_ok; then
      say "mariadb: the package started it on $HOST:$MARIADB_PORT; using it"
      mariadb_ensure_database
      return 0
    fi
  fi
  mkdir -p /run/mysqld
  chown mysql:mysql /run/mysqld 2>/dev/null || true
  if [[ ! -d /var/lib/mysql/mysql ]]; then
    say "mariadb: initialising the data directory /var/lib/mysql"
    mariadb-install-db --user=mysql --datadir=/var/lib/mysql \
      --auth-root-authentication-method=normal >>"$(log_file mariadb)" 2>&1 \
      || { tail_log "$(log_file mariadb)"; die "mariadb: mariadb-install-db failed"; }
  fi
  say "mariadb: starting on $HOST:$MARIADB_PORT (log $(log_file mariadb))"
  start-stop-daemon --start --oknodo --background \
    --make-pidfile --pidfile "$(pid_file mariadb)" \
    --output "$(log_file mariadb)" \
    --exec /usr/sbin/mariadbd -- --user=mysql --bind-address="$HOST" --port="$MARIADB_PORT" \
    || die "mariadb: start-stop-daemon failed"
  pid="$(tr -dc '0-9' < "$(pid_file mariadb)" 2>/dev/null || true)"
  if ! wait_until mariadb "$pid" port_open "$MARIADB_PORT"; then
    tail_log "$(log_file mariadb)"
    die "mariadb: not answering on $HOST:$MARIADB_PORT"
  fi
  # The port opens slightly before logins work.
  local i
  for i in $(seq 1 20); do mariadb_ok && break; sleep 0.5; done
  if ! mariadb_ok; then
    mariadb_root_hint
    die "mariadb: root cannot connect"
  fi
  mariadb_ensure_database
}

# ---------------------------------------------------------------------------------------------
# status / summary

# state_line NAME: one summary line for a server.
state_line() {
  local name="$1" port pid state owner
  port="$(port_of "$name")"
  if pid="$(our_pid "$name" "$(pattern_of "$name")")"; then
    owner="pid $pid, started here"
  else
    owner="not started here"
  fi
  case "$name" in
    redis)   if command -v redis-cli >/dev/null && redis_ping; then state=up; else state=down; fi ;;
    mariadb) if mariadb_ok; then state=up; elif port_open "$port"; then state="up (root login fails)"; else state=down; fi ;;
    *)       if port_open "$port"; then state=up; else state=down; fi ;;
  esac
  [[ "$state" == down && "$owner" == "not started here" ]] && owner=""
  local extra=""
  case "$name" in
    kafka)   extra="bootstrap $HOST:$port" ;;
    mongo)   extra="mongodb://$HOST:$port" ;;
    redis)   extra="redis://$HOST:$port" ;;
    mariadb) extra="jdbc:mariadb://$HOST:$port/$MARIADB_DATABASE user root" ;;
  esac
  printf '  %-8s %-22s %-6s %-28s %s\n' "$name" "$HOST:$port" "$state" "${owner:+($owner)}" "$extra"
  [[ "$state" == up ]]
}

summary() {
  local rc=0 name
  say "summary (data, pid files and logs in $DATA_DIR):"
  for name in "$@"; do state_line "$name" || rc=1; done
  return "$rc"
}

# ---------------------------------------------------------------------------------------------
# commands

cmd_up() {
  local -a names=("$@")
  local name
  for name in "${names[@]}"; do
    case "$name" in
      kafka) kafka_start ;;
      mongo) mongo_start ;;
      redis) redis_start ;;
      mariadb) mariadb_start ;;
    esac
  done
  # The JVMs start in parallel with the rest; wait for them last.
  for name in "${names[@]}"; do
    case "$name" in
      kafka) kafka_wait ;;
      mongo) mongo_wait ;;
    esac
  done
  summary "${names[@]}"
}

cmd_down() {
  local -a names=("$@")
  local i name
  # Reverse order of start.
  for ((i = ${#names[@]} - 1; i >= 0; i--)); do
    name="${names[$i]}"
    case "$name" in
      kafka)   stop_pid kafka "$(pattern_of kafka)" 60 ;;
      mongo)   stop_pid mongo "$(pattern_of mongo)" 20 ;;
      redis)   stop_pid redis "$(pattern_of redis)" 20 ;;
      mariadb) stop_pid mariadb "$(pattern_of mariadb)" 60 ;;
    esac
  done
}

usage() {
  echo "usage: $0 up|down|status [kafka|mongo|redis|mariadb ...]" >&2
  exit 2
}

main() {
  [[ $# -ge 1 ]] || usage
  local cmd="$1"; shift
  local -a names
  if [[ $# -eq 0 ]]; then
    names=("${ALL_SERVERS[@]}")
  else
    names=()
    local n
    for n in "${ALL_SERVERS[@]}"; do
      local a
      for a in "$@"; do [[ "$a" == "$n" ]] && names+=("$n"); done
    done
    for a in "$@"; do
      case "$a" in kafka|mongo|redis|mariadb) ;; *) die "unknown server: $a" ;; esac
    done
  fi
  mkdir -p "$RUN_DIR" "$LOG_DIR" "$CACHE_DIR"
  case "$cmd" in
    up)     cmd_up "${names[@]}" ;;
    down)   cmd_down "${names[@]}" ;;
    status) summary "${names[@]}" ;;
    *)      usage ;;
  esac
}

main "$@"
