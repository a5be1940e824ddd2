package io.embryostream.schemas.codec;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to instantiate classes it was not told to trust, also when a generated builder
 * copies a record ({@code FrameEvent.newBuilder(other)} resolves the enum classes inside). The
 * generated event and state classes are ours: trusted here once per JVM, by every class of this
 * project that builds, copies or decodes them, instead of asking every JVM for a system property.
 */
public final class TrustedClasses {

    private static final String PACKAGE = "io.embryostream.schemas.";

    static {
        ClassSecurityValidator.ClassSecurityPredicate before = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(before, c -> c.getName().startsWith(PACKAGE)));
    }

    private TrustedClasses() {
    }

    /** Makes sure the trust is in place (the first call installs it). */
    public static void ensure() {
        // the static initializer did the work
    }
}
