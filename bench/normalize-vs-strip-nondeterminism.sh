#!/usr/bin/env bash
# Benchmark: `verbatim normalize` against strip-nondeterminism (Debian) on copies of the same generated inputs:
#   a jar of 20,000 classes (~200 MB), a ~100 MB tar.gz, 500 small nupkgs.
# Prints the wall time of both tools per input and their ratio, then checks with `verbatim diff` that both tools'
# outputs hold the same contents (differences may only be metadata: times, owners, order, compression).
#   and a tar.gz whose tar is already canonical and whose gzip header alone carries a name and an mtime (the case
#   where verbatim rewrites only the header and copies the deflate stream, as strip-nondeterminism does).
# Usage: bench/normalize-vs-strip-nondeterminism.sh [WORKDIR]
#   scale with JAR_MB=200 CLASSES=20000 TARGZ_MB=100 NUPKGS=500 (defaults), e.g. JAR_MB=20 CLASSES=2000 for a quick run;
#   choose cases with CASES="jar targz targz-header nupkg" (the default: all), e.g. CASES=targz-header.
# Each measurement starts from a fresh copy of the input (best of REPEAT=3), so no run sees an already-normalized file.
# strip-nondeterminism has no tar handler (it only rewrites the gzip header of a .tar.gz) and does not know .nupkg by
# name, so it is run on them with --type gzip and --type zip; verbatim normalizes the tar inside and the nupkg names.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
root=$(bench_root)
work=${1:-/tmp/verbatim-bench-normalize}
jar_mb=${JAR_MB:-200}
classes=${CLASSES:-20000}
targz_mb=${TARGZ_MB:-100}
nupkgs=${NUPKGS:-500}
cases=" ${CASES:-jar targz targz-header nupkg} "
epoch=1600000000
want() { [[ "$cases" == *" $1 "* ]]; }
rm -rf "$work" && mkdir -p "$work"

ensure_packages strip-nondeterminism python3 time unzip
"$root/verbatim" --help >/dev/null   # build the CLI once, outside the measurements

want jar || { jar_mb=0; classes=0; }
want targz || want targz-header || targz_mb=0
want nupkg || nupkgs=0
python3 "$here/gen_normalize_fixtures.py" "$work" "$jar_mb" "$classes" "$targz_mb" "$nupkgs"
if want targz-header; then
  # A tar.gz that needs only its gzip header rewritten: the tar normalized once (outside the measurements), then a
  # gzip(1)-style header with the original name and an mtime put back in front of the same deflate stream.
  cp "$work/inputs/data.tar.gz" "$work/inputs/header-only.tar.gz"
  "$root/verbatim" normalize --timestamp "$epoch" "$work/inputs/header-only.tar.gz" >/dev/null
  python3 - "$work/inputs/header-only.tar.gz" <<'PY'
import struct, sys, time
path = sys.argv[1]
data = open(path, "rb").read()
assert data[:4] == b"\x1f\x8b\x08\x00", "expected a canonical gzip header"
open(path, "wb").write(b"\x1f\x8b\x08\x08" + struct.pack("<I", int(time.time())) + b"\x00\x03header-only.tar\x00" + data[10:])
PY
fi
for tool in verbatim strip; do mkdir -p "$work/$tool"; done

measure_fresh() { # PREFIX FILE... -- COMMAND...: best of REPEAT runs, each on fresh copies of the inputs
  local prefix=$1; shift
  local files=() best="" rc=0
  while [ "$1" != "--" ]; do files+=("$1"); shift; done; shift
  for _ in $(seq "${REPEAT:-3}"); do
    for f in "${files[@]}"; do cp "$work/inputs/$(basename "$f")" "$f"; done
    REPEAT=1 measure "$prefix" "$@"
    local rc_var="${prefix}_rc" secs_var="${prefix}_secs"
    rc=${!rc_var}
    if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)" "${!secs_var}" "$best"; then best=${!secs_var}; fi
  done
  printf -v "${prefix}_secs" '%s' "$best"
  printf -v "${prefix}_rc" '%s' "$rc"
}

