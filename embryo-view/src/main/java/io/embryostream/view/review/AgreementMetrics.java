package io.embryostream.view.review;

import io.embryostream.view.timeline.AgreementCounts;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Live agreement as gauges, one row per model version and stage this instance aggregates (each key
 * lives on exactly one instance, so summing or joining across instances double-counts nothing):
 * {@code embryo_view_agreement_ratio}, {@code embryo_view_reviews}, {@code embryo_view_onset_error_hours}.
 * Rows are replaced on every refresh, so keys that moved to another instance disappear here.
 */
public final class AgreementMetrics {

    private final MultiGauge ratio;
    private final MultiGauge reviews;
    private final MultiGauge onsetError;

    public AgreementMetrics(MeterRegistry registry) {
        ratio = MultiGauge.builder("embryo.view.agreement.ratio")
                .description("Share of reviewed transitions the embryologist agreed with").register(registry);
        reviews = MultiGauge.builder("embryo.view.reviews")
                .description("Reviewed transitions (latest review per transition)").register(registry);
        onsetError = MultiGauge.builder("embryo.view.onset.error.hours")
                .description("Mean |predicted - reviewed onset| in hours").baseUnit("hours").register(registry);
    }

    public void refresh(List<AgreementCounts> counts) {
        register(ratio, counts, c -> orNaN(c.agreement()));
        register(reviews, counts, AgreementCounts::reviews);
        register(onsetError, counts, c -> orNaN(c.meanAbsErrorHours()));
    }

    private static double orNaN(Double v) {
        return v == null ? Double.NaN : v;
    }

    private static void register(MultiGauge gauge, List<AgreementCounts> counts, ToDoubleFunction<AgreementCounts> value) {
        gauge.register(counts.stream().map(c -> MultiGauge.Row.of(Tags.of("model_id", c.modelId(),
                "model_version", c.modelVersion(), "stage", c.stageName()), value.applyAsDouble(c))).toList(), true);
    }
}
