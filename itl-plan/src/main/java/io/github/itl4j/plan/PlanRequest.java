package io.github.itl4j.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything the planner needs: the cluster, the target cluster (migrations), the fleet, the intended changes and the
 * options. Built by {@link PlanInput} from plan.yaml, or directly. Immutable.
 *
 * @param cluster the cluster
 * @param target the target cluster of a migration, or null
 * @param fleet the phone classes
 * @param changes the intended changes, in the order given
 * @param options the options
 * @since 0.1.0
 */
public record PlanRequest(
        ClusterSpec cluster, ClusterSpec target, FleetSpec fleet, List<ChangeSpec> changes, Options options) {
    /**
     * Validates and copies.
     *
     * @param cluster cluster
     * @param target target
     * @param fleet fleet
     * @param changes changes
     * @param options options
     */
    public PlanRequest {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(fleet, "fleet");
        changes = List.copyOf(changes);
        Objects.requireNonNull(options, "options");
    }

    /** How the gates are observed (docs/plan.md). */
    public enum GateCheck {
        /** CUCM 14+: Device > Phone, ITL File Status = Match for all phones. */
        ITL_FILE_STATUS("itl-file-status"),
        /** {@code itl audit}: 100 % CURRENT for the new hashes. */
        AUDIT("audit"),
        /** RTMT registered-device count back to its baseline. */
        REGISTRATION("registration");

        private final String text;

        GateCheck(String text) {
            this.text = text;
        }

        /** @return the plan.yaml spelling */
        public String text() {
            return text;
        }
    }

    /**
     * Options.
     *
     * @param asGiven check the order given (all changes back to back, no gates) instead of planning a safe one
     * @param minHold the minimum hold of a gate (5 minutes by default: RESET10)
     * @param gate how gates are observed
     * @param now the simulation time
     */
    public record Options(boolean asGiven, Duration minHold, GateCheck gate, Instant now) {
        /**
         * Validates.
         *
         * @param asGiven as-given
         * @param minHold hold
         * @param gate gate check
         * @param now time
         */
        public Options {
            Objects.requireNonNull(minHold, "minHold");
            Objects.requireNonNull(gate, "gate");
            Objects.requireNonNull(now, "now");
            if (minHold.isNegative()) {
                throw new IllegalArgumentException("minHold is negative");
            }
        }

        /**
         * @param now the simulation time
         * @return safe order, 5-minute hold, gates observed with {@code itl audit}
         */
        public static Options defaults(Instant now) {
            return new Options(false, Duration.ofMinutes(5), GateCheck.AUDIT, now);
        }

        /**
         * @param b as-given
         * @return a copy
         */
        public Options asGiven(boolean b) {
            return new Options(b, minHold, gate, now);
        }
    }

    /**
     * @param o new options
     * @return a copy with these options
     */
    public PlanRequest withOptions(Options o) {
        return new PlanRequest(cluster, target, fleet, changes, o);
    }
}
