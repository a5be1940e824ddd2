package io.embryostream.fuzz;

import io.embryostream.classifier.app.ClassifierConfig;
import io.embryostream.classifier.inference.ModelRegistry;
import io.embryostream.classifier.metrics.ClassifierMetrics;
import io.embryostream.classifier.topology.ClassifierTopology;
import io.embryostream.config.Settings;
import io.embryostream.frames.CanonicalFrame;
import io.embryostream.frames.CanonicalPng;
import io.embryostream.schemas.DeadLetter;
import io.embryostream.schemas.EmbryoLifecycle;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.Image;
import io.embryostream.schemas.ImageEncoding;
import io.embryostream.schemas.LifecycleState;
import io.embryostream.schemas.PlaneImage;
import io.embryostream.schemas.SampleEvents;
import io.embryostream.schemas.StageEvent;
import io.embryostream.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Frame and lifecycle records into the real classifier topology (built by its own method, its real
 * config, a real exported model): each input is one embryo's six time points with one record made
 * bad — wrong bytes, schema, sizes, planes, keys, hours — among them. The bad record must become a
 * dead letter naming its offset, or be classified; every other time point gets its stage event.
 * One driver for the whole target, so inputs run one at a time.
 */
final class ClassifierRecordsTarget implements FuzzTarget {

    private static final int TIME_POINTS = 6;
    private static final int BAD_TIME_POINT = 4;
    private static final List<String> FRAME_KINDS = List.of("random-bytes", "empty-value", "null-value", "cut-short",
            "fingerprint", "magic", "body-flips", "corrupt-png", "image-smaller", "size-lies", "gray8-short",
            "unknown-plane", "plane-twice", "hours-nan", "hours-negative", "hours-huge", "key-mismatch", "null-key",
            "extra-plane", "repeat");
    private static final List<String> LIFECYCLE_KINDS = List.of("random-bytes", "cut-short", "fingerprint",
            "key-mismatch", "null-value", "body-flips");

    private TopologyTestDriver driver;
    private ModelRegistry models;
    private TestInputTopic<String, byte[]> frames;
    private TestInputTopic<String, byte[]> lifecycle;
    private TestOutputTopic<String, StageEvent> stages;
    private TestOutputTopic<String, DeadLetter> deadLetters;
    private long frameOffset;
    private long lifecycleOffset;
    private Instant wall = Instant.parse("2026-01-15T10:00:00Z");
    private byte[] png;

    @Override
    public String name() {
        return "classifier-records";
    }

    @Override
    public Set<String> prepare(Path work) throws Exception {
        Path model = repoRoot().resolve("model/src/test/resources/parity-model");
        Settings s = Settings.resolve(ClassifierConfig.defaults(), null, Map.of(), Map.of(
                "kafka.bootstrap.servers", "dummy:9092", "model.dir", model.toString(),
                "classifier.state.dir", Files.createDirectories(work.resolve("classifier-state")).toString(),
                "inference.threads", "1"));
        ClassifierConfig config = new ClassifierConfig(s);
        models = new ModelRegistry(config.modelDir(), config.inferenceOptions());
        ClassifierMetrics metrics = new ClassifierMetrics(new SimpleMeterRegistry());
        driver = new TopologyTestDriver(ClassifierTopology.build(config.topologySettings(), models, metrics),
                config.streamsProperties(), wall);
        frames = driver.createInputTopic(Topics.FRAMES.name(), new StringSerializer(), new ByteArraySerializer());
        lifecycle = driver.createInputTopic(Topics.LIFECYCLE.name(), new StringSerializer(), new ByteArraySerializer());
        stages = driver.createOutputTopic(Topics.STAGES.name(), new StringDeserializer(), Topics.STAGES.valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS.name(), new StringDeserializer(),
                Topics.DEAD_LETTERS.valueSerde().deserializer());
        byte[] px = new byte[CanonicalFrame.SIZE * CanonicalFrame.SIZE];
        for (int i = 0; i < px.length; i++) {
            int x = i % CanonicalFrame.SIZE - 128;
            int y = i / CanonicalFrame.SIZE - 128;
            px[i] = (byte) (x * x + y * y < 100 * 100 ? 60 : 200);
        }
        png = CanonicalPng.encode(px);
        Set<String> all = new HashSet<>();
        IntStream.rangeClosed(1, TIME_POINTS).forEach(tp -> all.add("tp=" + tp));
        return all;
    }

