package io.github.itl4j.cli;

/**
 * Start-up work of the {@code itl} process done on a second thread while the main one builds the command's model:
 * opening the application's jar. In the release ({@code bin/itl}) every class a command needs comes from the
 * class-data-sharing archive, so the jar on the class path is opened only by the first class or resource looked up
 * there that is not found elsewhere: picocli's test for Groovy (a class that is not there), the {@code System.Logger}
 * that the first certificate's security event looks for; reading the central directory of its ~11,000 entries costs
 * milliseconds, which then overlap the model building instead of interrupting it. The lookups themselves are
 * unchanged: whichever thread comes first opens the jar, the other finds it open.
 */
final class Prestart {
    private Prestart() {}

    /** Starts the work on a daemon thread; the process does not wait for it. */
    static void start() {
        new Opener().start();
    }

    /** A thread class rather than a lambda: linking a lambda costs the main thread more than starting the thread. */
    private static final class Opener extends Thread {
        Opener() {
            super("itl-prestart");
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                ItlCli.class.getResource("version.properties"); // in the jar: opens it and reads its directory
            } catch (RuntimeException ignored) { // a lookup that fails here fails the same way where it is needed
                // nothing to do
            }
        }
    }
}
