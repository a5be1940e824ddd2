package io.embryostream.launcher;

import io.embryostream.synthetic.simulate.SimulatedEmbryo;
import io.embryostream.synthetic.embryo.EmbryoRenderer;
import io.embryostream.synthetic.embryo.EmbryoTimeline;
import io.embryostream.synthetic.embryo.FrameTruth;
import io.embryostream.schemas.AlertEvent;
import io.embryostream.schemas.DeadLetter;
import io.embryostream.schemas.StageEvent;
import io.embryostream.schemas.TransitionEvent;
import io.embryostream.staging.Phase;
import io.embryostream.topics.Topics;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the demo shows: reads the classifier's committed outputs (read_committed, as any consumer
 * would), keeps a row per embryo, scores stages and transitions against the synthetic incubator's
 * ground truth, and prints either a refreshing table (terminal) or one line per transition and alert.
 */
final class DemoMonitor implements Runnable, AutoCloseable {

    /** One embryo's row in the table. */
    private static final class Row {
        String label = "";
        String stage = "-";
        double hours;
        String lastTransition = "-";
        final List<String> alerts = new ArrayList<>();
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, EmbryoTimeline> truth = new HashMap<>();
    private final Map<String, Row> rows = new TreeMap<>();
    private final Map<String, Integer> alertsByType = new TreeMap<>();
    private final Map<String, Integer> deadByReason = new TreeMap<>();
    private final List<Long> latencies = new ArrayList<>();
    private final List<Double> transitionErrors = new ArrayList<>();
    private final PrintStream out;
    private final boolean terminal;
    private volatile boolean running = true;
    private long stageEvents;
    private long scored;
    private long correct;
    private int transitions;
    private long lastDraw;

