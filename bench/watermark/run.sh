#!/usr/bin/env bash
# Watermark: detection and id recovery after lossy codecs, resampling, gain, cropping and noise on 1,000 synthetic and
# the real clips, and false positives on unmarked speech. Needs the Debian packages ffmpeg, espeak-ng, sox and
# pocketsphinx-testdata. Writes the "Watermark" section of bench/RESULTS.md. CLIPS=100 for a quick run;
# EXAMPLES=folder also writes a few clips without and with the watermark there, to listen to.
exec "$(dirname "$0")/../common/run_measurement.sh" jms-worker WatermarkMeasurement watermark.bench.output \
  -Dwatermark.bench.clips="${CLIPS:-1000}" -Dwatermark.bench.examples="${EXAMPLES:-}"
