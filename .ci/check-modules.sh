#!/usr/bin/env bash
# Runs itl-cli's tests on only the JDK modules the jlink runtime of the release holds (dist.jdk.modules in
# itl-dist/pom.xml), with the JDK's --limit-modules. Classes that load lazily (MINA SSHD's connection code needs
# java.rmi, its error paths java.management; Bouncy Castle's PKCS#12) fail there as they would in the image, which
# jdeps alone does not show. The OpenSSH tests need /usr/sbin/sshd (.ci/install-openssh.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
modules="$(sed -n 's#.*<dist.jdk.modules>\(.*\)</dist.jdk.modules>.*#\1#p' itl-dist/pom.xml)"
[ -n "$modules" ] || { echo "check-modules: no dist.jdk.modules in itl-dist/pom.xml" >&2; exit 1; }
echo "check-modules: itl-cli tests with --limit-modules=$modules"
# The *BrowserTest classes are left out: they read chromium's screenshot with java.desktop (test code only; the CLI
# writes the HTML pages with java.base alone, which the other tests of those pages check).
mvn -B -q -pl itl-cli -am verify -Dmaven.javadoc.skip=true \
    -Dtest='io.github.itl4j.cli.*Test,!io.github.itl4j.cli.*BrowserTest' \
    -Dsurefire.failIfNoSpecifiedTests=false "-DargLine=--limit-modules=$modules"
