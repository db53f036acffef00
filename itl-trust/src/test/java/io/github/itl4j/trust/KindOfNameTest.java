package io.github.itl4j.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a file name alone tells of a trust list's kind, and that {@link TrustLists#kindOf} asks FILENAME first. */
class KindOfNameTest {
    @Test
    void aNameTellsCtlOrItlInAnyCaseWithoutItsDirectories() {
        assertEquals(Optional.of(FileKind.ITL), TrustLists.kindOfName("ITLFile.tlv"));
        assertEquals(Optional.of(FileKind.ITL), TrustLists.kindOfName("/tftpboot/ITLSEP001122334455.tlv"));
        assertEquals(Optional.of(FileKind.CTL), TrustLists.kindOfName("ctlfile.tlv"));
        assertEquals(Optional.of(FileKind.CTL), TrustLists.kindOfName("C:\\tftp\\CtlFile.tlv"));
        assertEquals(Optional.of(FileKind.ITL), TrustLists.kindOfName("itl"));
        assertEquals(Optional.empty(), TrustLists.kindOfName("x/ITLFile.tlv/abc"));
        assertEquals(Optional.empty(), TrustLists.kindOfName("IT"));
        assertEquals(Optional.empty(), TrustLists.kindOfName("dir/"));
        assertEquals(Optional.empty(), TrustLists.kindOfName(null));
        // a name whose upper case differs from its characters' (dotless i): as String.toUpperCase tells
        assertEquals(Optional.of(FileKind.ITL), TrustLists.kindOfName("\u0131tlfile.tlv"));
        assertEquals(Optional.empty(), TrustLists.kindOfName("\u00e9tl"));
    }

    @Test
    void theHeaderFileNameDecidesBeforeTheGivenName() {
        assertEquals(FileKind.ITL, TrustLists.kindOf(Fixtures.a1(), "CTLFile.tlv"));
    }
}
