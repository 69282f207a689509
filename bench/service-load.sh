#!/usr/bin/env bash
# Load of `verbatim serve`: JOBS no-op jobs (default 10,000) through SQLite and through PostgreSQL with WORKERS
# `verbatim worker` processes (default 4, CONCURRENCY jobs each, default 64), reported as jobs per second from the import's
# commit to the last result; then the dashboard's response times with RESULTS package results (default 100,000) recorded, from
# a small bounded load client on 127.0.0.1 (bench/service_load_client.py: REQUESTS requests, CLIENTS at once).
# DATABASES="sqlite postgres" by default; DASHBOARD_DB=sqlite|postgres (default postgres) holds the 100,000 results.
# PostgreSQL is Debian's, started by this script in a temporary directory on a free port, as the postgres user.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
# shellcheck source=bench/lib.sh
source "$here/lib.sh"
ensure_packages postgresql curl python3

JOBS=${JOBS:-10000}
WORKERS=${WORKERS:-4}
CONCURRENCY=${CONCURRENCY:-64}   # noop jobs take no time: the jobs in flight per worker are what hide the round trips
RESULTS=${RESULTS:-100000}
REQUESTS=${REQUESTS:-2000}
CLIENTS=${CLIENTS:-4}
DATABASES=${DATABASES-sqlite postgres}   # empty: only the dashboard run
DASHBOARD_DB=${DASHBOARD_DB:-postgres}

