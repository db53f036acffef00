package io.github.itl4j.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the facts of testdata/vectors/certutils/MANIFEST.md. */
public final class Manifest {
    /** Facts of one ITL/CTL vector (from its "ITL details" section). */
    public record ItlFacts(
            String file,
            String version,
            String signerVersion,
            String hash,
            int signatureLength,
            int headerLength,
            long timestamp,
            String signerSubject,
            String serialHex,
            int recordCount,
            List<String> roles,
            long size,
            String sha1,
            String md5) {}

    /** Facts of one .sgn vector (a row of the SGN table). */
    public record SgnFacts(
            String file,
            String hash,
            String signerCert,
            String signerSubject,
            String headerFileName,
            int headerLength,
            long timestamp,
            String inputSha1,
            long size,
            String sha1,
            String md5) {}

    private static final Pattern SECTION = Pattern.compile("(?m)^#### `(itl/[^`]+)`$");
    private static final Pattern LINE1 = Pattern.compile("- version (\\S+), signer version (\\S+), hash (\\S+), "
            + "signature (\\d+) bytes, header length (\\d+), timestamp (\\d+)");
    private static final Pattern LINE2 = Pattern.compile("- signer subject `(.*)`, serial `([0-9a-f]+)`");
    private static final Pattern LINE3 = Pattern.compile("- (\\d+) records?: (.*)");
    private static final Pattern LINE4 = Pattern.compile("- size (\\d+), SHA-1 `([0-9a-f]{40})`, MD5 `([0-9a-f]{32})`");

    private Manifest() {}

    private static String text() {
        try {
            return Files.readString(TestData.vectors().resolve("certutils/MANIFEST.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, ItlFacts> itl() {
        String t = text();
        Map<String, ItlFacts> out = new LinkedHashMap<>();
        Matcher s = SECTION.matcher(t);
        List<int[]> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (s.find()) {
            starts.add(new int[] {s.end()});
            names.add(s.group(1));
        }
        for (int i = 0; i < names.size(); i++) {
            int from = starts.get(i)[0];
            int to = i + 1 < names.size()
                    ? t.lastIndexOf("####", t.indexOf("`" + names.get(i + 1) + "`", from))
                    : t.indexOf("\n## ", from);
            String body = t.substring(from, to);
            Matcher m1 = find(LINE1, body, names.get(i));
            Matcher m2 = find(LINE2, body, names.get(i));
            Matcher m3 = find(LINE3, body, names.get(i));
            Matcher m4 = find(LINE4, body, names.get(i));
            out.put(
                    names.get(i),
                    new ItlFacts(
                            names.get(i),
                            m1.group(1),
                            m1.group(2),
                            m1.group(3),
                            Integer.parseInt(m1.group(4)),
                            Integer.parseInt(m1.group(5)),
                            Long.parseLong(m1.group(6)),
                            m2.group(1),
                            m2.group(2),
                            Integer.parseInt(m3.group(1)),
                            Arrays.asList(m3.group(2).trim().split(", ")),
                            Long.parseLong(m4.group(1)),
                            m4.group(2),
                            m4.group(3)));
        }
        return out;
    }

    private static Matcher find(Pattern p, String body, String name) {
        Matcher m = p.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("MANIFEST.md: no line matching " + p + " for " + name);
        }
        return m;
    }

    public static Map<String, SgnFacts> sgn() {
        Map<String, SgnFacts> out = new LinkedHashMap<>();
        for (String line : text().split("\n")) {
            if (!line.startsWith("| `sgn/")) {
                continue;
            }
            String[] c = line.substring(1, line.lastIndexOf('|')).split("\\|");
            for (int i = 0; i < c.length; i++) {
                c[i] = c[i].trim().replace("`", "");
            }
            out.put(
                    c[0],
                    new SgnFacts(
                            c[0],
                            c[1],
                            c[2],
                            c[3],
                            c[4],
                            Integer.parseInt(c[5]),
                            Long.parseLong(c[6]),
                            c[7],
                            Long.parseLong(c[8]),
                            c[9],
                            c[10]));
        }
        return out;
    }
}
