package com.example.itlcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.itl4j.ItlException;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlReader;
import io.github.itl4j.ItlWriter;
import io.github.itl4j.crypto.ItlVerifier;
import io.github.itl4j.testkit.ItlArbitraries;
import io.github.itl4j.testkit.TestKey;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

// README snippet: keep in step with the "Property-testing with itl4j-testkit" section.
class TrustListProperties {
    @Property
    void writeThenReadGivesTheSameFile(@ForAll ItlFile file) throws ItlException {
        assertEquals(file, ItlReader.defaults().readTrustList(ItlWriter.encode(file)));
    }

    @Property
    void signedFilesVerify(@ForAll ItlFile file) {
        assertTrue(ItlVerifier.builder().build().verify(file).isVerified());
        assertTrue(TrustListCheck.verifies(file.encoded().toByteArray()));
    }

    @Property
    void damagedFilesNeverVerify(@ForAll("damaged") byte[] bytes) {
        TrustListCheck.verifies(bytes); // must return, never throw
    }

    @Provide
    Arbitrary<ItlFile> bigCtls() {
        return ItlArbitraries.trustLists().withRecords(1, 50).signedBy(TestKey.RSA_2048).ctlsOnly();
    }

    @Provide
    Arbitrary<byte[]> damaged() {
        return ItlArbitraries.hostileBytes(bigCtls());
    }
}
