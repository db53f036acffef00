package io.github.itl4j.plan;

import java.util.List;
import java.util.Objects;

/**
 * The phones (docs/plan.md {@code fleet:}), as plain data: classes with a count, a model and what they hold.
 * Classes can come from a fleet audit (name them as the audit does); without any, every phone is assumed to hold the
 * currently served files.
 *
 * @param classes the phone classes
 * @since 0.1.0
 */
public record FleetSpec(List<PhoneClass> classes) {
    /**
     * Copies.
     *
     * @param classes classes
     */
    public FleetSpec {
        classes = List.copyOf(classes);
    }

    /** What a class of phones holds now. */
    public enum Holds {
        /** The ITL (and CTL) currently served by its TFTP node. */
        CURRENT,
        /** No trust list (new or factory-reset phones). */
        NONE,
        /** A hash the audit could not match: reported, not simulated (docs/plan.md). */
        UNKNOWN
    }

    /**
     * One class of phones.
     *
     * @param name the class name (e.g. {@code current}, {@code CP-7975}, {@code offline})
     * @param count how many phones
     * @param model the phone model (decides R16), or null when unknown
     * @param tftp the TFTP node the class uses, or null for the first TFTP node
     * @param holds what it holds now
     * @param offline not registered now: skips every intermediate file and jumps to the final ones
     */
    public record PhoneClass(String name, int count, String model, String tftp, Holds holds, boolean offline) {
        /**
         * Validates.
         *
         * @param name name
         * @param count count
         * @param model model
         * @param tftp TFTP node
         * @param holds holds
         * @param offline offline
         */
        public PhoneClass {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(holds, "holds");
            if (count < 0) {
                throw new IllegalArgumentException("negative count for class " + name);
            }
        }
    }
}
