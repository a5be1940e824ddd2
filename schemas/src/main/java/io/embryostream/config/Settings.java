package io.embryostream.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Layered configuration: built-in defaults, then a properties file, then environment variables,
 * then explicit overrides (command-line options). {@link #describe()} lists every effective value
 * with where it came from, which services print at start; secrets and webhook URLs are masked, and
 * variables or file keys that no setting of the service matches are listed as ignored.
 *
 * <p>The environment rule: a key's variable is {@code EMBRYO_} followed by the key in upper case
 * with every {@code .} and {@code -} written as {@code _} ({@code alerts.direct-cleavage.max-hours}
 * is {@code EMBRYO_ALERTS_DIRECT_CLEAVAGE_MAX_HOURS}). A variable is read back as the one key of
 * the service it names; one that names two keys is refused with both. A variable of no key of the
 * service is a Kafka client setting when it starts with {@code EMBRYO_KAFKA_} and the rest names a
 * Kafka client config ({@link KafkaClientConfigNames}); anything else is reported as unknown.
 */
public final class Settings {

    /** Environment variable prefix. */
    public static final String ENV_PREFIX = "EMBRYO_";
    /** Keys passed through to the Kafka clients, the prefix removed. */
    public static final String KAFKA_PREFIX = "kafka.";

    private final Map<String, String> values;
    private final Map<String, String> origins;
    private final List<String> ignored;

    private Settings(Map<String, String> values, Map<String, String> origins, List<String> ignored) {
        this.values = values;
        this.origins = origins;
        this.ignored = Collections.unmodifiableList(ignored);
    }

    /**
     * Resolves settings.
     *
     * @param defaults every key the caller reads, with its default (null = no default)
     * @param file a properties file, or null
     * @param env the environment (System.getenv() in production)
     * @param overrides explicit values, highest precedence; null values are ignored
     * @throws ConfigException when an environment variable names two keys of {@code defaults}
     */
    public static Settings resolve(Map<String, String> defaults, Path file, Map<String, String> env,
                                   Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
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
            new TreeMap<>(Map.copyOf(p)).forEach((k, v) -> {
                String key = k.toString();
                if (defaults.containsKey(key) || isKafkaClientKey(key)) {
                    values.put(key, v.toString().trim());
                    origins.put(key, "file " + file.getFileName());
                } else {
                    ignored.add(key + " (file " + file.getFileName() + ")");
                }
            });
        }
        new TreeMap<>(env).forEach((name, v) -> {
            if (!name.startsWith(ENV_PREFIX)) {
                return;
            }
            Optional<String> key = keyOfEnv(name, defaults.keySet());
            if (key.isPresent()) {
                values.put(key.get(), v);
                origins.put(key.get(), "env " + name);
            } else {
                ignored.add(name + " (env" + (name.startsWith(envName(KAFKA_PREFIX))
                        ? ": no Kafka client config is named " + kafkaKeyOfEnv(name).substring(KAFKA_PREFIX.length())
                        : "") + ")");
            }
        });
        overrides.forEach((k, v) -> {
            if (v != null) {
                values.put(k, v);
                origins.put(k, "option");
            }
        });
        return new Settings(values, origins, ignored);
    }

    /** The environment variable that sets {@code key}. */
    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * The key an environment variable sets: the one of {@code keys} whose {@link #envName} it is,
     * else the Kafka client setting it names, else none.
     *
     * @throws ConfigException when it is the variable of two of {@code keys}
     */
    public static Optional<String> keyOfEnv(String envName, Collection<String> keys) {
        List<String> matches = keys.stream().filter(k -> envName(k).equals(envName)).sorted().toList();
        if (matches.size() > 1) {
            throw new ConfigException(envName + " could mean " + String.join(" or ", matches)
                    + ": set the one you mean in the properties file (--config)");
        }
        if (matches.size() == 1) {
            return Optional.of(matches.get(0));
        }
        if (envName.startsWith(envName(KAFKA_PREFIX))) {
            String key = kafkaKeyOfEnv(envName);
            return isKafkaClientKey(key) ? Optional.of(key) : Optional.empty();
        }
        return Optional.empty();
    }

    private static String kafkaKeyOfEnv(String envName) {
        // Kafka client config names are lower case and dotted, never hyphenated
        return envName.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    private static boolean isKafkaClientKey(String key) {
        return key.startsWith(KAFKA_PREFIX) && KafkaClientConfigNames.isConfig(key.substring(KAFKA_PREFIX.length()));
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

    /** {@code true} or {@code false} (any case); anything else is refused rather than read as false. */
    public boolean getBoolean(String key) {
        String v = get(key).trim();
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new ConfigException("setting '" + key + "' must be true or false, was '" + v + "' (" + origins.get(key)
                + ")");
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

    /** Environment variables and file keys that no setting matched, each with where it came from. */
    public List<String> ignored() {
        return ignored;
    }

    /**
     * One line per effective setting, {@code key = value (origin)}, secrets and webhook URLs masked;
     * then the ignored variables and file keys, if any.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(values).forEach((k, v) -> sb.append("  ").append(k).append(" = ")
                .append(printable(k, v)).append("  (").append(origins.get(k)).append(")\n"));
        if (!ignored.isEmpty()) {
            sb.append("  IGNORED, no setting of this command is named so (").append(ENV_PREFIX)
                    .append("<KEY with . and - as _>):\n");
            ignored.forEach(i -> sb.append("    ").append(i).append('\n'));
        }
        return sb.toString();
    }

    /** How a value is printed: secrets masked, URLs without credentials (and webhook URLs without path or query). */
    static String printable(String key, String value) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.contains("password") || k.contains("secret") || k.contains("jaas") || k.endsWith(".key")) {
            return "****";
        }
        if (!value.contains("://")) {
            return value;
        }
        try {
            URI uri = new URI(value.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return value;
            }
            // an incoming-webhook URL is a credential as a whole: its path and query are the token
            boolean hidePath = webhook(k) && ((uri.getRawPath() != null && !uri.getRawPath().isEmpty()
                    && !uri.getRawPath().equals("/")) || uri.getRawQuery() != null);
            return uri.getScheme() + "://" + (uri.getRawUserInfo() != null ? "****@" : "") + uri.getHost()
                    + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
                    + (hidePath ? "/****" : (uri.getRawPath() == null ? "" : uri.getRawPath())
                        + (uri.getRawQuery() != null ? "?****" : ""));
        } catch (URISyntaxException e) {
            return webhook(k) ? "****" : value;
        }
    }

    private static boolean webhook(String lowerKey) {
        return lowerKey.contains("webhook");
    }
}
