#!/usr/bin/env bash
# Consent checks: the speaker match's false-accept and false-reject rates by threshold (real and synthetic voices) and
# the spoken-words check on right, wrong and replaced readings. Needs the Debian packages espeak-ng, sox, ffmpeg,
# pocketsphinx-testdata and asterisk-core-sounds-{en,es,fr,it,ru}-g722 (real speech). Writes the "Consent checks"
# section of bench/RESULTS.md.
exec "$(dirname "$0")/../common/run_measurement.sh" jms-worker ConsentMeasurement consent.bench.output
