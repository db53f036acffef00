package io.github.itl4j.trust.diff;

import java.util.List;
import java.util.Objects;

/**
 * One certificate's change between the old and the new list: its kind, roles, record numbers, identities and details.
 *
 * @param kind the kind of change
 * @param rolesOld its roles in the old list (empty if added)
 * @param rolesNew its roles in the new list (empty if removed)
 * @param rolesAdded roles it gained ({@code ROLE_ADDED})
 * @param rolesRemoved roles it lost ({@code ROLE_REMOVED})
 * @param recordsOld 1-based record numbers in the old list
 * @param recordsNew 1-based record numbers in the new list
 * @param identityOld its identity in the old list (docs/trust.md §3.3), or null
 * @param identityNew its identity in the new list, or null
 * @param subject the subject (new if present, else old)
 * @param details what changed, one {@code field: old -> new} line each
 * @since 0.1.0
 */
public record RecordChange(
        ChangeKind kind,
        List<String> rolesOld,
        List<String> rolesNew,
        List<String> rolesAdded,
        List<String> rolesRemoved,
        List<Integer> recordsOld,
        List<Integer> recordsNew,
        String identityOld,
        String identityNew,
        String subject,
        List<String> details) {
    /**
     * Validates and copies the arguments.
     *
     * @param kind the kind
     * @param rolesOld old roles
     * @param rolesNew new roles
     * @param rolesAdded roles gained
     * @param rolesRemoved roles lost
     * @param recordsOld old record numbers
     * @param recordsNew new record numbers
     * @param identityOld old identity
     * @param identityNew new identity
     * @param subject the subject
     * @param details the details
     */
    public RecordChange {
        Objects.requireNonNull(kind, "kind");
        rolesOld = List.copyOf(rolesOld);
        rolesNew = List.copyOf(rolesNew);
        rolesAdded = List.copyOf(rolesAdded);
        rolesRemoved = List.copyOf(rolesRemoved);
        recordsOld = List.copyOf(recordsOld);
        recordsNew = List.copyOf(recordsNew);
        subject = subject == null ? "" : subject;
        details = List.copyOf(details);
    }

    /** @return true if the roles changed */
    public boolean rolesChanged() {
        return !rolesAdded.isEmpty() || !rolesRemoved.isEmpty();
    }
}
