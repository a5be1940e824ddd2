package io.embryostream.fuzz;

/** What a mutation must lead to. */
enum Expectation {
    /** The input is bad: it must be reported, naming it, and the exit code must say so. */
    REPORTED,
    /** The input is a valid variant (another separator, a text number, a formula): everything is published, exit 0. */
    PUBLISHED,
    /** Unstructured damage that may or may not matter: published in full with exit 0, or reported naming it. */
    EITHER
}
