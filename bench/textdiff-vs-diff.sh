#!/usr/bin/env bash
# Benchmark: the text diff of `verbatim diff` against `diff -u` and diffoscope (Debian) on two ~9 MB versions of a
# JavaScript-like file (bench/gen_textdiff_fixtures.py, deterministic), once per number of scattered edits.
# Prints wall time, CPU time and peak memory of each tool, the ratios to `diff -u`, how many lines each marks as changed, and
# the start-up time of `./verbatim diff` on two one-line files (launcher and .NET start-up, paid on every run).
# Usage: bench/textdiff-vs-diff.sh [WORKDIR]   (EDITS="3000 30000" SIZE_MB=9 DIFFOSCOPE_TIMEOUT=900 by default)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
root=$(bench_root)
work=${1:-/tmp/verbatim-bench-textdiff}
size_mb=${SIZE_MB:-9}
limit=${DIFFOSCOPE_TIMEOUT:-900}
mkdir -p "$work"

ensure_packages diffoscope-minimal diffutils time
"$root/verbatim" --help >/dev/null   # build the CLI once, outside the measurements

# timed PREFIX CMD...: like lib.sh's measure (best wall time of $REPEAT runs, one run past 20 s; peak RSS), and also
# the CPU time (user + system) of the fastest run, which the other load on a shared machine distorts less.
timed() {
  local prefix=$1; shift
  local stats best="" cpu="" peak=0 rc=0 secs user sys kb
  stats=$(mktemp)
  for _ in $(seq "${REPEAT:-3}"); do
    set +e
    /usr/bin/time -f "%e %U %S %M" -o "$stats" "$@" >/dev/null 2>&1
    rc=$?
    set -e
    read -r secs user sys kb < <(tail -1 "$stats")
    if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)" "$secs" "$best"; then
      best=$secs
      cpu=$(python3 -c "import sys; print(f'{float(sys.argv[1]) + float(sys.argv[2]):.2f}')" "$user" "$sys")
    fi
    [ "$kb" -gt "$peak" ] && peak=$kb
    python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) > 20 else 1)" "$secs" && break
  done
  rm -f "$stats"
  printf -v "${prefix}_secs" '%s' "$best"
  printf -v "${prefix}_cpu" '%s' "$cpu"
  printf -v "${prefix}_kb" '%s' "$peak"
  printf -v "${prefix}_rc" '%s' "$rc"
}

# changed_lines FILE: the number of removed and added lines in a `diff -u` output or a verbatim JSON report.
changed_lines() {
  python3 - "$1" <<'PY'
import json, sys
path = sys.argv[1]
if path.endswith(".json"):
    diffs = []
    def walk(node):
        if node.get("unified_diff"):
            diffs.append(node["unified_diff"])
        for child in node.get("children", []):
            walk(child)
    walk(json.load(open(path))["tree"])
    lines = [l for d in diffs for l in d.split("\n")]
else:
    lines = [l for l in open(path, encoding="utf-8", errors="replace").read().split("\n") if not l.startswith(("---", "+++"))]
print(sum(1 for l in lines if l.startswith(("-", "+"))))
PY
}

printf 'one\n' >"$work/tiny1.txt"; printf 'two\n' >"$work/tiny2.txt"
timed s "$root/verbatim" diff "$work/tiny1.txt" "$work/tiny2.txt"
echo "start-up: ./verbatim diff on two one-line files takes $s_secs s ($s_cpu s CPU); load average: $(cut -d' ' -f1-3 /proc/loadavg)"

printf '\n%-7s %-9s %-9s %-9s %-9s %-9s %-9s %-11s %-7s %-7s %-7s  %s\n' edits "diff -u" verbatim "(ratio)" diffoscope "(ratio)" "CPU:diff" "verb(ratio)" "MB:diff" verb diffo "changed lines (diff -u / verbatim)"
for edits in ${EDITS:-3000 30000}; do
  dir="$work/edits-$edits"
  mkdir -p "$dir"
  python3 "$here/gen_textdiff_fixtures.py" "$dir" "$size_mb" "$edits"
  left="$dir/1.js"; right="$dir/2.js"
  warm "$left" "$right"
  timed u diff -u "$left" "$right"
  timed v "$root/verbatim" diff "$left" "$right"
  # diffoscope gets the same bytes named .txt: for .js it wants js-beautify, and without it falls back to a hex dump.
  ln -f "$left" "$dir/1.txt"; ln -f "$right" "$dir/2.txt"
  REPEAT=1 timed d timeout "$limit" diffoscope --text "$dir/diffoscope.txt" "$dir/1.txt" "$dir/2.txt"
  d_ratio="$(ratio "$d_secs" "$u_secs")×"
  [ "$d_rc" = 124 ] && { d_secs=">$limit"; d_ratio="-"; }
  diff -u "$left" "$right" >"$dir/diff-u.txt" || true
  "$root/verbatim" diff "$left" "$right" --json "$dir/verbatim.json" >/dev/null || true
  printf '%-7s %-9s %-9s %-9s %-9s %-9s %-9s %-11s %-7d %-7d %-7d  %s / %s\n' "$edits" "$u_secs" "$v_secs" "$(ratio "$v_secs" "$u_secs")×" \
    "$d_secs" "$d_ratio" "$u_cpu" "$v_cpu ($(ratio "$v_cpu" "$u_cpu")×)" $((u_kb / 1024)) $((v_kb / 1024)) $((d_kb / 1024)) \
    "$(changed_lines "$dir/diff-u.txt")" "$(changed_lines "$dir/verbatim.json")"
done
