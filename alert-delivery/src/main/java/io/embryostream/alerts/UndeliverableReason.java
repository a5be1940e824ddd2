package io.embryostream.alerts;

/** Why an alert went to the undeliverable topic instead of the webhook. */
public enum UndeliverableReason {
    /** The record is not an AlertEvent this build can read (corrupt, or a newer schema: upgrade). */
    UNDECODABLE,
    /** The webhook answered with a status that repeating cannot change (e.g. 400, 401, 404). */
    REJECTED,
    /** The webhook kept failing until {@code alerts.retry.give.up.after.ms} passed. */
    GAVE_UP
}