run_case() { # NAME FILE [STRIP-ARGS...]
  local name=$1 file=$2; shift 2
  measure_fresh v "$work/verbatim/$file" -- "$root/verbatim" normalize --timestamp "$epoch" "$work/verbatim/$file"
  measure_fresh s "$work/strip/$file" -- strip-nondeterminism --timestamp "$epoch" --clamp-timestamp "$@" "$work/strip/$file"
  [ "$v_rc" = 0 ] || { echo "verbatim normalize failed on $name (exit $v_rc)" >&2; exit 1; }
  [ "$s_rc" = 0 ] || { echo "strip-nondeterminism failed on $name (exit $s_rc)" >&2; exit 1; }
  printf '%-24s %12s %12s %8s\n' "$name" "$v_secs" "$s_secs" "$(ratio "$s_secs" "$v_secs")"
}

printf '\n%-24s %12s %12s %8s\n' input "verbatim s" "strip-nd s" "speed×"
if want jar; then run_case "app.jar ($classes classes)" app.jar; fi
if want targz; then run_case "data.tar.gz" data.tar.gz --type gzip; fi
if want targz-header; then run_case "header-only.tar.gz" header-only.tar.gz --type gzip; fi
if want nupkg; then
cp "$work"/inputs/*.nupkg "$work/verbatim/" && cp "$work"/inputs/*.nupkg "$work/strip/"
nv=("$work"/verbatim/*.nupkg); ns=("$work"/strip/*.nupkg)
measure v "$root/verbatim" normalize --timestamp "$epoch" "${nv[@]}"
start=$(date +%s.%N)
for f in "${ns[@]}"; do strip-nondeterminism --timestamp "$epoch" --clamp-timestamp --type zip "$f" >/dev/null 2>&1; done
s_secs=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$start" "$(date +%s.%N)")
[ "$v_rc" = 0 ] || { echo "verbatim normalize failed on the nupkgs (exit $v_rc)" >&2; exit 1; }
printf '%-24s %12s %12s %8s\n' "$nupkgs nupkgs" "$v_secs" "$s_secs" "$(ratio "$s_secs" "$v_secs")"
fi

# Equivalence: the diff of the two tools' outputs may show metadata only (fields, order), never contents; the
# nupkg parts whose differences the diff attributes to random identifiers (.psmdcp name, .rels ids) are expected.
check_same() { # NAME -> prints nothing when the contents are the same, else the first content differences
  local name=$1
  "$root/verbatim" diff "$work/verbatim/$name" "$work/strip/$name" --json "$work/diff-$name.json" >/dev/null || true
  python3 - "$work/diff-$name.json" <<'PY'
import json, sys
bad = []
def walk(node, depth, random_id):
    if node is None:
        return
    random_id = random_id or any(c.get("kind") == "random-id" for c in node.get("causes", []))
    if node.get("kind") in ("text", "binary", "added", "removed") and depth > 0 and not random_id:
        bad.append(f"{node.get('path1')}: {node.get('kind')}")
    for child in node.get("children", []):
        walk(child, depth + 1, random_id)
walk(json.load(open(sys.argv[1])).get("tree"), 0, False)
print("; ".join(bad[:3]), end="")
PY
}
echo
for name in app.jar data.tar.gz header-only.tar.gz; do
  [ -f "$work/verbatim/$name" ] || continue
  problems=$(check_same "$name")
  printf '%-24s %s\n' "$name" "${problems:-same contents (only metadata differs)}"
done
if want nupkg; then
  differing=0
  for f in "$work"/inputs/*.nupkg; do
    [ -z "$(check_same "$(basename "$f")")" ] || differing=$((differing + 1))
  done
  printf '%-24s %s\n' "$nupkgs nupkgs" "$((nupkgs - differing)) with the same contents, $differing differing"
  [ "$differing" = 0 ]
fi
