package io.embryostream.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The operators' own CustomResourceDefinitions (copied unmodified under
 * {@code src/test/resources/operator-crds}), as a cluster running them would judge an object: its
 * {@code apiVersion} must be a served version of its CRD, and it must pass that version's
 * {@code openAPIV3Schema}.
 *
 * <p>A JSON-schema validator accepts unknown properties, while the API server prunes them (a
 * misspelt field is silently dropped): every object schema without
 * {@code x-kubernetes-preserve-unknown-fields} is closed here, as structural-schema pruning closes
 * it. The schemas inside {@code allOf}/{@code anyOf}/{@code oneOf}/{@code not} are value checks,
 * not structure, and stay as written. CEL rules ({@code x-kubernetes-validations}) are not evaluated.
 */
final class OperatorSchemas {

    private record Version(boolean served, Schema schema) {
    }

    /** group -> kind -> version. */
    private final Map<String, Map<String, Map<String, Version>>> crds;

    private OperatorSchemas(Map<String, Map<String, Map<String, Version>>> crds) {
        this.crds = crds;
    }

    /** Every CRD in the YAML files under {@code dir}. */
    static OperatorSchemas load(Path dir) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30());
        Map<String, Map<String, Map<String, Version>>> crds = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (var docs = RepoFiles.YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
                    while (docs.hasNext()) {
                        JsonNode crd = docs.next();
                        if (!crd.path("kind").asText().equals("CustomResourceDefinition")) {
                            continue;
                        }
                        String group = crd.path("spec").path("group").asText();
                        String kind = crd.path("spec").path("names").path("kind").asText();
                        Map<String, Version> versions = crds.computeIfAbsent(group, g -> new TreeMap<>())
                                .computeIfAbsent(kind, k -> new TreeMap<>());
                        for (JsonNode v : crd.path("spec").path("versions")) {
                            JsonNode schema = v.path("schema").path("openAPIV3Schema").deepCopy();
                            closeObjects(schema, true);
                            versions.put(v.path("name").asText(),
                                    new Version(v.path("served").asBoolean(), registry.getSchema(schema)));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CRDs under " + dir, e);
        }
        return new OperatorSchemas(crds);
    }

    /** True when {@code object} belongs to an API group that one of the CRDs defines. */
    boolean defines(JsonNode object) {
        return crds.containsKey(group(object));
    }

    /** The API groups the CRDs define. */
    java.util.Set<String> groups() {
        return crds.keySet();
    }

    /** What a cluster running these operators would refuse in {@code object}; empty when it would accept it. */
    List<String> violations(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String name = object.path("kind").asText() + " " + object.path("metadata").path("name").asText();
        Map<String, Version> versions = crds.getOrDefault(group(object), Map.of())
                .get(object.path("kind").asText());
        if (versions == null) {
            return List.of(name + ": no CRD of group " + group(object) + " defines kind " + object.path("kind").asText());
        }
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        Version v = versions.get(version);
        if (v == null || !v.served()) {
            return List.of(name + ": apiVersion " + apiVersion + " is not served (served: "
                    + versions.entrySet().stream().filter(e -> e.getValue().served()).map(Map.Entry::getKey).toList() + ")");
        }
        List<String> out = new ArrayList<>();
        for (Error e : v.schema().validate(object)) {
            out.add(name + ": " + e.getInstanceLocation() + ": " + e.getMessage());
        }
        return out;
    }

    private static String group(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    }

    /** Closes every structural object schema that does not preserve unknown fields (root metadata aside). */
    private static void closeObjects(JsonNode schema, boolean root) {
        if (!(schema instanceof ObjectNode node)) {
            return;
        }
        boolean object = node.path("type").asText().equals("object") || node.has("properties");
        if (object && !node.has("additionalProperties")
                && !node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            node.put("additionalProperties", false);
        }
        Map<String, JsonNode> children = new HashMap<>();
        node.path("properties").fields().forEachRemaining(e -> children.put(e.getKey(), e.getValue()));
        children.forEach((property, child) -> {
            // the API server validates metadata itself; the CRD declares it as a bare object
            if (!(root && property.equals("metadata"))) {
                closeObjects(child, false);
            }
        });
        closeObjects(node.path("items"), false);
        if (node.path("additionalProperties").isObject()) {
            closeObjects(node.path("additionalProperties"), false);
        }
    }
}