verbatim=${VERBATIM:-$root/verbatim}   # VERBATIM=PATH runs another build of the CLI (e.g. .build/cli/verbatim)
"$verbatim" --version >/dev/null
work=$(mktemp -d /tmp/verbatim-service-load.XXXXXX)
chmod 755 "$work"
pids=()
pgdata=""
pgbin=$(ls -d /usr/lib/postgresql/*/bin | head -1)
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || :; done
  wait 2>/dev/null || :
  [ -n "$pgdata" ] && runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -m immediate -w stop >/dev/null 2>&1 || :
  rm -rf "$work"
}
trap cleanup EXIT
trap "exit 143" TERM
trap "exit 130" INT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_postgres() {
  pgdata="$work/pg"
  mkdir -p "$pgdata" && chown postgres:postgres "$pgdata"
  pgport=$(free_port)
  runuser -u postgres -- "$pgbin/initdb" -D "$pgdata" -A trust -U verbatim --no-sync -E UTF8 >/dev/null
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdata/log" -w \
    -o "-p $pgport -h 127.0.0.1 -k $pgdata -c max_connections=300 -c shared_buffers=256MB" start >/dev/null
}

database_url() { # $1: sqlite|postgres, $2: name
  if [ "$1" = sqlite ]; then echo "sqlite:$work/$2.db"; else
    runuser -u postgres -- "$pgbin/createdb" -h 127.0.0.1 -p "$pgport" -U verbatim "$2"
    echo "postgres://verbatim@127.0.0.1:$pgport/$2"
  fi
}

# run_jobs DB COUNT: starts a server and WORKERS workers on DB, imports COUNT noop packages, waits until none is
# pending; sets $import_secs (the import's one transaction) and $elapsed (seconds, from the import's commit to the last result) and leaves the server running as $server_pid at $url.
run_jobs() {
  local db=$1 count=$2 port i start end pending
  port=$(free_port)
  url="http://127.0.0.1:$port"
  "$verbatim" token create --db "$db" --scope admin --name admin --out "$work/admin.token" >/dev/null
  "$verbatim" serve --db "$db" --urls "$url" --workers 0 >"$work/serve.log" 2>&1 &
  server_pid=$!
  pids+=("$server_pid")
  until grep -q "listening on" "$work/serve.log"; do sleep 0.1; kill -0 "$server_pid" || { cat "$work/serve.log"; exit 1; }; done
  local auth="Authorization: Bearer $(cat "$work/admin.token")"
  curl -sf -H "$auth" -H 'Content-Type: application/json' -d '{"name":"load","ecosystem":"noop"}' "$url/api/v1/collections" >/dev/null
  python3 -c "import sys; print('\n'.join(f'pkg{i}=1.0' for i in range(int(sys.argv[1]))))" "$count" >"$work/list"
  local worker_pids=()
  for i in $(seq "$WORKERS"); do
    "$verbatim" token create --db "$db" --scope worker --name "w$i" --out "$work/w$i.token" >/dev/null
    "$verbatim" worker --server "$url" --token-file "$work/w$i.token" --concurrency "$CONCURRENCY" --quiet >>"$work/workers.log" 2>&1 &
    worker_pids+=($!)
    pids+=($!)
  done
  sleep 1 # the workers register their keys and start polling
  local imported=$EPOCHREALTIME
  curl -sf -H "$auth" --data-binary @"$work/list" -H 'Content-Type: text/plain' "$url/api/v1/collections/load/import?format=list" >/dev/null
  start=$EPOCHREALTIME
  # CPU from here on: the jobs' share, not the start-up's nor the import's.
  local pg_before server_before workers_before=0
  pg_before=$(pg_cpu)
  server_before=$(cpu_secs "$server_pid")
  for i in "${worker_pids[@]}"; do workers_before=$(python3 -c "import sys; print(round(float(sys.argv[1]) + float(sys.argv[2]), 2))" "$workers_before" "$(cpu_secs "$i")"); done
  import_secs=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$imported" "$start")
  while :; do
    # The first "pending" of the answer is section all's (grep, not a Python per poll: the poll must not take the CPU it measures).
    pending=$(curl -sf "$url/api/v1/collections/load" | grep -o '"pending":[0-9]*' | head -1 | cut -d: -f2)
    [ "$pending" = 0 ] && break
    sleep 0.1
  done
  end=$EPOCHREALTIME
  cpu_pg=$(python3 -c "import sys; print(round(float(sys.argv[2]) - float(sys.argv[1]), 2))" "$pg_before" "$(pg_cpu)")
  cpu_server=$(python3 -c "import sys; print(round(float(sys.argv[2]) - float(sys.argv[1]), 2))" "$server_before" "$(cpu_secs "$server_pid")")
  cpu_workers=$(python3 -c "import sys; print(round(-float(sys.argv[1]), 2))" "$workers_before")
  for i in "${worker_pids[@]}"; do cpu_workers=$(python3 -c "import sys; print(round(float(sys.argv[1]) + float(sys.argv[2]), 2))" "$cpu_workers" "$(cpu_secs "$i")"); done
  elapsed=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$start" "$end")
  kill "${worker_pids[@]}" 2>/dev/null || :
  wait "${worker_pids[@]}" 2>/dev/null || :
}

# cpu_secs PID: the CPU time (user + system, seconds) the process has used so far.
cpu_secs() { python3 -c "import os,sys; f=open(f'/proc/{sys.argv[1]}/stat').read().rsplit(')',1)[1].split(); print(round((int(f[11]) + int(f[12])) / os.sysconf('SC_CLK_TCK'), 2))" "$1"; }

# pg_cpu: the CPU seconds PostgreSQL has used so far (the postmaster, its ended children, its live backends); 0 without it.
pg_cpu() {
  [ -n "$pgdata" ] && [ -f "$pgdata/postmaster.pid" ] || { echo 0; return; }
  python3 - "$(head -1 "$pgdata/postmaster.pid")" <<'PY'
import os, sys
master = sys.argv[1]
tick = os.sysconf('SC_CLK_TCK')
def fields(pid):
    try:
        return open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()
    except OSError:
        return None
total = 0
m = fields(master)
total += int(m[11]) + int(m[12]) + int(m[13]) + int(m[14])
for pid in os.listdir('/proc'):
    if pid.isdigit() and pid != master:
        f = fields(pid)
        if f and f[1] == master:
            total += int(f[11]) + int(f[12])
print(round(total / tick, 2))
PY
}

stop_server() { kill "$server_pid" 2>/dev/null || :; wait "$server_pid" 2>/dev/null || :; }

case " $DATABASES $DASHBOARD_DB " in *" postgres "*) start_postgres ;; esac
echo "load before: $(uptime | sed 's/.*load average: //')"
for kind in $DATABASES; do
  run_jobs "$(database_url "$kind" "jobs_$kind")" "$JOBS"
  stop_server
  python3 -c "import sys; print(f'{sys.argv[1]}: {sys.argv[2]} noop jobs (imported in {sys.argv[6]} s), {sys.argv[3]} workers x {sys.argv[4]}: all done {sys.argv[5]} s later: {int(sys.argv[2]) / float(sys.argv[5]):.0f} jobs/s; CPU: server {sys.argv[7]} s, workers {sys.argv[8]} s ({(float(sys.argv[7]) + float(sys.argv[8])) * 1000 / int(sys.argv[2]):.2f} ms a job); PostgreSQL {sys.argv[9]} s')" \
    "$kind" "$JOBS" "$WORKERS" "$CONCURRENCY" "$elapsed" "$import_secs" "$cpu_server" "$cpu_workers" "$cpu_pg"
done

run_jobs "$(database_url "$DASHBOARD_DB" dashboard)" "$RESULTS"
echo "$DASHBOARD_DB: $RESULTS results recorded in $elapsed s; dashboard load: $REQUESTS requests, $CLIENTS at once"
python3 "$here/service_load_client.py" "$url" "$REQUESTS" "$CLIENTS" "$RESULTS"
stop_server
echo "load after: $(uptime | sed 's/.*load average: //')"
