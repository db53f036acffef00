#!/usr/bin/env bash
# Builds the self-contained itl distribution; run by itl-dist's pom.xml (mvn -Pdist package), which sets:
#   DIST_JAVA_HOME  the JDK that runs Maven (its jlink, jpackage and modules make the runtime)
#   DIST_VERSION    the project version      DIST_ROOT  the repository root
#   DIST_CLI_JAR    target/itl.jar: itl-cli's jar with picocli's class files upgraded to Java 8 (ClassFileUpgrade)
#   DIST_GEN        generated completion script and man pages
#   DIST_TARGET     itl-dist/target          DIST_MODULES  the JDK modules for jlink (comma-separated)
#   DIST_DEB        true to also build the .deb with jpackage (needs fakeroot and dpkg-deb)
#   DIST_RUNTIME_JDK  a JDK 25+ whose jlink makes the runtime; empty or unusable: DIST_JAVA_HOME (JDK 17)
#   DIST_ARCHIVE    cds (a static CDS archive from the training run's class list) or aot (JDK 25's AOT cache)
# Output: target/itl-VERSION-linux-x64.tar.gz and target/itl_VERSION-1_amd64.deb.
set -euo pipefail

jdk="$DIST_JAVA_HOME"
name="itl-$DIST_VERSION"
stage="$DIST_TARGET/stage/$name"
work="$DIST_TARGET/work"
examples="$DIST_ROOT/examples"
rm -rf "$DIST_TARGET/stage" "$work"
mkdir -p "$stage/bin" "$stage/lib" "$work"

say() { echo "[itl-dist] $*"; }

# 0. Which JDK makes the runtime, and which archive. A JDK 25+ (DIST_RUNTIME_JDK, the pom's dist.runtime.jdk) whose
#    jlink can link (jmods, or JEP 493's linking from its run-time image) makes the runtime; without one, the JDK that
#    runs Maven. The application is compiled for Java 17 either way. The archive: a static CDS archive made from the
#    training run's class list (cds, the default: measured faster, see BENCHMARKS.md) or, on JDK 25, its AOT cache
#    (aot: JEP 483/514/515, classes loaded and linked, method profiles).
rt_jdk="$jdk"
if [ -n "${DIST_RUNTIME_JDK:-}" ]; then
    rt_feature="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$DIST_RUNTIME_JDK/release" 2>/dev/null || true)"
    if [ -x "$DIST_RUNTIME_JDK/bin/jlink" ] && [ "${rt_feature:-0}" -ge 25 ] && { [ -d "$DIST_RUNTIME_JDK/jmods" ] \
        || "$DIST_RUNTIME_JDK/bin/jlink" --help 2>&1 | grep -q 'Linking from run-time image enabled'; }; then
        rt_jdk="$DIST_RUNTIME_JDK"
    else
        say "no usable JDK 25+ at dist.runtime.jdk=$DIST_RUNTIME_JDK (JDK ${rt_feature:-?}; its jlink needs jmods or" \
            "a linkable run-time image): the runtime is made from $jdk"
    fi
fi
rt_feature="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$rt_jdk/release")"
mode="${DIST_ARCHIVE:-cds}"
case "$mode" in
    cds) ;;
    aot) if [ "$rt_feature" -lt 25 ]; then
             say "dist.archive=aot needs a JDK 25+ runtime: CDS archive instead"
             mode=cds
         fi ;;
    *) echo "[itl-dist] dist.archive must be cds or aot, not $mode" >&2; exit 1 ;;
esac
# Options every run of bin/itl gives the JVM, the training runs too: the quick compiler (one thread), the serial GC
# and, on JDK 22+ only, native access for the native crypto provider's library (else a warning; on JDK 17 the option
# would turn off CDS's optimized module handling). The archive is dumped with the module options of the runs it serves.
run_flags=(-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC)
module_flags=()
if [ "$rt_feature" -ge 22 ]; then
    module_flags=(--enable-native-access=ALL-UNNAMED)
    run_flags+=("${module_flags[@]}")
fi
say "runtime: $("$rt_jdk/bin/java" -version 2>&1 | head -1), archive: $mode"

# 1. The runtime: only the JDK modules the CLI needs. jlink is slow (~15 s), so an image made from the same JDK
#    and module list is reused between builds.
rt_key="$DIST_MODULES $("$rt_jdk/bin/java" -XshowSettings:properties -version 2>&1 \
    | grep -E 'java\.(vm\.)?version =|java\.home =' | tr -d ' \n')"
