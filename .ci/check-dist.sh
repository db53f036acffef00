#!/usr/bin/env bash
# Checks the release the way an admin gets it, after `mvn -Pdist package`:
#  - unpacks itl-dist/target/itl-*-linux-x64.tar.gz into a scratch directory and runs bin/itl with an empty
#    environment and PATH=/usr/bin:/bin, where neither java nor mvn may be found: show, verify --trust, reset with the
#    PKCS#12 (Bouncy Castle), sign-config, strip, and SFTP backup-key + reset --remote against a throwaway sshd (the
#    lazily loaded MINA SSHD classes need JDK modules jdeps alone does not show);
#  - checks that the archive made at build time is in use (the AOT cache with a JDK 25 runtime, -XX:AOTMode=on, or
#    the CDS archive with a JDK 17 one, -Xshare:on: both fail otherwise; the CLI's classes must come from it), the man
#    pages and the completion script;
#  - checks the .deb: its metadata and contents, then runs it from the extracted package, and, when run as root with
#    no itl package installed (CI), installs it with dpkg -i, runs /usr/bin/itl and purges it again.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

fail() { echo "check-dist: FAILED: $*" >&2; exit 1; }
say() { echo "check-dist: $*"; }

shopt -s nullglob
tarballs=(itl-dist/target/itl-*-linux-x64.tar.gz)
[ "${#tarballs[@]}" -eq 1 ] || fail "expected one itl-dist/target/itl-*-linux-x64.tar.gz (mvn -B -Pdist package first)"
tarball="$root/${tarballs[0]}"

scratch="$(mktemp -d "${TMPDIR:-/tmp}/itl-check-dist.XXXXXX")"
sshd_pid=""
cleanup() {
    if [ -n "$sshd_pid" ]; then kill "$sshd_pid" 2>/dev/null || true; fi
    rm -rf "$scratch"
}
trap cleanup EXIT

tar -xzf "$tarball" -C "$scratch"
homes=("$scratch"/itl-*)
home="${homes[0]}"
[ -x "$home/bin/itl" ] || fail "no executable bin/itl in $tarball"
ex="$home/share/doc/itl/examples"
out="$scratch/out"
mkdir -p "$out"

# Everything below runs as on a machine with no Java and no Maven: an empty environment and PATH=/usr/bin:/bin.
# Where this machine has java or mvn in /usr/bin (a build machine does), PATH is a copy of /usr/bin and /bin made
# of links to every command except those that lead into a JDK or Maven.
path=/usr/bin:/bin
if env -i PATH=$path sh -c 'command -v java || command -v mvn' >/dev/null; then
    path="$scratch/usr-bin"
    mkdir -p "$path"
    for f in /bin/* /usr/bin/*; do
        case "$(readlink -f "$f")" in
            */jvm/* | */java* | */maven/* | */mvn*) continue ;;
        esac
        [ -e "$path/${f##*/}" ] || ln -s "$f" "$path/${f##*/}"
    done
    say "java or mvn is in /usr/bin here: running with PATH=$path (/usr/bin and /bin without them)"
fi
clean() { env -i PATH="$path" HOME="$scratch" LANG=C.UTF-8 "$@"; }
if clean sh -c 'command -v java || command -v mvn || command -v javac'; then
    fail "java or mvn is on the clean PATH; the check would not show that the tarball needs neither"
fi
itl() { clean "$home/bin/itl" "$@"; }

itl --version | tee "$out/version" | head -1
grep -q '^itl ' "$out/version" || fail "itl --version"

itl show "$ex/ITLFile.tlv" >"$out/show" || fail "itl show examples/ITLFile.tlv"
grep -q 'The ITL file was verified successfully.' "$out/show" || fail "itl show: no success line"
itl verify "$ex/ITLFile.tlv" || fail "itl verify examples/ITLFile.tlv"
itl verify --trust "$ex/ITLFile.tlv" "$ex/ITLFile-reset.tlv" || fail "itl verify --trust ITLFile.tlv ITLFile-reset.tlv"
# one compiler thread for a single file; a user's own compiler settings in ITL_JAVA_OPTS must still start the JVM
clean ITL_JAVA_OPTS=-XX:TieredStopAtLevel=4 "$home/bin/itl" verify "$ex/ITLFile.tlv" >/dev/null \
    || fail "ITL_JAVA_OPTS=-XX:TieredStopAtLevel=4 itl verify (the launcher's -XX:CICompilerCount=1 must give way)"
