package io.embryostream.ingest.embryoscope;

import java.util.Locale;

/**
 * Values the {@link EmbryoScopeExportSheet} writer puts in the patient name and id columns real
 * exports carry. Only for synthetic exports and tests: they must be fake, and exist so a test can
 * prove the reader drops them.
 */
public record PatientColumns(String name, String id) {

    static final String NAME_HEADER = "Patient Name";
    static final String ID_HEADER = "Patient ID";

    /**
     * Whether a header names patient data: any header starting with "patient" once spaces and
     * punctuation are removed ({@code Patient Name}, {@code PatientID}, {@code patient_id}), so
     * variants of the columns are dropped too rather than reported as unknown and kept around.
     */
    static boolean isPatientHeader(String header) {
        return header.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "").startsWith("patient");
    }
}
