package io.github.itl4j.trust;

import io.github.itl4j.crypto.KeyLoadException;
import io.github.itl4j.crypto.KeyLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * The TVS servers a phone may ask, in the order it asks them (its CallManager group), and the store-to-role mapping
 * (docs/trust.md §7). Loaded before a simulation (the loaders do the I/O, within limits); immutable and thread-safe.
 *
 * <p>Two export formats are read: a directory per TVS ({@link #fromDirectory(Path)}: {@code tvs.pem}, {@code own/},
 * one folder per trust store, optional {@code tvs.properties}) and the CSV output of the CUCM SQL query over the
 * certificate tables ({@link #fromSqlExport(Path)}). The usecallmanager tvsd SQLite database is not read.
 *
 * @since 0.1.0
 */
public final class TvsEnvironment {
    /** The most certificate files one directory export may hold. */
    public static final int MAX_FILES = 4096;
    /** The largest SQL export read. */
    public static final long MAX_SQL_EXPORT_SIZE = 32L * 1024 * 1024;

    private static final TvsEnvironment NONE = new TvsEnvironment(List.of(), TvsRoleMap.defaults());

    private final List<TvsInstance> instances;
    private final TvsRoleMap roleMap;

    private TvsEnvironment(List<TvsInstance> instances, TvsRoleMap roleMap) {
        this.instances = List.copyOf(instances);
        this.roleMap = Objects.requireNonNull(roleMap, "roleMap");
    }

    /** @return no TVS at all */
    public static TvsEnvironment none() {
        return NONE;
    }

    /**
     * @param instances the TVS, in the order the phone asks them
     * @return the environment, with the default role mapping
     */
    public static TvsEnvironment of(List<TvsInstance> instances) {
        return new TvsEnvironment(instances, TvsRoleMap.defaults());
    }

    /**
     * @param more TVS to add after these
     * @return a new environment
     */
    public TvsEnvironment plus(TvsEnvironment more) {
        List<TvsInstance> l = new ArrayList<>(instances);
        l.addAll(more.instances);
        return new TvsEnvironment(l, roleMap);
    }

    /**
     * @param map the store-to-role mapping
     * @return a copy using it
     */
    public TvsEnvironment withRoleMap(TvsRoleMap map) {
        return new TvsEnvironment(instances, map);
    }

    /**
     * @param label a TVS label
     * @return a copy in which that TVS is unreachable
     * @throws IllegalArgumentException if no TVS has that label
     */
    public TvsEnvironment withUnreachable(String label) {
        List<TvsInstance> l = new ArrayList<>();
        boolean found = false;
        for (TvsInstance t : instances) {
            if (t.label().equals(label)) {
                found = true;
                l.add(t.reachable(false));
            } else {
                l.add(t);
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no TVS labelled \"" + label + "\" (labels: " + labels() + ")");
        }
        return new TvsEnvironment(l, roleMap);
    }

    private List<String> labels() {
        List<String> l = new ArrayList<>();
        for (TvsInstance t : instances) {
            l.add(t.label());
        }
        return l;
    }

    /** @return the TVS, in order */
    public List<TvsInstance> instances() {
        return instances;
    }

    /** @return the store-to-role mapping */
    public TvsRoleMap roleMap() {
        return roleMap;
    }

    /** @return true if there is no TVS */
    public boolean isEmpty() {
        return instances.isEmpty();
    }

    /**
     * Reads a directory export (docs/trust.md §7.2, format 1):
     * <pre>
     * tvs-clusterA/
     *   tvs.pem                      the TVS server certificate (required)
     *   own/CallManager*.pem ...     the cluster's own certificates: CallManager, ITLRecovery, TVS, CAPF, tomcat
     *   Phone-SAST-trust/*.pem|.der  one folder per trust store (the folder name is the store name)
     *   tvs.properties               optional: label=, reachable=false, impl=USECALLMANAGER, ttl=86400
     * </pre>
     * Files in {@code own/} are mapped by name prefix to {@code own:CallManager}, {@code own:ITLRecovery},
     * {@code own:TVS}, {@code own:CAPF}, {@code own:tomcat}, else {@code own:other}.
     *
     * @param dir the directory
     * @return an environment with one TVS labelled by the directory name (or {@code label=})
     * @throws IOException if a file cannot be read, a certificate is malformed, or there are more than
     *     {@link #MAX_FILES} files; the message names the file
     */
    public static TvsEnvironment fromDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": not a directory (a TVS export is a directory with tvs.pem)");
        }
        Path server = dir.resolve("tvs.pem");
        if (!Files.isRegularFile(server)) {
            throw new IOException(dir + ": no tvs.pem (the TVS server certificate phones see on port 2445)");
        }
        X509Certificate serverCert = certificates(server).get(0);
        Map<String, List<X509Certificate>> stores = new LinkedHashMap<>();
        int[] count = {0};
        List<Path> subdirs = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (Files.isDirectory(p)) {
                    subdirs.add(p);
                }
            }
        }
        subdirs.sort(null);
        for (Path sub : subdirs) {
            String name = sub.getFileName().toString();
            for (Path f : certFiles(sub, count)) {
                String store =
                        name.equalsIgnoreCase("own") ? ownStore(f.getFileName().toString()) : name;
                stores.computeIfAbsent(store, k -> new ArrayList<>()).addAll(certificates(f));
            }
        }
        Properties props = new Properties();
        Path pf = dir.resolve("tvs.properties");
        if (Files.isRegularFile(pf)) {
            if (Files.size(pf) > 64 * 1024) {
                throw new IOException(pf + ": larger than 64 KiB");
            }
            try (InputStream in = Files.newInputStream(pf)) {
                props.load(in);
            }
        }
        String label = props.getProperty(
                "label",
                dir.toAbsolutePath().normalize().getFileName() == null
                        ? "tvs"
                        : dir.toAbsolutePath().normalize().getFileName().toString());
        TvsInstance t = TvsInstance.of(label, serverCert, stores);
        try {
            t = t.reachable(Boolean.parseBoolean(props.getProperty("reachable", "true")));
            t = t.impl(TvsImpl.valueOf(props.getProperty("impl", "CUCM").trim().toUpperCase(Locale.ROOT)));
            t = t.ttlSeconds(Long.parseLong(props.getProperty("ttl", Long.toString(TvsInstance.DEFAULT_TTL_SECONDS))
                    .trim()));
        } catch (IllegalArgumentException e) {
            throw new IOException(
                    pf + ": " + e.getMessage() + " (expected reachable=true|false, impl=CUCM|"
                            + "USECALLMANAGER, ttl=seconds)",
                    e);
        }
        return of(List.of(t));
    }

    private static List<Path> certFiles(Path dir, int[] count) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (Files.isRegularFile(p)
                        && (n.endsWith(".pem") || n.endsWith(".der") || n.endsWith(".crt") || n.endsWith(".cer"))) {
                    if (++count[0] > MAX_FILES) {
                        throw new IOException(dir + ": more than " + MAX_FILES + " certificate files");
                    }
                    out.add(p);
                }
            }
        }
        out.sort(null);
        return out;
    }

    static String ownStore(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.startsWith("callmanager")) {
            return "own:CallManager";
        }
        if (n.startsWith("itlrecovery")) {
            return "own:ITLRecovery";
        }
        if (n.startsWith("tvs")) {
            return "own:TVS";
        }
        if (n.startsWith("capf")) {
            return "own:CAPF";
        }
        if (n.startsWith("tomcat")) {
            return "own:tomcat";
        }
        return "own:other";
    }

    private static List<X509Certificate> certificates(Path f) throws IOException {
        try {
            return KeyLoader.defaults().readCertificates(f);
        } catch (KeyLoadException e) {
            throw new IOException(f + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the CSV output of the CUCM SQL query of docs/trust.md §7.2, format 2 ({@code select c.servername,
     * tcs.name, dist.moniker, c.ipv4address, c.certificate from certificate ...}). The first row names the columns;
     * {@code servername}, {@code name} (the store or service: {@code Phone-SAST-trust}, {@code CallManager},
     * {@code TVS} ...) and {@code certificate} (PEM) are required. Rows whose name ends in {@code -trust} go into that
     * trust store; other rows are the nodes' own certificates ({@code own:CallManager}, {@code own:TVS} ...). One TVS
     * is made per server that has a {@code TVS} row, in file order, and every TVS sees the whole cluster's stores
     * (CUCM replicates trust stores across nodes).
     *
     * @param csv the export
     * @return the environment
     * @throws IOException if it cannot be read, is over {@link #MAX_SQL_EXPORT_SIZE}, lacks a column or a TVS row,
     *     or holds a malformed certificate (the message names the row)
     */
    public static TvsEnvironment fromSqlExport(Path csv) throws IOException {
        if (Files.size(csv) > MAX_SQL_EXPORT_SIZE) {
            throw new IOException(csv + ": larger than " + MAX_SQL_EXPORT_SIZE + " bytes");
        }
        return fromSqlExport(new String(Files.readAllBytes(csv), StandardCharsets.UTF_8), csv.toString());
    }

    /**
     * As {@link #fromSqlExport(Path)}, for text in memory.
     *
     * @param text the CSV text
     * @param name its name, for messages
     * @return the environment
     * @throws IOException as {@link #fromSqlExport(Path)}
     */
    public static TvsEnvironment fromSqlExport(String text, String name) throws IOException {
        List<List<String>> rows = Csv.parse(text, name);
        if (rows.isEmpty()) {
            throw new IOException(name + ": empty SQL export");
        }
        List<String> head = rows.get(0);
        int server = column(head, name, "servername", "c.servername");
        int store = column(head, name, "name", "tcs.name", "store", "service");
        int cert = column(head, name, "certificate", "c.certificate");
        Map<String, X509Certificate> tvsByServer = new LinkedHashMap<>();
        Map<String, List<X509Certificate>> stores = new LinkedHashMap<>();
        for (int i = 1; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            if (row.size() <= Math.max(server, Math.max(store, cert))) {
                throw new IOException(
                        name + ": row " + (i + 1) + " has " + row.size() + " columns; expected " + head.size());
            }
            String s = row.get(store).trim();
            List<X509Certificate> cs = pem(row.get(cert), name + ": row " + (i + 1));
            String storeName = s.toLowerCase(Locale.ROOT).endsWith("-trust") ? s : ownStore(s);
            stores.computeIfAbsent(storeName, k -> new ArrayList<>()).addAll(cs);
            if (s.equalsIgnoreCase("TVS") && !cs.isEmpty()) {
                tvsByServer.putIfAbsent(row.get(server).trim(), cs.get(0));
            }
        }
        if (tvsByServer.isEmpty()) {
            throw new IOException(name + ": no TVS row (tcs.name = TVS): the TVS server certificate is needed");
        }
        List<TvsInstance> out = new ArrayList<>();
        for (Map.Entry<String, X509Certificate> e : tvsByServer.entrySet()) {
            out.add(TvsInstance.of(e.getKey(), e.getValue(), stores));
        }
        return of(out);
    }

    private static int column(List<String> head, String name, String... names) throws IOException {
        for (int i = 0; i < head.size(); i++) {
            String h = head.get(i).trim().toLowerCase(Locale.ROOT);
            for (String n : names) {
                if (h.equals(n)) {
                    return i;
                }
            }
        }
        throw new IOException(name + ": no column " + names[0] + " in the header row " + head);
    }

    private static List<X509Certificate> pem(String text, String where) throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        String t = text.replace("\\n", "\n");
        int from = 0;
        while (true) {
            int b = t.indexOf("-----BEGIN CERTIFICATE-----", from);
            if (b < 0) {
                break;
            }
            int e = t.indexOf("-----END CERTIFICATE-----", b);
            if (e < 0) {
                throw new IOException(where + ": a certificate has no END line");
            }
            String block = t.substring(b, e + "-----END CERTIFICATE-----".length());
            try {
                CertificateFactory cf = CertificateFactory.getInstance("X.509");
                out.add((X509Certificate)
                        cf.generateCertificate(new ByteArrayInputStream(block.getBytes(StandardCharsets.US_ASCII))));
            } catch (CertificateException | RuntimeException ex) {
                throw new IOException(where + ": malformed certificate: " + ex.getMessage(), ex);
            }
            from = e + 1;
        }
        if (out.isEmpty()) {
            throw new IOException(where + ": no PEM certificate in the certificate column");
        }
        return out;
    }

    /** A small RFC 4180 reader (quoted fields may hold commas and line breaks). */
    static final class Csv {
        private Csv() {}

        static List<List<String>> parse(String text, String name) throws IOException {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            boolean quoted = false;
            boolean any = false;
            try (StringReader r = new StringReader(text)) {
                int c;
                while ((c = r.read()) >= 0) {
                    any = true;
                    if (quoted) {
                        if (c == '"') {
                            r.mark(1);
                            int n = r.read();
                            if (n == '"') {
                                cur.append('"');
                            } else {
                                quoted = false;
                                if (n >= 0) {
                                    r.reset();
                                }
                            }
                        } else {
                            cur.append((char) c);
                        }
                    } else if (c == '"' && cur.length() == 0) {
                        quoted = true;
                    } else if (c == ',') {
                        row.add(cur.toString());
                        cur.setLength(0);
                    } else if (c == '\n' || c == '\r') {
                        if (c == '\r') {
                            r.mark(1);
                            if (r.read() != '\n') {
                                r.reset();
                            }
                        }
                        row.add(cur.toString());
                        cur.setLength(0);
                        rows.add(row);
                        row = new ArrayList<>();
                        any = false;
                    } else {
                        cur.append((char) c);
                    }
                }
            }
            if (quoted) {
                throw new IOException(name + ": a quoted field is not closed");
            }
            if (any || cur.length() > 0 || !row.isEmpty()) {
                row.add(cur.toString());
                rows.add(row);
            }
            return rows;
        }
    }

    /** @return the role lines a TVS answer for a certificate in these stores relies on */
    List<TvsRoleMap.Line> linesFor(Set<String> storeNames) {
        List<TvsRoleMap.Line> out = new ArrayList<>();
        for (String s : storeNames) {
            TvsRoleMap.Line l = roleMap.line(s);
            if (l != null) {
                out.add(l);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "TvsEnvironment" + instances;
    }
}
