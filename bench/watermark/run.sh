#!/usr/bin/env bash
# Watermark: detection and id recovery after lossy codecs, resampling, gain, cropping and noise on 1,000 synthetic and
# the real clips, and false positives on unmarked speech. Needs the Debian packages ffmpeg, espeak-ng, sox,
# pocketsphinx-testdata and asterisk-core-sounds-{en,es,fr,it,ru}-g722 (real speech). Writes the "Watermark" section
# of bench/RESULTS.md. CLIPS=100 PROMPTS=100 for a quick run; EXAMPLES=folder also writes a few clips without and
# with the watermark there, to listen to.
exec "$(dirname "$0")/../common/run_measurement.sh" jms-worker WatermarkMeasurement watermark.bench.output \
  -Dwatermark.bench.clips="${CLIPS:-1000}" -Dwatermark.bench.prompts="${PROMPTS:-100000}" \
  -Dwatermark.bench.examples="${EXAMPLES:-}"
