package io.embryostream.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Layered configuration: built-in defaults, then a properties file, then environment variables,
 * then explicit overrides (command-line options). A key {@code kafka.bootstrap.servers} is read from
 * the environment as {@code EMBRYO_KAFKA_BOOTSTRAP_SERVERS}. {@link #describe()} lists every
 * effective value with where it came from, which services print at start; secrets are masked.
 */
public final class Settings {

    /** Environment variable prefix. */
    public static final String ENV_PREFIX = "EMBRYO_";

    private final Map<String, String> values;
    private final Map<String, String> origins;

    private Settings(Map<String, String> values, Map<String, String> origins) {
        this.values = values;
        this.origins = origins;
    }

    /**
     * Resolves settings.
     *
     * @param defaults every key the caller knows, with its default (null = no default)
     * @param file a properties file, or null
     * @param env the environment (System.getenv() in production)
     * @param overrides explicit values, highest precedence; null values are ignored
     */
    public static Settings resolve(Map<String, String> defaults, Path file, Map<String, String> env,
                                   Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        defaults.forEach((k, v) -> {
            if (v != null) {
                values.put(k, v);
                origins.put(k, "default");
            }
        });
        if (file != null) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read settings file " + file + ": " + e.getMessage(), e);
            }
            p.stringPropertyNames().forEach(k -> {
                values.put(k, p.getProperty(k).trim());
                origins.put(k, "file " + file.getFileName());
            });
        }
        env.forEach((k, v) -> {
            if (k.startsWith(ENV_PREFIX)) {
                String key = k.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
                values.put(key, v);
                origins.put(key, "env " + k);
            }
        });
        overrides.forEach((k, v) -> {
            if (v != null) {
                values.put(k, v);
                origins.put(k, "option");
            }
        });
        return new Settings(values, origins);
    }

    /** The environment variable that sets {@code key}. */
    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public boolean has(String key) {
        return values.containsKey(key) && !values.get(key).isBlank();
    }

    public String get(String key) {
        String v = values.get(key);
        if (v == null || v.isBlank()) {
            throw new ConfigException("setting '" + key + "' is required: set it in the properties file or as "
                    + envName(key));
        }
        return v;
    }

    public String get(String key, String fallback) {
        return has(key) ? values.get(key) : fallback;
    }

    public int getInt(String key) {
        String v = get(key);
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("setting '" + key + "' must be a whole number, was '" + v + "' ("
                    + origins.get(key) + ")");
        }
    }

    public double getDouble(String key) {
        String v = get(key);
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("setting '" + key + "' must be a number, was '" + v + "' ("
                    + origins.get(key) + ")");
        }
    }

    /** Keys starting with {@code prefix}, with the prefix removed (e.g. pass-through Kafka client configs). */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /** One line per effective setting, {@code key = value (origin)}, secrets masked. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(values).forEach((k, v) -> sb.append("  ").append(k).append(" = ")
                .append(isSecret(k) ? "****" : v).append("  (").append(origins.get(k)).append(")\n"));
        return sb.toString();
    }

    private static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("jaas") || k.endsWith(".key");
    }
}
