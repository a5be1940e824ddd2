package io.embryostream.ingest.format;

/**
 * One embryo (well) of an export as the ingest names it.
 *
 * @param checkpointKey  its entry in the checkpoint: reader, slide and well, never a path
 * @param sourceIdentity what the embryo id is the HMAC of, e.g. {@code miri:<slide>:P03}; never
 *                       changed, or every published embryo id changes with it
 * @param displayLabel   slide and well only
 */
public record ExportEmbryo(String checkpointKey, String sourceIdentity, String displayLabel) {
}
