#!/bin/bash
# Builds the base images `make images` uses on a machine that reaches no image registry (docs/deployment.md):
#   kvg-local/bookworm      Debian bookworm (minbase) made with debootstrap from the mirror apt uses
#   kvg-local/python:3.10   that image + the machine's pyenv Python 3.10 in /usr/local (as python:3.10-slim has it)
# Each is built only when missing (the bookworm one) or through Docker's layer cache (the Python one).
# Elsewhere the Dockerfile's defaults (debian:bookworm-slim, python:3.10-slim-bookworm) are used instead.
set -euo pipefail
WORK=${1:?usage: build-bases.sh WORK_DIR}
DEBIAN_TAG=${LOCAL_DEBIAN_IMAGE:-kvg-local/bookworm}
PYTHON_TAG=${LOCAL_PYTHON_IMAGE:-kvg-local/python:3.10}
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$WORK"

# The Debian mirror that apt's sources name (deb822 .sources or one-line .list), deb.debian.org otherwise
mirror() {
  local url
  url=$(grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -1)
  [ -n "$url" ] || url=$(grep -hsE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
                          | awk '{print $2}' | grep -v security | head -1)
  echo "${url:-http://deb.debian.org/debian}"
}

if ! docker image inspect "$DEBIAN_TAG" >/dev/null 2>&1; then
  root="$WORK/bookworm-root"
  rm -rf "$root"
  echo "build-bases: debootstrap bookworm from $(mirror) (about 40 s)"
  debootstrap --variant=minbase bookworm "$root" "$(mirror)" > "$WORK/debootstrap.log" 2>&1 \
    || { tail -20 "$WORK/debootstrap.log"; exit 1; }
  # no package lists or caches in the image; apt-get update runs in the Dockerfile as with debian:bookworm-slim
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb
  tar -C "$root" -c . | docker import -c 'CMD ["bash"]' - "$DEBIAN_TAG" >/dev/null
  rm -rf "$root"
fi
echo "build-bases: $DEBIAN_TAG $(docker image inspect -f '{{.Size}}' "$DEBIAN_TAG" | awk '{printf "%.0f MB", $1/1e6}')"

# Python 3.10: in no Debian suite, so the machine's pyenv build goes in (without its tests and the
# machine's site-specific .pth files). The tar is made again only when the Python tree changes.
prefix=${PYTHON_PREFIX:-$(pyenv prefix 3.10.13 2>/dev/null || true)}
[ -x "$prefix/bin/python3.10" ] || { echo "build-bases: Python 3.10.13 not found (pyenv prefix 3.10.13)"; exit 1; }
ctx="$WORK/python"
mkdir -p "$ctx"
cp "$HERE/python.Dockerfile" "$ctx/Dockerfile"
stamp=$(find "$prefix" -path "$prefix/lib/python3.10/test" -prune -o -type f -newer "$ctx/python.tar" -print -quit 2>/dev/null || true)
if [ ! -s "$ctx/python.tar" ] || [ -n "$stamp" ]; then
  tar -C "$prefix" --sort=name --mtime=2000-01-01 --owner=0 --group=0 --numeric-owner \
      --exclude=./lib/python3.10/test --exclude=./lib/python3.10/idlelib/idle_test \
      --exclude=./lib/python3.10/tkinter --exclude=./lib/python3.10/turtledemo \
      --exclude='*/__pycache__' --exclude='./lib/python3.10/site-packages/_sandboxing*' \
      \
      -cf "$ctx/python.tar.new" .
  mv "$ctx/python.tar.new" "$ctx/python.tar"
fi
docker build -q --build-arg "DEBIAN_IMAGE=$DEBIAN_TAG" -t "$PYTHON_TAG" "$ctx" >/dev/null
echo "build-bases: $PYTHON_TAG $(docker image inspect -f '{{.Size}}' "$PYTHON_TAG" | awk '{printf "%.0f MB", $1/1e6}')"
