#!/usr/bin/env bash
# Consent checks: the speaker match's false-accept and false-reject rates by threshold (real and synthetic voices) and
# the spoken-words check on right, wrong and replaced readings. Needs the Debian packages espeak-ng, sox and
# pocketsphinx-testdata. Writes the "Consent checks" section of bench/RESULTS.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
section="$(mktemp)"
trap 'rm -f "$section"' EXIT
./mvnw -q -B -pl jms-worker -am install -DskipTests
./mvnw -q -B -pl jms-worker test -Dtest=ConsentMeasurement -Dsurefire.failIfNoSpecifiedTests=false -Dconsent.bench.output="$section"
results="$root/bench/RESULTS.md"
python3 "$root/bench/common/replace_section.py" "$results" "$section"
cat "$section"
