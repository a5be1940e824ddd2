package io.embryostream.launcher;

import io.embryostream.synthetic.embryo.TimelineSampler;

/** The sampler's abnormality rates from {@link TimelineOptions}. */
final class TimelineRates {

    private TimelineRates() {
    }

    /** The rates given, the literature's where none was. */
    static TimelineSampler.Rates of(TimelineOptions options) {
        TimelineSampler.Rates literature = TimelineSampler.Rates.literature();
        return new TimelineSampler.Rates(or(options.onePronucleus, literature.onePronucleus()),
                or(options.threePronuclei, literature.threePronuclei()), or(options.directCleavage, literature.directCleavage()),
                or(options.reverseCleavage, literature.reverseCleavage()), or(options.arrest, literature.arrest()),
                or(options.slowDevelopment, literature.slowDevelopment()), literature.skipPhases());
    }

    private static double or(double given, double literature) {
        return Double.isNaN(given) ? literature : given;
    }
}
