package io.embryostream.view.timeline;

/**
 * One time point of an embryo's timeline: the provisional stage and the model's highest class
 * probability, enough to draw stage and confidence over culture time without keeping every
 * probability vector.
 */
public record StagePoint(int timePoint, double hours, int stageIndex, float maxProbability) {
}
