package io.embryostream.classifier.intake;

import io.embryostream.schemas.FrameEvent;
import java.util.SortedMap;

/**
 * A frame record that decoded and passed validation, with the canonical pixels of each plane it
 * carries (one for a device's per-plane record, a time point's planes from the ingest), by plane.
 */
public record AcceptedFrame(FrameEvent event, SortedMap<Integer, byte[]> planes) {
}
