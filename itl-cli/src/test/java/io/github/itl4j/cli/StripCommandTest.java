package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.cli.ShowCommandTest.Vector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StripCommandTest {
    static Stream<Vector> sgnVectors() throws IOException {
        return ShowCommandTest.sgnVectors();
    }

    private static Path plain(Vector v) {
        return ShowCommandTest.certutils().resolve(v.path().replaceFirst("\\.sgn$", ""));
    }

    @ParameterizedTest
    @MethodSource("sgnVectors")
    void reproducesThePlainPayload(Vector v, @TempDir Path dir) throws IOException {
        byte[] want = Files.readAllBytes(plain(v));
        CliRun r = CliRun.run("strip", v.file().toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        assertArrayEquals(want, r.stdoutBytes());

        Path out = dir.resolve("out.xml");
        r = CliRun.run("strip", v.file().toString(), "-o", out.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.stderr());
        assertEquals(0, r.stdoutBytes().length);
        assertArrayEquals(want, Files.readAllBytes(out));

        r = CliRun.run(Files.readAllBytes(v.file()), "strip", "-");
        assertArrayEquals(want, r.stdoutBytes());
    }

    @Test
    void refusesTrustListsAndGarbage() {
        Path itl = ShowCommandTest.certutils().resolve("itl/itl-rsa2048-sha1-v1.0-n01.tlv");
        CliRun r = CliRun.run("strip", itl.toString());
        assertEquals(ExitCodes.INPUT, r.exitCode());
        assertEquals(0, r.stdoutBytes().length);
        assertTrue(r.stderr().startsWith("itl: " + itl + ": a trust list"), r.stderr());
        r = CliRun.run("<xml/>".getBytes(), "strip", "-");
        assertEquals(ExitCodes.INPUT, r.exitCode());
        assertEquals(0, r.stdoutBytes().length);
    }

    @Test
    void neverOverwritesItsInput(@TempDir Path dir) throws IOException {
        Path src = ShowCommandTest.sgnVectors().findFirst().orElseThrow().file();
        Path copy = Files.copy(src, dir.resolve("x.sgn"));
        CliRun r = CliRun.run("strip", copy.toString(), "-o", copy.toString());
        assertEquals(ExitCodes.USAGE, r.exitCode());
        assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(copy));
        r = CliRun.run(
                "strip", copy.toString(), "-o", dir.resolve("no/such/dir/out").toString());
        assertEquals(ExitCodes.IO, r.exitCode());
        try (Stream<Path> s = Files.list(dir)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }
}
