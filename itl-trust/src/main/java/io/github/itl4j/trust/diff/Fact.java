package io.github.itl4j.trust.diff;

import java.util.Objects;

/**
 * A derived fact of a diff (docs/lint.md): a boolean with its explanation.
 *
 * @param name the fact ({@code recordsIdentical}, {@code signerChanged}, {@code signerWasSastInOld},
 *     {@code bothAnchorsChanged}, {@code tvsChanged}, {@code tvsChangedWithSigner}, {@code tftpChanged},
 *     {@code digestChanged}, {@code keySizeChanged}, {@code versionChanged})
 * @param value its value
 * @param explanation why, in words
 * @since 0.1.0
 */
public record Fact(String name, boolean value, String explanation) {
    /**
     * Validates the arguments.
     *
     * @param name the name
     * @param value the value
     * @param explanation the explanation
     */
    public Fact {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(explanation, "explanation");
    }
}
