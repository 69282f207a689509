#!/usr/bin/env bash
# Benchmark: `verbatim diff` against diffoscope (Debian) on the same generated pairs.
#   (a) two identical 500 MB tarballs of 20,000 files
#   (b) the same with one member changed deep inside
#   (c) two .debs differing only in an embedded timestamp and the build-id
#   (d) two nupkgs differing in one assembly's MVID
#   (e) real: two versions of Debian's zstd package (ELF executables, man pages, changelog), from the mirror
#   (f) real: two versions of the typescript npm tarball (several JavaScript files of 3–9 MB)
# Prints wall time and peak memory of both tools per case, their ratio, and whether both found the same
# changed members. Usage: bench/diff-vs-diffoscope.sh [WORKDIR]   (SIZE_MB=500 FILES=20000 to scale;
# CASES="c-debs-timestamp-buildid d-nupkgs-mvid" to run some cases only; the real pairs are kept in
# REAL_CACHE, default WORKDIR/real; DEB_PAIR="pkg old new" and NPM_PAIR="spec1 spec2" choose other pairs)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
root=$(bench_root)
work=${1:-/tmp/verbatim-bench-diff}
size_mb=${SIZE_MB:-500}
files=${FILES:-20000}
mkdir -p "$work"
cases=${CASES:-a-identical-tars b-one-member-changed c-debs-timestamp-buildid d-nupkgs-mvid e-real-debs f-real-npm}
# Without case (a) or (b) the large tarballs are not needed: make them tiny.
case " $cases " in *" a-identical-tars "* | *" b-one-member-changed "*) ;; *) size_mb=1 files=1 ;; esac

ensure_packages diffoscope-minimal binutils xz-utils dpkg-dev gcc libc6-dev unzip time file curl
"$root/verbatim" --version >&2   # build the CLI once, outside the measurements; names its build mode

python3 "$here/gen_diff_fixtures.py" "$work" "$size_mb" "$files"

# The real pairs: fetched once into the cache, copied into their case folders.
# shellcheck source=fetch_real_pairs.sh
source "$here/fetch_real_pairs.sh"
cache=${REAL_CACHE:-$work/real}
mkdir -p "$cache"
case " $cases " in *" e-real-debs "*)
  read -r deb_pkg deb_old deb_new <<<"${DEB_PAIR:-zstd 1.5.4+dfsg2-5 1.5.4+dfsg2-5+deb12u1}"
  fetch_deb "$deb_pkg" "$deb_old" "$cache/${deb_pkg}_$deb_old.deb"
  fetch_deb "$deb_pkg" "$deb_new" "$cache/${deb_pkg}_$deb_new.deb"
  mkdir -p "$work/e-real-debs"
  cp -f "$cache/${deb_pkg}_$deb_old.deb" "$work/e-real-debs/1.deb"   # copies: diffoscope compares symlinks as links
  cp -f "$cache/${deb_pkg}_$deb_new.deb" "$work/e-real-debs/2.deb" ;;
esac
case " $cases " in *" f-real-npm "*)
  command -v npm >/dev/null || ensure_packages npm
  read -r npm_old npm_new <<<"${NPM_PAIR:-typescript@5.4.5 typescript@5.5.4}"
  fetch_npm "$npm_old" "$cache/$npm_old.tgz"
  fetch_npm "$npm_new" "$cache/$npm_new.tgz"
  mkdir -p "$work/f-real-npm"
  cp -f "$cache/$npm_old.tgz" "$work/f-real-npm/1.tgz"
  cp -f "$cache/$npm_new.tgz" "$work/f-real-npm/2.tgz" ;;
esac

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
