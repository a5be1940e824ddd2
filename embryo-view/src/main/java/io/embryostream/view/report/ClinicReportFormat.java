package io.embryostream.view.report;

/** The annotation tables clinics already file, written as .xlsx. */
public enum ClinicReportFormat {
    /** EmbryoScope's EXPORT sheet: a Well column and one column per annotation (tPB2 … tHB). */
    EMBRYOSCOPE,
    /** MIRI's transposed summary: row labels 2PB, 1PN, 2PN, 3PN, PN Fading, ras; a column per well. */
    MIRI;

    /** The file name clinics know, for a slide. */
    public String fileName(String slide) {
        return this == EMBRYOSCOPE ? slide + " EXPORT.xlsx" : "Time-lapse # " + slide + " summary.xlsx";
    }
}
