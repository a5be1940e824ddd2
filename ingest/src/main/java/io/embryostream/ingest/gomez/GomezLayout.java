package io.embryostream.ingest.gomez;

import io.embryostream.ingest.annotation.ExportFormatException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Discovers the Gomez et al. 2022 layout: {@code embryo_dataset_F<plane>/<embryo>/<prefix>RUN<n>.jpeg}
 * (the central plane's folder is {@code embryo_dataset_F0} or {@code embryo_dataset}),
 * {@code embryo_dataset_annotations/<embryo>_phases.csv} and
 * {@code embryo_dataset_time_elapsed/<embryo>_timeElapsed.csv}. Frames are ordered by the number
 * after {@code RUN}, never by file name.
 */
public final class GomezLayout {

    /** The planes of the published dataset; others are accepted but reported. */
    public static final SortedSet<Integer> PUBLISHED_PLANES = new TreeSet<>(List.of(-45, -30, -15, 0, 15, 30, 45));
    public static final String CENTRAL_PLANE_FOLDER = "embryo_dataset";
    public static final String PLANE_FOLDER_PREFIX = "embryo_dataset_F";
    public static final String ANNOTATIONS_FOLDER = "embryo_dataset_annotations";
    public static final String TIME_ELAPSED_FOLDER = "embryo_dataset_time_elapsed";
    private static final Pattern PLANE_FOLDER = Pattern.compile(Pattern.quote(PLANE_FOLDER_PREFIX) + "(?<plane>[-+]?\\d{1,3})");
    private static final Pattern FRAME = Pattern.compile(".*RUN(?<run>\\d{1,6})\\.jpe?g", Pattern.CASE_INSENSITIVE);

    private GomezLayout() {
    }

    /** The plane offset a folder name stands for, empty when it is not a plane folder. */
    public static Optional<Integer> planeOf(String folderName) {
        if (folderName.equals(CENTRAL_PLANE_FOLDER)) {
            return Optional.of(0);
        }
        Matcher m = PLANE_FOLDER.matcher(folderName);
        return m.matches() ? Optional.of(Integer.parseInt(m.group("plane"))) : Optional.empty();
    }

    /** The frame number of a {@code <prefix>RUN<n>.jpeg} file name (the number after RUN), empty for other names. */
    public static OptionalInt runOf(String fileName) {
        Matcher m = FRAME.matcher(fileName);
        return m.matches() ? OptionalInt.of(Integer.parseInt(m.group("run"))) : OptionalInt.empty();
    }

    /** Whether {@code folder} holds at least one plane folder. */
    public static boolean isGomezLayout(Path folder) throws IOException {
        return !planeFolders(folder).isEmpty();
    }

    /**
     * @throws ExportFormatException when the folder holds no plane folder, or the central plane twice
     *                               ({@code embryo_dataset} and {@code embryo_dataset_F0})
     */
    public static GomezDataset discover(Path root) throws IOException {
        Map<Integer, Path> planeFolders = planeFolders(root);
        if (planeFolders.isEmpty()) {
            throw new ExportFormatException(root, "no plane folder (" + PLANE_FOLDER_PREFIX + "<plane> or " + CENTRAL_PLANE_FOLDER
                    + ") in this folder; pass the folder that holds the Gomez dataset's embryo_dataset_F* folders");
        }
        List<String> warnings = new ArrayList<>();
        SortedSet<Integer> missingPlanes = new TreeSet<>(PUBLISHED_PLANES);
        missingPlanes.removeAll(planeFolders.keySet());
        if (!missingPlanes.isEmpty()) {
            warnings.add("planes without a folder: " + missingPlanes);
        }
        SortedSet<Integer> extraPlanes = new TreeSet<>(planeFolders.keySet());
        extraPlanes.removeAll(PUBLISHED_PLANES);
        if (!extraPlanes.isEmpty()) {
            warnings.add("planes the published dataset does not have: " + extraPlanes);
        }

        SortedMap<String, SortedMap<Integer, SortedMap<Integer, Path>>> framesByEmbryo = new TreeMap<>();
        for (Map.Entry<Integer, Path> plane : planeFolders.entrySet()) {
            for (Path embryoFolder : list(plane.getValue(), Files::isDirectory)) {
                String embryo = embryoFolder.getFileName().toString();
                SortedMap<Integer, Path> runs = frames(embryoFolder, plane.getKey(), warnings);
                framesByEmbryo.computeIfAbsent(embryo, e -> new TreeMap<>()).put(plane.getKey(), runs);
            }
        }
        Map<String, Path> phases = annotations(root.resolve(ANNOTATIONS_FOLDER), GomezPhasesFile::embryoOf);
        Map<String, Path> times = annotations(root.resolve(TIME_ELAPSED_FOLDER), GomezTimeElapsedFile::embryoOf);

        SortedSet<String> names = new TreeSet<>(framesByEmbryo.keySet());
        names.addAll(phases.keySet());
        List<GomezEmbryo> embryos = new ArrayList<>();
        for (String name : names) {
            SortedMap<Integer, SortedMap<Integer, Path>> frames = framesByEmbryo.getOrDefault(name, new TreeMap<>());
            reportMissing(name, frames, planeFolders.keySet(), warnings);
            if (!phases.containsKey(name)) {
                warnings.add("embryo " + name + ": no " + GomezPhasesFile.SUFFIX + " in " + ANNOTATIONS_FOLDER);
            }
            embryos.add(new GomezEmbryo(name, frames, Optional.ofNullable(phases.get(name)), Optional.ofNullable(times.get(name))));
        }
        return new GomezDataset(root, new TreeSet<>(planeFolders.keySet()), embryos, warnings);
    }

    private static Map<Integer, Path> planeFolders(Path root) throws IOException {
        Map<Integer, Path> folders = new TreeMap<>();
        for (Path folder : list(root, Files::isDirectory)) {
            Optional<Integer> plane = planeOf(folder.getFileName().toString());
            if (plane.isPresent() && folders.put(plane.get(), folder) != null) {
                throw new ExportFormatException(root, "both " + CENTRAL_PLANE_FOLDER + " and " + PLANE_FOLDER_PREFIX
                        + "0 (or two folders of plane " + plane.get() + ") are here; keep one folder per plane");
            }
        }
        return folders;
    }

    private static SortedMap<Integer, Path> frames(Path embryoFolder, int plane, List<String> warnings) throws IOException {
        SortedMap<Integer, Path> runs = new TreeMap<>();
        int notFrames = 0;
        for (Path file : list(embryoFolder, Files::isRegularFile)) {
            Matcher m = FRAME.matcher(file.getFileName().toString());
            if (!m.matches()) {
                notFrames++;
            } else if (runs.put(Integer.parseInt(m.group("run")), file) != null) {
                warnings.add("embryo " + embryoFolder.getFileName() + ", plane " + plane + ": two images of RUN"
                        + m.group("run") + "; using " + file.getFileName());
            }
        }
        if (notFrames > 0) {
            warnings.add("embryo " + embryoFolder.getFileName() + ", plane " + plane + ": " + notFrames
                    + " files are not <prefix>RUN<n>.jpeg and were ignored");
        }
        return runs;
    }

    private static Map<String, Path> annotations(Path folder, Function<Path, Optional<String>> embryoOf) throws IOException {
        if (!Files.isDirectory(folder)) {
            return Map.of();
        }
        Map<String, Path> byEmbryo = new TreeMap<>();
        for (Path file : list(folder, Files::isRegularFile)) {
            embryoOf.apply(file).ifPresent(embryo -> byEmbryo.put(embryo, file));
        }
        return byEmbryo;
    }

    /** Planes without this embryo's folder, and frames some plane has that another lacks or none has. */
    private static void reportMissing(String name, SortedMap<Integer, SortedMap<Integer, Path>> frames,
                                      Iterable<Integer> planes, List<String> warnings) {
        SortedSet<Integer> allRuns = frames.values().stream().flatMap(r -> r.keySet().stream())
                .collect(Collectors.toCollection(TreeSet::new));
        if (allRuns.isEmpty()) {
            warnings.add("embryo " + name + ": no images in any plane");
            return;
        }
        List<Integer> gaps = IntStream.rangeClosed(allRuns.first(), allRuns.last()).boxed().filter(r -> !allRuns.contains(r)).toList();
        if (!gaps.isEmpty()) {
            warnings.add("embryo " + name + ": frames missing in every plane: " + summarize(gaps));
        }
        for (int plane : planes) {
            SortedMap<Integer, Path> runs = frames.get(plane);
            if (runs == null) {
                warnings.add("embryo " + name + ": no folder in plane " + plane);
                continue;
            }
            List<Integer> missing = allRuns.stream().filter(r -> !runs.containsKey(r)).toList();
            if (!missing.isEmpty()) {
                warnings.add("embryo " + name + ", plane " + plane + ": frames missing that other planes have: " + summarize(missing));
            }
        }
    }

    /** At most ten frame numbers, then a count, so one broken embryo does not flood a report. */
    private static String summarize(List<Integer> runs) {
        String shown = runs.stream().limit(10).map(String::valueOf).collect(Collectors.joining(", "));
        return runs.size() > 10 ? shown + " … (" + runs.size() + " in all)" : shown;
    }

    private static List<Path> list(Path folder, Predicate<Path> keep) throws IOException {
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(keep).sorted().toList();
        }
    }
}
