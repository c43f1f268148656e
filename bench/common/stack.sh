# What the benchmark scripts share (sourced, from the repository's root): the JVM options, a temporary folder for the
# run ($DATA) that is removed at exit after VoxClone ($PID) and any other process in $OTHER_PIDS is stopped, free
# loopback ports, and VoxClone started on them.

# The same JVM options as ./voxclone start (VOXCLONE_JAVA_OPTS overrides them there and here).
JAVA_OPTS="${VOXCLONE_JAVA_OPTS:--Xmx1g -XX:+UseSerialGC}"
DATA=$(mktemp -d -t voxclone-bench-XXXXXX)
PID=""
OTHER_PIDS=""
cleanup() {
  for p in $PID $OTHER_PIDS; do kill -TERM "$p" 2>/dev/null || true; done
  for p in $PID $OTHER_PIDS; do wait "$p" 2>/dev/null || true; done
  rm -rf "$DATA"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# Starts VoxClone with its data in $DATA/stack and waits until it is ready; sets HTTP (its port), KEY (the
# administrator key), PID and LOG, and exports VOXCLONE_DATA_DIR.
start_voxclone() {
  HTTP=$(free_port)
  KEY="vxc_benchmark-$(date +%s)"
  LOG="$DATA/stack.log"
  export VOXCLONE_DATA_DIR="$DATA/stack" VOXCLONE_HTTP_PORT="$HTTP" VOXCLONE_DB_PORT=$(free_port) \
         VOXCLONE_BROKER_PORT=$(free_port) VOXCLONE_BOOTSTRAP_API_KEY="$KEY" VOXCLONE_NODE_NAME=bench \
         VOXCLONE_CONSENT_POLICY=off   # the benchmarks upload synthetic recordings with no speaker to consent
  mkdir -p "$VOXCLONE_DATA_DIR"
  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar launcher/target/voxclone-launcher.jar start > "$LOG" 2>&1 &
  PID=$!
  for _ in $(seq 1 300); do
    grep -q "VoxClone is running." "$LOG" && curl -sf "http://127.0.0.1:$HTTP/health/ready" >/dev/null && return 0
    kill -0 "$PID" 2>/dev/null || { tail -50 "$LOG"; echo "VoxClone did not start" >&2; exit 1; }
    sleep 1
  done
  tail -50 "$LOG"; echo "VoxClone is not ready after 300 s" >&2; exit 1
}
