package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's CLI flow, run as written: {@code sign-config} a configuration file, {@code build} an ITL with the same
 * CallManager key, then {@code verify X.sgn --trust ITLFile.tlv}, which must pass even with
 * {@code --warnings-as-errors}: everything the CLI writes has one default layout (CUCM's).
 */
class ReadmeCliFlowTest {
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*\\.(pem|key|tlv|xml|sgn)");

    @TempDir
    Path tmp;

    /** The README's CLI lines, continuation lines joined, comments and the {@code ./itl} prefix removed. */
    static List<String> readmeCommands() throws IOException {
        Path readme = Path.of(System.getProperty("itl.testdata", "../testdata"))
                .getParent()
                .resolve("README.md");
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        for (String line : Files.readAllLines(readme)) {
            String l = line.strip();
            if (cur == null && !l.startsWith("./itl ")) {
                continue;
            }
            int hash = l.indexOf(" #");
            if (hash >= 0) {
                l = l.substring(0, hash).strip();
            }
            cur = cur == null ? new StringBuilder() : cur.append(' ');
            if (l.endsWith("\\")) {
                cur.append(l, 0, l.length() - 1).append(' ');
                continue;
            }
            cur.append(l);
            out.add(cur.toString()
                    .replaceAll("\\s+", " ")
                    .substring("./itl ".length())
                    .strip());
            cur = null;
        }
        return out;
    }

    /** The README line starting with {@code prefix}, its file names resolved in {@code dir}. */
    private static String[] command(String prefix, Path dir) throws IOException {
        for (String c : readmeCommands()) {
            if (c.startsWith(prefix)) {
                String[] args = c.split(" ");
                for (int i = 0; i < args.length; i++) {
                    if (FILE.matcher(args[i]).matches()) {
                        args[i] = dir.resolve(args[i]).toString();
                    }
                }
                return args;
            }
        }
        throw new AssertionError("README.md has no CLI line starting with 'itl " + prefix + "'");
    }

    private void cluster() throws IOException {
        Path c = Path.of(System.getProperty("itl.testdata", "../testdata"))
                .getParent()
                .resolve("examples/cluster");
        Files.copy(c.resolve("test10pub.key"), tmp.resolve("CallManager.key"));
        Files.copy(c.resolve("test10pub.pem"), tmp.resolve("CallManager.pem"));
        Files.copy(c.resolve("capf.pem"), tmp.resolve("CAPF.pem"));
        Files.copy(c.resolve("tvs-pub.pem"), tmp.resolve("TVS.pem"));
        Files.writeString(tmp.resolve("SEP001122334455.cnf.xml"), "<device><loadInformation/></device>\n");
    }

    @Test
    void signConfigThenBuildThenVerifyPassesWithWarningsAsErrors() throws Exception {
        cluster();
        CliRun sign = CliRun.run(command("sign-config SEP001122334455.cnf.xml", tmp));
        assertEquals(ExitCodes.OK, sign.exitCode(), sign.stderr());
        CliRun build = CliRun.run(command("build -o ITLFile.tlv", tmp));
        assertEquals(ExitCodes.OK, build.exitCode(), build.stderr());
        String[] verify = command("verify SEP001122334455.cnf.xml.sgn --trust ITLFile.tlv", tmp);
        CliRun v = CliRun.run(verify);
        assertEquals(ExitCodes.OK, v.exitCode(), v.stdout() + v.stderr());
        assertFalse(v.stdout().contains("warning"), v.stdout());
        String[] strict = java.util.Arrays.copyOf(verify, verify.length + 1);
        strict[verify.length] = "--warnings-as-errors";
        CliRun s = CliRun.run(strict);
        assertEquals(ExitCodes.OK, s.exitCode(), s.stdout() + s.stderr());
        assertTrue(s.stdout().contains(": OK"), s.stdout());
    }

    @Test
    void certutilsLayoutOnRequestDiffersFromWhatBuildWrites() throws Exception {
        cluster();
        String[] sign = command("sign-config SEP001122334455.cnf.xml", tmp);
        String[] certutils = java.util.Arrays.copyOf(sign, sign.length + 2);
        certutils[sign.length] = "--layout";
        certutils[sign.length + 1] = "certutils";
        assertEquals(ExitCodes.OK, CliRun.run(certutils).exitCode());
        assertEquals(
                ExitCodes.OK, CliRun.run(command("build -o ITLFile.tlv", tmp)).exitCode());
        CliRun v = CliRun.run(
                "verify",
                "--warnings-as-errors",
                tmp.resolve("SEP001122334455.cnf.xml.sgn").toString(),
                "--trust",
                tmp.resolve("ITLFile.tlv").toString());
        assertEquals(ExitCodes.CHECK_FAILED, v.exitCode(), v.stdout() + v.stderr());
        assertTrue(v.stdout().contains("SIGNER_NAME_MISMATCH"), v.stdout());
    }
}
