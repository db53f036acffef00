package io.github.itl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

/** The vocabulary tables and the int constants kept for {@code switch} labels agree. */
class VocabularyTest {
    private static void constantsMatch(Class<?> constants, java.util.function.IntFunction<Enum<?>> byCode)
            throws IllegalAccessException {
        int n = 0;
        for (Field f : constants.getFields()) {
            if (Modifier.isStatic(f.getModifiers())
                    && f.getType() == int.class
                    && !f.getName().endsWith("_SIZE")) {
                Enum<?> row = byCode.apply(f.getInt(null));
                assertEquals(
                        f.getName(), row == null ? null : row.name(), constants.getSimpleName() + "." + f.getName());
                n++;
            }
        }
        assertTrue(n > 10);
    }

    @Test
    void everyConstantIsARowOfTheTableUnderTheSameName() throws IllegalAccessException {
        constantsMatch(HeaderTags.class, HeaderTag::byCode);
        constantsMatch(RecordTags.class, RecordTag::byCode);
        assertEquals(HeaderTags.class.getFields().length, HeaderTag.values().length);
    }

    @Test
    void tableRows() {
        assertEquals("DIGESTALGORTITHM", HeaderTags.name(HeaderTags.DIGEST_ALGORITHM)); // show itl's spelling
        assertEquals("UNKNOWN(99)", HeaderTags.name(99));
        assertEquals(HeaderTag.IV_INFO, HeaderTag.IV.parent().orElseThrow());
        assertEquals(HeaderTag.ENCRYPTION_INFO, HeaderTag.IV_INFO.parent().orElseThrow());
        assertTrue(HeaderTag.SIGNATURE.parent().isEmpty());
        assertEquals(2, HeaderTag.PAD_COUNT.fixedLength());
        assertEquals(4, HeaderTag.TIMESTAMP.fixedLength());
        assertEquals(-1, HeaderTag.SIGNATURE.fixedLength());
        assertTrue(HeaderTags.isContainer(HeaderTags.KEY_INFO));
        assertFalse(HeaderTags.isContainer(HeaderTags.KEY_SIZE));
        assertNull(HeaderTag.byCode(0));
        assertEquals("HASH ALGORITHM", RecordTags.name(RecordTags.HASH_ALGORITHM));
        assertEquals(ValueType.IPV4, RecordTag.IP_ADDRESS.type());
        assertEquals("SAST", RecordTag.FUNCTION.codeSet().describe(0));
        assertEquals(
                "2048-bit, 256-byte signature",
                HeaderTag.SIGNATURE_MODULUS.codeSet().describe(2));
        assertEquals("SHA-512", HeaderTag.PLAIN_DIGEST_ALGORITHM.codeSet().describe(3));
        assertEquals(5, RecordTags.RECORD_LENGTH_SIZE);
    }
}
