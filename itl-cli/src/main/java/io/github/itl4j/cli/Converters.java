package io.github.itl4j.cli;

import io.github.itl4j.DigestAlgorithm;
import io.github.itl4j.Layout;
import io.github.itl4j.Role;
import io.github.itl4j.Version;
import io.github.itl4j.crypto.TrustListBuilder.DnsName;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine;

/**
 * Every picocli type converter of {@code itl}, one nested class per value type, for {@code converter = ...} in any
 * command's or mixin's {@code @Option}. A converter's {@link CommandLine.TypeConversionException} says what was
 * expected and what was given; picocli reports it as a usage error (exit {@value ExitCodes#USAGE}).
 *
 * @since 0.1.0
 */
final class Converters {
    private Converters() {}

    /** {@code sha1}, {@code sha256}, {@code sha512}. */
    static final class DigestConverter implements CommandLine.ITypeConverter<DigestAlgorithm> {
        @Override
        public DigestAlgorithm convert(String value) {
            return DigestAlgorithm.parse(value);
        }
    }

    /** {@code cucm}, {@code certutils}. */
    static final class LayoutConverter implements CommandLine.ITypeConverter<Layout> {
        @Override
        public Layout convert(String value) {
            try {
                return Layout.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("expected cucm or certutils, got '" + value + "'");
            }
        }
    }

    /** {@code 1.0}, {@code 1.1}. */
    static final class VersionConverter implements CommandLine.ITypeConverter<Version> {
        @Override
        public Version convert(String value) {
            if (value.equals("1.0")) {
                return Version.V1_0;
            }
            if (value.equals("1.1")) {
                return Version.V1_1;
            }
            throw new CommandLine.TypeConversionException("expected 1.0 or 1.1, got '" + value + "'");
        }
    }

    /** A role name ({@code TVS}, {@code CCM+TFTP}, {@code ccm-tftp}) or its code. */
    static final class RoleConverter implements CommandLine.ITypeConverter<Role> {
        @Override
        public Role convert(String value) {
            String v = value.toUpperCase(Locale.ROOT);
            if (v.equals("CCM-TFTP") || v.equals("CCM_TFTP")) {
                v = "CCM+TFTP";
            } else if (v.equals("APP_SERVER") || v.equals("APPSERVER")) {
                v = "APP-SERVER";
            }
            try {
                return Role.parse(v);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(
                        "expected a role (SAST, CCM, CCM+TFTP, TFTP, CAPF, " + "APP-SERVER, TVS), got '" + value + "'");
            }
        }
    }

    /** {@code two-nuls}, {@code empty}, {@code omit}, {@code cn-host}. */
    static final class DnsNameConverter implements CommandLine.ITypeConverter<DnsName> {
        @Override
        public DnsName convert(String value) {
            try {
                return DnsName.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(
                        "expected two-nuls, empty, omit or cn-host, got '" + value + "'");
            }
        }
    }

    /**
     * Unix seconds ({@code 1795735033}), an ISO-8601 instant or offset date-time ({@code 2026-11-27T10:00:00Z},
     * {@code 2026-11-27T10:00:00+13:00}), or a date ({@code 2026-11-27}, midnight UTC). TIMESTAMP is an unsigned
     * 32-bit field, so 1970 to 2106.
     */
    static final class TimestampConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            Instant t;
            try {
                if (value.matches("\\d{1,12}")) {
                    t = Instant.ofEpochSecond(Long.parseLong(value));
                } else if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                    t = LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
                } else {
                    t = OffsetDateTime.parse(value).toInstant();
                }
            } catch (DateTimeException | NumberFormatException e) {
                throw new CommandLine.TypeConversionException("expected Unix seconds or an ISO-8601 time such as "
                        + "2026-01-31T12:00:00Z, got '" + value + "'");
            }
            if (t.getEpochSecond() < 0 || t.getEpochSecond() > 0xFFFFFFFFL || t.getNano() != 0) {
                throw new CommandLine.TypeConversionException(
                        "TIMESTAMP holds whole seconds from 1970 to 2106, got '" + value + "'");
            }
            return t;
        }
    }

    /**
     * Parses the time a {@code --now} option gives, the same for every command: a date ({@code 2026-11-29}, midnight
     * UTC) or an ISO-8601 instant ({@code 2026-11-29T12:00:00Z}).
     *
     * @param value the option's value
     * @param option the option's name, for the message
     * @return the instant
     * @throws CliException a usage error naming the option and both accepted forms
     */
    static Instant now(String value, String option) throws CliException {
        try {
            return value.length() == 10
                    ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw CliException.usage(option + " " + value + ": not a date (2026-11-29) or an ISO-8601 instant "
                    + "(2026-11-29T12:00:00Z)");
        }
    }
}
