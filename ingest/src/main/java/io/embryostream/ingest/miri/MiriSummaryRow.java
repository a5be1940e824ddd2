package io.embryostream.ingest.miri;

import java.util.Locale;
import java.util.Optional;

/** The row labels of a MIRI summary workbook's column A, in the order the writer puts them. */
enum MiriSummaryRow {
    PB2("2PB", true),
    PN1("1PN", false),
    PN2("2PN", true),
    PN3("3PN", false),
    PN_FADING("PN Fading", true),
    RAS("ras", false);

    private final String label;
    /** Rows a summary must have; the others were not in every workbook the original code read. */
    private final boolean required;

    MiriSummaryRow(String label, boolean required) {
        this.label = label;
        this.required = required;
    }

    String label() {
        return label;
    }

    boolean required() {
        return required;
    }

    /** Matches labels ignoring case and extra spaces ({@code "PN  fading "}). */
    static Optional<MiriSummaryRow> of(String text) {
        String normalized = text.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        for (MiriSummaryRow row : values()) {
            if (row.label.toLowerCase(Locale.ROOT).equals(normalized)) {
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }
}
