#!/usr/bin/env bash
# Makes a release in target/release/: what a user installs from, with checksums.
#   REGISTRY=ghcr.io/acme PUSH=1 scripts/release.sh        # images built and pushed, then the files
#   NO_IMAGES=1 scripts/release.sh                         # the files only (images built elsewhere)
# Files: kubectl-paralleljob (the plugin, one file), parallel-job-operator-VERSION.tgz (the Helm
# chart, its values naming the images), paralleljob-crd.yaml, paralleljob-operator.yaml (plain
# manifests: namespace, CRD, operator, naming the same images), SHA256SUMS. Attach them to a
# release (a GitHub release, an artifact store); the README's install steps work from them.
set -euo pipefail
. "$(dirname "$0")/env-settings.sh"
env_settings_only "$0" "$@"
cd "$(dirname "$0")/.."
scripts/install-tools.sh >/dev/null
OUT=target/release
rm -rf "$OUT" && mkdir -p "$OUT"
if [ -z "${NO_IMAGES:-}" ]; then
  scripts/build-images.sh                                   # also packages the application
else
  mvn -B -q package -DskipTests
  TAG=${TAG:-0.1.0}; REGISTRY=${REGISTRY:-paralleljob}; REGISTRY=${REGISTRY%/}
  printf 'image:\n  repository: %s/operator\n  tag: "%s"\nrunnerImage:\n  repository: %s/runner\n  tag: "%s"\n' \
    "$REGISTRY" "$TAG" "$REGISTRY" "$TAG" > target/images.values.yaml
fi
scripts/build-plugin.sh >/dev/null
cp target/kubectl-paralleljob "$OUT/"
# The chart as released: its default values name the images just built.
chart=$(mktemp -d)
trap 'rm -rf "$chart"' EXIT
cp -r helm/parallel-job-operator "$chart/"
python3 - "$chart/parallel-job-operator/values.yaml" target/images.values.yaml <<'PY'
import re, sys
values, images = open(sys.argv[1]).read(), open(sys.argv[2]).read()
for block in ("image", "runnerImage"):
    m = re.search(r"^%s:\n  repository: (\S+)\n  tag: (\S+)" % block, images, re.M)
    values = re.sub(r"^(%s:\n  repository: )\S+(\n  tag: )\S+" % block,
                    lambda v: v.group(1) + m.group(1) + v.group(2) + m.group(2), values, count=1, flags=re.M)
# Pull secrets (PULL_SECRET=... build-images.sh) go into the chart's defaults as well.
for key, indent in (("pullSecrets", "  "), ("imagePullSecrets", "")):
    m = re.search(r"^%s%s: (.+)$" % (indent, key), images, re.M)
    if m:
        values = re.sub(r"^%s%s: \[\]$" % (indent, key), lambda v: indent + key + ": " + m.group(1), values,
                        count=1, flags=re.M)
open(sys.argv[1], "w").write(values)
PY
.tools/helm package "$chart/parallel-job-operator" --destination "$OUT" >/dev/null
cp crds/paralleljobs.paralleljob.io-v1.yml "$OUT/paralleljob-crd.yaml"
scripts/render-k8s.sh target/images.values.yaml "$chart/k8s" >/dev/null
cat "$chart"/k8s/00-namespace.yaml <(echo ---) "$chart"/k8s/01-crd.yaml <(echo ---) "$chart"/k8s/02-operator.yaml \
  > "$OUT/paralleljob-operator.yaml"
(cd "$OUT" && sha256sum -- * > SHA256SUMS)
echo "release in $OUT:"; ls -l "$OUT"
