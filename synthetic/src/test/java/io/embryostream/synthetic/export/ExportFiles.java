package io.embryostream.synthetic.export;

import java.nio.file.Path;
import java.util.List;

/**
 * What a writer produced.
 *
 * @param root        the export folder to point the ingest at
 * @param media       videos, or (Gomez) jpeg frames, in write order
 * @param annotations sheets and csv files
 */
public record ExportFiles(Path root, List<Path> media, List<Path> annotations) {

    public ExportFiles {
        media = List.copyOf(media);
        annotations = List.copyOf(annotations);
    }
}
