#!/usr/bin/env bash
# Overhead of `verbatim rebuild debian SPEC` (default hello=2.10-3) over the same dpkg-buildpackage run by hand in the
# same cached environment (the root file system verbatim made, bound read-only at / by bubblewrap, the source unpacked
# in a fresh directory at the same build path, the same variables). A warm-up rebuild first creates and caches the
# environment, the apt indexes, and the source; then RUNS (default 3) of each, alternating. verbatim's time includes
# what a rebuild does besides building: apt-get source and download of the references, input verification, unpacking
# of the cached environment's digest check, comparison and the report. Target: < 10 % more wall time.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
verbatim="${VERBATIM:-$here/verbatim}"
spec="${1:-hello=2.10-3}"
runs="${RUNS:-3}"
work="$(mktemp -d /tmp/verbatim-bench-rebuild.XXXXXX)"
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
cache="${VERBATIM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/verbatim/cas}"
export VERBATIM_CACHE="$cache"

echo "warm-up: $verbatim rebuild debian $spec" >&2
$verbatim rebuild debian "$spec" --out "$work/warm" >/dev/null 2>"$work/warm.err" || [ $? -eq 1 ] || { cat "$work/warm.err" >&2; exit 2; }
rootfs="$(grep -o 'rootfs: "sha256:[0-9a-f]*"' "$work/warm/recipe.yaml" | grep -o '[0-9a-f]\{64\}')"
root="$cache/rootfs/$rootfs"
epoch="$(grep -o '^source_date_epoch: [0-9]*' "$work/warm/recipe.yaml" | grep -o '[0-9]*$')"
unpack="$(python3 -c 'import json,sys; t=open(sys.argv[1]).read(); import re; print(json.loads(re.search(r"run: (\".*\")", t).group(1)))' "$work/warm/recipe.yaml")"
build="$(python3 -c 'import json,sys,re; t=open(sys.argv[1]).read(); print(json.loads(re.findall(r"run: (\".*\")", t)[1]))' "$work/warm/recipe.yaml")"
mode="$(grep -m1 -o 'dpkg-buildpackage -[bAB]' "$work/warm/recipe.yaml")"
drop=()
[ "$(id -u)" -eq 0 ] && drop=(setpriv --reuid=65534 --regid=65534 --clear-groups --)

by_hand() { # the same build without verbatim: bubblewrap over the cached root file system
  local ws="$work/hand-$1"
  mkdir -p "$ws" && cp "$work/warm/source/"* "$ws/" && chmod -R a+rwX "$ws"
  local top=()
  for entry in "$root"/*; do # each top-level entry of the root file system, as verbatim's sandbox binds them
    case "${entry##*/}" in proc|dev|tmp|sys|run|build) continue ;; esac
    if [ -L "$entry" ]; then top+=(--symlink "$(readlink "$entry")" "/${entry##*/}"); elif [ -d "$entry" ]; then top+=(--ro-bind "$entry" "/${entry##*/}"); fi
  done
  "${drop[@]}" bwrap --unshare-all --die-with-parent --new-session --clearenv --uid 1000 --gid 1000 --hostname verbatim \
    "${top[@]}" --proc /proc --dev /dev --tmpfs /tmp --dir /tmp/home --bind "$ws" /build/reproducible-path \
    --chdir /build/reproducible-path --setenv HOME /tmp/home --setenv SOURCE_DATE_EPOCH "$epoch" --setenv TZ UTC \
    --setenv LANG C.UTF-8 --setenv LC_ALL C.UTF-8 --setenv DEB_BUILD_OPTIONS parallel=2 --setenv FAKEROOTDONTTRYCHOWN 1 \
    --setenv PATH /usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin \
    /bin/sh -ec "$unpack && $build" >"$work/hand-$1.log" 2>&1 || { tail -5 "$work/hand-$1.log" >&2; exit 2; }
}

mean() { python3 -c "import sys; v=[float(x) for x in sys.argv[1:]]; print(f'{sum(v)/len(v):.1f}')" "$@"; }
hand=() ours=()
for i in $(seq "$runs"); do
  s=$EPOCHREALTIME; by_hand "$i"; e=$EPOCHREALTIME
  hand+=("$(python3 -c "print(float('$e') - float('$s'))")")
  s=$EPOCHREALTIME; $verbatim rebuild debian "$spec" --out "$work/v$i" >/dev/null 2>&1 || true; e=$EPOCHREALTIME
  ours+=("$(python3 -c "print(float('$e') - float('$s'))")")
done
h="$(mean "${hand[@]}")"; v="$(mean "${ours[@]}")"
echo "rebuild of $spec ($mode), $runs runs each, load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  dpkg-buildpackage by hand in the cached environment: ${h} s  (${hand[*]})"
echo "  verbatim rebuild debian $spec:                      ${v} s  (${ours[*]})"
python3 -c "import sys; h,v=float(sys.argv[1]),float(sys.argv[2]); print(f'  overhead: {100*(v-h)/h:+.1f} % ({v-h:+.1f} s)')" "$h" "$v"
