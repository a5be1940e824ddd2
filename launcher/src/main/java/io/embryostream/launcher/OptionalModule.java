package io.embryostream.launcher;

/**
 * Whether the synthetic module (renderer, synthetic incubator) is on the class path: the full
 * launcher has it, the production ingest image leaves it out, and then the commands that need it
 * (demo, simulate, export-dataset --synthetic) are not offered.
 */
final class SyntheticWorld {

    /** Looked up by name so that asking loads nothing of the module. */
    private static final String PROBE = "io.embryostream.synthetic.simulate.SyntheticIncubator";

    private SyntheticWorld() {
    }

    static boolean available() {
        try {
            Class.forName(PROBE, false, SyntheticWorld.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
