# What the benchmark scripts share (sourced): free loopback ports, and VoxClone started on them with a data directory
# of its own. The caller sets JAVA_OPTS and DATA, and stops $PID when done (e.g. in an EXIT trap).

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# Starts VoxClone with its data in $DATA/stack and waits until it is ready; sets HTTP (its port), KEY (the
# administrator key), PID and LOG, and exports VOXCLONE_DATA_DIR.
start_voxclone() {
  HTTP=$(free_port)
  KEY="vxc_benchmark-$(date +%s)"
  LOG="$DATA/stack.log"
  export VOXCLONE_DATA_DIR="$DATA/stack" VOXCLONE_HTTP_PORT="$HTTP" VOXCLONE_DB_PORT=$(free_port) \
         VOXCLONE_BROKER_PORT=$(free_port) VOXCLONE_BOOTSTRAP_API_KEY="$KEY" VOXCLONE_NODE_NAME=bench
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
