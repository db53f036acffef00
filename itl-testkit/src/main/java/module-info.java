/**
 * itl4j testkit: jqwik generators of ITL/CTL/.sgn files really signed by a fixed pool of test-only keys, of valid
 * unsigned models, and of hostile bytes, so that users of itl4j (and itl4j itself) can property-test their ITL
 * handling. See {@link io.github.itl4j.testkit.ItlArbitraries}; {@code @ForAll ItlFile} and {@code @ForAll SgnFile}
 * work without a {@code @Provide} method.
 */
module io.github.itl4j.testkit {
    requires transitive io.github.itl4j.core;
    requires transitive io.github.itl4j.crypto;
    requires transitive net.jqwik.api;

    exports io.github.itl4j.testkit;

    provides net.jqwik.api.providers.ArbitraryProvider with
            io.github.itl4j.testkit.internal.TestkitArbitraryProvider;
}
