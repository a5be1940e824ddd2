package io.embryostream.ingest.canonical;

/**
 * No embryo circle was found in a frame and none was found earlier in the same stream to fall back
 * on, so the frame cannot be brought to the canonical geometry. The caller should skip the frame
 * (and keep going: the next frame is searched again).
 */
public class EmbryoNotFoundException extends Exception {

    public EmbryoNotFoundException(String stream, long frameIndex) {
        super(stream + " frame " + frameIndex + ": no embryo (zona circle) found and no earlier circle to fall back on;"
                + " skip this frame — is the well empty, the frame blank, or the embryo outside the expected radius range?");
    }
}
