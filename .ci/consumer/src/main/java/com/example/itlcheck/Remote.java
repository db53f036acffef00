package com.example.itlcheck;

/** Uses itl-sftp from a named module. */
public final class Remote {
    private Remote() {
    }

    /** @return a description of a builder */
    public static String describe() {
        return io.github.itl4j.sftp.SftpKeyStore.builder("localhost", "nobody").toString();
    }
}