rt_cache="$DIST_TARGET/runtime-cache"
if [ ! -f "$rt_cache/.itl-key" ] || [ "$(cat "$rt_cache/.itl-key")" != "$rt_key" ]; then
    say "jlink --add-modules $DIST_MODULES"
    rm -rf "$rt_cache"
    compress=--compress=2
    [ "$rt_feature" -ge 21 ] && compress=--compress=zip-6 # the same, named so since JDK 21
    "$rt_jdk/bin/jlink" --add-modules "$DIST_MODULES" --strip-debug --no-header-files --no-man-pages \
        "$compress" --output "$rt_cache"
    echo "$rt_key" >"$rt_cache/.itl-key"
fi
cp -a "$rt_cache" "$stage/runtime"
rm "$stage/runtime/.itl-key"
java="$stage/runtime/bin/java"

# 2. The application: the executable jar that `java -jar itl.jar` also runs (one unsigned jar, so CDS archives all
#    of it; CDS skips classes from signed jars such as Bouncy Castle's own), with picocli's Java 5 class files
#    rewritten as Java 8 class files with stack map frames (ClassFileUpgrade, the step before this script): the archive
#    stores them verified, where a Java 5 class file is stored unverified and verified again on every run (and a
#    class that implements one of its interfaces is not stored at all).
# The jar gets the tarball's fixed time now: the CDS archive records the jar's time and size and is not used with
# a jar of another time (tar and dpkg keep the time).
mtime="2026-11-27 00:00:00Z"
cp "$DIST_CLI_JAR" "$stage/lib/itl.jar"
touch -d "$mtime" "$stage/lib/itl.jar"
sed "s/^access=\$/access=${module_flags[*]:-}/" "$DIST_ROOT/itl-dist/src/main/dist/bin/itl" >"$stage/bin/itl"
chmod 755 "$stage/bin/itl"

# 3. The archive. One training JVM (StartupTraining, in the CLI's jar: an AOT cache wants the class path of the runs
#    it serves) runs the commands admins use; every one must succeed. The class path is /proc/self/fd/3, as bin/itl
#    passes it, so the archive works wherever the tarball is unpacked.
ex="$work/examples"
cp -r "$examples" "$ex"
# a batch: 32 arguments load the native crypto provider where it loads (CryptoProviders.BATCH_ARGS)
batch="verify$(printf " $ex/ITLFile.tlv%.0s" $(seq 31))"
printf '<device/>\n' >"$work/SEP001122334455.cnf.xml"
p12=(--p12 "$ex/cluster/ITLRecovery.p12" --password-file "$ex/cluster/ITLRecovery.pass")
pem=(--key "$ex/cluster/test10pub.key" --cert "$ex/cluster/test10pub.pem")
training=(
    "--version" "--help" "help verify"
    "show $ex/ITLFile.tlv" "show --json $ex/ITLFile.tlv"
    "verify $ex/ITLFile.tlv" "verify --trust $ex/ITLFile.tlv $ex/ITLFile-reset.tlv"
    "$batch"
    "checksum $ex/ITLFile.tlv" "dump $ex/ITLFile.tlv"
    "reset $ex/ITLFile.tlv -o $work/reset.tlv ${p12[*]}"
    "sign-config $work/SEP001122334455.cnf.xml ${pem[*]}"
    "verify $work/SEP001122334455.cnf.xml.sgn --trust $ex/ITLFile.tlv"
    "strip $work/SEP001122334455.cnf.xml.sgn -o $work/stripped.xml"
)
# one command line per line, arguments separated by tabs (the paths here have no spaces: target/work/...)
for c in "${training[@]}"; do
    tr ' ' '\t' <<<"$c"
done >"$work/training.txt"
train() {   # $1: a name for the log; the rest: JVM options of the training run
    local log="$work/train-$1.out"
    shift
    rm -f "$work/reset.tlv" "$work/SEP001122334455.cnf.xml.sgn" "$work/stripped.xml"
    (cd "$work" && exec 3<"$stage/lib/itl.jar" && "$java" "$@" -cp /proc/self/fd/3 \
        io.github.itl4j.cli.StartupTraining "$work/training.txt") >"$log" 2>&1 || {
        cat "$log" >&2
        echo "[itl-dist] training run failed" >&2
        exit 1
    }
}
# The class list: the CDS archive's; with an AOT cache the .deb's (its postinst dumps a CDS archive from it for
# the installed place, as Debian's JDK packages do).
train classlist -Xshare:off -XX:DumpLoadedClassList="$work/classes-training.lst" "${run_flags[@]}"
# Each command once more in a JVM of its own, through ItlCli's main as bin/itl runs it: some classes are loaded only by
# the first command of a JVM (the System.Logger back end that the first certificate's security event starts, before
# anything has started java.util.logging; the test of whether standard output is a terminal), and the one training
# JVM runs only one command first. The archive gets the union of all the lists.
fresh=0
rm -f "$work/reset.tlv" "$work/SEP001122334455.cnf.xml.sgn" "$work/stripped.xml"
while IFS= read -r line; do
    fresh=$((fresh + 1))
    IFS=$'\t' read -r -a args <<<"$line"
    (cd "$work" && exec 3<"$stage/lib/itl.jar" && "$java" -Xshare:off \
        -XX:DumpLoadedClassList="$work/classes-$fresh.lst" "${run_flags[@]}" -cp /proc/self/fd/3 \
        io.github.itl4j.cli.ItlCli "${args[@]}") </dev/null \
        >"$work/fresh-$fresh.out" 2>&1 || {
        cat "$work/fresh-$fresh.out" >&2
        echo "[itl-dist] training command failed: itl ${args[*]}" >&2
        exit 1
    }
