/**
 * itl4j testkit: jqwik generators of valid ITL/CTL/.sgn models and of malformed bytes, so that users of itl4j (and
 * itl4j itself) can property-test their ITL handling. See {@link io.github.itl4j.testkit.ItlArbitraries}.
 */
module io.github.itl4j.testkit {
    requires transitive io.github.itl4j.core;
    requires transitive net.jqwik.api;

    exports io.github.itl4j.testkit;
}
