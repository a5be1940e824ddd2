/**
 * The per-embryo state every processor reads (model version, high-water mark, temporal and decoder
 * state, lifecycle), its store keys, its lifetime settings, and the recorder of lifecycle events.
 * Depends on nothing else of the classifier.
 */
package io.embryostream.classifier.embryo;
