#!/usr/bin/env bash
# Benchmark: start-up of the CLI through the launcher, as a user runs it: `./verbatim --version`, a diff of two
# identical small files, and the built binary alone (the launcher's own share is the difference).
# Usage: bench/startup.sh [RUNS]   (default 200; hyperfine from Debian)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
root=$(bench_root)
runs=${1:-200}
ensure_packages hyperfine
"$root/verbatim" --version >&2   # build the CLI once, outside the measurements; names its build mode
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'same\n' >"$work/a.txt"
printf 'same\n' >"$work/b.txt"
binary="$root/.build/cli/verbatim"
[ -x "$binary" ] || binary="dotnet $root/.build/cli/verbatim.dll"
hyperfine -N --warmup 10 -r "$runs" --export-json "$work/startup.json" \
  "$root/verbatim --version" "$root/verbatim diff $work/a.txt $work/b.txt" "$binary --version" >&2
python3 - "$work/startup.json" "$root" "$work" <<'PY'
import json, sys
print(f"{'command':40} {'median':>9} {'fastest':>9} {'CPU':>9}")
for r in json.load(open(sys.argv[1]))["results"]:
    name = r["command"].replace(sys.argv[2] + "/", "./").replace(sys.argv[3] + "/", "")
    print(f"{name:40} {r['median'] * 1000:7.1f}ms {r['min'] * 1000:7.1f}ms {(r['user'] + r['system']) * 1000:7.1f}ms")
PY
