package io.embryostream.classifier.decode;

/**
 * The online decoder's settings: the penalty a stage switch pays ({@code decode.switch.penalty})
 * and how many hours a transition waits before it is confirmed ({@code decode.confirm.lag.hours}).
 */
public record Decoding(double switchPenalty, double confirmLagHours) {
}
