package io.embryostream.staging;

import java.util.Locale;
import java.util.Optional;

/**
 * The gomez-16 developmental phases in developmental order. The names are the annotation names
 * used by EmbryoScope exports and the Gomez et al. 2022 dataset (see FORMATS.md).
 */
public enum Phase {
    TPB2("tPB2"), TPNA("tPNa"), TPNF("tPNf"),
    T2("t2"), T3("t3"), T4("t4"), T5("t5"), T6("t6"), T7("t7"), T8("t8"), T9_PLUS("t9+"),
    TM("tM"), TSB("tSB"), TB("tB"), TEB("tEB"), THB("tHB");

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    /** The annotation name, e.g. {@code t2}, {@code t9+}. */
    public String label() {
        return label;
    }

    /**
     * Maps an annotation name from any supported source to a phase. EmbryoScope's {@code t9} and
     * {@code tSC} both map to {@code t9+}; names are matched case-insensitively. Empty for names
     * that are not phases (callers report unknown columns once).
     */
    public static Optional<Phase> fromAnnotationName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("t9") || n.equals("tsc") || n.equals("t9+")) {
            return Optional.of(T9_PLUS);
        }
        for (Phase p : values()) {
            if (p.label.toLowerCase(Locale.ROOT).equals(n)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
