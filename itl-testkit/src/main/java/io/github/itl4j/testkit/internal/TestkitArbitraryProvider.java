package io.github.itl4j.testkit.internal;

import io.github.itl4j.ItlFile;
import io.github.itl4j.SgnFile;
import io.github.itl4j.testkit.ItlArbitraries;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.providers.ArbitraryProvider;
import net.jqwik.api.providers.TypeUsage;

/**
 * jqwik's default arbitraries for the model types (registered in {@code META-INF/services} and in the module
 * descriptor): {@code @ForAll ItlFile} is {@link ItlArbitraries#trustLists()}, {@code @ForAll SgnFile} is
 * {@link ItlArbitraries#signedFiles()}, both really signed by the test keys.
 */
public final class TestkitArbitraryProvider implements ArbitraryProvider {
    /** For the service loader. */
    public TestkitArbitraryProvider() {}

    @Override
    public boolean canProvideFor(TypeUsage targetType) {
        return targetType.isOfType(ItlFile.class) || targetType.isOfType(SgnFile.class);
    }

    @Override
    public Set<Arbitrary<?>> provideFor(TypeUsage targetType, SubtypeProvider subtypeProvider) {
        if (targetType.isOfType(ItlFile.class)) {
            return Set.of(ItlArbitraries.trustLists());
        }
        if (targetType.isOfType(SgnFile.class)) {
            return Set.of(ItlArbitraries.signedFiles());
        }
        return Set.of();
    }
}
