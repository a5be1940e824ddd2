package io.embryostream.ingest.gomez;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One embryo of a Gomez-layout dataset.
 *
 * @param name          the embryo folder name, e.g. {@code KF460-3}
 * @param frames        plane offset → frame number (the number after {@code RUN}) → jpeg, both ordered
 * @param phases        its {@code _phases.csv}, if the dataset has one
 * @param timeElapsed   its {@code _timeElapsed.csv}, if the dataset has one
 */
public record GomezEmbryo(String name, SortedMap<Integer, SortedMap<Integer, Path>> frames,
                          Optional<Path> phases, Optional<Path> timeElapsed) {

    public GomezEmbryo {
        TreeMap<Integer, SortedMap<Integer, Path>> copy = new TreeMap<>();
        frames.forEach((plane, runs) -> copy.put(plane, Collections.unmodifiableSortedMap(new TreeMap<>(runs))));
        frames = Collections.unmodifiableSortedMap(copy);
    }
}
