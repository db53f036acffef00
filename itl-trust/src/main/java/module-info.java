/**
 * itl4j trust: simulates a Cisco IP phone's trust decision for an offered ITL, CTL, signed or plain file, given the
 * lists the phone holds, the TVS it can reach and a policy, and explains the rule chain, assumptions and fixes;
 * lints trust lists ({@code io.github.itl4j.trust.lint}) and compares two versions of one
 * ({@code io.github.itl4j.trust.diff}).
 */
module io.github.itl4j.trust {
    requires transitive io.github.itl4j.crypto;

    exports io.github.itl4j.trust;
    exports io.github.itl4j.trust.lint;
    exports io.github.itl4j.trust.diff;
}
