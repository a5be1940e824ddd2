/**
 * The production ingest runs: a clinic's exports (one, or an archive of them) and a watched incubator folder,
 * frame by frame through the canonical preprocessing into a {@code publish} sink, with a report that names
 * every file skipped. May use every other package of this module except {@code dataset}.
 */
package io.embryostream.ingest.source;
