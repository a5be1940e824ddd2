package io.embryostream.schemas.codec;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.specific.SpecificData;

/**
 * The build-time contract check (run by Maven in {@code process-classes}): every current event
 * and state-store schema must be able to read every released version of itself, because consumers
 * are upgraded first and then read what not-yet-upgraded producers still write (and a new
 * classifier restores the changelogs an older one wrote). Exits non-zero, failing the
 * build, with one line per violation.
 */
public final class ReleasedSchemaCheck {

    private ReleasedSchemaCheck() {
    }

    /** Why {@code current} cannot read each of {@code released}; empty when it reads all of them. */
    public static List<String> violations(Schema current, List<Schema> released) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < released.size(); i++) {
            SchemaPairCompatibility c = SchemaCompatibility.checkReaderWriterCompatibility(current, released.get(i));
            if (c.getType() != SchemaCompatibilityType.COMPATIBLE) {
                out.add(current.getName() + ": the current schema cannot read released v" + (i + 1) + ": "
                        + c.getResult().getIncompatibilities().stream()
                                .map(x -> x.getType() + " at " + x.getLocation() + " (" + x.getMessage() + ")")
                                .toList()
                        + ". Give new fields a default, never remove a field without default, never change a"
                        + " type; or release a new topic version.");
            }
        }
        return out;
    }

    /** Checks the given generated classes (names) against their released versions. */
    public static List<String> check(List<String> classNames) throws ClassNotFoundException {
        List<String> problems = new ArrayList<>();
        for (String name : classNames) {
            Schema current = SpecificData.get().getSchema(Class.forName(name));
            List<Schema> released = ReleasedSchemas.of(current.getName());
            if (released.isEmpty()) {
                problems.add(current.getName() + ": no released version under io/embryostream/schemas/released/"
                        + current.getName() + "/v1.avsc; release it (copy the .avsc) before it goes on a topic");
            }
            problems.addAll(violations(current, released));
        }
        return problems;
    }

    public static void main(String[] args) throws Exception {
        List<String> problems = check(List.of(args));
        if (!problems.isEmpty()) {
            // A build tool's main: the build log is where Maven users look.
            problems.forEach(p -> System.err.println("[ERROR] Schema contract broken: " + p));
            System.exit(1);
        }
        System.out.println("[INFO] Schema contract: " + args.length + " schemas (events and state) read all their released versions");
    }
}
