#!/usr/bin/env bash
# Benchmarks synthesis requests over JMS on this machine (loopback only, bounded): an external Jakarta Messaging
# client (Artemis core client over TCP to the embedded broker) sends one 100-character sentence to voxclone.synthesis
# and reads the replies until the last one, and the same sentence as an enterprise system's speech request to
# voxclone.requests with an integration account, at concurrencies 1, 2 and 4; in the same run and
# alternating with it, the same sentence is spoken by the offline engine called directly in the client's JVM (same
# settings and seed, a voice enrolled there from the same recording) and with POST /v1/audio/speech (PCM).
# Requests/s, latency median and p90, CPU per request; the ratios JMS / direct and HTTP / direct.
# Starts the stack on free ports with a temporary data directory, creates a user with the bootstrap administrator key,
# raises its quotas, clones a voice from a generated recording, measures, and stops the stack.
# Appends a dated section to bench/RESULTS.md.   Usage: bench/jms/run.sh [requests per run, default 40] [concurrencies, default 1,2,4]
set -euo pipefail
cd "$(dirname "$0")/../.."
REQUESTS="${1:-40}"
LEVELS="${2:-1,2,4}"
[ -f launcher/target/voxclone-launcher.jar ] && [ -d engine-offline/target/classes ] && [ -d ejb-module/target/classes ] \
  || ./mvnw -q -B package -DskipTests
# The stack's JVM options (bench/common/stack.sh) are also the client's, whose JVM runs the engine when it is called
# directly.
. bench/common/stack.sh

# The client's classpath: the offline engine and the classes it uses from this build, the engine's libraries, and the
# Artemis Jakarta client of the version the project uses (with its own dependencies).
./mvnw -o -q -B dependency:build-classpath -pl engine-offline -am -DexcludeGroupIds=com.voxclone \
  -Dmdep.outputFile="$DATA/engine.cp" >/dev/null
./mvnw -o -q -B dependency:build-classpath -pl system-tests -am -DincludeScope=test \
  -DincludeGroupIds=org.apache.artemis,io.netty,org.jgroups,de.dentrassi.crypto,com.hierynomus,commons-beanutils,commons-logging,commons-collections,org.slf4j \
  -Dmdep.outputFile="$DATA/client.cp" >/dev/null
CP="engine-offline/target/classes:ejb-module/target/classes:$(cat "$DATA/engine.cp"):$(cat "$DATA/client.cp")"

start_voxclone
SETUP=$(timeout 600 python3 bench/jms/setup.py "$HTTP" "$KEY" "$DATA/reference.wav")
field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$SETUP" "$1"; }
sleep 10   # let start-up work settle
LOAD=$(cut -d" " -f1-3 /proc/loadavg)
# shellcheck disable=SC2086
RESULT=$(timeout 1800 java $JAVA_OPTS -cp "$CP" bench/jms/Client.java "tcp://127.0.0.1:$VOXCLONE_BROKER_PORT" \
  "$VOXCLONE_DATA_DIR/credentials.properties" "$HTTP" "$(field userId)" "$(field apiKey)" "$(field voiceId)" \
  "$DATA/reference.wav" "$PID" "$(getconf CLK_TCK)" "$REQUESTS" "$LEVELS" "$(field clientUser)" "$(field clientPassword)" \
  | tail -1)
echo "$RESULT"

