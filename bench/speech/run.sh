#!/usr/bin/env bash
# Benchmarks OpenAI-compatible speech on this machine (loopback only, bounded): a 1,000-word English text spoken with
# POST /v1/audio/speech on the default offline engine, streamed (the default) and as one complete file ("stream": false),
# time to the first audio byte and total time of each, and one sentence as the reference for the first byte.
# Starts the stack on free ports with a temporary data directory, creates a user with the bootstrap administrator key,
# raises its daily speech quota, clones a voice from a generated recording, measures, and stops the stack.
# The plain JMS synthesis queue is not measured (see the results section).
# Appends a dated section to bench/RESULTS.md.   Usage: bench/speech/run.sh [rounds, default 3]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS="${1:-3}"
[ -f launcher/target/voxclone-launcher.jar ] || ./mvnw -q -B package -DskipTests
. bench/common/stack.sh

start_voxclone
sleep 10   # let start-up work settle
LOAD=$(cut -d" " -f1-3 /proc/loadavg)
RESULT=$(timeout 3600 python3 bench/speech/speech.py "$HTTP" "$KEY" "$ROUNDS")
echo "$RESULT"

CPU=$(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
python3 - "$RESULT" "$CPU" "$(nproc)" "$(java -version 2>&1 | head -1)" "$JAVA_OPTS" "$LOAD" <<'PY'
import json, sys, datetime
r = json.loads(sys.argv[1]); cpu, cores, jvm, opts, load = sys.argv[2:7]
now = datetime.datetime.now(datetime.timezone.utc)
audio = r["audio_seconds"]
ref = r["file_total_median_s"]
def runs(rows, i):
    return ", ".join(f"{row[i]:.2f}" for row in rows)
section = f"""
## Speech: 1,000 words over /v1/audio/speech, streamed vs one complete file

{now:%Y-%m-%d %H:%M} UTC, {cores} cores ({cpu}), {jvm}; one JVM with embedded PostgreSQL, Artemis and Payara Micro
(web + worker, {r['engine']} engine), `{opts}`. `bench/speech/run.sh {r['rounds']}`; load average before measuring: {load}.
Text: {r['words']} generated English words ({r['characters']} characters, {audio:.0f} s of speech), MP3 (the default format),
`tts-1`, a voice cloned from a generated 12 s recording; {r['rounds']} rounds, each streamed, then complete file, then one
sentence ({r['sentence_characters']} characters, complete file); medians. Ratios against the complete file's total time from the same run.

| request | first audio byte | total | x complete-file total |
|---|---|---|---|
| streamed (default) | {r['stream_first_median_s']:.2f} s | {r['stream_total_median_s']:.2f} s | first byte {r['stream_first_median_s'] / ref:.3f}, total {r['stream_total_median_s'] / ref:.2f} |
| `"stream": false` (complete file) | {r['file_first_median_s']:.2f} s | {r['file_total_median_s']:.2f} s | first byte {r['file_first_median_s'] / ref:.3f}, total 1.00 |
| one sentence, complete file (reference for a first piece) | | {r['sentence_total_median_s']:.2f} s | {r['sentence_total_median_s'] / ref:.3f} |

Streamed, first byte / total of the same request: median **{r['stream_first_over_total_median']:.3f}** (runs: {", ".join(f"{x:.3f}" for x in r['stream_first_over_total'])}).
Real-time factor (total / audio): streamed {r['stream_total_median_s'] / audio:.3f}, complete file {r['file_total_median_s'] / audio:.3f}.
Each run, first byte / total in seconds: streamed {"; ".join(f"{f:.2f} / {t:.2f}" for f, t in r['stream'])}; complete file
{"; ".join(f"{f:.2f} / {t:.2f}" for f, t in r['file'])}; sentence {"; ".join(f"{t:.2f}" for _, t in r['sentence'])}.
Not measured: the same text through the plain JMS synthesis queue (`voxclone.synthesis` takes at most 500 characters
per request, so it would need a JMS client that splits the text like the server does; the streamed path above is the
server doing exactly that over the same queue).
"""
open("bench/RESULTS.md", "a").write(section)
PY
echo "Results appended to bench/RESULTS.md"
