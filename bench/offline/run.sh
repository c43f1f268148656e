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
[ -f "$results" ] || printf '# Benchmark results\n\n' > "$results"
# Replace this engine's section (from its heading to the next level-2 heading), keep everything else.
python3 - "$results" "$section" <<'PY'
import re, sys
results, section = sys.argv[1], sys.argv[2]
text = open(results).read()
new = open(section).read()
pattern = re.compile(r"^## Offline engine\n.*?(?=^## |\Z)", re.S | re.M)
text = pattern.sub(lambda m: new, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + new
open(results, "w").write(text)
PY
cat "$section"
