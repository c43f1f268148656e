#!/usr/bin/env bash
# Ingest benchmark: the worker's in-process ingest (JavaCV/FFmpeg decode of a video's audio, 24 kHz mono,
# silence trim, BS.1770 loudness normalisation, FLAC reference) against the ffmpeg command line doing the
# equivalent work on the same file. Appends the results to bench/RESULTS.md.
#
#   bench/ingest/run.sh [repetitions]      (default 7; needs JDK 17, Maven, and the Debian package ffmpeg)
set -euo pipefail

REPS="${1:-7}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$ROOT"

command -v ffmpeg >/dev/null || { echo "ffmpeg is missing: apt-get install ffmpeg" >&2; exit 1; }
MVN="${MVN:-./mvnw}"
[ -x "$MVN" ] || MVN=mvn

echo "== building ejb-module (main and test classes)"
"$MVN" -q ${MAVEN_OFFLINE:+-o} -pl ejb-module -am install -DskipTests
"$MVN" -q ${MAVEN_OFFLINE:+-o} -pl ejb-module dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
CP="ejb-module/target/test-classes:ejb-module/target/classes:$(cat "$WORK/cp.txt")"

echo "== generating a 60 s video (640x360 H.264 25 fps + stereo AAC speech-like audio)"
java -cp "$CP" com.voxclone.audio.IngestBenchmark speech "$WORK/speech.wav" 60
ffmpeg -v error -y -f lavfi -i "testsrc2=s=640x360:r=25:d=60" -i "$WORK/speech.wav" \
  -c:v libx264 -preset veryfast -pix_fmt yuv420p -c:a aac -b:a 128k -ac 2 -shortest "$WORK/video.mp4"
VIDEO_BYTES=$(stat -c %s "$WORK/video.mp4")

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

echo "== in-process: $REPS repetitions in one JVM (first is cold)"
java -cp "$CP" com.voxclone.audio.IngestBenchmark ingest "$WORK/video.mp4" "$((REPS + 1))" "$WORK/java.flac" | tee "$WORK/java.txt"
JAVA_COLD=$(awk '/^run 0 /{print $3}' "$WORK/java.txt")
JAVA_MED=$(awk '/^run / && $2 > 0 {print $3}' "$WORK/java.txt" | median)
JAVA_RESULT=$(grep '^result' "$WORK/java.txt" | cut -d' ' -f2-)

echo "== in-process including JVM start: $REPS fresh JVMs, one ingest each"
for i in $(seq "$REPS"); do
  t0=$(now_ms); java -cp "$CP" com.voxclone.audio.IngestBenchmark ingest "$WORK/video.mp4" 1 "$WORK/java1.flac" >/dev/null; t1=$(now_ms)
  echo $((t1 - t0))
done > "$WORK/jvm.txt"
JVM_MED=$(median < "$WORK/jvm.txt")

# Same steps with ffmpeg: mono, 24 kHz, trim silence at both ends, loudness to -27 LUFS / -1 dBTP with
# loudnorm in its two-pass linear mode (measure, then one constant gain, like the in-process pipeline),
# back to 24 kHz (loudnorm works at 192 kHz), 16-bit FLAC.
PRE="aformat=channel_layouts=mono,aresample=24000,silenceremove=start_periods=1:start_threshold=-50dB:start_silence=0.15,areverse,silenceremove=start_periods=1:start_threshold=-50dB:start_silence=0.15,areverse"
cli_ingest() {
  local stats
  stats=$(ffmpeg -hide_banner -nostats -i "$WORK/video.mp4" -vn -af "$PRE,loudnorm=I=-27:TP=-1:print_format=json" -f null - 2>&1 | sed -n '/^{/,/^}/p')
  val() { echo "$stats" | sed -n "s/.*\"$1\" : \"\\(.*\\)\".*/\\1/p"; }
  ffmpeg -v error -y -i "$WORK/video.mp4" -vn \
    -af "$PRE,loudnorm=I=-27:TP=-1:linear=true:measured_I=$(val input_i):measured_TP=$(val input_tp):measured_LRA=$(val input_lra):measured_thresh=$(val input_thresh):offset=$(val target_offset),aresample=24000" \
    -ar 24000 -sample_fmt s16 -c:a flac "$WORK/cli.flac"
}
echo "== ffmpeg CLI (two passes: measure, then normalise and encode): $REPS repetitions"
for i in $(seq "$REPS"); do t0=$(now_ms); cli_ingest; t1=$(now_ms); echo $((t1 - t0)); done > "$WORK/cli.txt"
CLI_MED=$(median < "$WORK/cli.txt")

