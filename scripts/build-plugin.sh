#!/usr/bin/env bash
# Builds the kubectl plugin as one file, target/kubectl-paralleljob: a short sh launcher with the
# packaged application (target/quarkus-app) appended as a tar.gz. Put the file on your PATH and
# `kubectl paralleljob get|results|logs|rerun NAME` works (kubectl's plugin convention). On first use
# it unpacks itself into ~/.cache/kubectl-paralleljob/<its checksum>/; it needs java 17+, tar, gzip.
#   mvn -B package -DskipTests && scripts/build-plugin.sh
set -euo pipefail
cd "$(dirname "$0")/.."
APP=target/quarkus-app
OUT=target/kubectl-paralleljob
[ -f "$APP/quarkus-run.jar" ] || { echo "build-plugin: build first (mvn -B package -DskipTests)" >&2; exit 1; }
payload=$(mktemp)
trap 'rm -f "$payload"' EXIT
tar -czf "$payload" -C "$APP" .
sum=$(sha256sum "$payload" | cut -c1-16)
cat > "$OUT" <<SH
#!/bin/sh
# kubectl-paralleljob: the ParallelJob operator's kubectl plugin (kubectl paralleljob --help).
# One file: this launcher, then the application as a tar.gz, unpacked once into the cache below.
set -e
dir="\${XDG_CACHE_HOME:-\$HOME/.cache}/kubectl-paralleljob/$sum"
if [ ! -f "\$dir/quarkus-run.jar" ]; then
  mkdir -p "\$dir.part.\$\$"
  tail -n +@SKIP@ "\$0" | tar -xzf - -C "\$dir.part.\$\$"
  rm -rf "\$dir" && mv "\$dir.part.\$\$" "\$dir"
fi
command -v java >/dev/null || { echo "kubectl-paralleljob: needs java 17 or later on the PATH" >&2; exit 2; }
exec java -XX:TieredStopAtLevel=1 -jar "\$dir/quarkus-run.jar" kubectl "\$@"
__PAYLOAD__
SH
# The payload starts on the line after the marker: tail, not sed, copies binary data unchanged everywhere.
skip=$(( $(grep -n '^__PAYLOAD__$' "$OUT" | cut -d: -f1) + 1 ))
sed -i.bak "s/@SKIP@/$skip/" "$OUT" && rm -f "$OUT.bak"
cat "$payload" >> "$OUT"
chmod 755 "$OUT"
echo "build-plugin: $OUT ($(du -h "$OUT" | cut -f1)); put it on your PATH: kubectl paralleljob --help"
