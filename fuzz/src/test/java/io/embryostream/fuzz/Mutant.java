package io.embryostream.fuzz;

/**
 * One generated input.
 *
 * @param target   the input path it goes through (MIRI export, classifier frames, …)
 * @param mutation what was done to a valid input
 * @param seed     the seed that rebuilds it (the target draws everything from it)
 * @param expect   what must happen
 * @param names    what a report must name: a file name, a cell, a well or a record offset; alternatives
 *                 separated by {@code |} where more than one check may fire first
 * @param excused  a fragment of the source refs whose frames the mutation may cost (its own well); every
 *                 other frame of the valid input must still be published
 */
record Mutant(String target, String mutation, long seed, Expectation expect, String names, String excused) {

    String id() {
        return target + "/" + mutation + "#" + Long.toHexString(seed);
    }
}
