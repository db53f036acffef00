package io.github.itl4j.crypto;

import io.github.itl4j.Bytes;
import io.github.itl4j.ItlFile;
import io.github.itl4j.ItlRecord;
import io.github.itl4j.Role;
import io.github.itl4j.crypto.internal.Certificates;
import java.util.List;
import java.util.Optional;

/**
 * Looks for the record that signed a file among trust-list records taken in file order, keeping only the best
 * candidate so far (memory bounded by one record when streaming): the record whose SERIALNUMBER is the header's,
 * scored by role, ISSUERNAME = CANAME and SUBJECTNAME = SIGNERNAME. The file's own records are also checked for a
 * FUNCTION and counted as SAST; every record that is not (or no longer) the best candidate goes to the
 * {@link Linter}. Single-threaded, short-lived.
 */
final class SignerSearch {
    /** Receives the records that are not the signer, for record checks. */
    interface Linter {
        void lint(ItlRecord r, int index, long offset);
    }

    /** A candidate signer record. */
    static final class Candidate {
        final ItlRecord record;
        final int index;
        final long offset;
        final ItlFile list;
        final boolean roleOk;
        final boolean issuerOk;
        final boolean subjectOk;

        Candidate(
                ItlRecord record,
                int index,
                long offset,
                ItlFile list,
                boolean roleOk,
                boolean issuerOk,
                boolean subjectOk) {
            this.record = record;
            this.index = index;
            this.offset = offset;
            this.list = list;
            this.roleOk = roleOk;
            this.issuerOk = issuerOk;
            this.subjectOk = subjectOk;
        }

        int score() {
            return (roleOk ? 4 : 0) + (issuerOk ? 2 : 0) + (subjectOk ? 1 : 0);
        }
    }

    private final SignerHeader h;
    private final Role[] wanted;
    /** True when the records searched are the file's own: roles are checked, SAST records are counted. */
    private final boolean ownRecords;

    private final ProblemList problems;
    private final Linter linter;
    int sastCount;
    int wantedMatches;
    Candidate best;

    SignerSearch(SignerHeader h, Role[] wanted, boolean ownRecords, ProblemList problems, Linter linter) {
        this.h = h;
        this.wanted = wanted;
        this.ownRecords = ownRecords;
        this.problems = problems;
        this.linter = linter;
    }

    /** Takes every record of a trust list. */
    void search(ItlFile list) {
        long off = list.header().length();
        List<ItlRecord> rs = list.records();
        for (int i = 0; i < rs.size(); i++) {
            ItlRecord r = rs.get(i);
            record(r, i, off, list);
            off += r.length();
        }
    }

    /** Takes one record in file order: lints it, or keeps it as the best candidate signer so far. */
    void record(ItlRecord r, int index, long offset, ItlFile list) {
        Optional<Role> role = r.role();
        if (ownRecords) {
            if (role.isEmpty()) {
                problems.add(ProblemCode.MISSING_ROLE, Severity.WARNING, index, offset);
            } else if (!role.get().isKnown()) {
                problems.add(
                        ProblemCode.UNKNOWN_ROLE,
                        Severity.WARNING,
                        index,
                        offset,
                        role.get().code());
            } else if (role.get().equals(Role.SAST)) {
                sastCount++;
            }
        }
        Optional<Bytes> sn = r.serialNumber();
        if (sn.isEmpty() || !Certificates.sameSerial(sn.get(), h.serial)) {
            linter.lint(r, index, offset);
            return;
        }
        boolean roleOk = role.isPresent() && isWanted(role.get());
        if (roleOk) {
            wantedMatches++;
        }
        Candidate c = new Candidate(
                r,
                index,
                offset,
                list,
                roleOk,
                h.caName != null && h.caName.equals(r.issuerName().orElse(null)),
                h.signerName != null && h.signerName.equals(r.subjectName().orElse(null)));
        if (best == null || c.score() > best.score()) {
            Candidate old = best;
            best = c;
            if (old != null) {
                linter.lint(old.record, old.index, old.offset);
            }
        } else {
            linter.lint(r, index, offset);
        }
    }

    private boolean isWanted(Role role) {
        for (Role w : wanted) {
            if (w.equals(role)) {
                return true;
            }
        }
        return false;
    }

    /** @return the roles looked for, e.g. "TFTP or CCM_TFTP" */
    String wantedText() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < wanted.length; i++) {
            sb.append(i == 0 ? "" : " or ").append(wanted[i].name());
        }
        return sb.toString();
    }
}
