package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No annotation is read by reflection when a command runs: every annotation type read makes the JDK generate a proxy
 * class (a few ms each at start-up, which no class-data archive holds). {@code itl verify}, {@code show} and
 * {@code sign-config} run in a child JVM that logs the classes it loads; none may be a {@code $Proxy}.
 */
class AnnotationProxyTest {
    @TempDir
    Path tmp;

    @Test
    void commandsLoadNoAnnotationProxy() throws Exception {
        String itl = CliFixtures.EXAMPLES.resolve("ITLFile.tlv").toString();
        Path cnf = Files.writeString(tmp.resolve("SEP001122334455.cnf.xml"), "<device><loadInformation/></device>\n");
        String key = CliFixtures.cluster("test10pub.key");
        String cert = CliFixtures.cluster("test10pub.pem");
        assertEquals(List.of(), proxies("verify", itl), "itl verify");
        assertEquals(List.of(), proxies("show", itl), "itl show");
        assertEquals(
                List.of(),
                proxies(
                        "sign-config",
                        cnf.toString(),
                        "-o",
                        tmp.resolve("out.sgn").toString(),
                        "--key",
                        key,
                        "--cert",
                        cert),
                "itl sign-config");
        assertTrue(Files.size(tmp.resolve("out.sgn")) > 0);
        assertEquals(List.of(), proxies("--version"), "itl --version");
    }

    @Test
    void everyCommandsHelpLoadsNoAnnotationProxy() throws Exception {
        // one child JVM runs `itl CMD --help` for every subcommand in-process (HelpProbe): each builds its model
        List<String> commands = new ArrayList<>();
        for (Class<?> c : CommandModelTest.commands()) {
            if (c != ItlCli.class) {
                commands.add(picocli.CommandLine.Model.CommandSpec.forAnnotatedObject(CommandModelTest.create(c))
                        .name());
            }
        }
        assertEquals(21, commands.size(), commands.toString());
        assertEquals(List.of(), proxies(HelpProbe.class, commands.toArray(new String[0])), "itl CMD --help");
    }

    /** Runs {@code itl CMD --help} in-process for each argument, as {@code ItlCli.main} would. */
    static final class HelpProbe {
        public static void main(String[] commands) {
            System.setProperty(ItlCli.CONVERTER_EXCLUDES, ItlCli.UNUSED_CONVERTERS);
            System.setProperty(ItlCli.NO_CLOSURES, "true");
            for (String c : commands) {
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                int code = ItlCli.run(System.in, out, System.err, c, "--help");
                if (code != 0
                        || !out.toString(java.nio.charset.StandardCharsets.UTF_8)
                                .startsWith("Usage: itl " + c)) {
                    System.exit(10 + code);
                }
            }
        }
    }

    @Test
    void theCheckSeesProxies() throws Exception {
        // itl help CMD builds the reflective model of every command: the annotation proxies show in the log
        assertTrue(proxies("help", "show").size() >= 3);
    }

    /** @return the proxy classes the JVM loaded while running {@code itl ARGS} */
    private List<String> proxies(String... args) throws IOException, InterruptedException {
        return proxies(ItlCli.class, args);
    }

    private List<String> proxies(Class<?> main, String... args) throws IOException, InterruptedException {
        Path log = tmp.resolve("classes-" + System.nanoTime() + ".txt");
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-Xlog:class+load=info:file=" + log);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(tmp.resolve("out.txt").toFile())
                .redirectError(tmp.resolve("err.txt").toFile())
                .start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "itl " + String.join(" ", args) + " did not end");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("err.txt")));
        List<String> proxies = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (line.matches(".*\\$Proxy\\d+ .*")) { // jdk.proxy1.$Proxy0 source: __dynamic_proxy__
                proxies.add(line.substring(line.indexOf(']') + 1).trim());
            }
        }
        assertTrue(Files.readString(log).contains(" io.github.itl4j.cli.ItlCli "), "the log lists the classes");
        return proxies;
    }
}
