package io.github.itl4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the process's standard output is a terminal. */
final class Terminal {
    private Terminal() {}

    /**
     * On Linux, what file descriptor 1 points to ({@code /dev/pts/N}, {@code /dev/ttyN}); elsewhere whether Java has
     * a console (standard input and output both terminals).
     *
     * @return whether standard output is a terminal
     */
    static boolean stdoutIsTerminal() {
        try {
            Path fd = Path.of("/proc/self/fd/1");
            if (Files.isSymbolicLink(fd)) {
                return isTerminalDevice(Files.readSymbolicLink(fd).toString());
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: ask Java
        }
        return PasswordOptions.interactiveConsole() != null;
    }

    /**
     * @param device the path a file descriptor points to
     * @return whether it is a terminal device
     */
    static boolean isTerminalDevice(String device) {
        return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty") || device.equals("/dev/console");
    }
}
