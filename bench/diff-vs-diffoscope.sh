#!/usr/bin/env bash
# Benchmark: `verbatim diff` against diffoscope (Debian) on the same generated pairs.
#   (a) two identical 500 MB tarballs of 20,000 files
#   (b) the same with one member changed deep inside
#   (c) two .debs differing only in an embedded timestamp and the build-id
#   (d) two nupkgs differing in one assembly's MVID
# Prints wall time and peak memory of both tools per case, their ratio, and whether both found the same
# changed members. Usage: bench/diff-vs-diffoscope.sh [WORKDIR]   (SIZE_MB=500 FILES=20000 to scale;
# CASES="c-debs-timestamp-buildid d-nupkgs-mvid" to run some cases only)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
root=$(bench_root)
work=${1:-/tmp/verbatim-bench-diff}
size_mb=${SIZE_MB:-500}
files=${FILES:-20000}
mkdir -p "$work"
cases=${CASES:-a-identical-tars b-one-member-changed c-debs-timestamp-buildid d-nupkgs-mvid}
# Without case (a) or (b) the large tarballs are not needed: make them tiny.
case " $cases " in *" a-identical-tars "* | *" b-one-member-changed "*) ;; *) size_mb=1 files=1 ;; esac

ensure_packages diffoscope-minimal binutils xz-utils dpkg-dev gcc libc6-dev unzip time file
"$root/verbatim" --version >&2   # build the CLI once, outside the measurements; names its build mode

python3 "$here/gen_diff_fixtures.py" "$work" "$size_mb" "$files"

printf '\n%-34s %10s %10s %8s %10s %10s %8s  %s\n' case "verbatim s" "diffo s" "speed×" "verb MB" "diffo MB" "mem×" "same members"
for case in $cases; do
  left=$(ls "$work/$case"/1.*); right=$(ls "$work/$case"/2.*)
  warm "$left" "$right"
  measure v "$root/verbatim" diff "$left" "$right" --json "$work/$case/verbatim.json"
  measure d timeout 3600 diffoscope --json "$work/$case/diffoscope.json" "$left" "$right"
  same=$(python3 "$here/compare_members.py" "$work/$case/verbatim.json" "$work/$case/diffoscope.json")
  printf '%-34s %10s %10s %8s %10d %10d %8s  %s\n' "$case" "$v_secs" "$d_secs" "$(ratio "$d_secs" "$v_secs")" \
    $((v_kb / 1024)) $((d_kb / 1024)) "$(ratio "$d_kb" "$v_kb")" "$same"
done
