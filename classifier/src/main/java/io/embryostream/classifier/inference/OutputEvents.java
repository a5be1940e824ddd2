package io.embryostream.classifier.inference;

import io.embryostream.classifier.alerts.AlertRules;
import io.embryostream.classifier.assemble.ReadyTimePoint;
import io.embryostream.classifier.decode.StageDecoder;
import io.embryostream.model.ModelMetadata;
import io.embryostream.schemas.AlertEvent;
import io.embryostream.schemas.Latency;
import io.embryostream.schemas.StageEvent;
import io.embryostream.schemas.TransitionEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The classifier's output events, built from what inference and decoding found. Ids are
 * deterministic (embryo, model version, what happened), so a replay after a crash writes the same
 * ids and consumers can drop repeats.
 */
final class OutputEvents {

    private OutputEvents() {
    }

    /** The one StageEvent of a classified time point. */
    static StageEvent stage(InferenceResult r, StageDecoder.Step step, long now) {
        ReadyTimePoint tp = r.timePoint();
        ModelMetadata model = r.model();
        List<String> classes = model.classNames();
        return StageEvent.newBuilder()
                .setEmbryoId(tp.embryoId()).setDisplayLabel(tp.displayLabel()).setTimePoint(tp.timePoint())
                .setHoursPostInsemination(tp.hours()).setScheme(model.scheme())
                .setStageIndex(step.provisionalStage()).setStageName(classes.get(step.provisionalStage()))
                .setProbabilities(floats(r.probabilities()))
                .setConfirmedUpToHours(Double.isNaN(step.confirmedUpToHours()) ? null : step.confirmedUpToHours())
                .setModelId(model.name()).setModelVersion(model.version()).setFlags(tp.flags())
                .setLatency(Latency.newBuilder().setIngestToEmitMillis(now - tp.ingestTime())
                        .setAcquisitionToEmitMillis(tp.acquisitionTime() >= 0 ? now - tp.acquisitionTime() : null)
                        .setInferenceMillis(r.batchMillis()).setBatchSize(r.batchSize()).build())
                .setEmitTime(Instant.ofEpochMilli(now)).build();
    }

    /** A confirmed transition, confirmed at time point {@code confirmedAt}. */
    static TransitionEvent transition(String id, String label, int confirmedAt, ModelMetadata model,
                                      StageDecoder.Confirmation c, long now) {
        List<String> classes = model.classNames();
        return TransitionEvent.newBuilder()
                .setTransitionId(id + ":" + model.version() + ":" + classes.get(c.stage()))
                .setEmbryoId(id).setDisplayLabel(label).setScheme(model.scheme())
                .setStageIndex(c.stage()).setStageName(classes.get(c.stage()))
                .setPreviousStageName(c.previousStage() < 0 ? null : classes.get(c.previousStage()))
                .setOnsetTimePoint(c.onsetTimePoint()).setOnsetHours(c.onsetHours())
                .setConfirmedAtTimePoint(confirmedAt).setConfidence(c.confidence())
                .setModelId(model.name()).setModelVersion(model.version()).setEmitTime(Instant.ofEpochMilli(now))
                .build();
    }

    /** An alert a rule raised for the embryo at a time point. */
    static AlertEvent alert(String id, String label, int timePoint, double hours, ModelMetadata model,
                            AlertRules.Raised a, long now) {
        return AlertEvent.newBuilder()
                .setAlertId(id + ":" + model.version() + ":" + a.key())
                .setType(a.type()).setSeverity(a.severity()).setEmbryoId(id).setDisplayLabel(label)
                .setTimePoint(timePoint).setHoursPostInsemination(hours).setMessage(a.message())
                .setEvidence(a.evidence()).setModelId(model.name()).setModelVersion(model.version())
                .setEmitTime(Instant.ofEpochMilli(now)).build();
    }

    private static List<Float> floats(float[] p) {
        List<Float> out = new ArrayList<>(p.length);
        for (float f : p) {
            out.add(f);
        }
        return out;
    }
}
