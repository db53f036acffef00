package io.github.itl4j.sftp;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts Debian's real OpenSSH server ({@code /usr/sbin/sshd -D -e -f <generated config>}) on 127.0.0.1 and a free
 * port for the tests of a class, with throwaway host keys (ed25519, ecdsa and rsa; by default it serves the first
 * two, see {@link #servingHostKeys}) and a throwaway client key authorized for the current user. When running as root
 * it also creates (once, if absent) the Unix user {@value #PASSWORD_USER} and gives it a fresh random password for
 * password-authentication tests. Stops sshd after the class.
 *
 * <p>Part of itl-sftp's test jar, for the tests of itl-sftp and itl-cli alike: register it with
 * {@code @RegisterExtension static final OpenSshServer SSHD = new OpenSshServer();}. When {@code /usr/sbin/sshd} or
 * {@code ssh-keygen} is missing, every test of the class is skipped one by one with the reason (an
 * {@link ExecutionCondition}), so the report says {@code Skipped: N} instead of {@code Tests run: 0}: run
 * {@code .ci/install-openssh.sh}. The system property {@value #SSHD_PROPERTY} names another server binary (a missing
 * one shows the skipping).
 */
public final class OpenSshServer implements BeforeAllCallback, AfterAllCallback, ExecutionCondition {

    /** The system property that overrides {@link #SSHD}. */
    public static final String SSHD_PROPERTY = "itl4j.test.sshd";
    /** The OpenSSH server binary ({@value #SSHD_PROPERTY} overrides it). */
    public static final String SSHD = System.getProperty(SSHD_PROPERTY, "/usr/sbin/sshd");
    /** The key generator the server's and client's keys are made with. */
    static final String SSH_KEYGEN = "/usr/bin/ssh-keygen";
    /** The Unix user created for password logins (root only). */
    public static final String PASSWORD_USER = "itl4jtest";
    /** The address sshd listens on. */
    public static final String HOST = "127.0.0.1";
    /** The host key types generated for every server; {@link #hostKey} and {@link #knownHostsLine} take these. */
    public static final List<String> HOST_KEY_TYPES = List.of("ed25519", "ecdsa", "rsa");

    private final List<String> served;

    private Path dir;
    private Process sshd;
    private int port;
    private final StringBuffer log = new StringBuffer();
    private char[] password;
    private Path passwordUserHome;
    private final List<Path> createdInHome = new ArrayList<>();

    /** A server that offers its ed25519 and ecdsa host keys. */
    public OpenSshServer() {
        this(List.of("ed25519", "ecdsa"));
    }

    private OpenSshServer(List<String> served) {
        this.served = served;
    }

    /**
     * A server that offers only the given host keys (sshd's {@code HostKey} lines), for example only {@code rsa}
     * while its ed25519 key, generated all the same, is the one a test records in known_hosts.
     *
     * @param types some of {@link #HOST_KEY_TYPES}
     * @return the extension to register
     */
    public static OpenSshServer servingHostKeys(String... types) {
        for (String t : types) {
            if (!HOST_KEY_TYPES.contains(t)) {
                throw new IllegalArgumentException("no such host key type: " + t);
            }
        }
        return new OpenSshServer(List.of(types));
    }

    /**
     * Why the OpenSSH tests cannot run here, or null when they can.
     *
     * @param sshd the server binary
     * @param keygen the key generator
     * @return the reason, naming the missing program and how to install it; null if both are executable
     */
    static String missingTool(Path sshd, Path keygen) {
        if (!Files.isExecutable(sshd)) {
            return sshd + " is missing: OpenSSH tests skipped (run .ci/install-openssh.sh, needs root)";
        }
        if (!Files.isExecutable(keygen)) {
            return keygen + " is missing: OpenSSH tests skipped (install openssh-client)";
        }
        return null;
    }

    /** Skips each test (not the class as a whole, which reports as "Tests run: 0") when OpenSSH is missing. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String missing = missingTool(Path.of(SSHD), Path.of(SSH_KEYGEN));
        if (missing == null || context.getTestMethod().isEmpty()) {
            return ConditionEvaluationResult.enabled("OpenSSH is installed, or a class (its tests are checked)");
        }
        return ConditionEvaluationResult.disabled(missing);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (missingTool(Path.of(SSHD), Path.of(SSH_KEYGEN)) != null) {
            return; // every test is skipped by evaluateExecutionCondition, with the reason
        }
        dir = Files.createTempDirectory("itl4j-sshd");
        Path data = Files.createDirectory(dir.resolve("data"));
        run(
                "ssh-keygen",
                "-q",
                "-t",
                "ed25519",
                "-N",
                "",
                "-C",
                "host-ed25519",
                "-f",
                hostKey("ed25519").toString());
        run(
                "ssh-keygen",
                "-q",
                "-t",
                "ecdsa",
                "-b",
                "256",
                "-N",
                "",
                "-C",
                "host-ecdsa",
                "-f",
                hostKey("ecdsa").toString());
        run(
                "ssh-keygen",
                "-q",
                "-t",
                "rsa",
                "-b",
                "2048",
                "-N",
                "",
                "-C",
                "host-rsa",
                "-f",
                hostKey("rsa").toString());
        run(
                "ssh-keygen",
                "-q",
                "-t",
                "ed25519",
                "-N",
                "",
                "-C",
                "client",
                "-f",
                clientKey().toString());
        String me = System.getProperty("user.name");
        Files.copy(Path.of(clientKey() + ".pub"), dir.resolve("authorized_keys_" + me));
        if (isRoot()) {
            Path privsep = Path.of("/run/sshd");
            if (!Files.isDirectory(privsep)) {
                Files.createDirectories(privsep); // Debian's sshd refuses to start without it; /run is a tmpfs
            }
            setUpPasswordUser();
        }
        port = freePort();
        Path config = dir.resolve("sshd_config");
        List<String> lines = new ArrayList<>(List.of("Port " + port, "ListenAddress " + HOST));
        for (String type : served) {
            lines.add("HostKey " + hostKey(type));
        }
        lines.addAll(List.of(
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys_%u"),
                "StrictModes no",
                "PubkeyAuthentication yes",
                "PasswordAuthentication yes",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "PermitRootLogin prohibit-password",
                "AllowUsers " + me + " " + PASSWORD_USER,
                "MaxAuthTries 4",
                "Subsystem sftp internal-sftp",
                "LogLevel VERBOSE"));
        Files.writeString(config, String.join("\n", lines) + "\n");
        ProcessBuilder pb = new ProcessBuilder(SSHD, "-D", "-e", "-f", config.toString());
        pb.redirectErrorStream(true);
        sshd = pb.start();
        CountDownLatch listening = new CountDownLatch(1);
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader r =
                            new BufferedReader(new InputStreamReader(sshd.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line = r.readLine(); line != null; line = r.readLine()) {
                            log.append(line).append('\n');
                            if (line.contains("Server listening on " + HOST + " port " + port)) {
                                listening.countDown();
                            }
                        }
                    } catch (IOException e) {
                        log.append("[log reader: ").append(e).append("]\n");
                    }
                },
                "sshd-log");
        reader.setDaemon(true);
        reader.start();
        if (!listening.await(20, TimeUnit.SECONDS)) {
            sshd.destroy();
            throw new IllegalStateException("sshd did not start listening on " + HOST + ":" + port + ":\n" + log);
        }
    }

    private void setUpPasswordUser() throws IOException, InterruptedException {
        if (new ProcessBuilder("id", "-u", PASSWORD_USER).start().waitFor() != 0) {
            run("useradd", "-m", "-s", "/bin/sh", PASSWORD_USER);
        }
        password = randomPassword();
        Process chpasswd =
                new ProcessBuilder("chpasswd").redirectErrorStream(true).start();
        chpasswd.getOutputStream()
                .write((PASSWORD_USER + ":" + new String(password) + "\n").getBytes(StandardCharsets.UTF_8));
        chpasswd.getOutputStream().close();
        String out = new String(chpasswd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (chpasswd.waitFor() != 0) {
            throw new IllegalStateException("chpasswd failed: " + out);
        }
        String home = run("getent", "passwd", PASSWORD_USER).split(":")[5];
        passwordUserHome = Path.of(home);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (sshd != null) {
            sshd.destroy();
            if (!sshd.waitFor(10, TimeUnit.SECONDS)) {
                sshd.destroyForcibly();
            }
        }
        for (Path p : createdInHome) {
            deleteTree(p);
        }
        if (dir != null) {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Whether the tests run as root (needed for the password user).
     *
     * @return true for root
     */
    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /**
     * The port sshd listens on.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * The current user, authorized by {@link #clientKey()}.
     *
     * @return the user name
     */
    public String keyUser() {
        return System.getProperty("user.name");
    }

    /**
     * The unencrypted ed25519 private key authorized for {@link #keyUser()} ({@code .pub} beside it).
     *
     * @return the key file
     */
    public Path clientKey() {
        return dir.resolve("client_ed25519");
    }

    /**
     * A host key file of the server, served or not.
     *
     * @param type one of {@link #HOST_KEY_TYPES}
     * @return the private key file ({@code .pub} beside it)
     */
    public Path hostKey(String type) {
        return dir.resolve("ssh_host_" + type + "_key");
    }

    /**
     * A directory readable and writable by {@link #keyUser()} only, for its test files.
     *
     * @return the directory
     */
    public Path dataDir() {
        return dir.resolve("data");
    }

    /**
     * A scratch directory for known_hosts files and the like (not served).
     *
     * @param name the directory name
     * @return the directory, created if needed
     * @throws IOException if it cannot be created
     */
    public Path scratch(String name) throws IOException {
        return Files.createDirectories(dir.resolve("scratch").resolve(name));
    }

    /**
     * The password of {@link #PASSWORD_USER}, or skips the test when not running as root.
     *
     * @return a copy of the password
     */
    public char[] password() {
        assumeTrue(password != null, "password tests need root to create the Unix user " + PASSWORD_USER);
        return password.clone();
    }

    /**
     * A fresh directory in the home of {@link #PASSWORD_USER}, owned by it; removed after the class.
     *
     * @param name part of the directory name
     * @return the directory
     * @throws IOException if it cannot be created
     */
    public Path passwordUserDir(String name) throws IOException {
        password();
        Path p = passwordUserHome.resolve("itl4j-" + name + "-" + port);
        Files.createDirectories(p);
        createdInHome.add(p);
        chown(p);
        return p;
    }

    /**
     * Gives a file to {@link #PASSWORD_USER}.
     *
     * @param p the file
     * @throws IOException if the owner cannot be changed
     */
    public void chown(Path p) throws IOException {
        UserPrincipal owner = p.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(PASSWORD_USER);
        Files.setOwner(p, owner);
    }

    /**
     * The known_hosts line for one of the server's host keys, as {@code ssh} would write it.
     *
     * @param type one of {@link #HOST_KEY_TYPES}
     * @return {@code [127.0.0.1]:PORT TYPE BASE64}
     * @throws IOException if the key cannot be read
     */
    public String knownHostsLine(String type) throws IOException {
        String[] pub = Files.readString(Path.of(hostKey(type) + ".pub")).trim().split(" ");
        return "[" + HOST + "]:" + port + " " + pub[0] + " " + pub[1];
    }

    /**
     * The SHA256 fingerprint of a host key as OpenSSH prints it, e.g. {@code SHA256:abc...}.
     *
     * @param type one of {@link #HOST_KEY_TYPES}
     * @return the fingerprint
     * @throws IOException if ssh-keygen cannot run
     * @throws InterruptedException if interrupted
     */
    public String fingerprint(String type) throws IOException, InterruptedException {
        return run("ssh-keygen", "-l", "-E", "sha256", "-f", hostKey(type) + ".pub")
                .split(" ")[1];
    }

    /**
     * sshd's log so far, for assertion messages.
     *
     * @return the log
     */
    public String log() {
        return log.toString();
    }

    /**
     * Runs a command and returns its output; fails unless it exits 0 within a minute.
     *
     * @param cmd the command and its arguments
     * @return standard output and error
     * @throws IOException if it cannot start
     * @throws InterruptedException if interrupted
     */
    public static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }

    /**
     * A TCP port on {@link #HOST} that nothing listens on right now.
     *
     * @return the port
     * @throws IOException if no socket can be opened
     */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        }
    }

    private static char[] randomPassword() {
        String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom r = new SecureRandom();
        char[] pw = new char[20];
        for (int i = 0; i < pw.length; i++) {
            pw[i] = alphabet.charAt(r.nextInt(alphabet.length()));
        }
        return pw;
    }
}
