package io.github.itl4j.sftp;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Without OpenSSH the OpenSSH tests are skipped one by one with a reason that says what to install. */
class OpenSshServerTest {
    @Test
    void namesTheMissingProgram() {
        Path sh = Path.of("/bin/sh"); // executable on every machine that runs the build
        String noServer = OpenSshServer.missingTool(Path.of("/nonexistent/sshd"), sh);
        assertTrue(
                noServer.startsWith("/nonexistent/sshd is missing") && noServer.contains("install-openssh"), noServer);
        String noKeygen = OpenSshServer.missingTool(sh, Path.of("/nonexistent/ssh-keygen"));
        assertTrue(noKeygen.contains("openssh-client"), noKeygen);
        assertNull(OpenSshServer.missingTool(sh, sh));
    }
}
