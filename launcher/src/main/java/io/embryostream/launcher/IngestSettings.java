package io.embryostream.launcher;

import java.util.HashMap;
import java.util.Map;

/** The settings {@code ingest} reads (besides {@code kafka.producer.*}, passed to the producer), with their defaults. */
public final class IngestSettings {

    private IngestSettings() {
    }

    public static Map<String, String> defaults() {
        Map<String, String> d = new HashMap<>();
        d.put("kafka.bootstrap.servers", null);
        d.put("clinic.secret", null);
        d.put("metrics.port", "9466"); // --watch serves /metrics and /health here
        // exports: frames and progress in one transaction per unit (embryo.ingest.progress.v1), nothing twice after a kill
        d.put("ingest.exactly.once", "true");
        return d;
    }
}
