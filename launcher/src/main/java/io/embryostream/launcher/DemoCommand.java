package io.embryostream.launcher;

import io.embryostream.classifier.app.ClassifierApp;
import io.embryostream.classifier.app.ClassifierConfig;
import io.embryostream.config.Settings;
import io.embryostream.identity.EmbryoIds;
import io.embryostream.ingest.publish.KafkaFrameSink;
import io.embryostream.synthetic.simulate.CultureSchedule;
import io.embryostream.synthetic.simulate.IncubatorConfig;
import io.embryostream.synthetic.simulate.IncubatorLayout;
import io.embryostream.synthetic.simulate.SyntheticIncubator;
import io.embryostream.synthetic.embryo.TimelineSampler;
import io.embryostream.kafka.embedded.EmbeddedKafkaBroker;
import io.embryostream.model.ModelMetadata;
import io.embryostream.topics.TopicCatalog;
import io.embryostream.topics.TopicSpec;
import io.embryostream.view.ViewApp;
import io.embryostream.view.ViewConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The main job on embedded defaults: a real Kafka broker in this process (unless brokers are
 * given) with the catalog's topics, the classifier, and a synthetic incubator streaming to it at
 * a load the machine can carry, with a few bad records and abnormal embryos on purpose so the
 * dead-letter and alert paths show. Ends after --duration or on Ctrl-C with a summary.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole system on embedded defaults: Kafka broker, synthetic incubator, classifier.",
                "Stops after --duration or on Ctrl-C, printing a summary (accuracy against the synthetic truth,"
                        + " latency, transitions, alerts, dead letters)."})
final class DemoCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "How long to run (e.g. 60s, 10m); runs until Ctrl-C when absent.")
    Duration duration;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the embedded broker keeps its data (default: a temporary directory, deleted at exit).")
    Path dataDir;

    @Option(names = "--embryos-per-slide", paramLabel = "N", defaultValue = "8",
            description = "Wells per slide (2 slides; default ${DEFAULT-VALUE}).")
    int wellsPerSlide;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "3000",
            description = "Culture time per wall time (default ${DEFAULT-VALUE}: 140 culture hours in 168 s,"
                    + " 53 time points/s for 16 embryos).")
    double speed;

    @Option(names = "--models", paramLabel = "DIR", description = "Model folder (default models/gomez-16).")
    Path models;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "9464",
            description = "Port of the classifier's /metrics and /health (default ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(names = "--view-port", paramLabel = "PORT",
            description = "Also run the embryologist view (web page and API) on this port, e.g. 8080.")
    Integer viewPort;

    @Override
    public Integer call() throws Exception {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("kafka.bootstrap.servers", kafka.bootstrapServers);
        overrides.put("model.dir", models == null ? null : models.toString());
        overrides.put("metrics.port", Integer.toString(metricsPort));
        overrides.put("classifier.application.id", "embryo-demo-classifier");
        overrides.put("classifier.state.dir", Files.createTempDirectory("embryo-demo-state-").toString());
        overrides.put("classifier.replication.factor", kafka.bootstrapServers == null ? "1" : null);
        Settings settings = DefaultModels.resolveWithModel(kafka.configFile, demoSettings(), overrides);
        System.out.println("embryo-stream demo, settings:\n" + settings.describe());

        // the incubator films the focal planes the model reads (a multi-plane model waits for all of them)
        List<Integer> planes = ModelMetadata.read(Path.of(settings.get("model.dir"))).planes();
        IncubatorConfig incubatorConfig = new IncubatorConfig(new IncubatorLayout(1, 2, wellsPerSlide),
                new CultureSchedule(15, 140), speed, planes, 1, TimelineSampler.Rates.literature(), null,
                1, 3, new EmbryoIds(settings.get("clinic.secret")));
        System.out.println("Offered load: " + incubatorConfig.offeredLoad().describe());

        try (GracefulStop ctrlC = new GracefulStop("demo")) {
            EmbeddedKafkaBroker broker = null;
            try {
                String bootstrap;
                if (settings.has("kafka.bootstrap.servers")) {
                    bootstrap = settings.get("kafka.bootstrap.servers");
                    System.out.println("Using Kafka at " + bootstrap);
                } else {
                    broker = EmbeddedKafkaBroker.start(dataDir, Map.of());
                    broker.createCatalogTopics(TopicCatalog.standard());
                    bootstrap = broker.bootstrapServers();
                    overrides.put("kafka.bootstrap.servers", bootstrap);
                    settings = DefaultModels.resolveWithModel(kafka.configFile, demoSettings(), overrides);
                    System.out.println("Embedded Kafka broker at " + bootstrap + " with topics "
                            + TopicCatalog.standard().topics().stream().map(TopicSpec::name).toList());
                }
                run(settings, bootstrap, incubatorConfig, ctrlC);
                return 0;
            } finally {
                if (broker != null) {
                    broker.close();
                }
            }
        }
    }

    private void run(Settings settings, String bootstrap, IncubatorConfig incubatorConfig, GracefulStop ctrlC)
            throws InterruptedException, java.io.IOException {
        try (ClassifierApp classifier = ClassifierApp.start(new ClassifierConfig(settings));
             SyntheticIncubator incubator = new SyntheticIncubator(incubatorConfig);
             KafkaFrameSink sink = new KafkaFrameSink(settings.withPrefix("kafka."));
             DemoMonitor monitor = new DemoMonitor(bootstrap, incubator.embryos(), System.out,
                     System.console() != null)) {
            monitor.awaitAssignment(Duration.ofSeconds(30));
            ViewApp view = viewPort == null ? null : startView(bootstrap);
            Thread display = new Thread(monitor, "demo-monitor");
            display.start();
            System.out.println("Classifier metrics at http://localhost:" + classifier.metricsPort() + "/metrics");
            long t0 = System.nanoTime();
            incubator.start(sink);
            System.out.println(duration == null ? "Running; Ctrl-C stops."
                    : "Running for " + duration.toSeconds() + " s; Ctrl-C stops earlier.");
            boolean interrupted = ctrlC.await(duration);
            incubator.stop();
            sink.flush();
            Thread.sleep(1500); // let the classifier commit what is in flight, so the summary counts it
            monitor.stop();
            display.join(5000);
            System.out.printf("%nDemo %s after %.1f s.%n%s", interrupted ? "interrupted" : "finished",
                    (System.nanoTime() - t0) / 1e9, monitor.summary());
            incubator.failure().ifPresent(f -> System.out.println("Incubator failed: " + f));
            if (view != null) {
                view.close();
            }
        }
    }

    /** What the demo reads beside the classifier's settings: the incubator's secret and the view's settings. */
    private static Map<String, String> demoSettings() {
        Map<String, String> d = new HashMap<>(ViewConfig.defaults());
        d.put("clinic.secret", IncubatorConfig.SYNTHETIC_SECRET);
        return d;
    }

    private ViewApp startView(String bootstrap) throws java.io.IOException {
        Map<String, String> o = new HashMap<>();
        o.put("kafka.bootstrap.servers", bootstrap);
        o.put("view.http.port", viewPort.toString());
        o.put("view.replication.factor", kafka.bootstrapServers == null ? "1" : null);
        o.put("view.application.id", "embryo-demo-view");
        o.put("view.state.dir", Files.createTempDirectory("embryo-demo-view-").toString());
        ViewApp view = ViewApp.start(new ViewConfig(Settings.resolve(ViewConfig.defaults(), kafka.configFile,
                System.getenv(), o)));
        System.out.println("Embryologist view at http://localhost:" + view.httpPort() + "/");
        return view;
    }
}
