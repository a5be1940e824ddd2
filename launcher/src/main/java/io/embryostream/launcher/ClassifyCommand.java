package io.embryostream.launcher;

import io.embryostream.classifier.app.ClassifierApp;
import io.embryostream.classifier.app.ClassifierConfig;
import io.embryostream.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the classifier against a Kafka cluster until Ctrl-C (or --duration). */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = {"Run the classifier (Kafka Streams): frames -> stage events, transitions, alerts.",
                "Every setting (see README) comes from --config, EMBRYO_* variables or these options."})
final class ClassifyCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--models", paramLabel = "DIR", description = "Model folder, or a folder of model versions (model.dir).")
    Path models;

    @Option(names = "--metrics-port", paramLabel = "PORT", description = "Port of /metrics and /health (metrics.port).")
    Integer metricsPort;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Kafka Streams state directory (classifier.state.dir).")
    Path stateDir;

    @Option(names = "--duration", paramLabel = "DURATION", description = "Stop after this long (default: until Ctrl-C).")
    Duration duration;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> overrides = kafka.overrides("model.dir", models, "metrics.port", metricsPort,
                "classifier.state.dir", stateDir);
        Settings settings = DefaultModels.resolveWithModel(kafka.configFile, Map.of(), overrides);
        System.out.println("embryo-stream classifier, settings:\n" + settings.describe());
        try (GracefulStop ctrlC = new GracefulStop("classify")) {
            try (ClassifierApp app = ClassifierApp.start(new ClassifierConfig(settings))) {
                ctrlC.await(duration);
            }
        }
        return 0;
    }
}
