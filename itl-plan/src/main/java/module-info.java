/**
 * itl4j plan: turns an intended CUCM certificate or cluster change into a safe, ordered sequence of steps and gates,
 * simulating every phone class through it with the trust engine, and says which phones an unsafe order would strand.
 */
module io.github.itl4j.plan {
    requires transitive io.github.itl4j.trust;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires org.yaml.snakeyaml;

    exports io.github.itl4j.plan;
}
