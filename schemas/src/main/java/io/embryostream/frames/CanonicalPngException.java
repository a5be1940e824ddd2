package io.embryostream.frames;

/** A PNG that is not a canonical frame: unreadable, not 8-bit gray, or of the wrong size. */
public class CanonicalPngException extends Exception {

    /** What is wrong with the image. */
    public enum Problem {
        /** The bytes do not decode as an image. */
        CORRUPT,
        /** It decodes, but not as 8-bit gray. */
        NOT_GRAY,
        /** 8-bit gray of the wrong width or height. */
        WRONG_SIZE
    }

    private final Problem problem;

    public CanonicalPngException(Problem problem, String detail, Throwable cause) {
        super("not a canonical frame PNG: " + detail + "; canonical frames are 8-bit gray PNGs written by"
                + " CanonicalPng.encode — re-export the frame", cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
