package io.embryostream.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service images hold the service distribution and nothing of the dev tools: the folder the
 * Dockerfiles copy ({@code distribution/target/embryo-stream}) is inspected as built, its launcher is
 * run to show which commands it offers, and the simulate image's extra jar is checked the same way.
 * Needs the packaged distribution: run with {@code ./mvnw verify}.
 */
class ServiceImagesTest {

    static final String DISTRIBUTION = "distribution/target/embryo-stream";
    private static final Path DIST = RepoFiles.root().resolve(DISTRIBUTION);

    @Test
    void everyServiceImageCopiesTheServiceDistributionAndOnlyTheSimulateImageAddsTheSyntheticModule() {
        for (String dockerfile : List.of("docker/Dockerfile", "docker/classifier-gpu.Dockerfile")) {
            String text = RepoFiles.read(dockerfile);
            assertThat(text).as(dockerfile).contains("-pl distribution -am package")
                    .contains("cp -r " + DISTRIBUTION + "/. /out/");
            assertThat(text).as(dockerfile + " copies no other class path").doesNotContain("launcher/target/lib/*.jar");
            assertThat(text.lines().filter(l -> l.startsWith("COPY --from=build")).toList()).as(dockerfile)
                    .allMatch(l -> l.equals("COPY --from=build /out/ /app/") || l.equals("COPY --from=build /synthetic/ /app/"));
        }
        String main = RepoFiles.read("docker/Dockerfile");
        assertThat(main).contains("cp launcher/target/lib/synthetic-*.jar /synthetic/lib/");
        assertThat(main.split("FROM runtime AS ")).filteredOn(stage -> stage.contains("COPY --from=build /synthetic/"))
                .extracting(stage -> stage.lines().findFirst().orElse("")).containsExactly("simulate");
    }

    @Test
    void theServiceClassPathHoldsNoBrokerTestKitJUnitOrSyntheticWorld() throws IOException {
        assertThat(DIST.resolve("embryo-stream.jar")).as("run ./mvnw verify").isRegularFile();
        List<String> jars;
        try (Stream<Path> files = Files.list(DIST.resolve("lib"))) {
            jars = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(jars).as("the services' own modules are there").contains("classifier-0.1.0-SNAPSHOT.jar",
                "ingest-0.1.0-SNAPSHOT.jar", "embryo-view-0.1.0-SNAPSHOT.jar", "alert-delivery-0.1.0-SNAPSHOT.jar");
        assertThat(jars).filteredOn(j -> j.startsWith("kafka-test-common") || j.startsWith("junit")
                || j.startsWith("kafka_2.13") || j.startsWith("kafka-server") || j.startsWith("embedded-kafka")
                || j.startsWith("synthetic") || j.startsWith("opentest4j") || j.startsWith("scala")
                || j.matches("kafka-clients-.*-test\\.jar")).isEmpty();
    }

    @Test
    void theServiceLauncherOffersTheServicesAndNoDevCommands(@TempDir Path work) throws Exception {
        String help = run(DIST.resolve("embryo-stream.jar"), "--help");
        assertThat(help).contains("ingest", "classify", "view", "alerts", "health", "report");
        assertThat(commands(help)).doesNotContain("demo", "broker", "simulate");

        // the simulate image: the service distribution plus the synthetic module's jar
        Path simulateImage = work.resolve("app");
        copyTree(DIST, simulateImage);
        try (Stream<Path> jars = Files.list(RepoFiles.root().resolve("launcher/target/lib"))) {
            for (Path jar : jars.filter(j -> j.getFileName().toString().startsWith("synthetic-")).toList()) {
                Files.copy(jar, simulateImage.resolve("lib").resolve(jar.getFileName()));
            }
        }
        String simulateHelp = run(simulateImage.resolve("embryo-stream.jar"), "--help");
        assertThat(commands(simulateHelp)).contains("simulate").doesNotContain("demo", "broker");
        assertThat(run(simulateImage.resolve("embryo-stream.jar"), "simulate", "--help")).contains("--speed");
    }

    /** The subcommand names of a picocli usage text (its "Commands:" section). */
    private static List<String> commands(String help) {
        String section = help.substring(help.indexOf("Commands:"));
        return section.lines().skip(1).map(String::strip).filter(l -> !l.isEmpty())
                .map(l -> l.split("\\s+")[0]).toList();
    }

    private static String run(Path jar, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CommandRun.java(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        CommandRun r = CommandRun.of(command);
        assertThat(r.exit()).as(String.join(" ", command) + "\n" + r.output()).isZero();
        return r.output();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
