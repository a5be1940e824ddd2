package io.embryostream.view.timeline;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.embryostream.schemas.AlertEvent;
import io.embryostream.schemas.AnnotationEvent;
import io.embryostream.schemas.StageEvent;
import io.embryostream.schemas.TransitionEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the view knows about one embryo, folded from its events: the latest provisional stage,
 * confirmed transitions, alerts and the embryologists' reviews. The per-time-point stages live in a
 * store of their own ({@link StagePoint}s), so this value stays small however long the culture runs.
 * The same fold serves the streaming view and the report read straight from the topics.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public final class EmbryoTimeline {

    /** Alerts kept per embryo; a runaway rule cannot grow the value without bound. */
    static final int MAX_ALERTS = 200;

    private String embryoId;
    private String displayLabel;
    private String scheme;
    private String modelId;
    private String modelVersion;
    private StagePoint current;
    private String currentStageName;
    private final List<TransitionMark> transitions = new ArrayList<>();
    private final List<AlertMark> alerts = new ArrayList<>();
    /** Latest review per transition id. */
    private final Map<String, Review> reviews = new LinkedHashMap<>();
    private long updatedAtMillis;

    EmbryoTimeline() {
        // Jackson
    }

    public EmbryoTimeline(String embryoId) {
        this.embryoId = embryoId;
    }

    /** Takes the stage of a time point; a late, older time point does not replace the current one. */
    public StagePoint apply(StageEvent s) {
        identify(s.getDisplayLabel(), s.getModelId(), s.getModelVersion(), s.getEmitTime().toEpochMilli());
        scheme = s.getScheme();
        float max = 0;
        for (Float p : s.getProbabilities()) {
            max = Math.max(max, p);
        }
        StagePoint point = new StagePoint(s.getTimePoint(), s.getHoursPostInsemination(), s.getStageIndex(), max);
        if (current == null || point.timePoint() >= current.timePoint()) {
            current = point;
            currentStageName = s.getStageName();
        }
        return point;
    }

    /**
     * Takes a confirmed transition (never retracted, never repeated; a repeat is ignored).
     *
     * @return the agreement of a review that arrived before its transition, now countable
     */
    public Optional<AgreementCounts> apply(TransitionEvent t, double toleranceHours) {
        identify(t.getDisplayLabel(), t.getModelId(), t.getModelVersion(), t.getEmitTime().toEpochMilli());
        scheme = t.getScheme();
        if (transition(t.getTransitionId()).isPresent()) {
            return Optional.empty();
        }
        TransitionMark mark = TransitionMark.of(t);
        transitions.add(mark);
        transitions.sort((a, b) -> Double.compare(a.onsetHours(), b.onsetHours()));
        return Optional.ofNullable(reviews.get(mark.transitionId()))
                .map(r -> ReviewVerdict.of(mark, r, modelId, modelVersion, toleranceHours));
    }

    /** Takes an alert; the same alert id twice is kept once. */
    public void apply(AlertEvent a) {
        identify(a.getDisplayLabel(), a.getModelId(), a.getModelVersion(), a.getEmitTime().toEpochMilli());
        if (alerts.stream().noneMatch(x -> x.alertId().equals(a.getAlertId()))) {
            alerts.add(AlertMark.of(a));
            if (alerts.size() > MAX_ALERTS) {
                alerts.remove(0);
            }
        }
    }

    /**
     * Takes a review; the latest review of a transition replaces the earlier one.
     *
     * @return the change to agreement counts: the new verdict minus the replaced one (empty while
     *     the transition is not known yet, or when nothing changes)
     */
    public Optional<AgreementCounts> apply(AnnotationEvent a, double toleranceHours) {
        updatedAtMillis = Math.max(updatedAtMillis, a.getReviewedAt().toEpochMilli());
        if (displayLabel == null) {
            displayLabel = a.getDisplayLabel();
        }
        Review review = Review.of(a);
        Review replaced = reviews.get(review.transitionId());
        if (replaced != null && replaced.reviewedAtMillis() > review.reviewedAtMillis()) {
            return Optional.empty(); // an older review arriving late does not undo a newer one
        }
        reviews.put(review.transitionId(), review);
        Optional<TransitionMark> transition = transition(review.transitionId());
        if (transition.isEmpty()) {
            return Optional.empty();
        }
        String id = a.getModelId();
        String version = a.getModelVersion();
        AgreementCounts change = ReviewVerdict.of(transition.get(), review, id, version, toleranceHours);
        if (replaced != null) {
            change = change.minus(ReviewVerdict.of(transition.get(), replaced, id, version, toleranceHours));
        }
        return change.isZero() ? Optional.empty() : Optional.of(change);
    }

    private void identify(String label, String model, String version, long at) {
        displayLabel = label;
        modelId = model;
        modelVersion = version;
        updatedAtMillis = Math.max(updatedAtMillis, at);
    }

    public Optional<TransitionMark> transition(String transitionId) {
        return transitions.stream().filter(t -> t.transitionId().equals(transitionId)).findFirst();
    }

    public String embryoId() {
        return embryoId;
    }

    public String displayLabel() {
        return displayLabel;
    }

    public String scheme() {
        return scheme;
    }

    public String modelId() {
        return modelId;
    }

    public String modelVersion() {
        return modelVersion;
    }

    public Optional<StagePoint> current() {
        return Optional.ofNullable(current);
    }

    public String currentStageName() {
        return currentStageName;
    }

    public List<TransitionMark> transitions() {
        return Collections.unmodifiableList(transitions);
    }

    public List<AlertMark> alerts() {
        return Collections.unmodifiableList(alerts);
    }

    public Map<String, Review> reviews() {
        return Collections.unmodifiableMap(reviews);
    }

    public long updatedAtMillis() {
        return updatedAtMillis;
    }
}
