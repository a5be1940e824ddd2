/**
 * Alert rules over decoded stages (direct and reverse cleavage, delay, arrest, low confidence) and
 * the stalled-stream rule, with their thresholds. Uses decode; builds no events itself.
 */
package io.embryostream.classifier.alerts;
