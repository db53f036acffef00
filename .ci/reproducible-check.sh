#!/usr/bin/env bash
# Reproducible builds: builds the published library modules twice, from two copies of the sources in different
# directories, and compares every jar (classes, sources, javadoc) by SHA-256. Uses ~/.m2 read-only (package only;
# nothing is installed). About 2 x 1 minute.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d "${TMPDIR:-/tmp}/itl4j-repro.XXXXXX")
trap 'rm -rf "$work"' EXIT
modules=itl-core,itl-crypto,itl-sftp,itl-testkit
for run in a b; do
  mkdir -p "$work/$run"
  git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$work/$run"
  (cd "$work/$run" && mvn -B -q -o package -pl "$modules" -am -DskipTests -Dmaven.javadoc.skip=false)
  (cd "$work/$run" && find . -path '*/target/*.jar' -not -path './itl-bench/*' -print0 | sort -z \
    | xargs -0 sha256sum) > "$work/$run.sha256"
done
n=$(wc -l < "$work/a.sha256")
if ! diff "$work/a.sha256" "$work/b.sha256"; then
  echo "reproducible check FAILED: the jars above differ between two builds of the same sources"
  exit 1
fi
[ "$n" -gt 0 ] || { echo "reproducible check: no jars built"; exit 1; }
echo "reproducible check passed: $n jars byte-identical across two builds"
