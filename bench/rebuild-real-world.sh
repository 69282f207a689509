#!/usr/bin/env bash
# Rebuilds real Debian source packages from bookworm with `verbatim rebuild` and compares them with the archive's
# binary packages; prints the table of docs/real-world.md. Environments are created on first use (minutes each) and
# cached by package set. PACKAGES overrides the list; VERBATIM=path runs another build of the CLI; OUT keeps results.
set -uo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
verbatim="${VERBATIM:-$here/verbatim}"
out="${OUT:-/tmp/verbatim-real-world}"
# Old builds (bookworm's release, 2022-2023, and binNMUs from 2019), then uploads to point releases and security built
# in 2025-2026 with the mirror's current toolchain; arch:any and arch:all.
packages=(${PACKAGES:-hello=2.10-3 netbase=6.4 sensible-utils=0.0.17+nmu1 tree=2.1.0-1 pv=1.6.20-1 ed=1.19-1 figlet=2.2.5-3 hostname=3.23+nmu1 sl=5.02-1 time=1.9-0.2 gzip=1.12-1 debianutils=5.7-0.5~deb12u1
  base-files=12.4+deb12u15 kernel-wedge=2.106~deb12u1 distro-info-data=0.58+deb12u7 libsmpp34=1.14.1-3+deb12u1 libjson-xs-perl=4.040-1~deb12u1
  libhtml-parser-perl=3.81-1+deb12u1 libtar=1.2.20-8+deb12u1 dns-root-data=2024071801~deb12u1})
mkdir -p "$out"
for spec in "${packages[@]}"; do
  [ -n "${TABLE_ONLY:-}" ] && break   # TABLE_ONLY=1: print the table of the results in OUT, run nothing
  name="${spec%%=*}"
  [ -s "$out/$name.json" ] && [ -z "${FORCE:-}" ] && continue
  start=$EPOCHREALTIME
  $verbatim rebuild debian "$spec" --out "$out/$name" --json "$out/$name.json" >"$out/$name.txt" 2>"$out/$name.err"
  echo "$? $(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.0f}')" "$start" "$EPOCHREALTIME")" >"$out/$name.rc"
done
python3 - "$out" "${packages[@]}" <<'PY'
import json, os, sys
out = sys.argv[1]
print("| Source package | Binary packages compared | Verdict | What differs (causes) | Wall s |")
print("|---|---|---|---|---|")
for spec in sys.argv[2:]:
    name = spec.split("=")[0]
    path = os.path.join(out, name + ".json")
    rc = open(os.path.join(out, name + ".rc")).read().split() if os.path.exists(os.path.join(out, name + ".rc")) else ["?", "?"]
    if not os.path.exists(os.path.join(out, name + ".rc")):
        print(f"| {spec} | | not run | | |")
        continue
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        err = open(os.path.join(out, name + ".err")).read().strip().splitlines()
        print(f"| {spec} | | error (exit {rc[0]}) | {err[-1] if err else ''} | {rc[1]} |")
        continue
    r = json.load(open(path))
    arts = r["artifacts"]
    names = ", ".join(f'{a["name"].split("_")[0]} ({a["name"].rsplit("_", 1)[-1][:-4]}): {a["verdict"]}' for a in arts)
    causes = sorted({c for a in arts for c in a["causes"]} | {"normalized: " + ",".join(a["normalizations"]) for a in arts if a["normalizations"]})
    members = sorted({m.split("::")[-1] for a in arts for m in a["differingMembers"]})[:4]
    what = "; ".join(causes) + (" — " + ", ".join(members) if members else "")
    if r.get("buildFailure"):
        what = r["buildFailure"]["reason"][:120]
    print(f'| {spec} | {names} | **{r["verdict"]}** | {what} | {rc[1]} |')
PY
