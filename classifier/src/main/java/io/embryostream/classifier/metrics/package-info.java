/**
 * The classifier's Micrometer metrics (what OPERATIONS.md lists and the alert rules query).
 * Depends on nothing else of the classifier.
 */
package io.embryostream.classifier.metrics;
