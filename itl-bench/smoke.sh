#!/bin/sh
# CI smoke test: runs every benchmark (all @Param combinations) for one 100 ms iteration in this JVM, no warm-up,
# and fails on the first error, so the benchmarks and their fixture checks never rot. Numbers are meaningless.
# Build first:  mvn -B -pl itl-bench -am package -DskipTests
# Extra arguments go to JMH, e.g. a benchmark regexp:  itl-bench/smoke.sh ReadBenchmark
set -eu
JAR="$(dirname "$0")/target/benchmarks.jar"
if [ ! -f "$JAR" ]; then
    echo "missing $JAR; build it with: mvn -B -pl itl-bench -am package -DskipTests" >&2
    exit 2
fi
exec java -jar "$JAR" -f 0 -wi 0 -i 1 -r 100ms -foe true "$@" -p fleetFiles=100   # -p last: it takes what follows
