#!/usr/bin/env bash
# 202 -> processing with an idle worker, measured with the job's status events (Server-Sent Events), with where the
# time goes (bench/latency/latency.py). Starts the stack on free loopback ports with a temporary data directory and
# stops it afterwards; puts a dated section into bench/RESULTS.md.   Usage: bench/latency/run.sh [jobs, default 20]
set -euo pipefail
cd "$(dirname "$0")/../.."
JOBS="${1:-20}"
[ -f launcher/target/voxclone-launcher.jar ] || ./mvnw -q -B package -DskipTests
. bench/common/stack.sh

start_voxclone
sleep 10   # let start-up work settle
LOAD=$(cut -d" " -f1-3 /proc/loadavg)
RESULT=$(python3 bench/latency/latency.py "$HTTP" "$KEY" "$JOBS")
echo "$RESULT"

CPU=$(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
SECTION=$(mktemp)
trap 'rm -f "$SECTION"; cleanup' EXIT
python3 - "$RESULT" "$CPU" "$(nproc)" "$(java -version 2>&1 | head -1)" "$JAVA_OPTS" "$LOAD" > "$SECTION" <<'PY'
import json, sys, datetime
r = json.loads(sys.argv[1]); cpu, cores, jvm, opts, load = sys.argv[2:7]
now = datetime.datetime.now(datetime.timezone.utc)
ms = lambda key: f"{r[key] * 1000:.1f} ms"
print(f"""## Queue latency: 202 to processing, with status events

{now:%Y-%m-%d %H:%M} UTC, {cores} cores ({cpu}), {jvm}; one JVM with embedded PostgreSQL, Artemis and Payara Micro
(web + worker, offline engine), `{opts}`. `bench/latency/run.sh {r['jobs']}`; load average before measuring: {load}.
Each job (a 4 s recording) is sent when the previous one has finished, so the worker is idle; the time is read when
the job's event stream delivers its `processing` event.

| measure | VoxClone | reference (same run) | ratio |
|---|---|---|---|
| 202 → `processing` event at the client, idle worker (median of {r['jobs']}; max {r['to_processing_event_max_s'] * 1000:.0f} ms) | {ms('to_processing_event_median_s')} | {ms('status_round_trip_median_s')} (status round trip) | {r['to_processing_event_median_s'] / r['status_round_trip_median_s']:.1f} |

Where the time goes (medians, from the job's own timestamps in the event; client and server share the clock):

| part | time |
|---|---|
| after the job row was made, until the 202 arrived (the request's two-phase commit: upload, job and message; the answer) | {ms('answer_median_s')} |
| 202 → the worker marks the job started (the broker delivers the message to the idle worker, which opens its transaction and locks the job) | {ms('delivery_median_s')} |
| started → the `processing` event at the client (the start and its status messages committed together, the web node receives them on the status topic and sends the event) | {ms('announce_median_s')} |
""")
PY
python3 bench/common/replace_section.py bench/RESULTS.md "$SECTION"
cat "$SECTION"
