#!/usr/bin/env bash
# Builds the self-contained runner that worker pods receive: a jlink'd Java runtime with only the
# modules the runner needs, the runner's jars, and the C library that runtime was built against
# with its dynamic loader, in target/runner-dist/{jre,lib,libc}. Pods start the runtime through
# that loader (libc/ld.so), so the runner needs nothing from the user's image: it starts in glibc
# and musl images (Debian, Alpine, busybox, curlimages) and in images with no libc and no shell
# (distroless static, scratch) alike. The runner
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
# The shared libraries the runtime loads, found as the dynamic loader resolves them here, and the
# loader itself under a fixed name (the pod's command names it; glibc's loader runs as a program).
mkdir -p "$DIST/libc"
libs=$(find "$DIST/jre" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} \; 2>/dev/null \
  | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\/.*ld-linux/ {print $1}' | grep -v "^$PWD/$DIST/" | sort -u)
for lib in $libs; do
  case "$(basename "$lib")" in
    ld-linux*) cp -L "$lib" "$DIST/libc/ld.so" ;;
    *) cp -L "$lib" "$DIST/libc/" ;;
  esac
done
[ -x "$DIST/libc/ld.so" ] || { echo "runner-dist: found no dynamic loader for $DIST/jre" >&2; exit 1; }
echo "runner-dist: $(du -sh "$DIST" | cut -f1) in $DIST (jre $(du -sh "$DIST/jre" | cut -f1), lib $(du -sh "$DIST/lib" | cut -f1), libc $(du -sh "$DIST/libc" | cut -f1))"
