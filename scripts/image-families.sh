#!/usr/bin/env bash
# Builds, from this machine's Debian packages, minimal root file systems that stand for the image
# families users run their items in, under target/image-families/:
#   musl-busybox  musl's loader, busybox as /bin/sh and a musl-linked /item: like alpine,
#                 python:*-alpine, curlimages/curl, busybox
#   static-none   a statically linked /item and nothing else, no libc, no shell: like distroless
#                 static or an image FROM scratch
# (glibc images, Debian and Ubuntu and python:*-slim, are this machine itself.) AnyImageIT starts
# the runner in each with the worker pod's own command, through chroot, as a container runtime would.
# Installs musl-tools and busybox-static with apt-get when they are missing (needs root).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=target/image-families
need=()
command -v musl-gcc >/dev/null || need+=(musl-tools)
[ -x /bin/busybox ] || need+=(busybox-static)
command -v gcc >/dev/null || need+=(gcc)
if [ ${#need[@]} -gt 0 ]; then
  echo "image-families: installing ${need[*]}" >&2
  apt-get install -y -q "${need[@]}" >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q "${need[@]}" >/dev/null; }
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/item.c" <<'C'
#include <stdio.h>
#include <stdlib.h>
/* An item's command in an image with no shell: prints what the runner gave it. */
int main(void) {
    const char *item = getenv("PJ_ITEM"), *index = getenv("PJ_ITEM_INDEX");
    if (item == NULL || index == NULL) { fputs("no PJ_ITEM\n", stderr); return 2; }
    printf("item %s=%s\n", index, item);
    return 0;
}
C
rm -rf "$OUT"
# musl-busybox
root=$OUT/musl-busybox
mkdir -p "$root/lib" "$root/bin" "$root/proc" "$root/dev" "$root/tmp"
musl_loader=$(ls /lib/ld-musl-*.so.1 | head -n 1)
cp -L "$musl_loader" "$root/lib/"
cp /bin/busybox "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
musl-gcc -O2 -o "$root/item" "$work/item.c"
# static-none
root=$OUT/static-none
mkdir -p "$root/proc" "$root/dev"
gcc -static -O2 -o "$root/item" "$work/item.c"
for family in musl-busybox static-none; do
  if [ -e "$OUT/$family/lib64" ] || [ -e "$OUT/$family/usr" ]; then
    echo "image-families: $family holds a glibc" >&2; exit 1
  fi
done
echo "image-families: $(ls "$OUT" | tr '\n' ' ')in $OUT"
