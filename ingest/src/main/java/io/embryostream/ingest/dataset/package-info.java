/**
 * Training sets for {@code trainer-export}: canonical PNG frames, labels.csv and a manifest, written from
 * labelled exports through the ingest's own pipeline ({@code source}) so that frames, labels and embryo ids
 * equal what the ingest publishes. The synthetic training set is module {@code synthetic}'s.
 */
package io.embryostream.ingest.dataset;
