#!/usr/bin/env bash
# Watermark: detection and id recovery after lossy codecs, resampling, gain, cropping and noise on 1,000 synthetic and
# the real clips, and false positives on unmarked speech. Needs the Debian packages ffmpeg, espeak-ng, sox and
# pocketsphinx-testdata. Writes the "Watermark" section of bench/RESULTS.md. CLIPS=100 for a quick run.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
section="$(mktemp)"
trap 'rm -f "$section"' EXIT
./mvnw -q -B -pl jms-worker -am install -DskipTests
./mvnw -q -B -pl jms-worker test -Dtest=WatermarkMeasurement -Dsurefire.failIfNoSpecifiedTests=false \
  -Dwatermark.bench.output="$section" -Dwatermark.bench.clips="${CLIPS:-1000}"
python3 "$root/bench/common/replace_section.py" "$root/bench/RESULTS.md" "$section"
cat "$section"
