#!/usr/bin/env bash
# A user's view of the release: deploys the published library modules to a throwaway file repository, then builds
# .ci/consumer (outside the reactor: BOM import, a named module on the module path, property tests on the testkit's
# signed generators) against it. Nothing is installed into ~/.m2: both builds use a private local repository seeded
# from ~/.m2 with hard links (the small files Maven rewrites in place are copied, not linked). KEEP=1 keeps the
# work directory for a look afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d "${TMPDIR:-/tmp}/itl4j-consumer.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
m2="$work/m2"
mkdir -p "$m2"
if [ -d "$HOME/.m2/repository" ]; then
  if ! cp -al "$HOME/.m2/repository/." "$m2/" 2>/dev/null; then # another file system: copy instead
    rm -rf "$m2" && mkdir -p "$m2" && cp -a "$HOME/.m2/repository/." "$m2/"
  fi
  find "$m2" -type f \( -name '*.properties' -o -name 'maven-metadata*.xml' -o -name '*.lastUpdated' \) \
    -exec sh -c 'for f; do cp "$f" "$f.tmp" && mv -f "$f.tmp" "$f"; done' _ {} +
  # never resolve itl4j itself from anything but the repository under test
  rm -rf "$m2/io/github/itl4j"
fi
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
echo "consumer check: deploying itl4j $version to $work/repo"
mvn -B -q deploy -pl itl-bom,itl-core,itl-crypto,itl-sftp,itl-testkit -am -DskipTests -Dmaven.javadoc.skip=true \
  -Dmaven.install.skip=true -DaltDeploymentRepository="itl4j-under-test::file://$work/repo" -Dmaven.repo.local="$m2"
mvn -B -f .ci/consumer/pom.xml verify -Dmaven.repo.local="$m2" -Ditl4j.repository="file://$work/repo" \
  -Ditl4j.version="$version" | tee "$work/consumer.log" | grep -E 'Tests run:|BUILD|ERROR' || true
grep -q 'BUILD SUCCESS' "$work/consumer.log" || { cat "$work/consumer.log"; echo "consumer check FAILED"; exit 1; }
grep -Eq 'Tests run: [1-9][0-9]*, Failures: 0, Errors: 0' "$work/consumer.log" \
  || { echo "consumer ran no test"; exit 1; }
echo "consumer check passed"
