#!/usr/bin/env bash
# Builds the self-contained runner that worker pods receive: a jlink'd Java runtime with only the
# modules the runner needs, plus the runner's jars, in target/runner-dist/{jre,lib}. The runner
# image (src/main/docker/Dockerfile.runner) ships it under /opt/paralleljob; the init container of
# every worker pod copies it to /pj. Needs the packaged app (mvn package) and a JDK with jlink.
set -euo pipefail
cd "$(dirname "$0")/.."
APP=target/quarkus-app
DIST=target/runner-dist
[ -d "$APP/app" ] || { echo "runner-dist: build first (mvn -B package -DskipTests)" >&2; exit 1; }
JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
rm -rf "$DIST"
mkdir -p "$DIST/lib"
# The application's classes and the JSON library the report lines use; nothing of Quarkus.
cp "$APP"/app/*.jar "$DIST/lib/"
for jar in "$APP"/lib/main/com.fasterxml.jackson.core.jackson-{core,databind,annotations}-*.jar; do
  cp "$jar" "$DIST/lib/"
done
# java.management: the CPU-wait sampler reads its own thread's CPU time to bound what it costs.
MODULES=java.base,java.management
"$JAVA_HOME/bin/jlink" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages \
  --compress=2 --output "$DIST/jre"
echo "runner-dist: $(du -sh "$DIST" | cut -f1) in $DIST (jre $(du -sh "$DIST/jre" | cut -f1), lib $(du -sh "$DIST/lib" | cut -f1))"