    @Override
    public synchronized Outcome run(long seed, Path work) {
        SplittableRandom rnd = FuzzTarget.random(seed);
        String embryo = "fuzz-" + Long.toHexString(seed);
        boolean frameInput = rnd.nextInt(4) > 0;
        String kind = frameInput ? FRAME_KINDS.get(rnd.nextInt(FRAME_KINDS.size()))
                : LIFECYCLE_KINDS.get(rnd.nextInt(LIFECYCLE_KINDS.size()));
        Expectation expect = List.of("body-flips", "extra-plane").contains(kind) ? Expectation.EITHER
                : !frameInput && kind.equals("null-value") ? Expectation.PUBLISHED // a compaction tombstone: ignored by design
                : Expectation.REPORTED;
        long badOffset = frameInput ? frameOffset + BAD_TIME_POINT - 1 : lifecycleOffset;
        String topic = frameInput ? Topics.FRAMES.name() : Topics.LIFECYCLE.name();
        Mutant mutant = new Mutant(name(), (frameInput ? "frame/" : "lifecycle/") + kind, seed, expect,
                topic + "@" + badOffset, "tp=" + BAD_TIME_POINT);
        try {
            stages.readValuesToList();
            deadLetters.readValuesToList();
            if (!frameInput) {
                lifecycleOffset++;
                pipeLifecycle(embryo, mutateLifecycle(kind, embryo, rnd));
                // the embryo's frames are fine: every time point must be classified
                mutant = new Mutant(name(), "lifecycle/" + kind, seed, expect, topic + "@" + badOffset, null);
            }
            for (int tp = 1; tp <= TIME_POINTS; tp++) {
                FrameEvent valid = frame(embryo, tp);
                frameOffset++;
                if (frameInput && tp == BAD_TIME_POINT) {
                    Record bad = mutateFrame(kind, valid, rnd);
                    frames.pipeInput(bad.key(), bad.value());
                } else {
                    frames.pipeInput(embryo, Topics.FRAMES.codec().encode(valid));
                }
                tick(Duration.ofMillis(5));
            }
            for (int i = 0; i < 10; i++) {
                tick(Duration.ofMillis(50));
            }
            Set<String> published = new HashSet<>();
            for (StageEvent e : stages.readValuesToList()) {
                if (e.getEmbryoId().equals(embryo) && !published.add("tp=" + e.getTimePoint())) {
                    published.add(Outcome.DOUBLED_PREFIX + "tp=" + e.getTimePoint());
                }
            }
            List<String> reports = new ArrayList<>();
            for (DeadLetter d : deadLetters.readValuesToList()) {
                reports.add(d.getOriginTopic() + "@" + d.getOriginOffset() + ": dead letter " + d.getReason() + ": " + d.getMessage());
            }
            return new Outcome(mutant, reports.isEmpty() ? 0 : 1, reports, published, null, false);
        } catch (RuntimeException | Error e) {
            return Outcome.crashed(mutant, e);
        }
    }

    private record Record(String key, byte[] value) {
    }

