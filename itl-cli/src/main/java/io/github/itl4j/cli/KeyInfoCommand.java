package io.github.itl4j.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.itl4j.ItlFile;
import io.github.itl4j.Role;
import io.github.itl4j.crypto.KeyFacts;
import io.github.itl4j.crypto.SigningKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code itl key-info}: the facts of a signing key (ITLRecovery.p12, CallManager.pem): alias, key type and size,
 * certificate subject, serial, validity and SHA-1 as {@code show itl} prints it, and with {@code --trust} whether it
 * is a SAST (or TFTP) record of a trust list, i.e. whether phones holding that list would accept files it signs.
 *
 * @since 0.1.0
 */
@Command(
        name = "key-info",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Show the facts of a signing key, and with --trust whether phones holding that ITL/CTL accept "
                    + "files it signs (a SAST record may sign ITLs/CTLs, e.g. a reset; a TFTP record may sign configs)."
        },
        footer = {
            "",
            "Examples:",
            "  itl key-info --p12 ITLRecovery.p12 --password-file p --trust ITLFile.tlv",
            "  itl key-info --key CallManager.key --cert CallManager.pem --json",
            "",
            "Exit codes: 0 shown (with --trust: the key is a SAST record), 1 with --trust: it is not a SAST "
                    + "record, 2 usage, 3 bad key or list, 4 I/O."
        })
public final class KeyInfoCommand implements Callable<Integer>, ItlCli.Subject {
    /** The top-level command, set by {@link Subcommands#injectParent} before this one runs. */
    private ItlCli cli;

    @Mixin
    private KeyOptions key = new KeyOptions();

    @Mixin
    private LimitOptions limitOptions = new LimitOptions();

    @Option(names = "--trust", paramLabel = "ITL", description = "An ITL or CTL to look the key up in.")
    private Path trust;

    @Option(names = "--json", description = "Write a JSON document instead of text.")
    private boolean json;

    /** Creates the command; picocli fills in the options. */
    public KeyInfoCommand() {}

    @Override
    public String subject(Throwable failure) {
        return failure instanceof CliException ? null : trust != null ? trust.toString() : null;
    }

    @Override
    public Integer call() throws CliException, IOException {
        key.check(true, null);
        SigningKey k = key.load();
        KeyFacts f = KeyFacts.of(k);
        ItlFile list = null;
        if (trust != null) {
            list = limitOptions
                    .reader()
                    .readTrustList(Inputs.read(trust.toString(), cli.stdin(), limitOptions.reader())
                            .data());
        }
        List<KeyFacts.Match> matches = list == null ? List.of() : f.recordsIn(list);
        boolean sast = matches.stream().anyMatch(m -> Role.SAST.equals(m.role()));
        boolean tftp = matches.stream().anyMatch(m -> Role.TFTP.equals(m.role()) || Role.CCM_TFTP.equals(m.role()));
        Instant now = Instant.now();
        String alias = key.alias() != null ? key.alias() : null;
        if (json) {
            JsonDocument doc = JsonDocument.start(cli.binaryOut(), "key-info", "itl4j-key-info", 1, keyInputs());
            JsonGenerator g = doc.generator();
            g.writeStringField("key", key.source());
            if (alias != null) {
                g.writeStringField("alias", alias);
            }
            g.writeStringField("keyType", f.algorithm());
            g.writeNumberField("keySize", f.bits());
            g.writeBooleanField("canSign", k.isRsa());
            g.writeStringField("subject", f.subject());
            g.writeStringField("issuer", f.issuer());
            g.writeStringField("serial", f.serial().toHex());
            g.writeStringField("notBefore", f.notBefore().toString());
            g.writeStringField("notAfter", f.notAfter().toString());
            g.writeBooleanField("validNow", f.isValidAt(now));
            g.writeStringField("sha1", f.fingerprint());
            if (list != null) {
                g.writeObjectFieldStart("trust");
                g.writeStringField("file", trust.toString());
                g.writeArrayFieldStart("records");
                for (KeyFacts.Match m : matches) {
                    g.writeStartObject();
                    g.writeNumberField("index", m.index() + 1);
                    g.writeStringField(
                            "role", m.role() == null ? null : m.role().name());
                    g.writeStringField("matchedBy", m.byCertificate() ? "certificate" : "serial+issuer");
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeBooleanField("sast", sast);
                g.writeBooleanField("tftp", tftp);
                g.writeEndObject();
            }
            doc.end();
        } else {
            PrintWriter w = cli.out();
            w.println("key:         " + key.source() + (alias != null ? " (alias " + alias + ")" : ""));
            w.println("key type:    " + f.algorithm() + " " + f.bits() + " bits"
                    + (k.isRsa() ? "" : " (cannot sign ITL/CTL/.sgn: RSA only)"));
            w.println("subject:     " + f.subject());
            w.println("issuer:      " + f.issuer());
            w.println("serial:      " + f.serial().toHex());
            w.println("valid:       " + f.notBefore() + " to " + f.notAfter()
                    + (f.isValidAt(now) ? "" : now.isAfter(f.notAfter()) ? " (EXPIRED)" : " (not yet valid)"));
            w.println("SHA-1:       " + f.fingerprint() + " (SHA1 Hash HEX)");
            if (list != null) {
                if (matches.isEmpty()) {
                    w.println("in " + trust + ": no record; phones holding it reject ITLs/CTLs and configs signed "
                            + "with this key");
                }
                for (KeyFacts.Match m : matches) {
                    w.println("in " + trust + ": record " + (m.index() + 1) + ", "
                            + (m.role() == null ? "no role" : m.role().name())
                            + (m.byCertificate() ? "" : " (by serial and issuer)"));
                }
                if (!matches.isEmpty()) {
                    w.println(
                            sast
                                    ? "verdict:     a SAST record: phones holding " + trust + " accept an ITL/CTL "
                                            + "signed with this key (e.g. a reset)"
                                    : "verdict:     not a SAST record: phones "
                                            + "holding " + trust + " reject an ITL/CTL signed with this key"
                                            + (tftp ? "; as a TFTP record it may sign configuration files" : ""));
                }
            }
            w.flush();
        }
        return list != null && !sast ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }

    private List<JsonDocument.Input> keyInputs() {
        List<JsonDocument.Input> l = new java.util.ArrayList<>();
        l.add(new JsonDocument.Input("key", key.source()));
        if (trust != null) {
            l.add(new JsonDocument.Input("trust", trust.toString()));
        }
        return l;
    }
}
