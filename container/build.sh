#!/usr/bin/env bash
# The VoxClone container image, for main and worker nodes, built without a container engine: a Debian base with the
# Java runtime (debootstrap from Debian's mirror), the launcher installation on top, written as an image archive that
# `docker load -i` and `podman load -i` read. Needs root (debootstrap, chroot) and Debian's debootstrap package.
#
# Usage: container/build.sh [--verify]
#   Writes container/target/voxclone-image.tar, tagged voxclone:<project version>. The base layer is kept in
#   container/target and reused; delete it to take newer Debian packages.
#   --verify  then has skopeo (if installed) read the archive and check its layers' digests, unpacks the archive
#             into a fresh folder and runs it as a container engine would: the image's user, working directory,
#             environment and command, in a chroot with /proc, the basic devices, /dev/shm and /etc/hosts, on free
#             loopback ports. It must answer 200 on /health/ready, the portal and the API, then stop cleanly within
#             60 s of SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=container/target
SUITE=bookworm
MIRROR=${VOXCLONE_DEBIAN_MIRROR:-http://deb.debian.org/debian}
VERSION=$(python3 -c "import xml.etree.ElementTree as E; print(E.parse('pom.xml').getroot().find('{http://maven.apache.org/POM/4.0.0}version').text)")
TAG="voxclone:$VERSION"
ARCHIVE="$OUT/voxclone-image.tar"
VERIFY=false
case "${1:-}" in
  --verify) VERIFY=true ;;
  "") ;;
  *) echo "Usage: container/build.sh [--verify]" >&2; exit 2 ;;
esac
if [ "$(id -u)" != 0 ]; then
  echo "container/build.sh needs root: debootstrap writes a Debian system and --verify runs it in a chroot." >&2
  exit 1
fi
command -v debootstrap >/dev/null || { echo "Install Debian's debootstrap package first (apt-get install debootstrap)." >&2; exit 1; }
mkdir -p "$OUT"

