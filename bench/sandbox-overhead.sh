#!/usr/bin/env bash
# Sandbox overhead of `verbatim build` steps: the hello-c and hello-nupkg examples' steps run bare (a cleared environment
# in a fresh copy of the workspace) and in the same bubblewrap sandbox `verbatim build` uses (the arguments mirror
# src/Verbatim.Build/Sandbox/BwrapArguments.cs), alternating, RUNS times each (default 5). Prints the mean wall time of
# each, the overhead in percent and in milliseconds per step, and the cost of an empty step. Target: < 5 %, < 30 ms/step.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
runs="${RUNS:-5}"
work="$(mktemp -d /tmp/verbatim-bench.XXXXXX)"
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
command -v bwrap >/dev/null || { echo "bench: bubblewrap is required (apt-get install bubblewrap)" >&2; exit 2; }

drop=()
if [ "$(id -u)" -eq 0 ]; then
  drop=(setpriv --reuid=65534 --regid=65534 --clear-groups --)   # as verbatim does: RLIMIT_NPROC never binds root
fi

mkdir -p "$work/etc"
printf 'root:x:0:0:root:/root:/bin/sh\nbuilder:x:1000:1000:builder:/tmp/home:/bin/sh\n' >"$work/etc/passwd"
printf 'root:x:0:\nbuilder:x:1000:\n' >"$work/etc/group"
printf '127.0.0.1\tlocalhost\n127.0.1.1\tverbatim\n' >"$work/etc/hosts"
printf 'verbatim\n' >"$work/etc/hostname"

fixed_env=(SOURCE_DATE_EPOCH=1700000000 TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 USER=builder LOGNAME=builder TMPDIR=/tmp
  PATH=/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin)

sandbox() { # sandbox NAME WORKSPACE EXTRA_ENV... -- COMMAND
  local name="$1" ws="$2"; shift 2
  local args=(--unshare-all --die-with-parent --new-session --clearenv --uid 1000 --gid 1000 --hostname verbatim
    --ro-bind /usr /usr)
  for d in bin sbin lib lib32 lib64 libx32; do
    if [ -L "/$d" ]; then args+=(--symlink "$(readlink "/$d")" "/$d"); elif [ -d "/$d" ]; then args+=(--ro-bind "/$d" "/$d"); fi
  done
  for e in alternatives ld.so.cache ld.so.conf ld.so.conf.d nsswitch.conf dpkg os-release debian_version perl mime.types gss xml sgml texmf dotnet gcc python3; do
    [ -e "/etc/$e" ] && args+=(--ro-bind "/etc/$e" "/etc/$e")
  done
  for f in passwd group hosts hostname; do args+=(--ro-bind "$work/etc/$f" "/etc/$f"); done
  args+=(--ro-bind /usr/share/dotnet /usr/share/dotnet --proc /proc --dev /dev --tmpfs /tmp --dir /tmp/home
    --bind "$ws" "/build/$name" --chdir "/build/$name" --setenv HOME /tmp/home)
  for kv in "${fixed_env[@]}"; do args+=(--setenv "${kv%%=*}" "${kv#*=}"); done
  while [ "$1" != "--" ]; do args+=(--setenv "${1%%=*}" "${1#*=}"); shift; done
  shift
  "${drop[@]}" bwrap "${args[@]}" -- /usr/bin/prlimit --nproc=4096 --fsize=4294967296 --core=0 -- \
    /bin/sh -c 'umask 022 && exec /bin/sh -ec "$1"' verbatim-step "$1"
}

bare() { # bare NAME WORKSPACE EXTRA_ENV... -- COMMAND  (same variables; HOME and paths inside the copy)
  local name="$1" ws="$2"; shift 2
  local extra=()
  while [ "$1" != "--" ]; do extra+=("${1//\/build\/$name/$ws}"); shift; done
  shift
  mkdir -p "$ws/.home"
  (cd "$ws" && env -i "${fixed_env[@]}" HOME="$ws/.home" "${extra[@]}" /bin/sh -c 'umask 022 && exec /bin/sh -ec "$1"' verbatim-step "$1")
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

measure() { # measure MODE NAME RUN EXTRA_ENV... ; prints elapsed ms
  local mode="$1" name="$2" run="$3"; shift 3
  local ws="$work/ws-$name-$mode-$RANDOM$RANDOM"
  cp -a "$here/examples/$name/src" "$ws"
  [ ${#drop[@]} -gt 0 ] && chown -R 65534:65534 "$ws"
  local start end
  start=$(now_ms)
  local rc=0
  if [ "$mode" = bare ]; then bare "$name" "$ws" "$@" -- "$run" >"$work/log" 2>&1 || rc=$?; else sandbox "$name" "$ws" "$@" -- "$run" >"$work/log" 2>&1 || rc=$?; fi
  end=$(now_ms)
  if [ "$rc" -ne 0 ] || ! ls "$ws"/dist/* >/dev/null 2>&1; then
    echo "bench: the $mode run of $name failed (exit $rc):" >&2; tail -5 "$work/log" >&2; exit 1
  fi
  rm -rf "$ws"
  echo $((end - start))
}

report() { # report LABEL RUN EXTRA_ENV...
  local name="$1" run="$2"; shift 2
  local bare_total=0 box_total=0 b s
  measure bare "$name" "$run" "$@" >/dev/null   # warm caches once, untimed
  for i in $(seq "$runs"); do
    b=$(measure bare "$name" "$run" "$@"); s=$(measure sandbox "$name" "$run" "$@")
    bare_total=$((bare_total + b)); box_total=$((box_total + s))
  done
  local bm=$((bare_total / runs)) sm=$((box_total / runs))
  awk -v n="$name" -v b="$bm" -v s="$sm" 'BEGIN { printf "%-12s bare %6d ms   sandbox %6d ms   overhead %+6.2f %%   %+5d ms/step\n", n, b, s, (s-b)*100/b, s-b }'
}

echo "sandbox overhead, $runs alternating runs each (bubblewrap $(bwrap --version | awk '{print $2}'), $(nproc) cores)"
report hello-c 'make && tar --sort=name --mtime=@$SOURCE_DATE_EPOCH -czf dist/hello.tar.gz hello'
report hello-nupkg 'dotnet pack Greeter.csproj -c Release -o dist --disable-build-servers -nodeReuse:false -p:UseSharedCompilation=false' \
  DOTNET_CLI_HOME=/build/hello-nupkg/.dotnet NUGET_PACKAGES=/build/hello-nupkg/.nuget/packages DOTNET_NOLOGO=1 \
  DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DOTNET_GENERATE_ASPNET_CERTIFICATE=false \
  DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE=1 MSBUILDDISABLENODEREUSE=1

# The fixed cost of one sandboxed step: an empty command, 20 times each.
ws="$work/empty"; mkdir -p "$ws"; [ ${#drop[@]} -gt 0 ] && chown 65534:65534 "$ws"
t0=$(now_ms); for i in $(seq 20); do bare empty "$ws" -- true; done; t1=$(now_ms)
for i in $(seq 20); do sandbox empty "$ws" -- true; done; t2=$(now_ms)
awk -v b=$((t1 - t0)) -v s=$((t2 - t1)) 'BEGIN { printf "%-12s bare %6.1f ms   sandbox %6.1f ms   %+5.1f ms/step (setup and teardown of one sandbox)\n", "empty step", b/20, s/20, (s-b)/20 }'
