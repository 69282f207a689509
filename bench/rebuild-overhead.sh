#!/usr/bin/env bash
# Overhead of `verbatim rebuild debian SPEC` (default hello=2.10-3) over the same dpkg-buildpackage run by hand in the
# same cached environment (the root file system verbatim made, bound read-only at / by bubblewrap, the source unpacked
# in a fresh directory at the same build path, the same variables). A warm-up rebuild first creates and caches the
# environment, the apt indexes, and the source; then RUNS (default 3) of each, alternating. verbatim's time includes
# what a rebuild does besides building: apt-get source and download of the references, input verification, unpacking
# of the cached environment's digest check, comparison and the report. Target: < 10 % more wall time. Both wall time
# and CPU time (of every process the run started, from a cpuacct cgroup) are printed: on a shared machine the CPU time
# is the figure the load distorts least.
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
# in_cgroup NAME CMD...: runs CMD in a fresh cpuacct cgroup and writes the CPU seconds of everything it started (the
# sandboxed build's processes included: bubblewrap does not reap them for wait-based accounting) to $work/NAME.cpu;
# "n/a" where the cgroup cannot be made (not root, no cgroup v1 cpuacct).
cgroups=/sys/fs/cgroup/cpuacct
in_cgroup() {
  local name=$1 group="$cgroups/verbatim-bench-$$-$1" rc=0; shift
  if mkdir "$group" 2>/dev/null; then
    (echo "$BASHPID" >"$group/cgroup.procs" && "$@") || rc=$?
    python3 -c "import sys; print(f'{int(open(sys.argv[1]).read())/1e9:.1f}')" "$group/cpuacct.usage" >"$work/$name.cpu"
    echo "$BASHPID" >"$cgroups/cgroup.procs" 2>/dev/null; rmdir "$group" 2>/dev/null || true
  else
    echo n/a >"$work/$name.cpu"; "$@" || rc=$?
  fi
  return $rc
}
cpu() { cat "$work/$1.cpu"; }
mean_or_na() { case " $* " in *" n/a "*) echo n/a ;; *) mean "$@" ;; esac; }
# stamp START: each progress line with the seconds since START (where a rebuild's time goes besides the build).
stamp() { while IFS= read -r line; do printf '%6.1f  %s\n' "$(python3 -c "print(float('$EPOCHREALTIME') - float('$1'))")" "$line"; done; }
hand=() ours=() hand_cpu=() ours_cpu=()
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$runs"); do
  s=$EPOCHREALTIME; in_cgroup "hand-$i" by_hand "$i" || exit 2; e=$EPOCHREALTIME
  hand+=("$(python3 -c "print(f'{float(\"$e\") - float(\"$s\"):.1f}')")"); hand_cpu+=("$(cpu "hand-$i")")
  s=$EPOCHREALTIME; in_cgroup "v$i" $verbatim rebuild debian "$spec" --out "$work/v$i" >/dev/null 2> >(stamp "$s" >"$work/v$i.err") || true; e=$EPOCHREALTIME
  ours+=("$(python3 -c "print(f'{float(\"$e\") - float(\"$s\"):.1f}')")"); ours_cpu+=("$(cpu "v$i")")
done
h="$(mean "${hand[@]}")"; v="$(mean "${ours[@]}")"; hc="$(mean_or_na "${hand_cpu[@]}")"; vc="$(mean_or_na "${ours_cpu[@]}")"
echo "rebuild of $spec ($mode), $runs runs each, load at start: $load_start, at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  dpkg-buildpackage by hand in the cached environment: wall ${h} s (${hand[*]}), CPU ${hc} s (${hand_cpu[*]})"
echo "  verbatim rebuild debian $spec:                      wall ${v} s (${ours[*]}), CPU ${vc} s (${ours_cpu[*]})"
python3 -c "
import sys; h,v=map(float,sys.argv[1:3]); hc,vc=sys.argv[3:]
cpu = f', CPU {100*(float(vc)-float(hc))/float(hc):+.1f} % ({float(vc)-float(hc):+.1f} s)' if 'n/a' not in (hc, vc) else ''
print(f'  overhead: wall {100*(v-h)/h:+.1f} % ({v-h:+.1f} s){cpu}')" "$h" "$v" "$hc" "$vc"
echo "  where the last verbatim run's time went (seconds since its start, its progress lines):"
sleep 1; sed 's/^/    /' "$work/v$runs.err" | cut -c1-150
