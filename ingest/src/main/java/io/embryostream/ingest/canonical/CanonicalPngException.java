package io.embryostream.ingest.canonical;

/** A PNG that is not a canonical frame: unreadable, not 8-bit gray, or of the wrong size. */
public class CanonicalPngException extends Exception {

    public CanonicalPngException(String problem, Throwable cause) {
        super("not a canonical frame PNG: " + problem + "; canonical frames are 8-bit gray PNGs written by"
                + " CanonicalPng.encode — re-export the frame", cause);
    }
}
