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

# measure OUTVAR_PREFIX CMD...: runs CMD, sets ${prefix}_secs and ${prefix}_kb (peak RSS) and ${prefix}_rc.
measure() {
  local prefix=$1; shift
  local stats
  stats=$(mktemp)
  set +e
  /usr/bin/time -f "%e %M" -o "$stats" "$@" >/dev/null 2>&1
  local rc=$?
  set -e
  read -r secs kb < <(tail -1 "$stats")
  rm -f "$stats"
  printf -v "${prefix}_secs" '%s' "$secs"
  printf -v "${prefix}_kb" '%s' "$kb"
  printf -v "${prefix}_rc" '%s' "$rc"
}

ratio() { python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f'{a/b:.1f}' if b>0 else 'inf')" "$1" "$2"; }