mkdir -p "$out/dir" && cp "$ex/ITLFile.tlv" "$out/dir/"
itl lint "$out/dir" >/dev/null || fail "itl lint DIR (a directory run, optimizing compiler)"
say "show and verify OK"

# reset with the PKCS#12 (Bouncy Castle, PBES2), the result trusted by a phone holding the original
itl reset "$ex/ITLFile.tlv" -o "$out/ITLFile.tlv" --p12 "$ex/cluster/ITLRecovery.p12" \
    --password-file "$ex/cluster/ITLRecovery.pass" >/dev/null || fail "itl reset"
itl verify --trust "$ex/ITLFile.tlv" "$out/ITLFile.tlv" >/dev/null || fail "the reset ITL is not trusted"
# sign a config with the TFTP key, verify it against the ITL, strip it
printf '<device><loadInformation/></device>\n' >"$out/SEP001122334455.cnf.xml"
itl sign-config "$out/SEP001122334455.cnf.xml" --key "$ex/cluster/test10pub.key" \
    --cert "$ex/cluster/test10pub.pem" >/dev/null || fail "itl sign-config"
itl verify "$out/SEP001122334455.cnf.xml.sgn" --trust "$ex/ITLFile.tlv" >/dev/null || fail "verify the .sgn"
itl strip "$out/SEP001122334455.cnf.xml.sgn" -o "$out/stripped.xml" || fail "itl strip"
cmp -s "$out/stripped.xml" "$out/SEP001122334455.cnf.xml" || fail "strip does not give the signed file back"
itl dump --json "$ex/ITLFile.tlv" | itl assemble - -o "$out/copy.tlv" || fail "dump --json | assemble"
cmp -s "$out/copy.tlv" "$ex/ITLFile.tlv" || fail "dump | assemble is not lossless"
say "reset, sign-config, strip, dump | assemble OK"

# run through a symbolic link, as /usr/local/bin/itl would be
mkdir -p "$scratch/bin"
ln -s "$home/bin/itl" "$scratch/bin/itl"
clean "$scratch/bin/itl" checksum "$ex/ITLFile.tlv" >/dev/null || fail "itl through a symbolic link"

# The archive is in use from the unpacked place: lib/itl.aot (JDK 25+ runtime, -XX:AOTMode=on) or lib/itl.jsa
# (JDK 17, -Xshare:on); either option makes the JVM fail instead of running without it.
if [ -f "$home/lib/itl.aot" ]; then strict=-XX:AOTMode=on; archive=lib/itl.aot; else strict=-Xshare:on; archive=lib/itl.jsa; fi
sign="sign-config $out/SEP001122334455.cnf.xml -o $out/again.sgn --key $ex/cluster/test10pub.key"
sign="$sign --cert $ex/cluster/test10pub.pem"
for args in "--version" "verify $ex/ITLFile.tlv" "show $ex/ITLFile.tlv" "$sign"; do
    # shellcheck disable=SC2086
    cds="$(clean ITL_JAVA_OPTS="$strict -Xlog:class+load=info" "$home/bin/itl" $args 2>&1)" \
        || { echo "$cds" | tail -5 >&2; fail "bin/itl $args does not start with $strict"; }
    grep -q 'io.github.itl4j.cli.ItlCli source: shared objects file' <<<"$cds" \
        || fail "itl $args: the CLI's classes are not loaded from $archive"
    # no annotation read by reflection (a proxy class each, a few ms; CommandModel builds the model without them)
    if grep -E '\$Proxy[0-9]+ ' <<<"$cds" >&2; then
        fail "itl ${args%% *}: annotation proxy classes generated (a picocli annotation read by reflection)"
    fi
    say "$archive in use for itl ${args%% *}: $(grep -c 'source: shared objects file' <<<"$cds") classes from it," \
        "$(grep -c 'source: jrt:/\|source: file:' <<<"$cds") from the runtime's modules or the jar"
