package io.github.itl4j.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The certutils vectors under {@code testdata/vectors/certutils} (system property {@code itl.testdata}). */
final class Vectors {
    private Vectors() {}

    /** @return the testdata folder: {@code itl.testdata}, else {@code ../testdata} */
    static Path testdata() {
        String p = System.getProperty("itl.testdata");
        Path dir = p != null ? Path.of(p) : Path.of("..", "testdata");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(
                    "testdata not found at " + dir.toAbsolutePath() + "; set -Ditl.testdata=<repo>/testdata");
        }
        return dir;
    }

    static Path certutils() {
        return testdata().resolve("vectors").resolve("certutils");
    }

    /** @return the 39 ITL/CTL files, sorted by name */
    static List<Path> itlFiles() {
        return list(certutils().resolve("itl"), ".tlv");
    }

    /** @return the 4 signed .sgn files, sorted by name */
    static List<Path> sgnFiles() {
        return list(certutils().resolve("sgn"), ".sgn");
    }

    /** @return every signed vector: ITL/CTL then .sgn */
    static List<Path> allSigned() {
        return Stream.concat(itlFiles().stream(), sgnFiles().stream()).collect(Collectors.toList());
    }

    static Path cert(String name) {
        return certutils().resolve("certs").resolve(name);
    }

    static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
