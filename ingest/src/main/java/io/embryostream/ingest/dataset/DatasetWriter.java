package io.embryostream.ingest.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.embryostream.frames.CanonicalFrame;
import io.embryostream.frames.CanonicalPng;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes a training set in the format trainer-export reads (docs/DATASET.md): every {@link DatasetFrame} as
 * {@code frames/<embryo>/<time point>_<plane>.png}, then on {@link #finish} {@code labels.csv} (rows sorted by
 * embryo, time point, plane, so the file does not depend on which thread wrote first) and, last,
 * {@code manifest.json} — a folder without a manifest is an unfinished export and the trainer refuses it.
 *
 * <p>Readers of labelled exports and the synthetic incubator feed it alike. {@link #write} is thread-safe.
 */
public final class DatasetWriter {

    static final String HEADER = "embryo,time_point,hpi,plane,pronuclear3,gomez16,cell_count,reversal,split,path";
    private static final Pattern SAFE_EMBRYO = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Comparator<Row> ORDER = Comparator.comparing(Row::embryo)
            .thenComparingInt(Row::timePoint).thenComparingInt(Row::plane);

    private final Path root;
    private final ConcurrentLinkedQueue<Row> rows = new ConcurrentLinkedQueue<>();
    private final Set<String> written = ConcurrentHashMap.newKeySet();
    private final Set<String> embryoFolders = ConcurrentHashMap.newKeySet();

    private DatasetWriter(Path root) {
        this.root = root;
    }

    /** A writer into {@code root}, which must not exist or be empty: an export never mixes with older files. */
    public static DatasetWriter create(Path root) {
        try {
            if (Files.exists(root)) {
                try (Stream<Path> entries = Files.list(root)) {
                    if (entries.findAny().isPresent()) {
                        throw new DatasetException(root + " exists and is not empty; export-dataset writes a fresh folder:"
                                + " delete it or choose another output folder");
                    }
                }
            }
            Files.createDirectories(root.resolve("frames"));
        } catch (IOException e) {
            throw new DatasetException("cannot create the dataset folder " + root + ": " + e.getMessage(), e);
        }
        return new DatasetWriter(root);
    }

    /** The frame path as labels.csv names it: {@code frames/<embryo>/<time point, 4 digits>_<p0|p15|m15>.png}. */
    public static String framePath(String embryo, int timePoint, int plane) {
        return String.format("frames/%s/%04d_%s.png", embryo, timePoint, planeToken(plane));
    }

    /** A focal plane as written in file names: {@code p0}, {@code p15}, {@code m15} ({@code m} = minus). */
    public static String planeToken(int plane) {
        return plane < 0 ? "m" + -plane : "p" + plane;
    }

    /** Encodes and writes one frame. Throws when the frame is not canonical or was written before. */
    public void write(DatasetFrame f) {
        if (!SAFE_EMBRYO.matcher(f.embryo()).matches()) {
            throw new DatasetException("embryo id '" + f.embryo() + "' cannot name a folder: use the keyed embryo id"
                    + " (letters, digits, '.', '_', '-'), never a name or path");
        }
        if (f.timePoint() < 1 || !(f.hpi() >= 0) || Double.isInfinite(f.hpi())) {
            throw new DatasetException("embryo " + f.embryo() + ": time point " + f.timePoint() + " at " + f.hpi()
                    + " h; time points start at 1 and hours post-insemination must be a non-negative number");
        }
        if (f.gray8().length != CanonicalFrame.SIZE * CanonicalFrame.SIZE) {
            throw new DatasetException("embryo " + f.embryo() + " time point " + f.timePoint() + " plane " + f.plane()
                    + ": " + f.gray8().length + " pixels, a canonical frame has " + CanonicalFrame.SIZE + "x"
                    + CanonicalFrame.SIZE + "; pass frames through the canonical preprocessing first");
        }
        String path = framePath(f.embryo(), f.timePoint(), f.plane());
        if (!written.add(path)) {
            throw new DatasetException("embryo " + f.embryo() + " time point " + f.timePoint() + " plane " + f.plane()
                    + " was written twice; each frame belongs in the dataset once");
        }
        try {
            if (embryoFolders.add(f.embryo())) {
                Files.createDirectories(root.resolve("frames").resolve(f.embryo()));
            }
            Files.write(root.resolve(path), CanonicalPng.encode(f.gray8()));
        } catch (IOException e) {
            throw new DatasetException("cannot write " + root.resolve(path) + ": " + e.getMessage()
                    + " (is the disk full?)", e);
        }
        rows.add(new Row(f.embryo(), f.timePoint(), f.hpi(), f.plane(), f.labels(), path));
    }

    /** Frames written so far. */
    public int frames() {
        return rows.size();
    }

    /** Writes labels.csv and manifest.json and returns the manifest. Call once, after the last {@link #write}. */
    public DatasetManifest finish(DatasetSource source, EmbryoSplits splits) {
        if (rows.isEmpty()) {
            throw new DatasetException("no frames were written to " + root + "; nothing to export");
        }
        List<Row> sorted = rows.stream().sorted(ORDER).toList();
        requireOneTimePointPerPlaneSet(sorted);
        Map<String, String> split = splits.assign(sorted.stream().map(Row::embryo).toList());
        StringBuilder csv = new StringBuilder(sorted.size() * 96).append(HEADER).append('\n');
        for (Row r : sorted) {
            csv.append(r.embryo()).append(',').append(r.timePoint()).append(',').append(hours(r.hpi())).append(',')
                    .append(r.plane()).append(',').append(r.labels().pronuclear3().orElse("")).append(',')
                    .append(r.labels().gomez16().orElse("")).append(',')
                    .append(r.labels().cellCount().isPresent() ? Integer.toString(r.labels().cellCount().getAsInt()) : "")
                    .append(',').append(r.labels().reversal() ? '1' : '0').append(',').append(split.get(r.embryo()))
                    .append(',').append(r.path()).append('\n');
        }
        byte[] labels = csv.toString().getBytes(StandardCharsets.UTF_8);
        Map<String, Integer> perSplit = new LinkedHashMap<>();
        for (String s : List.of(EmbryoSplits.TRAIN, EmbryoSplits.VAL, EmbryoSplits.TEST)) {
            perSplit.put(s, (int) split.values().stream().filter(s::equals).count());
        }
        TreeSet<Integer> planes = new TreeSet<>();
        sorted.forEach(r -> planes.add(r.plane()));
        try {
            Files.write(root.resolve("labels.csv"), labels);
            DatasetManifest manifest = new DatasetManifest(DatasetManifest.FORMAT, source.name(), source.version(),
                    source.seed(), splits.seed(), CanonicalFrame.SIZE, List.copyOf(planes), split.size(), sorted.size(),
                    perSplit, fingerprint(labels, sorted), source.settings());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValue(root.resolve("manifest.json").toFile(), manifest);
            return manifest;
        } catch (IOException e) {
            throw new DatasetException("cannot write labels.csv or manifest.json in " + root + ": " + e.getMessage(), e);
        }
    }

    /** The trainer reads a time point's hours and labels from its first plane: every plane must agree. */
    private static void requireOneTimePointPerPlaneSet(List<Row> sorted) {
        for (int i = 1; i < sorted.size(); i++) {
            Row a = sorted.get(i - 1);
            Row b = sorted.get(i);
            if (a.embryo().equals(b.embryo()) && a.timePoint() == b.timePoint()
                    && (a.hpi() != b.hpi() || !Objects.equals(a.labels(), b.labels()))) {
                throw new DatasetException("embryo " + a.embryo() + " time point " + a.timePoint() + ": planes " + a.plane()
                        + " and " + b.plane() + " disagree on hours or labels (" + a.hpi() + " h " + a.labels() + " vs "
                        + b.hpi() + " h " + b.labels() + "); all planes of a time point share them");
            }
        }
    }

    /** sha256 over labels.csv, then each frame file in labels.csv order (DATASET.md), read back from disk. */
    private String fingerprint(byte[] labels, List<Row> sorted) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable in this JVM", e);
        }
        sha.update(labels);
        byte[] buffer = new byte[1 << 16];
        for (Row r : sorted) {
            try (InputStream in = new DigestInputStream(Files.newInputStream(root.resolve(r.path())), sha)) {
                while (in.read(buffer) >= 0) {
                    // the digest stream hashes what passes through
                }
            } catch (IOException e) {
                throw new DatasetException("cannot read back " + root.resolve(r.path()) + " for the fingerprint: "
                        + e.getMessage() + "; was the folder changed while the export ran?", e);
            }
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    /** Hours with at most 4 decimals and no trailing zeros: 12.25, 0, 139.75. */
    private static String hours(double h) {
        return BigDecimal.valueOf(h).setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    private record Row(String embryo, int timePoint, double hpi, int plane, FrameLabels labels, String path) {
    }
}