echo "== ffmpeg CLI, extraction only (mono, 24 kHz, FLAC; no trim, no loudness): $REPS repetitions"
for i in $(seq "$REPS"); do
  t0=$(now_ms); ffmpeg -v error -y -i "$WORK/video.mp4" -vn -ac 1 -ar 24000 -sample_fmt s16 -c:a flac "$WORK/plain.flac"; t1=$(now_ms)
  echo $((t1 - t0))
done > "$WORK/plain.txt"
PLAIN_MED=$(median < "$WORK/plain.txt")

CLI_I=$(ffmpeg -hide_banner -nostats -i "$WORK/cli.flac" -af ebur128 -f null - 2>&1 | sed -n 's/^ *I: *\(-\?[0-9.]*\) LUFS/\1/p' | tail -1)
JAVA_I=$(ffmpeg -hide_banner -nostats -i "$WORK/java.flac" -af ebur128 -f null - 2>&1 | sed -n 's/^ *I: *\(-\?[0-9.]*\) LUFS/\1/p' | tail -1)
CLI_DUR=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$WORK/cli.flac")
JAVA_DUR=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$WORK/java.flac")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
JVM=$(java -version 2>&1 | sed -n '2p')
FFV=$(ffmpeg -version | head -1 | cut -d' ' -f1-3)

{
  echo
  echo "## Ingest: in-process vs ffmpeg CLI"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores, $CPU; $JVM; $FFV (CLI), FFmpeg 8.1.2 via JavaCV 1.5.14 (in-process)."
  echo "Input: 60 s 640x360 H.264 + stereo AAC 48 kHz MP4 ($VIDEO_BYTES bytes) with 1 s of silence at each end."
  echo "Work: audio track -> 24 kHz mono -> silence trimmed -> -27 LUFS (peak <= -1 dB) -> 16-bit FLAC. Medians of $REPS runs; the last column is each median divided by the warm in-process median."
  echo
  echo "| Variant | Median ms | x in-process warm |"
  echo "|---|---:|---:|"
  echo "| In-process, warm JVM (the worker's steady state) | $JAVA_MED | 1.00 |"
  echo "| In-process, cold (first call in a fresh JVM, excl. JVM start) | $JAVA_COLD | $(ratio "$JAVA_COLD" "$JAVA_MED") |"
  echo "| In-process, fresh JVM per file incl. start-up | $JVM_MED | $(ratio "$JVM_MED" "$JAVA_MED") |"
  echo "| ffmpeg CLI, two-pass loudnorm (equivalent work) | $CLI_MED | $(ratio "$CLI_MED" "$JAVA_MED") |"
  echo "| ffmpeg CLI, extraction only (no trim, no loudness) | $PLAIN_MED | $(ratio "$PLAIN_MED" "$JAVA_MED") |"
  echo
  echo "Outputs: in-process ${JAVA_DUR} s at ${JAVA_I} LUFS (ffmpeg ebur128), $JAVA_RESULT; CLI ${CLI_DUR} s at ${CLI_I} LUFS."
  echo "Command: \`bench/ingest/run.sh $REPS\`. The machine is shared, so single runs vary; compare ratios from the same run."
} | tee -a bench/RESULTS.md
