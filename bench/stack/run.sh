#!/usr/bin/env bash
# Benchmarks the running product on this machine (loopback only, bounded): accepted uploads per second at 16
# concurrent 5 MB uploads, 202 -> processing latency with an idle worker, and the memory of the whole stack (the JVM
# and every PostgreSQL process, PSS) idle and under upload load. Starts its own stack on free ports with a temporary data directory and stops it afterwards.
# Appends a dated section to bench/RESULTS.md.   Usage: bench/stack/run.sh [uploads, default 48]
set -euo pipefail
cd "$(dirname "$0")/../.."
UPLOADS="${1:-48}"
[ -f launcher/target/voxclone-launcher.jar ] || ./mvnw -q -B install -DskipTests

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
DATA=$(mktemp -d -t voxclone-bench-XXXXXX)
LOG="$DATA/stack.log"
HTTP=$(free_port)
KEY="vxc_benchmark-$(date +%s)"
export VOXCLONE_DATA_DIR="$DATA" VOXCLONE_HTTP_PORT="$HTTP" VOXCLONE_DB_PORT=$(free_port) \
       VOXCLONE_BROKER_PORT=$(free_port) VOXCLONE_BOOTSTRAP_API_KEY="$KEY" VOXCLONE_NODE_NAME=bench
# The same JVM options as ./voxclone start (VOXCLONE_JAVA_OPTS overrides them there and here).
java ${VOXCLONE_JAVA_OPTS:--Xmx1g -XX:+UseSerialGC} -jar launcher/target/voxclone-launcher.jar start > "$LOG" 2>&1 &
PID=$!
cleanup() { kill -TERM "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$DATA"; }
trap cleanup EXIT

for _ in $(seq 1 300); do
  grep -q "VoxClone is running." "$LOG" && curl -sf "http://127.0.0.1:$HTTP/health/ready" >/dev/null && break
  kill -0 "$PID" 2>/dev/null || { tail -50 "$LOG"; echo "VoxClone did not start" >&2; exit 1; }
  sleep 1
done
sleep 10   # let start-up work settle before measuring idle memory
RSS_IDLE=$(python3 bench/stack/stackmem.py "$PID" "$DATA/postgres")
RESULT=$(BENCH_UPLOADS="$UPLOADS" BENCH_LAUNCHER_PID="$PID" BENCH_POSTGRES_DIR="$DATA/postgres" python3 bench/stack/load.py "$HTTP" "$KEY")
echo "$RESULT"

CPU=$(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
python3 - "$RESULT" "$RSS_IDLE" "$CPU" "$(nproc)" "$(java -version 2>&1 | head -1)" <<'PY'
import json, sys, datetime
r = json.loads(sys.argv[1]); idle = int(sys.argv[2]); cpu, cores, jvm = sys.argv[3], sys.argv[4], sys.argv[5]
peak = r["stack_pss_peak_under_upload_load_kb"]
section = f"""
## Stack: uploads, queue latency, memory

{datetime.date.today()}, {cores} cores ({cpu}), {jvm}; one JVM with embedded PostgreSQL, Artemis and Payara Micro
(web + worker, offline engine). `bench/stack/run.sh {r['uploads']}`.

| measure | VoxClone | reference (same run) | ratio |
|---|---|---|---|
| accepted uploads/s, {r['concurrency']} concurrent uploads of {r['upload_bytes'] / 1e6:.1f} MB ({r['uploads']} in all) | {r['voxclone_accepted_per_s']:.2f} | {r['sink_accepted_per_s']:.2f} (plain HTTP sink on loopback) | {r['accepted_ratio']:.3f} |
| 202 → processing, idle worker (median of 5) | {r['to_processing_median_s'] * 1000:.0f} ms | {r['status_round_trip_median_s'] * 1000:.1f} ms (status round trip) | {r['to_processing_over_round_trip']:.1f} |
| memory of the whole stack (JVM + every PostgreSQL process, PSS) | idle {idle / 1024:.0f} MB | peak under upload load {peak / 1024:.0f} MB | {peak / idle:.2f} |

Upload answers: {r['upload_statuses']}. Every accepted upload is validated (type sniffed, FFmpeg probe) and stored in
PostgreSQL with its job and queue message in one XA transaction; the worker meanwhile processes the queued jobs on the
same two cores.
"""
open("bench/RESULTS.md", "a").write(section)
PY
echo "Results appended to bench/RESULTS.md"
