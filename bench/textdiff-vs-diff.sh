#!/usr/bin/env bash
# Benchmark: the text diff of `verbatim diff` against `diff -u` and diffoscope (Debian) on two ~9 MB versions of a
# JavaScript-like file (bench/gen_textdiff_fixtures.py, deterministic), once per number of scattered edits.
# Prints wall time and peak memory of each tool, the ratios to `diff -u`, and how many lines each marks as changed.
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

printf '\n%-12s %9s %9s %11s %9s %11s %8s %8s %8s  %s\n' edits "diff -u s" "verbatim s" "verbatim×" "diffo s" "diffoscope×" "diff MB" "verb MB" "diffo MB" "changed lines (diff -u / verbatim)"
for edits in ${EDITS:-3000 30000}; do
  dir="$work/edits-$edits"
  mkdir -p "$dir"
  python3 "$here/gen_textdiff_fixtures.py" "$dir" "$size_mb" "$edits"
  left="$dir/1.js"; right="$dir/2.js"
  warm "$left" "$right"
  measure u diff -u "$left" "$right"
  measure v "$root/verbatim" diff "$left" "$right"
  REPEAT=1 measure d timeout "$limit" diffoscope --text "$dir/diffoscope.txt" "$left" "$right"
  [ "$d_rc" = 124 ] && d_secs=">$limit"
  diff -u "$left" "$right" >"$dir/diff-u.txt" || true
  "$root/verbatim" diff "$left" "$right" --json "$dir/verbatim.json" >/dev/null || true
  printf '%-12s %9s %9s %11s %9s %11s %8d %8d %8d  %s / %s\n' "$edits" "$u_secs" "$v_secs" "$(ratio "$v_secs" "$u_secs")" \
    "$d_secs" "$([ "$d_rc" = 124 ] && echo "-" || ratio "$d_secs" "$u_secs")" $((u_kb / 1024)) $((v_kb / 1024)) $((d_kb / 1024)) \
    "$(changed_lines "$dir/diff-u.txt")" "$(changed_lines "$dir/verbatim.json")"
done
