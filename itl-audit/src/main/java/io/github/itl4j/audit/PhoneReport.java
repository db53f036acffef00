package io.github.itl4j.audit;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One phone's report, from a CSV row or a DeviceTLInfo alarm (docs/audit.md). Absent fields are empty strings;
 * an absent CTL value is null (the input has no CTL column), which is not the same as a CTL value
 * {@code Not Installed}. Immutable.
 *
 * @param device the device name, e.g. {@code SEPC80084AA8743}
 * @param model the model, or empty
 * @param ip the IPv4 address, or empty
 * @param status the StatusCode, or empty
 * @param itl the reported ITL hash as written
 * @param itlTftp the TFTP server of the ITL, or empty
 * @param ctl the reported CTL hash as written, or null when the input has none
 * @param ctlTftp the TFTP server of the CTL, or empty
 * @param source the input's name
 * @param line the line in the input where the row or alarm starts (1-based)
 * @since 0.1.0
 */
public record PhoneReport(
        String device,
        String model,
        String ip,
        String status,
        String itl,
        String itlTftp,
        String ctl,
        String ctlTftp,
        String source,
        long line) {
    private static final Pattern MAC = Pattern.compile("(?i)^[A-Z]*SEP([0-9A-F]{12})$");

    /**
     * Validates the fields.
     *
     * @param device the device
     * @param model the model
     * @param ip the address
     * @param status the status
     * @param itl the ITL value
     * @param itlTftp the ITL TFTP server
     * @param ctl the CTL value or null
     * @param ctlTftp the CTL TFTP server
     * @param source the input
     * @param line the line
     */
    public PhoneReport {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(itl, "itl");
        Objects.requireNonNull(itlTftp, "itlTftp");
        Objects.requireNonNull(ctlTftp, "ctlTftp");
        Objects.requireNonNull(source, "source");
    }

    /** @return the MAC of a {@code SEP<MAC>} device name (upper case), for per-device files */
    public Optional<String> mac() {
        Matcher m = MAC.matcher(device.strip());
        return m.matches() ? Optional.of(m.group(1).toUpperCase(Locale.ROOT)) : Optional.empty();
    }

    /** @return {@code source:line} */
    public String where() {
        return source + ":" + line;
    }
}
