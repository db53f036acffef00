package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code itl plan --html} in a real headless browser (Debian's chromium, installed by .ci/install-chromium.sh): the
 * page renders with no network, shows every step and gate of the plan in the timeline and the step table, and a
 * screenshot is kept as a test artifact ({@code target/plan-timeline.png}). Skips, saying why, when chromium is absent.
 */
class PlanHtmlBrowserTest {
    static String browse(Path chromium, Path profile, String... extra) throws IOException, InterruptedException {
        List<String> cmd = HeadlessChromium.command(chromium, profile);
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(false)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
        assertEquals(0, p.exitValue(), "chromium exit code");
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void timelineRendersEveryStepInHeadlessChromium(@TempDir Path dir) throws Exception {
        Path chromium = HeadlessChromium.find().orElse(null);
        Assumptions.assumeTrue(
                chromium != null,
                "chromium is not installed (run .ci/install-chromium.sh): the "
                        + "browser rendering of itl plan --html is not tested");
        Path html = dir.resolve("timeline.html");
        Path plan = PlanCommandTest.plans().resolve("callmanager-tvs-11.5.yaml");
        CliRun r = CliRun.run("plan", plan.toString(), "--html", html.toString(), "--now", PlanCommandTest.NOW);
        assertEquals(0, r.exitCode(), r.stderr());

        String dom = browse(
                chromium, dir.resolve("profile1"), "--dump-dom", html.toUri().toString());
        assertTrue(dom.contains("id=\"verdict\">SAFE</span>"), dom);
        assertTrue(dom.contains("<svg") && dom.contains("id=\"timeline\""), dom);
        for (String id : new String[] {"1", "2", "3", "G1", "4", "G2", "5"}) {
            assertTrue(dom.contains("data-step=\"" + id + "\""), "timeline shows step " + id);
            assertTrue(dom.contains("id=\"step-" + id + "\""), "table shows step " + id);
        }
        assertTrue(dom.contains("REJECT"), "the offline class's state is drawn");

        Path target = Path.of("target");
        Files.createDirectories(target);
        Path shot = target.resolve("plan-timeline.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        browse(
                chromium,
                dir.resolve("profile2"),
                "--hide-scrollbars",
                "--window-size=1100,900",
                "--screenshot=" + shot,
                html.toUri().toString());
        assertTrue(Files.size(shot) > 10_000, "screenshot written: " + shot);
        byte[] png = Files.readAllBytes(shot);
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
    }
}
