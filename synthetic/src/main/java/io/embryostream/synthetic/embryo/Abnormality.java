package io.embryostream.synthetic.embryo;

/** Developmental abnormalities the synthetic incubator draws on purpose (FORMATS.md, "what an alert should catch"). */
public enum Abnormality {
    /** 1 → 3 cells: t3 − t2 under 5 h (Rubio 2012: 13.7% of embryos). */
    DIRECT_CLEAVAGE,
    /** The cell count goes down for a while, then recovers (Liu 2014: 27.4%). */
    REVERSE_CLEAVAGE,
    /** Development stops at some phase; later phases never come. */
    ARREST,
    /** Every interval from the first cleavage on is stretched. */
    SLOW_DEVELOPMENT
}
