/** A user's module: reads trust lists with itl4j on the module path. */
module com.example.itlcheck {
    requires io.github.itl4j.crypto;

    exports com.example.itlcheck;
}
