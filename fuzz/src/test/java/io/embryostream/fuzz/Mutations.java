package io.embryostream.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Mutations shared by the targets. */
final class Mutations {

    private static final String[] GARBAGE = {"n/a", "?", "abc", "7h30", "1.2.3", "—", "NaN", "Infinity", "1e999", "٣٫٥",
        "12:30", "x", "-", "TRUE"};

    private Mutations() {
    }

    /** Flips {@code n} random bytes of {@code file} in place (the file must be a copy, not a link). */
    static void flipBytes(Path file, SplittableRandom rnd, int n) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length == 0) {
            return;
        }
        for (int i = 0; i < n; i++) {
            bytes[rnd.nextInt(bytes.length)] ^= (byte) (1 + rnd.nextInt(255));
        }
        Files.write(file, bytes);
    }

    static String garbageText(SplittableRandom rnd) {
        return GARBAGE[rnd.nextInt(GARBAGE.length)];
    }
}