done <"$work/training.txt"
awk '!seen[$0]++' "$work/classes-training.lst" $(seq -f "$work/classes-%g.lst" 1 "$fresh") >"$work/classes.lst"
if [ "$mode" = aot ]; then
    say "AOT training run ($(wc -l <"$work/training.txt") commands)"
    train aot -XX:AOTMode=record -XX:AOTConfiguration="$work/itl.aotconf" "${run_flags[@]}"
    (exec 3<"$stage/lib/itl.jar" && "$java" -XX:AOTMode=create -XX:AOTConfiguration="$work/itl.aotconf" \
        -XX:AOTCache="$stage/lib/itl.aot" "${run_flags[@]}" -cp /proc/self/fd/3) >"$work/dump.out" 2>&1 \
        || { cat "$work/dump.out" >&2; exit 1; }
    say "AOT cache lib/itl.aot: $(du -h "$stage/lib/itl.aot" | cut -f1)"
    # -XX:AOTMode=on: the JVM fails instead of running without the cache
    strict="-XX:AOTMode=on"
else
    say "CDS archive from $(grep -vc '^[#@]' "$work/classes.lst") classes"
    (exec 3<"$stage/lib/itl.jar" && "$java" -Xshare:dump -XX:SharedClassListFile="$work/classes.lst" \
        -XX:SharedArchiveFile="$stage/lib/itl.jsa" "${module_flags[@]}" -cp /proc/self/fd/3) >"$work/dump.out" 2>&1 \
        || { cat "$work/dump.out" >&2; exit 1; }
    strict="-Xshare:on"
fi

# Every class of the application must be in the archive: a class file too old to be verified at dump time (picocli's
# Java 5 ones, before ClassFileUpgrade) is left out ("Old class has been linked") with every class that implements it.
if grep -E 'Skipping (picocli|io/github/itl4j)/' "$work/dump.out" >&2; then
    echo "[itl-dist] the archive leaves out classes of the application (above; the whole log: $work/dump.out)" >&2
    exit 1
fi

# The archive must really be used: with $strict the JVM fails instead of running without it, and the CLI's own
# classes must come from it (checked again on the unpacked tarball by .ci/check-dist.sh).
check_cds() {
    local log
    log="$(cd "$work" && ITL_JAVA_OPTS="$strict -Xlog:class+load=info" "$1" verify "$ex/ITLFile.tlv" 2>&1)" || {
        echo "$log" | tail -20 >&2
        echo "[itl-dist] $1 does not start with $strict" >&2
        exit 1
    }
    if ! grep -q 'io.github.itl4j.cli.ItlCli source: shared objects file' <<<"$log" \
        || ! grep -q 'io.github.itl4j.cli.VerifyCommand source: shared objects file' <<<"$log"; then
        echo "$log" | grep -E 'ItlCli|VerifyCommand' >&2 || true
        echo "[itl-dist] $1: the CLI's classes are not loaded from the archive" >&2
        exit 1
    fi
}
check_cds "$stage/bin/itl"

# 4. Documentation, completion, man pages, the examples.
mkdir -p "$stage/share/man/man1" "$stage/share/bash-completion/completions" "$stage/share/zsh/site-functions" \
    "$stage/share/doc/itl"
