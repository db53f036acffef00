package io.github.itl4j;

/**
 * A two-byte version: VERSION (1.2 for ITL/CTL, 1.0 for .sgn, 2.0 for .enc.sgn) or SIGNERVERSION (1.0, 1.1).
 *
 * @param major 0..255
 * @param minor 0..255
 * @since 0.1.0
 */
public record Version(int major, int minor) implements Comparable<Version> {
    /** 1.0 */
    public static final Version V1_0 = new Version(1, 0);
    /** 1.1 */
    public static final Version V1_1 = new Version(1, 1);
    /** 1.2, the trust-list header version. */
    public static final Version V1_2 = new Version(1, 2);
    /** 2.0, the .enc.sgn header version. */
    public static final Version V2_0 = new Version(2, 0);

    /** Validates the range. */
    public Version {
        if (major < 0 || major > 255 || minor < 0 || minor > 255) {
            throw new IllegalArgumentException("version parts must be 0..255: " + major + "." + minor);
        }
    }

    /**
     * @param text {@code major.minor}
     * @return the version
     * @throws IllegalArgumentException if malformed
     */
    public static Version parse(String text) {
        int dot = text.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("Version '" + text + "' is not major.minor (e.g. 1.1)");
        }
        try {
            return new Version(Integer.parseInt(text.substring(0, dot)), Integer.parseInt(text.substring(dot + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Version '" + text + "' is not major.minor (e.g. 1.1)", e);
        }
    }

    /** @return the two wire bytes */
    public Bytes toBytes() {
        return Bytes.wrapOwned(new byte[] {(byte) major, (byte) minor});
    }

    @Override
    public int compareTo(Version o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
