package io.embryostream.staging;

import java.util.Arrays;
import java.util.List;

/**
 * The staging schemes a model can be trained for. A model's class list travels in its
 * model.json; this enum holds the labelling rules that turn annotations into labels, shared by
 * every reader, writer, trainer export and evaluation (FORMATS.md, "Labelling rules").
 */
public enum StagingScheme {
    /** The original 3-stage project: before PB2, PB2 visible, pronuclei appeared. */
    PRONUCLEAR_3("pronuclear-3", List.of("pre-PB2", "PB2", "PN")),
    /** The 16 phases of the Gomez et al. 2022 dataset. */
    GOMEZ_16("gomez-16", Arrays.stream(Phase.values()).map(Phase::label).toList());

    private final String id;
    private final List<String> classNames;

    StagingScheme(String id, List<String> classNames) {
        this.id = id;
        this.classNames = classNames;
    }

    /** The scheme id as written in model.json, labels.csv and events. */
    public String id() {
        return id;
    }

    /** Class names in index order. */
    public List<String> classNames() {
        return classNames;
    }

    public static StagingScheme fromId(String id) {
        for (StagingScheme s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown staging scheme '" + id + "'; known: pronuclear-3, gomez-16");
    }
}
