package io.embryostream.ingest.format;

/** The clinic export layouts FORMATS.md describes. */
public enum ExportKind {
    /** {@code Time-lapse # <slide id> summary.xlsx} and {@code <slide id>-P<ww>-FP<f>.avi} videos. */
    MIRI("MIRI"),
    /** {@code <slide-id> EXPORT.xls} and {@code <slide-id>_WELL<nn>[_F<plane>].avi} videos. */
    EMBRYOSCOPE("EmbryoScope"),
    /** {@code embryo_dataset_F<plane>/<embryo>/<prefix>RUN<n>.jpeg} with phase files. */
    GOMEZ("Gomez layout");

    private final String displayName;

    ExportKind(String displayName) {
        this.displayName = displayName;
    }

    /** As messages name it. */
    public String displayName() {
        return displayName;
    }
}
