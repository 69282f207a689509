#!/bin/bash
# Tests of the launcher ./verbatim itself: it builds the CLI when there is none, runs it with the CLI's exit codes
# and pipes, and decides to rebuild exactly when an input changed (VERBATIM_LAUNCHER_CHECK=1 asks it what it would
# do, without building). Source files are only touched and given back their times; nothing is left changed.
# Prints one line a check and "launcher: N passed, N failed".
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
work=$(mktemp -d)
source_file="$root/src/Verbatim.Cli/ExitCodes.cs"
added_file="$root/src/Verbatim.Cli/LauncherTest$$.cs"
top_file="$root/Directory.Build.targets"
touch -r "$source_file" "$work/times"
cleanup() {
  touch -r "$work/times" "$source_file"
  rm -f "$added_file" "$top_file"
  rm -rf "$work"
}
trap cleanup EXIT

passed=0 failed=0
# check NAME EXPECTED ACTUAL
check() {
  if [ "$2" = "$3" ]; then
    passed=$((passed + 1)); echo "ok: $1"
  else
    failed=$((failed + 1)); echo "FAILED: $1: expected '$2', got '$3'"
  fi
}
status() { set +e; "$@" >/dev/null 2>&1; echo $?; set -e; }
decision() { VERBATIM_LAUNCHER_CHECK=1 "$root/verbatim"; }

[ -e "$top_file" ] && { echo "launcher-test: $top_file exists; it is the file this test adds" >&2; exit 2; }

version=$("$root/verbatim" --version)
mode=${version##* (}
check "--version works (and built the CLI if needed): $version" ok "$(case "$mode" in "native AOT)" | "ReadyToRun)") echo ok ;; *) echo "$mode" ;; esac)"

printf 'same\n' >"$work/a"; printf 'same\n' >"$work/b"; printf 'other\n' >"$work/c"
check "diff of identical files exits 0" 0 "$(status "$root/verbatim" diff "$work/a" "$work/b")"
check "diff of different files exits 1" 1 "$(status "$root/verbatim" diff "$work/a" "$work/c")"
check "diff of a missing file exits 2" 2 "$(status "$root/verbatim" diff "$work/a" "$work/missing")"
check "a usage error exits 2" 2 "$(status "$root/verbatim" diff --no-such-option)"
check "--json - writes the report to a pipe" 1 \
  "$("$root/verbatim" diff "$work/a" "$work/c" --json - | python3 -c 'import json, sys; print(json.load(sys.stdin)["summary"]["differences"])')"

check "nothing changed: up to date" "up to date" "$(decision)"
touch "$source_file"
check "an edited source file: rebuild" "src/Verbatim.Cli/ExitCodes.cs changed" "$(decision)"
touch -r "$work/times" "$source_file"
check "its old time back: up to date" "up to date" "$(decision)"
: >"$added_file"
check "a new source file: rebuild" "a source file was added, removed or renamed" "$(decision)"
rm -f "$added_file"
check "the same files again: up to date" "up to date" "$(decision)"
: >"$top_file"
check "a new build file at the top: rebuild" "Directory.Build.targets was added" "$(decision)"
rm -f "$top_file"
check "gone again: up to date" "up to date" "$(decision)"

echo "launcher: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
