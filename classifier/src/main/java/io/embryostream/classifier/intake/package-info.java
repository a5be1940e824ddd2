/**
 * Intake: decodes and validates the frames and lifecycle topics record by record; what cannot be
 * used becomes a dead letter with its reason, in the same transaction. Uses schemas and metrics.
 */
package io.embryostream.classifier.intake;
