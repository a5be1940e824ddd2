package io.embryostream.benchmarks;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code key=value} arguments of a benchmark main, each with a default the main names. */
final class BenchmarkArgs {

    private final Map<String, String> values = new HashMap<>();

    BenchmarkArgs(String[] args) {
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("argument '" + a + "' is not key=value (e.g. embryos=200)");
            }
            values.put(a.substring(0, eq), a.substring(eq + 1));
        }
    }

    String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    int getInt(String key, int fallback) {
        String v = values.get(key);
        try {
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + v + " is not a whole number", e);
        }
    }

    /** Classifier settings given as {@code key=k1=v1,k2=v2}; empty when the argument is absent. */
    Map<String, String> settingsChanges(String key) {
        Map<String, String> changes = new LinkedHashMap<>();
        for (String pair : get(key, "").split(",")) {
            if (!pair.isBlank()) {
                int eq = pair.indexOf('=');
                if (eq < 1) {
                    throw new IllegalArgumentException(key + "=" + get(key, "") + ": expected " + key
                            + "=setting=value[,setting=value...]");
                }
                changes.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return changes;
    }
}
