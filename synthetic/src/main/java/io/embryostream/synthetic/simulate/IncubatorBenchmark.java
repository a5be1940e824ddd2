package io.embryostream.synthetic.simulate;

import io.embryostream.identity.EmbryoIds;
import io.embryostream.synthetic.embryo.TimelineSampler;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Prints what the synthetic incubator can sustain here: canonical (256×256) frames rendered and PNG-encoded per
 * second with 1, 2, … threads (the figure {@code simulate} calibrates against), and the fastest {@code --speed} each
 * allows for the default layout (16 embryos, one plane, 10-minute frames).
 *
 * <p>Usage: {@code IncubatorBenchmark [seconds per measurement] [max threads]}
 */
public final class IncubatorBenchmark {

    private IncubatorBenchmark() {
    }

    public static void main(String[] args) {
        Duration each = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 5);
        int maxThreads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        for (int threads = 1; threads <= maxThreads; threads++) {
            for (List<Integer> planes : List.of(List.of(0), List.of(-15, 0, 15))) {
                IncubatorConfig config = new IncubatorConfig(new IncubatorLayout(1, 2, 8), new CultureSchedule(10, 140),
                        600, planes, 1, TimelineSampler.Rates.literature(), null, threads, 0,
                        new EmbryoIds(IncubatorConfig.SYNTHETIC_SECRET));
                try (SyntheticIncubator incubator = new SyntheticIncubator(config)) {
                    RenderCapacity capacity = incubator.calibrate(each);
                    System.out.printf(Locale.ROOT, "%d thread%s, planes %s: %.0f frames/s (%s); default layout fits --speed %.0f%n",
                            threads, threads == 1 ? "" : "s", planes, capacity.framesPerSecond(), capacity.how(),
                            config.offeredLoad().maxSpeed(capacity));
                }
            }
        }
    }
}