    private Record mutateFrame(String kind, FrameEvent valid, SplittableRandom rnd) {
        String key = valid.getEmbryoId();
        byte[] encoded = Topics.FRAMES.codec().encode(valid);
        switch (kind) {
            case "random-bytes" -> {
                byte[] bytes = new byte[1 + rnd.nextInt(200)];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) rnd.nextInt(256);
                }
                return new Record(key, bytes);
            }
            case "empty-value" -> {
                return new Record(key, new byte[0]);
            }
            case "null-value" -> {
                return new Record(key, null);
            }
            case "cut-short" -> {
                return new Record(key, Arrays.copyOf(encoded, rnd.nextInt(encoded.length)));
            }
            case "fingerprint" -> {
                encoded[2 + rnd.nextInt(8)] ^= (byte) (1 + rnd.nextInt(255));
                return new Record(key, encoded);
            }
            case "magic" -> {
                encoded[rnd.nextInt(2)] ^= (byte) (1 + rnd.nextInt(255));
                return new Record(key, encoded);
            }
            case "body-flips" -> {
                for (int i = 0; i < 1 + rnd.nextInt(8); i++) {
                    encoded[10 + rnd.nextInt(encoded.length - 10)] ^= (byte) (1 + rnd.nextInt(255));
                }
                return new Record(key, encoded);
            }
            case "key-mismatch" -> {
                return new Record(key + "-other", encoded);
            }
            case "null-key" -> {
                return new Record(null, encoded);
            }
            default -> {
            }
        }
        FrameEvent bad = FrameEvent.newBuilder(valid).build();
        switch (kind) {
            case "corrupt-png" -> {
                byte[] damaged = png.clone();
                damaged[damaged.length / 2] ^= 0x7F;
                bad.setImage(image(Arrays.copyOf(damaged, damaged.length / 2), ImageEncoding.PNG, CanonicalFrame.SIZE));
            }
            case "image-smaller" -> bad.setImage(image(CanonicalPng.encode(new byte[64 * 64], 64, 64), ImageEncoding.PNG, 64));
            case "size-lies" -> bad.setImage(image(CanonicalPng.encode(new byte[64 * 64], 64, 64), ImageEncoding.PNG, CanonicalFrame.SIZE));
            case "gray8-short" -> bad.setImage(image(new byte[100 + rnd.nextInt(1000)], ImageEncoding.GRAY8, CanonicalFrame.SIZE));
            case "unknown-plane" -> bad.setFocalPlane(List.of(7, -1, 60, 1000).get(rnd.nextInt(4)));
            case "plane-twice" -> bad.setOtherPlanes(List.of(new PlaneImage(0, image(png, ImageEncoding.PNG, CanonicalFrame.SIZE), "again")));
            case "hours-nan" -> bad.setHoursPostInsemination(Double.NaN);
            case "hours-negative" -> bad.setHoursPostInsemination(-1 - rnd.nextInt(100));
            case "hours-huge" -> bad.setHoursPostInsemination(1e6 + rnd.nextInt(1000));
            case "extra-plane" -> bad.setOtherPlanes(List.of(new PlaneImage(15, image(png, ImageEncoding.PNG, CanonicalFrame.SIZE), "extra")));
            case "repeat" -> {
                // time point 3 again where 4 belongs: a duplicate, and 4 never comes
                bad.setTimePoint(3);
                bad.setFrameId(valid.getFrameId() + "-again");
            }
            default -> throw new IllegalStateException(kind);
        }
        return new Record(key, Topics.FRAMES.codec().encode(bad));
    }

    private byte[] mutateLifecycle(String kind, String embryo, SplittableRandom rnd) {
        EmbryoLifecycle valid = EmbryoLifecycle.newBuilder(SampleEvents.lifecycle()).setEmbryoId(embryo)
                .setState(LifecycleState.STARTED).build();
        byte[] encoded = Topics.LIFECYCLE.codec().encode(valid);
        return switch (kind) {
            case "random-bytes" -> {
                byte[] bytes = new byte[1 + rnd.nextInt(100)];
                rnd.nextBytes(bytes);
                yield bytes;
            }
            case "cut-short" -> Arrays.copyOf(encoded, rnd.nextInt(encoded.length));
            case "fingerprint" -> {
                encoded[2 + rnd.nextInt(8)] ^= (byte) (1 + rnd.nextInt(255));
                yield encoded;
            }
            case "key-mismatch" -> Topics.LIFECYCLE.codec().encode(EmbryoLifecycle.newBuilder(valid).setEmbryoId(embryo + "-x").build());
            case "null-value" -> null;
            case "body-flips" -> {
                for (int i = 0; i < 1 + rnd.nextInt(6); i++) {
                    encoded[10 + rnd.nextInt(encoded.length - 10)] ^= (byte) (1 + rnd.nextInt(255));
                }
                yield encoded;
            }
            default -> throw new IllegalStateException(kind);
        };
    }

    private void pipeLifecycle(String embryo, byte[] value) {
        lifecycle.pipeInput(embryo, value);
    }

    private FrameEvent frame(String embryo, int tp) {
        FrameEvent e = SampleEvents.frame(embryo, tp, 0);
        e.setImage(image(png, ImageEncoding.PNG, CanonicalFrame.SIZE));
        e.setGroundTruth(null);
        return e;
    }

    private static Image image(byte[] data, ImageEncoding encoding, int side) {
        return Image.newBuilder().setData(ByteBuffer.wrap(data)).setEncoding(encoding).setWidth(side).setHeight(side).build();
    }

    private void tick(Duration d) {
        wall = wall.plus(d);
        driver.advanceWallClockTime(d);
    }

    private static Path repoRoot() {
        Path p = Path.of("..").toAbsolutePath().normalize();
        if (!Files.isDirectory(p.resolve("model"))) {
            throw new IllegalStateException("run through Maven from the repository: no model/ at " + p);
        }
        return p;
    }

    @Override
    public void close() {
        driver.close();
        models.close();
    }
}
