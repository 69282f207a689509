#!/usr/bin/env bash
# Benchmark: `verbatim check` against reprotest (Debian) on the fixtures of examples/nondeterminism, with the same
# variations, on the same machine.
#   verdict:  reprotest (a control and one experiment)        vs  verbatim check --no-bisect (two controls, one experiment)
#   culprit:  reprotest --auto-build (adds variations one by one) vs verbatim check (bisection)
# Prints, per fixture, each tool's verdict (from its exit code: 0 reproducible, 1 not) and wall time, whether the
# verdicts agree, and the totals with their ratio (verbatim / reprotest).
# reprotest runs each recipe's steps as one shell command with the recipe's env and SOURCE_DATE_EPOCH exported, with
# its null virtual server (builds in /tmp on this machine), as root. Both tools vary the same set: every variation
# but user_group (reprotest needs sudo and extra accounts for it) and exec_path (verbatim's sandbox owns PATH).
# Usage: bench/check-vs-reprotest.sh [WORKDIR]; FIXTURES="umask locale" to choose; MODES="verdict culprit" (default both).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
root=$(bench_root)
work=${1:-/tmp/verbatim-bench-check}
fixtures=${FIXTURES:-$(cd "$root/examples/nondeterminism" && ls -d */ | tr -d / | tr '\n' ' ')}
modes=" ${MODES:-verdict culprit} "
variations="all,-user_group,-exec_path"
# reprotest's experiment locale is et_EE.UTF-8 by default; verbatim's is fr_CH.UTF-8: give reprotest the same.
reprotest_variations="$variations,locales.locale=fr_CH.UTF-8"
rm -rf "$work" && mkdir -p "$work"

ensure_packages reprotest diffoscope disorderfs faketime bubblewrap python3-yaml time
"$root/verbatim" --version >/dev/null   # build the CLI once, outside the measurements
export VERBATIM_CACHE=${VERBATIM_CACHE:-$work/cas}

# reprotest's locales variation sets LANG=fr_CH.UTF-8 but needs the locale installed on the host (verbatim compiles it
# for the build itself): without it glibc falls back to C and reprotest sees no difference. Install it as reprotest's
# documentation asks (as root: localedef into the system's locale archive).
if ! locale -a 2>/dev/null | grep -qi '^fr_CH\.utf-\?8$'; then
  if [ "$(id -u)" -eq 0 ]; then
    localedef -i fr_CH -f UTF-8 fr_CH.UTF-8 && echo "installed the fr_CH.UTF-8 locale for reprotest"
  else
    echo "note: fr_CH.UTF-8 is not installed: reprotest cannot vary the locale here (run as root to install it)" >&2
  fi
fi

# The recipe's steps as one shell command for reprotest (each step in a subshell, as each runs in its own sandbox).
command_of() {
  python3 - "$1" <<'PY'
import shlex, sys, yaml
recipe = yaml.safe_load(open(sys.argv[1]))
exports = [f"export SOURCE_DATE_EPOCH={int(recipe['source_date_epoch'])}"]
exports += [f"export {k}={shlex.quote(str(v))}" for k, v in (recipe.get("env") or {}).items()]
steps = [f"( {s['run']} )" for s in recipe["steps"]]
print(" && ".join(exports + steps))
PY
}

artifacts_of() { python3 -c "import sys, yaml; print(' '.join(yaml.safe_load(open(sys.argv[1]))['outputs']))" "$1"; }

name_of() { case $1 in 0) echo reproducible ;; 1) echo not-reproducible ;; *) echo "error($1)" ;; esac; }

echo "load: $(uptime | sed 's/.*load average/load average/')"
for mode in verdict culprit; do
  [[ "$modes" == *" $mode "* ]] || continue
  total_v=0; total_r=0; agree=0; count=0
  printf '\n%s mode\n%-18s %-18s %8s  %-18s %8s  %s\n' "$mode" fixture verbatim seconds reprotest seconds agree
  for fixture in $fixtures; do
    dir="$root/examples/nondeterminism/$fixture"
    cmd=$(command_of "$dir/verbatim.yaml")
    artifacts=$(artifacts_of "$dir/verbatim.yaml")
    extra=(); rextra=()
    [ "$mode" = verdict ] && extra=(--no-bisect)
    [ "$mode" = culprit ] && rextra=(--auto-build)
    REPEAT=1 measure v "$root/verbatim" check "$dir" --variations "$variations" "${extra[@]}" --json "$work/$fixture-$mode.json"
    src="$work/src-$fixture-$mode"; rm -rf "$src"; cp -r "$dir/src" "$src"
    (cd "$src" && REPEAT=1 measure r reprotest --variations "$reprotest_variations" "${rextra[@]}" --store-dir "$work/reprotest-$fixture-$mode" -c "$cmd" . "$artifacts" -- null
     printf '%s %s %s\n' "$r_secs" "$r_rc" "$r_kb" > "$work/r.txt")
    read -r r_secs r_rc _ < "$work/r.txt"
    same=no; [ "$(name_of "$v_rc")" = "$(name_of "$r_rc")" ] && { same=yes; agree=$((agree + 1)); }
    count=$((count + 1))
    printf '%-18s %-18s %8s  %-18s %8s  %s\n' "$fixture" "$(name_of "$v_rc")" "$v_secs" "$(name_of "$r_rc")" "$r_secs" "$same"
    total_v=$(python3 -c "print(f'{$total_v + $v_secs:.3f}')"); total_r=$(python3 -c "print(f'{$total_r + $r_secs:.3f}')")
  done
  printf '%-18s %-18s %8s  %-18s %8s  %s\n' total "" "$total_v" "" "$total_r" "$agree/$count agree"
  echo "ratio verbatim/reprotest ($mode): $(python3 -c "print(f'{$total_v / $total_r:.2f}')")"
done
