/**
 * Inference: micro-batched ONNX Runtime over assembled time points, exactly-once emission of stage
 * events, transitions and alerts, the release of ended and inactive embryos, and the model registry.
 * Uses assemble, decode, alerts, embryo, metrics and the model module.
 */
package io.embryostream.classifier.inference;
