package io.embryostream.kafka.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed key pair for {@code localhost} in a PKCS#12 keystore, and a truststore holding its
 * certificate, made with the running JDK's {@code keytool}: what a broker's TLS listener and its
 * clients need in tests and on a developer's machine, without a CA or files checked in.
 *
 * @param keystore the broker's key and certificate
 * @param truststore the certificate clients trust
 * @param password the password of both stores and of the key
 */
public record SelfSignedTls(Path keystore, Path truststore, String password) {

    /** Generates both stores in {@code dir} (valid for two days; tests and demos only). */
    public static SelfSignedTls generate(Path dir) {
        String password = UUID.randomUUID().toString();
        Path keystore = dir.resolve("broker.p12");
        Path certificate = dir.resolve("broker.crt");
        Path truststore = dir.resolve("truststore.p12");
        try {
            Files.createDirectories(dir);
            keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                    "-keystore", keystore.toString(), "-storepass", password, "-keypass", password);
            keytool("-exportcert", "-rfc", "-alias", "broker", "-keystore", keystore.toString(),
                    "-storepass", password, "-file", certificate.toString());
            keytool("-importcert", "-noprompt", "-alias", "broker", "-file", certificate.toString(),
                    "-storetype", "PKCS12", "-keystore", truststore.toString(), "-storepass", password);
        } catch (IOException e) {
            throw new EmbeddedKafkaException("cannot write TLS stores to " + dir + ": " + e.getMessage(), e);
        }
        return new SelfSignedTls(keystore, truststore, password);
    }

    /** Client settings that trust this certificate (Kafka's {@code ssl.truststore.*} keys). */
    public Map<String, String> clientTrust() {
        return Map.of("ssl.truststore.location", truststore.toString(), "ssl.truststore.password", password,
                "ssl.truststore.type", "PKCS12");
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            boolean done = p.waitFor(60, TimeUnit.SECONDS);
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!done || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new EmbeddedKafkaException("keytool " + args[0] + " failed: " + output.strip()
                        + " (is this a full JDK with bin/keytool?)", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaException("interrupted while running keytool", e);
        }
    }
}
