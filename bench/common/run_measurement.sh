#!/usr/bin/env bash
# Runs a measurement written as a test class and puts its section into bench/RESULTS.md.
# Usage: run_measurement.sh MODULE TEST_CLASS OUTPUT_PROPERTY [more Maven arguments]
# The test writes its Markdown section to the file named by the system property OUTPUT_PROPERTY.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
module="$1" test="$2" property="$3"
shift 3
section="$(mktemp)"
trap 'rm -f "$section"' EXIT
./mvnw -q -B -pl "$module" -am install -DskipTests
./mvnw -q -B -pl "$module" test -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false -D"$property"="$section" "$@"
python3 "$root/bench/common/replace_section.py" "$root/bench/RESULTS.md" "$section"
cat "$section"
