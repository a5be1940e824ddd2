package io.embryostream.schemas.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Every released version of each event schema, shipped as resources
 * {@code io/embryostream/schemas/released/<Record>/v<n>.avsc}. Released files are frozen: a change
 * to a contract adds the next version, and the build (see {@link ReleasedSchemaCheck}) fails when
 * the current schema cannot read one of them. Decoders register all of them, so events written by
 * an older producer are read by newer code (rolling upgrades: consumers first, then producers).
 */
public final class ReleasedSchemas {

    private static final String ROOT = "/io/embryostream/schemas/released/";

    private ReleasedSchemas() {
    }

    /** The released versions of {@code recordName}, oldest first; empty if none was released yet. */
    public static List<Schema> of(String recordName) {
        List<Schema> versions = new ArrayList<>();
        for (int v = 1; ; v++) {
            String path = ROOT + recordName + "/v" + v + ".avsc";
            try (InputStream in = ReleasedSchemas.class.getResourceAsStream(path)) {
                if (in == null) {
                    return versions;
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read released schema " + path, e);
            }
        }
    }
}
