/**
 * Assembly: gathers the planes of one time point of one embryo ({@link io.embryostream.classifier.assemble.ReadyTimePoint}),
 * refuses late and duplicate frames, completes time points that miss a plane. Reads the models only
 * through {@link io.embryostream.classifier.assemble.ModelPlanes}; uses intake, embryo and metrics.
 */
package io.embryostream.classifier.assemble;
