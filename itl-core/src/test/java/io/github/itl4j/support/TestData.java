package io.github.itl4j.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Finds the shared test vectors: system property {@code itl.testdata}, else {@code ../testdata}. */
public final class TestData {
    private TestData() {}

    public static Path root() {
        String p = System.getProperty("itl.testdata");
        Path root = p != null ? Path.of(p) : Path.of("..", "testdata");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("test data not found at " + root.toAbsolutePath());
        }
        return root;
    }

    public static Path vectors() {
        return root().resolve("vectors");
    }

    /** Every {@code .tlv} of vectors/certutils/itl, sorted by name. */
    public static List<Path> itlVectors() {
        return list(vectors().resolve("certutils/itl"), ".tlv");
    }

    /** Every {@code .sgn} of vectors/certutils/sgn, sorted by name. */
    public static List<Path> sgnVectors() {
        return list(vectors().resolve("certutils/sgn"), ".sgn");
    }

    public static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
