#!/usr/bin/env bash
# Chatterbox engine on the full-size performance twin (random weights, real sizes), CPU.
# Usage: bench/chatterbox/run.sh [reference-seconds] [speech-tokens] [chunk-samples]
# Writes the ~2.3 GB twin to engine-chatterbox/target/chatterbox-twin on first run (never committed) and
# appends a results section to bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
REF=${1:-10}
TOKENS=${2:-100}
CHUNK=${3:-2048}
MVN="mvn -q -o"
$MVN -pl engine-chatterbox -am install -DskipTests >/dev/null
$MVN -pl engine-chatterbox test-compile >/dev/null
# A wildcard class path: ONNX Runtime 1.29's native start-up crashes the JVM when java.class.path exceeds ~4000 characters.
$MVN -pl engine-chatterbox dependency:copy-dependencies -Dmdep.includeScope=test -DoutputDirectory=target/bench-lib >/dev/null
CP="engine-chatterbox/target/test-classes:engine-chatterbox/target/classes:engine-chatterbox/target/bench-lib/*"
OUT=$(java -Xmx2g -cp "$CP" com.voxclone.engine.chatterbox.bench.ChatterboxBenchmark \
  engine-chatterbox/target/chatterbox-twin "$REF" "$TOKENS" "$CHUNK")
echo "$OUT"
{
  echo
  echo "### Run $(date -u +%Y-%m-%d), $(nproc) CPU cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), ONNX Runtime 1.29.0 CPU"
  echo
  echo "Command: \`bench/chatterbox/run.sh $REF $TOKENS $CHUNK\`; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "$OUT"
} >> bench/RESULTS.md
