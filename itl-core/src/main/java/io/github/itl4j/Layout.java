package io.github.itl4j;

import io.github.itl4j.tlv.Tlv;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The two field orders seen in real files (docs/format.md §3 and §4). Readers accept any order; writers of new files
 * use one of these.
 *
 * @since 0.1.0
 */
public enum Layout {
    /**
     * CUCM: header tags ascending 1,2,3{4,5,6},7{8,9{10,11}},12,14,15 then padding; record tags ascending;
     * names written {@code CN=..;OU=..;O=..;L=..;ST=..;C=..}; ITL records carry a DNSNAME.
     */
    CUCM(new int[] {3, 4, 5, 6}, new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}),
    /**
     * usecallmanagernz/certutils {@code tlvfile}: header 1,2,28,3{4,6,5},7{...},12,14,15, padding; records
     * 1,3,5,6,4,7,8,9; names in RFC 4514 form joined with {@code ,} in certificate order; no DNSNAME.
     */
    CERTUTILS(new int[] {3, 4, 6, 5}, new int[] {1, 3, 5, 6, 4, 7, 8, 9, 2, 10, 11, 12});

    private final int[] signerIdOrder;
    /** {@link #recordRank(int)} by tag 0..255: a table, since the readers rank every field of every record. */
    private final int[] rankByTag = new int[256];

    Layout(int[] signerIdOrder, int[] recordOrder) {
        this.signerIdOrder = signerIdOrder;
        Arrays.fill(rankByTag, Integer.MAX_VALUE);
        for (int i = recordOrder.length - 1; i >= 0; i--) {
            rankByTag[recordOrder[i]] = i;
        }
    }

    /** @return the order of SIGNERNAME, SERIALNUMBER, CANAME inside SIGNERID (tags 4, 5, 6) */
    int[] signerIdOrder() {
        return signerIdOrder.clone();
    }

    /**
     * The position of a record tag in this layout's order; unknown tags sort last, in their original order.
     *
     * @param tag a record tag
     * @return its rank
     */
    int recordRank(int tag) {
        return tag >= 0 && tag < rankByTag.length ? rankByTag[tag] : Integer.MAX_VALUE;
    }

    /**
     * Sorts record fields into this layout's order (stable; unknown tags last).
     *
     * @param fields fields without RECORDLENGTH
     * @return a new, sorted list
     */
    public List<Tlv> sortRecordFields(List<Tlv> fields) {
        List<Tlv> out = new ArrayList<>(fields);
        out.sort(Comparator.comparingInt(t -> recordRank(t.tag())));
        return out;
    }

    /**
     * @param tags a record's tags in file order, at {@code tags[0]}, {@code tags[stride]}, ...
     * @param count how many tags
     * @param stride distance between two tags in {@code tags} (1 for a plain array)
     * @return whether they follow this layout's order
     */
    boolean recordOrderMatches(int[] tags, int count, int stride) {
        int last = -1;
        for (int i = 0; i < count; i++) {
            int r = recordRank(tags[i * stride]);
            if (r == Integer.MAX_VALUE) {
                continue;
            }
            if (r <= last) {
                return false;
            }
            last = r;
        }
        return true;
    }
}
