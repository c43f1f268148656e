#!/usr/bin/env bash
# Offline engine benchmark: speed against plain MaryTTS, memory, and the four-reference quality table.
# Needs the Debian packages espeak-ng and pocketsphinx-testdata. Writes the "Offline engine" section of bench/RESULTS.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
section="$(mktemp)"
trap 'rm -f "$section"' EXIT
# Two cores, as on the project's machine kind.
pin=()
if command -v taskset >/dev/null && [ "$(nproc)" -gt 2 ]; then pin=(taskset -c 0,1); fi
"${pin[@]}" mvn -q -pl engine-offline -am test -Dtest=OfflineBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Doffline.bench.output="$section"
results="$root/bench/RESULTS.md"
python3 "$root/bench/common/replace_section.py" "$results" "$section"
cat "$section"
