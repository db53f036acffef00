package com.example.itlcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * itl-sftp is an automatic module on the module path; MINA SSHD (split packages between sshd-common and sshd-core)
 * stays on the class path, where Maven puts it for a module that requires io.github.itl4j.sftp.
 */
class SftpModuleTest {
    @Test
    void sftpIsAnAutomaticModuleAndMinaStaysOnTheClassPath() {
        assertNotNull(Remote.describe());
        Module sftp = io.github.itl4j.sftp.SftpKeyStore.class.getModule();
        assertEquals("io.github.itl4j.sftp", sftp.getName());
        assertTrue(sftp.getDescriptor().isAutomatic());
        assertFalse(org.apache.sshd.client.SshClient.class.getModule().isNamed());
    }
}
