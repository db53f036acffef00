package io.github.itl4j.trust;

import io.github.itl4j.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which roles a TVS returns for a certificate, by the trust store (or own-certificate kind) that holds it
 * (docs/trust.md §7.3, §5 R8). The default mapping is partly inference: every line is reported as an
 * {@link Assumption} when a TVS answer relied on it, and any line can be overridden with a file of
 * {@code store=ROLE[,ROLE...]} lines ({@code --tvs-role-map}). Store names compare case-insensitively. Immutable.
 *
 * <p>Own certificates of a TVS's cluster use the store names {@code own:CallManager}, {@code own:ITLRecovery},
 * {@code own:TVS}, {@code own:CAPF}, {@code own:tomcat} and {@code own:other}.
 *
 * @since 0.1.0
 */
public final class TvsRoleMap {
    /** The largest mapping file read. */
    public static final long MAX_FILE_SIZE = 64 * 1024;

    /**
     * One line of the mapping.
     *
     * @param store the store name
     * @param roles the roles a certificate in it gets
     * @param confidence how well the line is backed
     * @param source short names of the sources
     */
    public record Line(String store, Set<Role> roles, Confidence confidence, List<String> source) {
        /**
         * Copies the arguments.
         *
         * @param store the store
         * @param roles the roles
         * @param confidence the confidence
         * @param source the sources
         */
        public Line {
            roles = Collections.unmodifiableSet(new LinkedHashSet<>(roles));
            source = List.copyOf(source);
        }

        String rolesText() {
            StringBuilder sb = new StringBuilder();
            for (Role r : roles) {
                sb.append(sb.length() == 0 ? "" : ",").append(r.name());
            }
            return sb.length() == 0 ? "(none)" : sb.toString();
        }
    }

    private static final TvsRoleMap DEFAULTS = new TvsRoleMap(
            List.of(
                    new Line("Phone-SAST-trust", Set.of(Role.SAST), Confidence.M, List.of("MIGSEC")),
                    new Line("CallManager-trust", Set.of(Role.TFTP), Confidence.M, List.of("MIGSEC", "BULK")),
                    new Line("own:CallManager", orderedRoles(Role.SAST, Role.TFTP), Confidence.L, List.of("REGEN")),
                    new Line("own:ITLRecovery", Set.of(Role.SAST), Confidence.L, List.of("BULK", "REGEN")),
                    new Line("own:TVS", Set.of(), Confidence.L, List.of("FWRE")),
                    new Line("own:CAPF", Set.of(Role.CAPF), Confidence.L, List.of("name")),
                    new Line("CAPF-trust", Set.of(Role.CAPF), Confidence.L, List.of("name")),
                    new Line("own:tomcat", Set.of(Role.APP_SERVER), Confidence.L, List.of("SBD")),
                    new Line("tomcat-trust", Set.of(Role.APP_SERVER), Confidence.L, List.of("SBD")),
                    new Line("Phone-CTL-trust", Set.of(), Confidence.L, List.of("purpose undocumented"))),
            false);

    private final Map<String, Line> lines;
    private final boolean overridden;

    private TvsRoleMap(List<Line> lines, boolean overridden) {
        Map<String, Line> m = new LinkedHashMap<>();
        for (Line l : lines) {
            m.put(key(l.store()), l);
        }
        this.lines = Collections.unmodifiableMap(m);
        this.overridden = overridden;
    }

    private static Set<Role> orderedRoles(Role... roles) {
        return new LinkedHashSet<>(List.of(roles));
    }

    private static String key(String store) {
        return store.toLowerCase(Locale.ROOT);
    }

    /** @return the default mapping of docs/trust.md §7.3 */
    public static TvsRoleMap defaults() {
        return DEFAULTS;
    }

    /**
     * Parses override lines ({@code store=ROLE[,ROLE...]}; {@code #} comments; an empty right side means no role)
     * over the defaults.
     *
     * @param text the lines
     * @return the mapping
     * @throws IllegalArgumentException for a malformed line or an unknown role, with its line number
     */
    public TvsRoleMap withOverrides(String text) {
        List<Line> out = new ArrayList<>(lines.values());
        String[] ls = text.split("\\R");
        for (int i = 0; i < ls.length; i++) {
            String s = ls[i].trim();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "line " + (i + 1) + ": expected store=ROLE[,ROLE...], found \"" + s + "\"");
            }
            String store = s.substring(0, eq).trim();
            Set<Role> roles = new LinkedHashSet<>();
            for (String r : s.substring(eq + 1).split(",")) {
                if (!r.isBlank()) {
                    try {
                        roles.add(Role.parse(r.trim()));
                    } catch (RuntimeException e) {
                        throw new IllegalArgumentException(
                                "line " + (i + 1) + ": unknown role \"" + r.trim() + "\"", e);
                    }
                }
            }
            out.removeIf(l -> key(l.store()).equals(key(store)));
            out.add(new Line(store, roles, Confidence.P, List.of("user mapping")));
        }
        return new TvsRoleMap(out, true);
    }

    /**
     * Reads override lines from a file.
     *
     * @param file the file
     * @return the mapping
     * @throws IOException if it cannot be read or is larger than {@link #MAX_FILE_SIZE}
     * @throws IllegalArgumentException for a malformed line
     */
    public TvsRoleMap withOverrides(Path file) throws IOException {
        if (Files.size(file) > MAX_FILE_SIZE) {
            throw new IOException(file + ": larger than " + MAX_FILE_SIZE + " bytes; not a role map");
        }
        return withOverrides(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    }

    /** @return the lines, in order */
    public List<Line> lines() {
        return List.copyOf(lines.values());
    }

    /** @return true if a user file changed the defaults */
    public boolean isOverridden() {
        return overridden;
    }

    /**
     * @param store a store name
     * @return its line, or null if the store is not mapped (no role)
     */
    public Line line(String store) {
        return lines.get(key(store));
    }
}
