#!/usr/bin/env bash
# Benchmarks the running product on this machine (loopback only, bounded): accepted uploads per second at 16
# concurrent 5 MB uploads against the upload anchor, 202 -> processing latency with an idle worker, and the memory of
# the whole stack (the JVM and every PostgreSQL process, PSS) idle and under upload load.
# The upload anchor (bench/stack/anchor) is a bare servlet that streams the body to a temporary file and answers 202;
# it runs on the same Payara Micro as the product, in a JVM of its own with the same options. The script starts the
# stack and the anchor on free ports with a temporary data directory and stops both afterwards.
# Appends a dated section to bench/RESULTS.md.   Usage: bench/stack/run.sh [uploads, default 48]
set -euo pipefail
cd "$(dirname "$0")/../.."
UPLOADS="${1:-48}"
[ -f launcher/target/voxclone-launcher.jar ] || ./mvnw -q -B package -DskipTests
PAYARA_MICRO=$(ls launcher/target/lib/payara-micro-*.jar)
. bench/common/stack.sh

# The anchor: compiled against the servlet API of the Payara Micro it runs on, bound to the loopback interface, with
# the launcher's HTTP settings (no clustering, at most 64 request threads).
ANCHOR="$DATA/anchor"
mkdir -p "$ANCHOR/war/WEB-INF/classes"
unzip -p "$PAYARA_MICRO" MICRO-INF/runtime/jakarta.servlet-api.jar > "$ANCHOR/servlet-api.jar"
javac --release 17 -cp "$ANCHOR/servlet-api.jar" -d "$ANCHOR/war/WEB-INF/classes" bench/stack/anchor/UploadAnchor.java
(cd "$ANCHOR/war" && jar cf ../upload-anchor.war .)
echo "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1" \
  > "$ANCHOR/preboot.asadmin"
ANCHOR_PORT=$(free_port)
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$PAYARA_MICRO" --nocluster --port "$ANCHOR_PORT" --maxhttpthreads 64 --rootdir "$ANCHOR/root" \
  --prebootcommandfile "$ANCHOR/preboot.asadmin" --deploy "$ANCHOR/upload-anchor.war" --contextroot / > "$ANCHOR/log" 2>&1 &
ANCHOR_PID=$!
OTHER_PIDS="$ANCHOR_PID"

start_voxclone
for _ in $(seq 1 120); do
  curl -sf -o /dev/null -X POST --data-binary x "http://127.0.0.1:$ANCHOR_PORT/upload" && break
  kill -0 "$ANCHOR_PID" 2>/dev/null || { tail -50 "$ANCHOR/log"; echo "The upload anchor did not start" >&2; exit 1; }
  sleep 1
done
sleep 10   # let start-up work settle before measuring idle memory
LOAD=$(cut -d" " -f1-3 /proc/loadavg)
RSS_IDLE=$(python3 bench/stack/stackmem.py "$PID" "$VOXCLONE_DATA_DIR/postgres")
RESULT=$(BENCH_UPLOADS="$UPLOADS" BENCH_LAUNCHER_PID="$PID" BENCH_POSTGRES_DIR="$VOXCLONE_DATA_DIR/postgres" \
         BENCH_ANCHOR_PID="$ANCHOR_PID" python3 bench/stack/load.py "$HTTP" "$KEY" "$ANCHOR_PORT")
echo "$RESULT"

CPU=$(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
python3 - "$RESULT" "$RSS_IDLE" "$CPU" "$(nproc)" "$(java -version 2>&1 | head -1)" "$(basename "$PAYARA_MICRO" .jar)" "$JAVA_OPTS" "$LOAD" <<'PY'
import json, sys, datetime
r = json.loads(sys.argv[1]); idle = int(sys.argv[2]); cpu, cores, jvm, micro, opts, load = sys.argv[3:9]
peak = r["stack_pss_peak_under_upload_load_kb"]
now = datetime.datetime.now(datetime.timezone.utc)
section = f"""
## Stack: uploads against the upload anchor, queue latency, memory

{now:%Y-%m-%d %H:%M} UTC, {cores} cores ({cpu}), {jvm}; one JVM with embedded PostgreSQL, Artemis and Payara Micro
(web + worker, offline engine); the upload anchor on {micro} in a JVM of its own; both `{opts}`.
`bench/stack/run.sh {r['uploads']}`; load average before measuring: {load}.

| measure | VoxClone | reference (same run) | ratio |
|---|---|---|---|
| accepted uploads/s, {r['concurrency']} concurrent uploads of {r['upload_bytes'] / 1e6:.1f} MB ({r['uploads']} in all, after {r['concurrency']} not counted) | {r['voxclone_accepted_per_s']:.2f} | {r['anchor_accepted_per_s']:.2f} (upload anchor: bare servlet, body to a temporary file, 202) | {r['accepted_ratio']:.3f} |
| server CPU time per accepted upload (VoxClone: JVM + PostgreSQL; anchor: its JVM) | {r['voxclone_server_cpu_s_per_upload'] * 1000:.0f} ms | {r['anchor_server_cpu_s_per_upload'] * 1000:.0f} ms | {r['voxclone_server_cpu_s_per_upload'] / r['anchor_server_cpu_s_per_upload']:.1f} |
| 202 → processing, idle worker (median of 5) | {r['to_processing_median_s'] * 1000:.0f} ms | {r['status_round_trip_median_s'] * 1000:.1f} ms (status round trip) | {r['to_processing_over_round_trip']:.1f} |
| memory of the whole stack (JVM + every PostgreSQL process, PSS) | idle {idle / 1024:.0f} MB | peak under upload load {peak / 1024:.0f} MB | {peak / idle:.2f} |

Upload answers: VoxClone {r['upload_statuses']}, anchor {r['anchor_statuses']}. The client (Python, a thread and a
new connection per upload, 16 at a time) used {r['anchor_client_cpu_s']:.2f} s of CPU in the anchor's {r['anchor_window_s']:.2f} s and {r['voxclone_client_cpu_s']:.2f} s in
VoxClone's {r['voxclone_window_s']:.2f} s (with the memory sampling). Every upload VoxClone accepts is validated (type sniffed,
FFmpeg probe) and stored in PostgreSQL with its job and queue message in one XA transaction; the worker meanwhile
processes the queued jobs on the same cores, and its CPU time is in VoxClone's.
"""
open("bench/RESULTS.md", "a").write(section)
PY
echo "Results appended to bench/RESULTS.md"
