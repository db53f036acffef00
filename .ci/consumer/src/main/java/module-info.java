/** A user's module: reads trust lists with itl4j on the module path (itl-sftp as an automatic module). */
module com.example.itlcheck {
    requires io.github.itl4j.crypto;
    requires io.github.itl4j.sftp;

    exports com.example.itlcheck;
}
