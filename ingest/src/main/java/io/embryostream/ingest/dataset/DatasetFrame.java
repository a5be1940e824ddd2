package io.embryostream.ingest.dataset;

/**
 * One row of a training set: a canonical frame ({@code 256×256} gray8, row-major) of {@code embryo} at
 * {@code timePoint} (1-based) and {@code plane} (signed focal-plane offset), with its time point's labels.
 */
public record DatasetFrame(String embryo, int timePoint, double hpi, int plane, byte[] gray8, FrameLabels labels) {
}