# Base layer: a minimal Debian with the Java runtime and the account the image runs as (uid 10001), owning the home
# folder and the data folder that a volume is mounted on.
if [ ! -f "$OUT/base.tar" ]; then
  echo "Writing the Debian $SUITE base with the Java runtime (about a minute)..."
  rm -rf "$OUT/rootfs"
  debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates "$SUITE" "$OUT/rootfs" "$MIRROR" >"$OUT/debootstrap.log"
  chroot "$OUT/rootfs" useradd --uid 10001 --user-group --home-dir /var/lib/voxclone --create-home --shell /usr/sbin/nologin voxclone
  install -d -o 10001 -g 10001 -m 700 "$OUT/rootfs/var/lib/voxclone/data"
  rm -rf "$OUT"/rootfs/var/cache/apt/archives/*.deb "$OUT"/rootfs/var/lib/apt/lists/* "$OUT"/rootfs/var/log/*.log
  # A container engine provides /dev, /proc and /sys itself.
  tar --numeric-owner --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' -C "$OUT/rootfs" -cf "$OUT/base.tar.part" .
  mv "$OUT/base.tar.part" "$OUT/base.tar"
  rm -rf "$OUT/rootfs"
fi

# Application layer: the launcher installation, as ./voxclone start uses it.
echo "Building VoxClone..."
./mvnw -q -B install -DskipTests
rm -rf "$OUT/app"
mkdir -p "$OUT/app/opt/voxclone"
cp -r launcher/target/voxclone-launcher.jar launcher/target/lib launcher/target/deploy launcher/target/server-lib "$OUT/app/opt/voxclone/"
tar --numeric-owner --owner=0 --group=0 -C "$OUT/app" -cf "$OUT/app.tar" ./opt
rm -rf "$OUT/app"
python3 container/image.py write "$ARCHIVE" "$TAG" "$VERSION" "$OUT/base.tar" "$OUT/app.tar"
rm -f "$OUT/app.tar"
echo "Image archive: $ARCHIVE ($(du -h "$ARCHIVE" | cut -f1)). Load it with: docker load -i $ARCHIVE"

if ! $VERIFY; then
  exit 0
fi

# --verify: the archive as a container engine would run it.
ROOT="$OUT/verify/root"
UNPACKED="$OUT/verify/archive"
declare -A PIDS=()
cleanup() {
  # Every process still running in the unpacked image: nodes that failed, and the database server they started.
  local root
  root=$(realpath "$ROOT" 2>/dev/null || true)
  for process in /proc/[0-9]*; do
    if [ -n "$root" ] && [ "$(readlink "$process/root" 2>/dev/null)" = "$root" ]; then kill -KILL "${process#/proc/}" 2>/dev/null || true; fi
  done
  sleep 1
  for mounted in "$ROOT/proc" "$ROOT/dev/shm"; do
    if mountpoint -q "$mounted" && ! umount "$mounted"; then
      echo "Could not unmount $mounted; remove $OUT/verify by hand once it is unmounted." >&2
      return
    fi
  done
  rm -rf "$OUT/verify"
}
trap cleanup EXIT
rm -rf "$OUT/verify"
mkdir -p "$ROOT" "$UNPACKED"
tar -xf "$ARCHIVE" -C "$UNPACKED"
if command -v skopeo >/dev/null; then
  # An independent reader of the archive format, which also checks every layer against its digest.
  skopeo copy -q "docker-archive:$ARCHIVE" "oci:$OUT/verify/oci:voxclone"
  echo "skopeo read the archive and checked its layers."
fi
while read -r layer; do
  tar --numeric-owner -xf "$UNPACKED/$layer" -C "$ROOT"
done < <(python3 container/image.py layers "$UNPACKED")
# What a container engine provides: /proc, the basic devices, /dev/shm and /etc/hosts.
mkdir -p "$ROOT/proc" "$ROOT/dev/shm"
mount -t proc proc "$ROOT/proc"
for device in "null 1 3" "zero 1 5" "full 1 7" "random 1 8" "urandom 1 9" "tty 5 0"; do
  read -r name major minor <<<"$device"
  mknod -m 666 "$ROOT/dev/$name" c "$major" "$minor"
done
mount -t tmpfs -o size=256m shm "$ROOT/dev/shm"
cp /etc/hosts "$ROOT/etc/hosts"

USER_SPEC= WORKDIR= ENVIRONMENT=() ARGV=()
while IFS= read -r line; do
  case "$line" in
    user=*) USER_SPEC=${line#user=} ;;
    workdir=*) WORKDIR=${line#workdir=} ;;
    env=*) ENVIRONMENT+=("${line#env=}") ;;
    argv=*) ARGV+=("${line#argv=}") ;;
  esac
done < <(python3 container/image.py run "$UNPACKED")
# Free loopback ports, so that a VoxClone already running here is not disturbed.
read -r HTTP_PORT WORKER_PORT DB_PORT BROKER_PORT < <(python3 -c "
import socket
sockets = [socket.socket() for _ in range(4)]
for s in sockets:
    s.bind(('127.0.0.1', 0))
print(' '.join(str(s.getsockname()[1]) for s in sockets))")

# One node from the image: node NAME PORT COMMAND [VARIABLE=value ...]; its process id goes to PIDS[NAME].
node() {
  local name=$1 port=$2 command=$3
  shift 3
  echo "Running the image as the $name node (${ARGV[-1]/start/$command}) as user $USER_SPEC on port $port; output: $OUT/verify-$name.log"
  chroot --userspec="$USER_SPEC" "$ROOT" /usr/bin/env -i "${ENVIRONMENT[@]}" HOME="$WORKDIR" VOXCLONE_HTTP_PORT="$port" "$@" \
    /bin/sh -c 'cd "$HOME" && exec "$@"' image "${ARGV[@]:0:${#ARGV[@]}-1}" "$command" >"$OUT/verify-$name.log" 2>&1 &
  PIDS[$name]=$!
}
status() { curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1$2" || true; }
await_ready() {
  local name=$1 port=$2
  for _ in $(seq 1 180); do
    [ "$(status "$port" /health/ready)" = 200 ] && return 0
    kill -0 "${PIDS[$name]}" 2>/dev/null || { echo "The $name node stopped before it was ready:" >&2; tail -20 "$OUT/verify-$name.log" >&2; exit 1; }
    sleep 1
  done
  echo "The $name node was not ready within 180 s; see $OUT/verify-$name.log" >&2
  exit 1
}
stop_cleanly() {
  local name=$1 pid=${PIDS[$1]}
  kill -TERM "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "The $name node did not stop within 60 s of SIGTERM; see $OUT/verify-$name.log" >&2
    exit 1
  fi
  wait "$pid" || true
  grep -q "VoxClone: stopped." "$OUT/verify-$name.log" || { echo "The $name node did not stop cleanly:" >&2; tail -20 "$OUT/verify-$name.log" >&2; exit 1; }
  unset "PIDS[$name]"
}
[ "${ARGV[-1]}" = start ] || { echo "The image's command is ${ARGV[*]}, not ... start" >&2; exit 1; }

# The main node: portal, API, a worker, and the embedded database and broker.
node main "$HTTP_PORT" start VOXCLONE_DB_PORT="$DB_PORT" VOXCLONE_BROKER_PORT="$BROKER_PORT"
await_ready main "$HTTP_PORT"
for path in / /openapi; do
  code=$(status "$HTTP_PORT" "$path")
  [ "$code" = 200 ] || { echo "GET $path answered $code" >&2; exit 1; }
done

# A worker node from the same image, on the main node's database and broker with their accounts.
DATA="$ROOT/var/lib/voxclone/data"
credential() { sed -n "s/^$1=//p" "$DATA/credentials.properties"; }
install -d -o "${USER_SPEC%%:*}" -g "${USER_SPEC##*:}" -m 700 "$ROOT/var/lib/voxclone/worker-data"
node worker "$WORKER_PORT" worker VOXCLONE_DATA_DIR=/var/lib/voxclone/worker-data VOXCLONE_NODE_NAME=image-worker \
  VOXCLONE_DB_URL="jdbc:postgresql://127.0.0.1:$DB_PORT/voxclone" VOXCLONE_DB_USER="$(credential db.user)" VOXCLONE_DB_PASSWORD="$(credential db.password)" \
  VOXCLONE_BROKER_URL="tcp://127.0.0.1:$BROKER_PORT" VOXCLONE_BROKER_USER="$(credential broker.user)" VOXCLONE_BROKER_PASSWORD="$(credential broker.password)"
await_ready worker "$WORKER_PORT"
WORKERS=$(curl -s -H "Authorization: Bearer $(cat "$DATA/admin-api-key.txt")" "http://127.0.0.1:$HTTP_PORT/api/admin/workers")
grep -q '"node":"image-worker' <<<"$WORKERS" || { echo "The main node does not list the worker node: $WORKERS" >&2; exit 1; }

stop_cleanly worker
stop_cleanly main
echo "Verified: the image ran a main node (portal, API, health) and a worker node that joined it, and both stopped cleanly on SIGTERM."
