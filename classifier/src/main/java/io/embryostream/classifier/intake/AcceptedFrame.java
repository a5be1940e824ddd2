package io.embryostream.classifier.intake;

import io.embryostream.schemas.FrameEvent;

/** A frame that decoded and passed validation, with its canonical pixels. */
public record AcceptedFrame(FrameEvent event, byte[] gray8) {
}