cp "$DIST_GEN"/man/man1/*.1 "$stage/share/man/man1/"
cp "$DIST_GEN/completion/itl" "$stage/share/bash-completion/completions/itl"
cp "$DIST_ROOT/itl-dist/src/main/dist/share/zsh/site-functions/_itl" "$stage/share/zsh/site-functions/_itl"
cp "$DIST_ROOT/README.md" "$DIST_ROOT/LICENSE" "$DIST_ROOT/CHANGELOG.md" "$DIST_ROOT/SECURITY.md" "$stage/share/doc/itl/"
[ -f "$DIST_ROOT/docs/admin-guide.md" ] && cp "$DIST_ROOT/docs/admin-guide.md" "$stage/share/doc/itl/"
cp -r "$examples" "$stage/share/doc/itl/examples"
rm -f "$stage/share/doc/itl/examples/"*.sh   # they build from a checkout
cp "$DIST_ROOT/LICENSE" "$stage/LICENSE"
cp "$DIST_ROOT/itl-dist/src/main/dist/README.txt" "$stage/README.txt"

# 5. The tarball: sorted, root-owned, one fixed time (the archive itself differs from one dump to the next).
tarball="$DIST_TARGET/$name-linux-x64.tar.gz"
find "$stage" -exec touch -h -d "$mtime" {} +
check_cds "$stage/bin/itl"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="$mtime" -C "$DIST_TARGET/stage" -czf "$tarball" "$name"
say "$tarball: $(du -h "$tarball" | cut -f1), unpacked $(du -sh "$stage" | cut -f1) (runtime $(du -sh \
    "$stage/runtime" | cut -f1))"

# 6. The .deb, with jpackage: an app image with the same runtime, jar and archive, plus the shared files, then
#    packaged. The package installs under /opt/itl; its postinst links /usr/bin/itl, the man pages and completion.
if [ "$DIST_DEB" != "true" ]; then
    say "no .deb (-Ddist.deb=false)"
    exit 0
fi
for tool in fakeroot dpkg-deb; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "[itl-dist] $tool is missing: apt-get install fakeroot dpkg-dev (as .ci/run does), or -Ddist.deb=false" >&2
        exit 1
    fi
done
# Debian orders 0.1.0~SNAPSHOT before 0.1.0
debver="${DIST_VERSION/-/\~}"
input="$work/jpackage-input"
mkdir -p "$input"
cp -p "$stage/lib/itl.jar" "$input/itl.jar"
# jpackage packages an app image's bin/, lib/ and lib/app/ (all of the --input): the man pages, completion and docs
# go to /opt/itl/lib/app/share, and postinst links them into /usr/share
cp -r "$stage/share" "$input/share"
# the tarball's launcher, as /opt/itl/lib/app/bin/itl (postinst links /usr/bin/itl to it): the same JIT choice per
# command (quick compiler for one file, the optimizing one for --fleet or a directory), which jpackage's launcher
# (/opt/itl/bin/itl, fixed options from its itl.cfg) cannot make
mkdir -p "$input/bin"
cp -p "$stage/bin/itl" "$input/bin/itl"
say "jpackage app image"
native_access=()
[ "${#module_flags[@]}" -eq 0 ] || native_access=(--java-options "${module_flags[*]}")
"$rt_jdk/bin/jpackage" --type app-image --dest "$work/app-image" --name itl --app-version "${debver%%~*}" \
    --runtime-image "$stage/runtime" --input "$input" --main-jar itl.jar --main-class io.github.itl4j.cli.ItlCli \
    --java-options '-XX:SharedArchiveFile=$APPDIR/itl.jsa' --java-options '-XX:TieredStopAtLevel=1' \
    --java-options '-XX:CICompilerCount=1' --java-options '-XX:+UseSerialGC' "${native_access[@]}" \
    --description "Cisco ITL/CTL trust lists and signed files: show, verify, build, reset, sign"
app="$work/app-image/itl"
# The .deb's archive is made by its postinst, for /opt/itl/lib/app/itl.jar where the launcher finds the jar (as
# Debian's own JDK packages make theirs); the package ships the class list for it.
cp "$work/classes.lst" "$app/lib/app/itl.classlist"
say "jpackage .deb"
rm -f "$DIST_TARGET"/itl_*.deb   # JDK 17's jpackage names it itl_V-1_amd64.deb, JDK 25's itl_V_amd64.deb
"$rt_jdk/bin/jpackage" --type deb --dest "$DIST_TARGET" --app-image "$app" --name itl --app-version "$debver" \
    --resource-dir "$DIST_ROOT/itl-dist/src/main/deb" --linux-package-name itl --vendor itl4j \
    --linux-deb-maintainer itl4j@users.noreply.github.com --linux-app-category utils \
    --description "Cisco ITL/CTL trust lists and signed files: show, verify, build, reset, sign" \
    --about-url https://github.com/itl4j/itl4j --license-file "$DIST_ROOT/LICENSE"
deb="$(ls "$DIST_TARGET"/itl_*.deb)"
say "$deb: $(du -h "$deb" | cut -f1)"
