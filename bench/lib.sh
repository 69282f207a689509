# Shared helpers for the benchmark scripts: run a command, record wall time and peak memory.
# shellcheck shell=bash

bench_root() { cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd; }

# ensure_packages PKG...: installs missing Debian packages as root, else prints the apt-get line and exits.
ensure_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 ||
      { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; }
  else
    echo "run as root: apt-get install -y ${missing[*]}" >&2
    exit 2
  fi
}

# measure OUTVAR_PREFIX CMD...: runs CMD up to $REPEAT times (default 3; once when a run takes over 20 s) and sets
# ${prefix}_secs (the fastest wall time, in milliseconds' precision: the shell's clock around /usr/bin/time, whose
# own %e has only hundredths), ${prefix}_kb (the largest peak RSS) and ${prefix}_rc (the last exit code).
measure() {
  local prefix=$1; shift
  local stats best="" peak=0 rc=0 secs kb start end
  stats=$(mktemp)
  for _ in $(seq "${REPEAT:-3}"); do
    set +e
    start=$EPOCHREALTIME
    /usr/bin/time -f "%e %M" -o "$stats" "$@" >/dev/null 2>&1
    rc=$?
    end=$EPOCHREALTIME
    set -e
    read -r secs kb < <(tail -1 "$stats")
    secs=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$start" "$end")
    if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)" "$secs" "$best"; then best=$secs; fi
    [ "$kb" -gt "$peak" ] && peak=$kb
    python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) > 20 else 1)" "$secs" && break
  done
  rm -f "$stats"
  printf -v "${prefix}_secs" '%s' "$best"
  printf -v "${prefix}_kb" '%s' "$peak"
  printf -v "${prefix}_rc" '%s' "$rc"
}

# warm FILE...: reads files once so that every tool finds them in the page cache.
warm() { cat "$@" >/dev/null; }

ratio() { python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f'{a/b:.1f}' if b>0 else 'inf')" "$1" "$2"; }
