package io.github.itl4j.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Debian's chromium for the browser tests (installed by .ci/install-chromium.sh): where it is, how to start it. */
final class HeadlessChromium {
    private HeadlessChromium() {}

    /** @return the chromium executable on the PATH, if any */
    static Optional<Path> find() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * @param exe the executable
     * @param profile a fresh profile directory
     * @return the command line of a headless run without network side traffic, to add the page and options to
     */
    static List<String> command(Path exe, Path profile) {
        return new ArrayList<>(List.of(
                exe.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--user-data-dir=" + profile));
    }
}