done

# man pages (roff) and completion
for page in itl itl-show itl-verify itl-reset itl-sign-config; do
    grep -q '^\.TH "ITL' "$home/share/man/man1/$page.1" \
        || fail "share/man/man1/$page.1 is not a man page"
done
if command -v man >/dev/null 2>&1; then
    MANPATH="$home/share/man" man -P cat itl-verify >/dev/null 2>&1 || fail "man itl-verify"
fi
clean bash -c "source '$home/share/bash-completion/completions/itl' && complete -p itl" >/dev/null \
    || fail "the bash completion script does not register itl"
[ -f "$home/share/zsh/site-functions/_itl" ] || fail "no zsh completion"
say "man pages and completion OK"

# SFTP (MINA SSHD) against a throwaway OpenSSH server, when Debian's sshd is installed (.ci/install-openssh.sh)
if [ -x /usr/sbin/sshd ] && command -v ssh-keygen >/dev/null 2>&1; then
    s="$scratch/sshd"
    mkdir -p "$s/backups"
    [ "$(id -u)" -ne 0 ] || mkdir -p /run/sshd
    ssh-keygen -q -t ed25519 -N '' -f "$s/host_key"
    ssh-keygen -q -t ed25519 -N '' -f "$s/id_ed25519"
    me="$(id -un)"
    cp "$s/id_ed25519.pub" "$s/authorized_keys"
    port=$(( 20000 + RANDOM % 20000 ))
    cat >"$s/sshd_config" <<EOF
Port $port
ListenAddress 127.0.0.1
HostKey $s/host_key
PidFile $s/sshd.pid
AuthorizedKeysFile $s/authorized_keys
StrictModes no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PermitRootLogin prohibit-password
AllowUsers $me
Subsystem sftp internal-sftp
EOF
    /usr/sbin/sshd -D -e -f "$s/sshd_config" 2>"$s/sshd.log" &
    sshd_pid=$!
    for _ in $(seq 50); do
        grep -q "Server listening" "$s/sshd.log" && break
        kill -0 "$sshd_pid" 2>/dev/null || { cat "$s/sshd.log" >&2; fail "sshd did not start"; }
        sleep 0.2
    done
    echo "[127.0.0.1]:$port $(cut -d' ' -f1,2 "$s/host_key.pub")" >"$s/known_hosts"
    remote=(--known-hosts "$s/known_hosts" --identity "$s/id_ed25519")
    itl backup-key "$ex/cluster/ITLRecovery.p12" --remote "127.0.0.1:$port" "$me" "$s/backups" "${remote[@]}" \
        >/dev/null || fail "itl backup-key over SFTP"
    cmp -s "$s/backups/ITLRecovery.p12" "$ex/cluster/ITLRecovery.p12" || fail "the SFTP backup differs"
    itl reset "$ex/ITLFile.tlv" -o "$out/remote.tlv" --remote "127.0.0.1:$port" "$me" "$s/backups/ITLRecovery.p12" \
        "${remote[@]}" --password-file "$ex/cluster/ITLRecovery.pass" >/dev/null || fail "itl reset --remote"
    cmp -s "$out/remote.tlv" "$out/ITLFile.tlv" || itl verify --trust "$ex/ITLFile.tlv" "$out/remote.tlv" >/dev/null \
        || fail "the reset with the remote key is not trusted"
    kill "$sshd_pid" 2>/dev/null || true
    wait "$sshd_pid" 2>/dev/null || true
    sshd_pid=""
    say "SFTP backup-key and reset --remote OK"
else
    say "SFTP not checked: no /usr/sbin/sshd (install Debian's openssh-server, as .ci/install-openssh.sh does)"
fi

# The .deb, when it was built
debs=(itl-dist/target/itl_*_amd64.deb)
if [ "${#debs[@]}" -eq 0 ]; then
    say "no .deb built (-Ddist.deb=false); tarball checks passed"
    exit 0
