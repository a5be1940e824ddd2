package io.embryostream.fuzz;

import java.nio.file.Path;
import java.util.Set;
import java.util.SplittableRandom;

/** One input path under the campaign: a valid input it can build once, and mutants of it. */
interface FuzzTarget extends AutoCloseable {

    String name();

    /** Builds the valid input in {@code work}; returns the refs it publishes in full. */
    Set<String> prepare(Path work) throws Exception;

    /** Runs the mutant drawn from {@code seed}. Never throws: what escapes the code under test is the outcome. */
    Outcome run(long seed, Path work);

    @Override
    default void close() throws Exception {
    }

    /** The seed's own random stream: the same seed rebuilds the same mutant. */
    static SplittableRandom random(long seed) {
        return new SplittableRandom(seed);
    }
}
