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
python3 - "$results" "$section" <<'PY'
import re, sys
results, section = sys.argv[1], sys.argv[2]
text = open(results).read()
new = open(section).read()
pattern = re.compile(r"^## Consent checks.*?\n.*?(?=^## |\Z)", re.S | re.M)
text = pattern.sub(lambda m: new, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + new
open(results, "w").write(text)
PY
cat "$section"