fi
deb="$root/${debs[0]}"
dpkg-deb -I "$deb" >"$out/deb-info" || fail "dpkg-deb -I"
grep -q '^ Package: itl$' "$out/deb-info" || fail "the .deb is not package itl"
dpkg-deb -c "$deb" >"$out/deb-contents"
for f in ./opt/itl/bin/itl ./opt/itl/lib/app/bin/itl ./opt/itl/lib/app/itl.jar ./opt/itl/lib/app/itl.classlist ./opt/itl/lib/runtime/lib/modules \
    ./opt/itl/lib/app/share/man/man1/itl-verify.1 ./opt/itl/lib/app/share/bash-completion/completions/itl; do
    grep -q " $f\$" "$out/deb-contents" || fail "the .deb lacks $f"
done
dpkg-deb -x "$deb" "$scratch/deb"
clean "$scratch/deb/opt/itl/bin/itl" verify --trust "$ex/ITLFile.tlv" "$ex/ITLFile-reset.tlv" >/dev/null \
    || fail "the .deb's launcher (extracted) does not verify"
clean "$scratch/deb/opt/itl/lib/app/bin/itl" verify --trust "$ex/ITLFile.tlv" "$ex/ITLFile-reset.tlv" >/dev/null \
    || fail "the .deb's launcher script (extracted) does not verify"
# the script picks the optimizing compiler for a fleet run, as the tarball's bin/itl does (jpackage's launcher cannot)
flags="$(clean ITL_JAVA_OPTS=-XX:+PrintFlagsFinal "$scratch/deb/opt/itl/lib/app/bin/itl" --version 2>&1)"
grep -Eq 'TieredStopAtLevel += 1 ' <<<"$flags" || fail "the .deb's script runs a single command with C2"
flags="$(clean ITL_JAVA_OPTS=-XX:+PrintFlagsFinal "$scratch/deb/opt/itl/lib/app/bin/itl" verify "$ex" 2>&1)" || true
grep -Eq 'TieredStopAtLevel += 4 ' <<<"$flags" || fail "the .deb's script runs a directory without C2"
say ".deb contents and launcher OK"

# Installing it for real tests the maintainer scripts (links in /usr/bin, man, completion). Only as root, only
# when no itl package is installed already (never replace an admin's installation), and purged afterwards.
if [ "$(id -u)" -eq 0 ] && ! dpkg -s itl >/dev/null 2>&1; then
    trap 'dpkg --purge itl >/dev/null 2>&1 || true; cleanup' EXIT
    dpkg -i "$deb" >/dev/null || fail "dpkg -i"
    clean /usr/bin/itl show "$ex/ITLFile.tlv" >/dev/null || fail "/usr/bin/itl after dpkg -i"
    [ "$(readlink /usr/bin/itl)" = /opt/itl/lib/app/bin/itl ] || fail "/usr/bin/itl is not the package's launcher"
    [ -L /usr/share/man/man1/itl-verify.1 ] || fail "dpkg -i did not link the man pages"
    # postinst made the CDS archive; the jpackage launcher reads JAVA_TOOL_OPTIONS like any JVM
    cds="$(clean JAVA_TOOL_OPTIONS="-Xshare:on -Xlog:class+load=info" /usr/bin/itl --version 2>&1)" \
        || { echo "$cds" | tail -5 >&2; fail "the installed itl does not start with -Xshare:on"; }
    grep -q 'io.github.itl4j.cli.ItlCli source: shared objects file' <<<"$cds" \
        || fail "the installed itl does not load the CLI from its CDS archive"
    dpkg --purge itl >/dev/null || fail "dpkg --purge"
    [ ! -e /usr/bin/itl ] && [ ! -e /opt/itl ] && [ ! -e /usr/share/man/man1/itl-verify.1 ] \
        || fail "dpkg --purge left files behind"
    say ".deb installs (with its CDS archive), runs as /usr/bin/itl and purges cleanly"
else
    say ".deb not installed (needs root and no itl package installed)"
fi
say "all checks passed"