CPU=$(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
python3 - "$RESULT" "$CPU" "$(nproc)" "$(java -version 2>&1 | head -1)" "$JAVA_OPTS" "$LOAD" "$(field engine)" "$REQUESTS" "$LEVELS" <<'PY'
import json, sys, datetime
r = json.loads(sys.argv[1]); cpu, cores, jvm, opts, load, engine, requests, levels = sys.argv[2:10]
now = datetime.datetime.now(datetime.timezone.utc)
rows = {(x["mode"], x["concurrency"]): x for x in r["rows"]}
names = {"direct": "engine called directly (client JVM)", "jms": "JMS request/reply (`voxclone.synthesis`)",
         "requests": "JMS request queue (`voxclone.requests`, integration account), pcm",
         "http": "HTTP `POST /v1/audio/speech`, pcm"}
lines = []
for c in sorted({x["concurrency"] for x in r["rows"]}):
    d = rows[("direct", c)]
    for mode in ("direct", "jms", "requests", "http"):
        x = rows[(mode, c)]
        ratio = "1.00 / 1.00" if mode == "direct" else \
            f"{x['median_s'] / d['median_s']:.2f} / {x['requests_per_s'] / d['requests_per_s']:.2f}"
        lines.append(f"| {c} | {names[mode]} | {x['requests_per_s']:.2f} | {x['median_s'] * 1000:.0f} ms | "
                     f"{x['p90_s'] * 1000:.0f} ms | {ratio} | {x['audio_s_per_request']:.2f} s | "
                     f"{x['client_cpu_s_per_request'] * 1000:.0f} ms | {x['stack_cpu_s_per_request'] * 1000:.0f} ms |")
table = "\n".join(lines)
over = []
for c in sorted({x["concurrency"] for x in r["rows"]}):
    d, j, q, h = rows[("direct", c)], rows[("jms", c)], rows[("requests", c)], rows[("http", c)]
    over.append(f"{c}: JMS +{(j['median_s'] - d['median_s']) * 1000:.0f} ms, request queue +{(q['median_s'] - d['median_s']) * 1000:.0f} ms, "
                f"HTTP +{(h['median_s'] - d['median_s']) * 1000:.0f} ms")
cpu_d = sum(rows[("direct", c)]["client_cpu_s_per_request"] for c in {x["concurrency"] for x in r["rows"]}) / len(over)
cpu_j = sum(rows[("jms", c)]["stack_cpu_s_per_request"] for c in {x["concurrency"] for x in r["rows"]}) / len(over)
cpu_h = sum(rows[("http", c)]["stack_cpu_s_per_request"] for c in {x["concurrency"] for x in r["rows"]}) / len(over)
cpu_q = sum(rows[("requests", c)]["stack_cpu_s_per_request"] for c in {x["concurrency"] for x in r["rows"]}) / len(over)
same = len({x["audio_s_per_request"] for x in r["rows"]}) == 1
section = f"""
## JMS: synthesis requests through an external client vs the engine called directly

{now:%Y-%m-%d %H:%M} UTC, {cores} cores ({cpu}), {jvm}; one JVM with embedded PostgreSQL, Artemis and Payara Micro
(web + worker, {engine} engine), `{opts}`; the client in a JVM of its own with the same options.
`bench/jms/run.sh {requests} {levels}`; load average before measuring: {load}.
Text: one sentence of {r['characters']} characters ("{r['sentence']}"),
settings `{json.dumps(r['settings'], separators=(',', ':'))}` on every path.
JMS: an Artemis core client over TCP to the embedded broker, a MapMessage to `voxclone.synthesis` per request,
replies read from the client's temporary queue until `last`. Direct: the offline engine in the client's JVM,
`synthesize` of the same sentence with the same settings, the voice enrolled there from the same generated 12 s
recording (base voice {r['base_voice']}; start and calibration {r['engine_start_s']:.1f} s, not counted). Request queue:
the JSON of the HTTP request as a TextMessage to `voxclone.requests` with the integration account, the whole PCM in
one reply on the account's reply queue (read by correlation id); a web node takes it and sends the sentence over
`voxclone.synthesis` like HTTP does. HTTP: the same
sentence with `response_format` pcm and the same settings; it goes over the same queue. Per concurrency the four run
one after the other, {requests} requests each after {r['warm_up']} not counted per path; latency is from sending until the
last audio byte. Ratios against the direct call at the same concurrency.

| concurrency | path | requests/s | median | p90 | x direct (median latency / requests/s) | audio per request | client CPU per request | stack CPU per request |
|---|---|---|---|---|---|---|---|---|
{table}

Median latency added to the direct call, by concurrency: {"; ".join(over)}.
CPU per request, mean over the concurrencies: direct {cpu_d * 1000:.0f} ms (the client's JVM), JMS {cpu_j * 1000:.0f} ms,
request queue {cpu_q * 1000:.0f} ms and HTTP {cpu_h * 1000:.0f} ms (the stack, which runs the same engine call inside).
{"Every path produced the same length of audio per request (same base voice, settings and seed), so the direct call did the same work." if same else "The paths produced different amounts of audio per request (see the table): the work differs."}

Stack CPU: the stack's JVM and every process below it (PostgreSQL). During the direct runs the stack is idle, so its
CPU there is the idle stack's background. The worker takes at most 2 synthesis requests at once (`maxSession` 2) and
the client, the stack and the engine share the same {cores} cores, so concurrency above 2 only queues.
"""
open("bench/RESULTS.md", "a").write(section)
PY
echo "Results appended to bench/RESULTS.md"
