package io.embryostream.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A container healthcheck that needs nothing but the image's own JVM (the images carry no curl):
 * GETs a service's health URL and exits 0 on a 2xx answer, 1 otherwise.
 */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = {"Check a service's health endpoint: exit 0 when URL answers 2xx, 1 otherwise"
                + " (e.g. health http://localhost:9464/health; compose healthchecks use it)."})
final class HealthCommand implements Callable<Integer> {

    @Parameters(paramLabel = "URL", description = "The health endpoint, e.g. http://localhost:9464/health.")
    URI url;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s",
            description = "How long to wait for the answer (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            String line = url + " answered " + r.statusCode() + ": " + r.body().strip();
            if (r.statusCode() / 100 == 2) {
                System.out.println(line);
                return 0;
            }
            System.err.println(line);
            return 1;
        } catch (IOException e) {
            System.err.println(url + " did not answer: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
