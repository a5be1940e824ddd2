/**
 * The public Gomez et al. 2022 layout: plane folders of jpeg sequences, phase files, time files, behind
 * {@link io.embryostream.ingest.gomez.GomezExport}. May use {@code annotation} and {@code format}; no other
 * vendor package.
 */
package io.embryostream.ingest.gomez;