    DemoMonitor(String bootstrap, List<SimulatedEmbryo> embryos, PrintStream out, boolean terminal) {
        for (SimulatedEmbryo e : embryos) {
            truth.put(e.embryoId(), e.timeline());
        }
        this.out = out;
        this.terminal = terminal;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "embryo-demo-monitor-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.STAGES.name(), Topics.TRANSITIONS.name(), Topics.ALERTS.name(),
                Topics.DEAD_LETTERS.name()));
    }

    /** Waits until the consumer owns its partitions, so nothing the classifier emits is missed. */
    void awaitAssignment(Duration timeout) {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (consumer.assignment().isEmpty() && System.currentTimeMillis() < deadline) {
            consumer.poll(Duration.ofMillis(100));
        }
    }

    @Override
    public void run() {
        while (running) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                handle(r);
            }
            if (terminal && System.currentTimeMillis() - lastDraw > 1000) {
                drawTable();
            }
        }
    }

    void stop() {
        running = false;
    }

    private synchronized void handle(ConsumerRecord<String, byte[]> r) {
        String topic = r.topic();
        if (topic.equals(Topics.STAGES.name())) {
            stage(Topics.STAGES.codec().decode(topic, r.value()));
        } else if (topic.equals(Topics.TRANSITIONS.name())) {
            transition(Topics.TRANSITIONS.codec().decode(topic, r.value()));
        } else if (topic.equals(Topics.ALERTS.name())) {
            AlertEvent a = Topics.ALERTS.codec().decode(topic, r.value());
            alertsByType.merge(a.getType().name(), 1, Integer::sum);
            row(a.getEmbryoId(), a.getDisplayLabel()).alerts.add(a.getType().name());
            line(String.format(Locale.ROOT, "ALERT %-20s %-28s %6.1f h  %s", a.getType(), a.getDisplayLabel(),
                    a.getHoursPostInsemination(), a.getMessage()));
        } else {
            DeadLetter d = Topics.DEAD_LETTERS.codec().decode(topic, r.value());
            deadByReason.merge(d.getReason().name(), 1, Integer::sum);
            line("DEAD LETTER " + d.getReason() + ": " + d.getMessage());
        }
    }

    private void stage(StageEvent s) {
        stageEvents++;
        latencies.add(s.getLatency().getIngestToEmitMillis());
        Row row = row(s.getEmbryoId(), s.getDisplayLabel());
        row.stage = s.getStageName();
        row.hours = s.getHoursPostInsemination();
        EmbryoTimeline t = truth.get(s.getEmbryoId());
        if (t != null) {
            FrameTruth ft = EmbryoRenderer.truth(t, s.getHoursPostInsemination());
            Optional<String> label = s.getScheme().equals("pronuclear-3") ? ft.pronuclear3() : ft.gomez16();
            if (label.isPresent()) {
                scored++;
                if (label.get().equals(s.getStageName())) {
                    correct++;
                }
            }
        }
    }

    private void transition(TransitionEvent t) {
        transitions++;
        row(t.getEmbryoId(), t.getDisplayLabel()).lastTransition = String.format(Locale.ROOT, "%s @ %.1f h",
                t.getStageName(), t.getOnsetHours());
        EmbryoTimeline tl = truth.get(t.getEmbryoId());
        Optional<Phase> phase = Phase.fromAnnotationName(t.getStageName());
        if (tl != null && phase.isPresent() && t.getScheme().equals("gomez-16")) {
            double trueOnset = tl.stageStart(phase.get());
            if (!Double.isNaN(trueOnset) && Double.isFinite(trueOnset)) {
                transitionErrors.add(Math.abs(t.getOnsetHours() - trueOnset));
            }
        }
        line(String.format(Locale.ROOT, "TRANSITION %-28s %-5s at %6.1f h (confidence %.2f)", t.getDisplayLabel(),
                t.getStageName(), t.getOnsetHours(), t.getConfidence()));
    }

    private Row row(String id, String label) {
        Row r = rows.computeIfAbsent(id, k -> new Row());
        r.label = label;
        return r;
    }

    private void line(String s) {
        if (!terminal) {
            out.println(s);
        }
    }

    private synchronized void drawTable() {
        lastDraw = System.currentTimeMillis();
        StringBuilder sb = new StringBuilder("\033[H\033[2J");
        sb.append(String.format(Locale.ROOT, "%-28s %-8s %8s  %-16s %s%n", "embryo", "stage", "hours",
                "last transition", "alerts"));
        rows.values().stream().sorted((a, b) -> a.label.compareTo(b.label)).forEach(r -> sb.append(String.format(
                Locale.ROOT, "%-28s %-8s %8.1f  %-16s %s%n", r.label, r.stage, r.hours, r.lastTransition,
                String.join(",", r.alerts))));
        sb.append(String.format(Locale.ROOT, "%nstage events %d, transitions %d, alerts %d, dead letters %d%n",
                stageEvents, transitions, alertsByType.values().stream().mapToInt(Integer::intValue).sum(),
                deadByReason.values().stream().mapToInt(Integer::intValue).sum()));
        out.print(sb);
        out.flush();
    }

    /** The end-of-run summary. */
    synchronized String summary() {
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, """
                Summary
                  embryos              %d
                  stage events         %d
                  transitions          %d
                  alerts               %s
                  dead letters         %s
                  stage accuracy       %s (provisional stage vs synthetic truth, %d labelled time points)
                  transition error     %s (mean |predicted - true onset|, %d transitions)
                  latency ingest->stage p50 %s, p99 %s
                """, rows.size(), stageEvents, transitions, alertsByType, deadByReason,
                scored == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100.0 * correct / scored), scored,
                transitionErrors.isEmpty() ? "n/a" : String.format(Locale.ROOT, "%.2f h",
                        transitionErrors.stream().mapToDouble(Double::doubleValue).average().orElse(0)),
                transitionErrors.size(), percentile(sorted, 0.50), percentile(sorted, 0.99));
    }

    private static String percentile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return "n/a";
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) + " ms";
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
