package io.embryostream.launcher;

import io.embryostream.config.Settings;
import io.embryostream.view.ViewApp;
import io.embryostream.view.ViewConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs one embryo-view instance until Ctrl-C (or --duration). */
@Command(name = "view", mixinStandardHelpOptions = true,
        description = {"Serve per-embryo timelines, the web page, corrections and live agreement (docs/view.md).",
                "Run several with the same view.application.id: they share the embryos and forward to each other."})
final class ViewCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port of the API and page (view.http.port).")
    Integer port;

    @Option(names = "--advertised-host", paramLabel = "HOST",
            description = "Host other instances reach this one at (view.advertised.host).")
    String advertisedHost;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Kafka Streams state directory (view.state.dir).")
    Path stateDir;

    @Option(names = "--duration", paramLabel = "DURATION", description = "Stop after this long (default: until Ctrl-C).")
    Duration duration;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> overrides = kafka.overrides("view.http.port", port, "view.advertised.host", advertisedHost,
                "view.state.dir", stateDir);
        Settings settings = Settings.resolve(ViewConfig.defaults(), kafka.configFile, System.getenv(), overrides);
        System.out.println("embryo-stream view, settings:\n" + settings.describe());
        try (GracefulStop ctrlC = new GracefulStop("view");
             ViewApp app = ViewApp.start(new ViewConfig(settings))) {
            System.out.println("Embryo view at http://" + settings.get("view.advertised.host") + ":" + app.httpPort() + "/");
            ctrlC.await(duration);
        }
        return 0;
    }
}
