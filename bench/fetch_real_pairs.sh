# Fetches the real pairs of bench/diff-vs-diffoscope.sh into a cache directory (kept between runs).
# shellcheck shell=bash

# fetch_deb PKG VERSION DEST: the .deb of PKG=VERSION from the mirror, checked against the signed index.
# apt-get download checks it itself; when the pool file answers 404 (the mirror is incomplete, often under
# bookworm-security) it is fetched from the other archive's pool at the same path and checked against the SHA256
# that `apt-cache show` gives from the signed index.
fetch_deb() {
  local pkg=$1 version=$2 dest=$3 tmp filename sha base
  [ -s "$dest" ] && return 0
  tmp=$(mktemp -d)
  if (cd "$tmp" && apt-get download "$pkg=$version" >/dev/null 2>&1); then
    mv "$tmp"/*.deb "$dest"
  else
    filename=$(apt-cache show "$pkg=$version" | sed -n 's/^Filename: //p' | head -1)
    sha=$(apt-cache show "$pkg=$version" | sed -n 's/^SHA256: //p' | head -1)
    [ -n "$filename" ] && [ -n "$sha" ] || { echo "bench: $pkg=$version is not in the package index (apt-get update?)" >&2; rm -rf "$tmp"; return 2; }
    for base in http://deb.debian.org/debian http://deb.debian.org/debian-security; do
      curl -fsS -o "$tmp/p.deb" "$base/$filename" 2>/dev/null && echo "$sha  $tmp/p.deb" | sha256sum -c --status && { mv "$tmp/p.deb" "$dest"; break; }
    done
    [ -s "$dest" ] || { echo "bench: could not fetch $pkg=$version from any pool" >&2; rm -rf "$tmp"; return 2; }
  fi
  rm -rf "$tmp"
}

# fetch_npm SPEC DEST: the tarball `npm pack SPEC` downloads (npm checks its integrity against the registry).
fetch_npm() {
  local spec=$1 dest=$2 tmp
  [ -s "$dest" ] && return 0
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "$spec" >/dev/null) || { echo "bench: npm pack $spec failed" >&2; rm -rf "$tmp"; return 2; }
  mv "$tmp"/*.tgz "$dest"
  rm -rf "$tmp"
}
