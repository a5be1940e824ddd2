package io.embryostream.staging;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The onsets annotated for one embryo, on one time axis (frame index or hours post-insemination;
 * the caller picks one and queries in the same unit), and the labelling rules of FORMATS.md:
 * <ul>
 *   <li>an annotation is an onset; a time's gomez-16 label is the phase latest in developmental
 *   order whose onset is at or before it, so overlapping intervals resolve to the later phase and
 *   gaps continue the previous one; before the first onset a time is unlabelled;</li>
 *   <li>pronuclear-3: class 0 before the tPB2 onset, 1 from it, 2 from the pronuclei onset (tPNa);
 *   labelled up to and including the tPNf onset (the original sequences ended at the fading frame),
 *   unlabelled after it (without a tPNf annotation: from the first later onset, t2 on). {@link #rapidAnnotation()} (MIRI's numeric "ras") labels every time 2.</li>
 * </ul>
 */
public final class Onsets {

    private final Map<Phase, Double> onsets;
    private final boolean rapidAnnotation;

    private Onsets(Map<Phase, Double> onsets, boolean rapidAnnotation) {
        this.onsets = onsets;
        this.rapidAnnotation = rapidAnnotation;
    }

    /** Onsets per phase; phases that were not annotated are absent. */
    public static Onsets of(Map<Phase, Double> onsets) {
        EnumMap<Phase, Double> copy = new EnumMap<>(Phase.class);
        onsets.forEach((p, v) -> {
            if (v == null || v.isNaN() || v < 0) {
                throw new IllegalArgumentException("Onset of " + p.label() + " must be a non-negative number, was " + v);
            }
            copy.put(p, v);
        });
        return new Onsets(Collections.unmodifiableMap(copy), false);
    }

    /** MIRI's "ras" override: every time is labelled pronuclei under pronuclear-3. */
    public static Onsets rapidAnnotation() {
        return new Onsets(Map.of(), true);
    }

    public Map<Phase, Double> asMap() {
        return onsets;
    }

    public OptionalDouble onset(Phase phase) {
        Double v = onsets.get(phase);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    public boolean isRapidAnnotation() {
        return rapidAnnotation;
    }

    public boolean isEmpty() {
        return onsets.isEmpty() && !rapidAnnotation;
    }

    /** The gomez-16 phase at time {@code t}, empty before the first onset. */
    public Optional<Phase> gomez16(double t) {
        Phase latest = null;
        for (Map.Entry<Phase, Double> e : onsets.entrySet()) {
            if (e.getValue() <= t && (latest == null || e.getKey().ordinal() > latest.ordinal())) {
                latest = e.getKey();
            }
        }
        return Optional.ofNullable(latest);
    }

    /** The pronuclear-3 class index (0, 1, 2) at time {@code t}, empty where unlabelled. */
    public OptionalInt pronuclear3(double t) {
        if (rapidAnnotation) {
            return OptionalInt.of(2);
        }
        if (onsets.isEmpty()) {
            return OptionalInt.empty();
        }
        Double fading = onsets.get(Phase.TPNF);
        if (fading != null ? t > fading : t >= firstOnsetAfterPronuclei()) {
            return OptionalInt.empty();
        }
        Double pn = onsets.get(Phase.TPNA);
        Double pb2 = onsets.get(Phase.TPB2);
        if (pn != null && t >= pn) {
            return OptionalInt.of(2);
        }
        if (pb2 != null && t >= pb2) {
            return OptionalInt.of(1);
        }
        return OptionalInt.of(0);
    }

    /** Where tPNf is missing, the scheme ends where any later phase (t2 on) begins. */
    private double firstOnsetAfterPronuclei() {
        double first = Double.POSITIVE_INFINITY;
        for (Map.Entry<Phase, Double> e : onsets.entrySet()) {
            if (e.getKey().ordinal() > Phase.TPNF.ordinal()) {
                first = Math.min(first, e.getValue());
            }
        }
        return first;
    }

    /** The label name at {@code t} under {@code scheme}, empty where unlabelled. */
    public Optional<String> label(StagingScheme scheme, double t) {
        return switch (scheme) {
            case GOMEZ_16 -> gomez16(t).map(Phase::label);
            case PRONUCLEAR_3 -> {
                OptionalInt c = pronuclear3(t);
                yield c.isPresent() ? Optional.of(scheme.classNames().get(c.getAsInt())) : Optional.empty();
            }
        };
    }

    @Override
    public String toString() {
        return rapidAnnotation ? "Onsets[ras]" : "Onsets" + onsets;
    }
}
