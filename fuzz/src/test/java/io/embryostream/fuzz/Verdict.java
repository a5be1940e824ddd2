package io.embryostream.fuzz;

/** How one input ended against the invariant; only {@link #OK} passes. */
enum Verdict {
    OK,
    /** An exception escaped the reader or the topology (a bug, whatever the input). */
    CRASH,
    /** Over the per-input timeout. */
    HANG,
    /** A bad input published with exit 0 and no word: the failure issue 19 is about. */
    SILENT_PASS,
    /** Reported, but the report does not name the input (file, cell, well or offset). */
    UNNAMED,
    /** A valid variant refused or reported. */
    FALSE_ALARM,
    /** Frames of valid input beside the bad one were not published. */
    LOST_AROUND,
    /** Exit 0 ("Nothing skipped") while frames of the input were not published. */
    UNTRUE_NOTHING_SKIPPED,
    /** Something published twice (a time point's stage event). */
    DOUBLED
}
