package io.embryostream.ingest.annotation;

/** The time axis an annotation's onsets are written on. */
public enum AnnotationUnit {
    /** Hours post-insemination (MIRI summaries, EmbryoScope exports). */
    HOURS,
    /** 1-based frame index of the embryo's image sequence (Gomez phase files). */
    FRAMES
}
