package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * itl audit --html: the page is self-contained (no script, no network) and renders in a real headless browser
 * (Debian's chromium): the DOM holds the chart and the stranded phone, and the screenshot
 * ({@code target/audit-report/report.png}, kept as a test artifact) shows the chart's colours. Skipped, with the
 * reason, when chromium is not installed ({@code .ci/install-chromium.sh} installs it).
 */
class AuditHtmlBrowserTest {
    static final Path OUT = Path.of("target/audit-report").toAbsolutePath();
    static Path page;
    static String html;

    @BeforeAll
    static void writePage() throws Exception {
        Files.createDirectories(OUT);
        page = OUT.resolve("report.html");
        Files.deleteIfExists(page);
        AuditCommandTest.tmp = Files.createTempDirectory(OUT, "work");
        CliRun r = CliRun.run(AuditCommandTest.args(
                "--html",
                page.toString(),
                "--csv",
                OUT.resolve("phones.csv").toString(),
                AuditCommandTest.fleetCsv().toString()));
        assertEquals(1, r.exitCode(), r.stderr());
        html = Files.readString(page, StandardCharsets.UTF_8);
    }

    @Test
    void selfContained() {
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertFalse(html.toLowerCase(java.util.Locale.ROOT).contains("<script"));
        assertFalse(html.contains(" src="), "no external resources");
        assertFalse(html.contains(" href="), "no links");
        assertEquals(
                html.indexOf("http://"),
                html.indexOf("http://www.w3.org/2000/svg"),
                "the only URL is the SVG namespace");
        assertEquals(html.indexOf("http://"), html.lastIndexOf("http://"));
        assertFalse(html.contains("https://"));
        assertTrue(html.contains("Content-Security-Policy"));
        assertTrue(html.contains("SEP000000000004") && html.contains("STALE_STRANDED"));
    }

    static String runChromium(Path exe, String... extra) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(OUT, "chromium-profile");
        List<String> cmd = HeadlessChromium.command(exe, profile);
        cmd.add("--window-size=1000,1400");
        cmd.addAll(List.of(extra));
        cmd.add(page.toUri().toString());
        Path log = OUT.resolve("chromium-" + extra[0].replaceAll("^--|=.*$", "") + ".log");
        Path stdout = OUT.resolve("chromium-stdout.txt");
        Process p = new ProcessBuilder(cmd)
                .redirectError(log.toFile())
                .redirectOutput(stdout.toFile())
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 120 s: " + cmd);
        }
        assertEquals(0, p.exitValue(), "chromium failed, see " + log);
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    @Test
    void rendersInHeadlessChromium() throws Exception {
        Optional<Path> exe = HeadlessChromium.find();
        Assumptions.assumeTrue(
                exe.isPresent(),
                "chromium is not installed (apt-get install -y chromium, or "
                        + ".ci/install-chromium.sh): the browser rendering test is skipped");
        String dom = runChromium(exe.get(), "--dump-dom");
        assertTrue(dom.contains("<svg"), dom);
        assertTrue(dom.contains("SEP000000000004"), "the stranded phone is listed");
        assertTrue(dom.split("<rect", -1).length - 1 >= 8, "one bar segment per class of node pub");

        Path png = OUT.resolve("report.png");
        Files.deleteIfExists(png);
        runChromium(exe.get(), "--screenshot=" + png);
        assertTrue(Files.size(png) > 10_000, "screenshot written: " + png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1000, img.getWidth());
        // the chart's colours are on screen: CURRENT green, STALE_STRANDED red, STALE_RECOVERABLE amber
        assertTrue(hasColour(img, 0x2e7d32), "CURRENT bar rendered");
        assertTrue(hasColour(img, 0xc62828), "STALE_STRANDED bar rendered");
        assertTrue(hasColour(img, 0xf9a825), "STALE_RECOVERABLE bar rendered");
    }

    static boolean hasColour(BufferedImage img, int rgb) {
        int count = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y) & 0xffffff;
                if (Math.abs((p >> 16) - (rgb >> 16)) <= 3
                        && Math.abs(((p >> 8) & 0xff) - ((rgb >> 8) & 0xff)) <= 3
                        && Math.abs((p & 0xff) - (rgb & 0xff)) <= 3) {
                    count++;
                }
            }
        }
        return count > 50;
    }
}
