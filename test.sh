#!/usr/bin/env bash
# Runs every test. As root it installs the Debian packages the tests need; otherwise it prints the apt-get line.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
cd "$here"

# Debian packages used by the tests (fixture builders and real consumers). gcc, libc6-dev and binutils also link
# the launcher's Native AOT build of the CLI (tests/launcher-test.sh).
packages=(gcc libc6-dev make binutils dpkg-dev xz-utils zstd bzip2 zip unzip python3 bubblewrap mmdebstrap git python3-build python3-hatchling fakeroot faketime openssl openjdk-17-jdk-headless)
packages+=(disorderfs python3-setuptools python3-dev)  # check
packages+=(llvm)  # diff views: llvm-as makes the bitcode fixtures, llvm-dis reads them
command -v npm >/dev/null || packages+=(nodejs npm)  # rebuild (node and npm; this machine has NodeSource's nodejs, which bundles npm)
packages+=(postgresql chromium)  # service
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "test.sh: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 ||
      { apt-get update >/dev/null && apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; }
  else
    echo "test.sh: missing Debian packages; run as root: apt-get install -y ${missing[*]}" >&2
    exit 2
  fi
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET 10 SDK is required: apt-get install -y dotnet-sdk-10.0" >&2
  exit 2
fi

echo "test.sh: checking formatting"
dotnet format whitespace Verbatim.slnx --verify-no-changes

echo "test.sh: building"
dotnet build Verbatim.slnx -c Release -nologo -v q

mkdir -p "$here/.build"
results="$here/.build/test-results"
rm -rf "$results"
set +e
# Each test project on its own, with a trx file named after it (so the counts below add up every project).
status=0
: >"$here/.build/test.log"
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c Release --no-build -nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" 2>&1 | tee -a "$here/.build/test.log"
  project_status=${PIPESTATUS[0]}
  [ "$project_status" -ne 0 ] && status=$project_status
done

# The launcher: builds the native CLI (when there is none), runs it, and rebuilds only when an input changed.
echo "test.sh: testing the launcher"
tests/launcher-test.sh 2>&1 | tee "$here/.build/launcher-test.log"
launcher_status=${PIPESTATUS[0]}
[ "$status" -eq 0 ] && status=$launcher_status
set -e

# One plain closing line: N passed, N failed.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx "$results"/*/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  n=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${n:-0}))
done
counts=$(sed -n 's/^launcher: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$here/.build/launcher-test.log")
if [ -n "$counts" ]; then
  passed=$((passed + ${counts% *})); failed=$((failed + ${counts#* }))
else
  failed=$((failed + 1))
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$passed" -eq 0 ]; then
  echo "test.sh: no test ran" >&2
  exit 1
fi
exit "$status"
