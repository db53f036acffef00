#!/usr/bin/env bash
# Checks the checkout launcher ./itl (needs itl-cli/target/itl.jar, built by mvn before):
#  - it says on stderr that it builds, also when stdout and stderr are pipes;
#  - it rebuilds when a pom.xml or src/main file of any module the CLI is built from changes: itl-cli, the itl4j
#    modules its pom.xml depends on, transitively (itl-sftp included), and a new module as soon as itl-cli depends
#    on it; and not when the jar is newer than all of them, nor for a module the CLI does not use.
#  - after a build that left the jar as it was (Maven does not rewrite an unchanged jar), the next run does not build.
# Works on a copy of the poms and src/main trees with a stub `mvn` (it creates a missing jar and leaves an existing
# one alone), so the checkout's file times are left alone and no real build runs.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
jar="$root/itl-cli/target/itl.jar"
[ -f "$jar" ] || { echo "check-launcher: $jar missing (run mvn first)" >&2; exit 1; }

fail() { echo "check-launcher: FAILED: $*" >&2; exit 1; }
t="$(mktemp -d "${TMPDIR:-/tmp}/itl-check-launcher.XXXXXX")"
trap 'rm -rf "$t"' EXIT
co="$t/checkout"
mkdir -p "$co" "$t/bin"
cp itl pom.xml "$co/"
for pom in */pom.xml; do
    m="${pom%/pom.xml}"
    mkdir -p "$co/$m"
    cp "$pom" "$co/$m/"
    [ -d "$m/src/main" ] && mkdir -p "$co/$m/src" && cp -r "$m/src/main" "$co/$m/src/main"
done
mkdir -p "$co/itl-cli/target"
cp "$jar" "$co/itl-cli/target/itl.jar"
# a module the CLI starts to depend on (as itl-trust will): watched without editing ./itl
mkdir -p "$co/itl-newmod/src/main/java"
printf '<project><artifactId>itl-newmod</artifactId></project>\n' >"$co/itl-newmod/pom.xml"
echo 'class New {}' >"$co/itl-newmod/src/main/java/New.java"
sed -i 's#<dependencies>#<dependencies>\n    <dependency>\n      <groupId>io.github.itl4j</groupId>\n      <artifactId>itl-newmod</artifactId>\n    </dependency>#' \
    "$co/itl-cli/pom.xml"
grep -q itl-newmod "$co/itl-cli/pom.xml" || fail "could not add a dependency to the copied itl-cli/pom.xml"

# Like real Maven when the jar's contents do not change (a touched source, a comment edit), the stub leaves an
# existing jar alone, old mtime and all: the launcher itself must note that it built, or it would build on every run.
cat >"$t/bin/mvn" <<EOF
#!/bin/sh
echo "\$*" >>"$t/mvn-calls"
[ -f "$co/itl-cli/target/itl.jar" ] || touch "$co/itl-cli/target/itl.jar"
EOF
chmod +x "$t/bin/mvn"

old="2020-01-01 00:00:00"
mid="2021-01-01 00:00:00"
# every watched file old, the jar newer: no build
find "$co" -exec touch -h -d "$old" {} +
touch -d "$mid" "$co/itl-cli/target/itl.jar"

run() {   # runs ./itl --version with stdout and stderr piped; prints its stderr
    rm -f "$t/mvn-calls"
    PATH="$t/bin:$PATH" "$co/itl" --version 2>"$t/err" | cat >/dev/null
    cat "$t/err"
}
expect_build() {   # $1: file to change, relative to the checkout
    touch "$co/$1"
    run | grep -q "itl: building the CLI with Maven ($1 changed)" || { cat "$t/err" >&2; fail "no build after $1 changed"; }
    [ -s "$t/mvn-calls" ] || fail "mvn not run after $1 changed"
    run | grep -q building && fail "built again although nothing changed after $1"
    [ ! -e "$t/mvn-calls" ] || fail "mvn run again although nothing changed after $1"
}

[ -z "$(run)" ] || fail "./itl printed something on stderr with an up-to-date jar: $(cat "$t/err")"
[ ! -e "$t/mvn-calls" ] || fail "./itl ran mvn with an up-to-date jar"
first_java() { (cd "$co" && find "$1/src/main" -name '*.java' | sort | head -1); }
expect_build "$(first_java itl-sftp)"
expect_build itl-core/pom.xml
expect_build "$(first_java itl-crypto)"
expect_build "$(first_java itl-cli)"
expect_build itl-newmod/src/main/java/New.java
expect_build pom.xml
# a module the CLI does not use: no build
touch "$co/itl-bench/pom.xml"
[ -z "$(run)" ] || fail "./itl rebuilt for itl-bench, which the CLI does not use"
# no jar yet: builds and says so
rm "$co/itl-cli/target/itl.jar"
run | grep -q 'itl: building the CLI with Maven (first run' || { cat "$t/err" >&2; fail "no message on the first build"; }
echo "check-launcher: ./itl says it builds on a pipe and watches every module the CLI is built from"
