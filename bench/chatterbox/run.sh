#!/usr/bin/env bash
# Chatterbox engine on the full-size performance twin (random weights, real sizes), on the CPU by default.
# Usage: bench/chatterbox/run.sh [key=value ...]   (keys: see ChatterboxBenchmark; e.g. tokens=250 precision=q4)
# model=chatterbox-turbo measures Chatterbox Turbo's twin instead (give it its own VOXCLONE_TWIN_DIR, e.g.
# bench/chatterbox/twin-turbo). On an NVIDIA GPU node pass provider=cuda: the GPU build of ONNX Runtime (Maven
# profile gpu) is used then; run it once per model.
# Writes the twin (~3.5 GB: fp32 graphs, the q4 language model, decoders with 6 and 4 flow steps) to $VOXCLONE_TWIN_DIR
# (default bench/chatterbox/twin, ignored by git) on first run and adds the run to the "Chatterbox engine" section of bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
TWIN=${VOXCLONE_TWIN_DIR:-bench/chatterbox/twin}
MAVEN=(-o)   # everything is in the local repository after a build; the GPU jar may need fetching once
for arg in "$@"; do
  case "$arg" in provider=cuda | provider=auto) MAVEN=(-Pgpu) ;; esac
done
rm -rf engine-chatterbox/target/bench-lib
./mvnw -B -q "${MAVEN[@]}" -pl engine-chatterbox -am package dependency:copy-dependencies -DskipTests \
  -Dmdep.includeScope=test -DoutputDirectory=target/bench-lib >/dev/null
# A wildcard class path: ONNX Runtime's native start-up crashes the JVM when java.class.path exceeds ~4000 characters.
CP="engine-chatterbox/target/test-classes:engine-chatterbox/target/classes:engine-chatterbox/target/bench-lib/*"
SECTION=$(mktemp)
trap 'rm -f "$SECTION"' EXIT
LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
START=$(date -u '+%Y-%m-%d %H:%M UTC')
OUT=$(java -Xmx3g -XX:MaxDirectMemorySize=6g -cp "$CP" com.voxclone.engine.chatterbox.bench.ChatterboxBenchmark dir="$TWIN" "$@")
echo "$OUT"
ORT=$(ls engine-chatterbox/target/bench-lib | sed -n 's/^onnxruntime\(_gpu\)\{0,1\}-\(.*\)\.jar$/\2/p')
{
  echo
  echo "### Run $START, $(nproc) CPU cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), ONNX Runtime $ORT"
  echo
  echo "Command: \`bench/chatterbox/run.sh${*:+ $*}\`; load average at start: $LOAD."
  echo
  echo "$OUT"
} > "$SECTION"
# The run goes at the end of the "Chatterbox engine" section, before the next section.
python3 - "$SECTION" <<'PY'
import re, sys
results = "bench/RESULTS.md"
text = open(results).read()
run = open(sys.argv[1]).read().rstrip("\n") + "\n"
start = text.find("\n## Chatterbox engine")
if start < 0:
    text = text.rstrip("\n") + "\n\n## Chatterbox engine\n" + run
else:
    nxt = re.search(r"\n## ", text[start + 1:])
    end = start + 1 + nxt.start() if nxt else len(text)
    text = text[:end].rstrip("\n") + "\n" + run + text[end:]
open(results, "w").write(text)
PY
