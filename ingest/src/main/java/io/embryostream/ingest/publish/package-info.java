/**
 * Where ingested frames go: the one builder of {@link io.embryostream.schemas.FrameEvent}s
 * ({@link io.embryostream.ingest.publish.FramePublisher}), the Kafka sink, the dry-run sink, the resumable
 * checkpoint and the progress line. Uses {@code schemas} and the Kafka clients; knows no source.
 */
package io.embryostream.ingest.publish;
