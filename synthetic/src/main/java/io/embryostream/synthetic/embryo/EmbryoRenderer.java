package io.embryostream.synthetic.embryo;

import io.embryostream.staging.Phase;
import io.embryostream.staging.StagingScheme;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Renders gray8 time-lapse frames of a synthetic embryo: zona pellucida, granular cytoplasm, polar bodies,
 * pronuclei, cleaving blastomeres with fragments, compaction, cavitation, blastocyst, expansion and hatching,
 * as the {@link EmbryoTimeline} dictates; with slow rotation and drift, illumination flicker, sensor noise,
 * debris and bubbles in the medium, and blur that depends on each object's depth and the focal plane.
 *
 * <p>A frame depends only on (timeline seed and onsets, hours, focal plane, geometry, options). All focal
 * planes of one time point share the embryo's pose and illumination. Thread-safe.
 */
public final class EmbryoRenderer {

    /** Travels with every rendered frame (FrameEvent.producer, dataset manifest sourceVersion). */
    public static final String RENDERER_VERSION = "synthetic-incubator/1";

    private static final int NOISE_SIZE = 1 << 19;
    private static final float[] NOISE = gaussianTable(NOISE_SIZE);
    /** Canonical zona radius: blur and texture sizes are given for it and scale with the geometry. */
    private static final double REFERENCE_RADIUS_PX = 111;
    private static final int CACHED_EMBRYOS = 256;

    private static final float MEDIUM = 150;
    private static final float ZONA = 172;
    private static final float PERIVITELLINE = 142;
    private static final float CYTOPLASM = 122;

    private final RenderOptions options;
    private final Map<EmbryoTimeline, EmbryoAppearance> appearances = lru(CACHED_EMBRYOS);
    private final Map<FrameGeometry, float[]> backgrounds = lru(8);
    private final ThreadLocal<float[]> canvases = ThreadLocal.withInitial(() -> new float[0]);

    public EmbryoRenderer(RenderOptions options) {
        this.options = options;
    }

    public RenderOptions options() {
        return options;
    }

    /** The labels and cell count of {@code timeline} at {@code hours}: what every frame of that time point shows. */
    public static FrameTruth truth(EmbryoTimeline timeline, double hours) {
        return new FrameTruth(timeline.onsets().label(StagingScheme.GOMEZ_16, hours),
                timeline.onsets().label(StagingScheme.PRONUCLEAR_3, hours),
                timeline.cellCount(hours), timeline.inReversal(hours));
    }

    /**
     * The frame of {@code timeline} at {@code hours} post-insemination in focal plane {@code focalPlane}
     * (−45…+45, 0 sharpest), row-major gray8 of {@code g.width() × g.height()} bytes.
     */
    public byte[] render(EmbryoTimeline timeline, double hours, int focalPlane, FrameGeometry g) {
        if (!(hours >= 0) || Double.isInfinite(hours)) {
            throw new IllegalArgumentException("hours must be a non-negative number, was " + hours);
        }
        int pixels = g.width() * g.height();
        float[] canvas = canvases.get();
        if (canvas.length < pixels) {
            canvas = new float[pixels];
            canvases.set(canvas);
        }
        Painter painter = new Painter(canvas, g.width(), g.height());
        painter.fill(background(g));
        EmbryoAppearance look = appearance(timeline);
        long timeSeed = mix(timeline.seed() ^ Double.doubleToLongBits(hours));
        SplittableRandom frameRnd = new SplittableRandom(timeSeed);
        Scene scene = new Scene(painter, g, look, timeline, hours, focalPlane, frameRnd);
        scene.draw();
        if (options.burnedInText()) {
            BurnedInText.draw(canvas, g.width(), g.height(), options.wellNumber(), hours);
        }
        return finish(canvas, pixels, look, frameRnd, mix(timeSeed + focalPlane));
    }

    private byte[] finish(float[] canvas, int pixels, EmbryoAppearance look, SplittableRandom frameRnd, long planeSeed) {
        float gain = (float) (1 + options.flicker() * frameRnd.nextGaussian());
        float offset = look.brightness + (float) (2 * frameRnd.nextGaussian());
        float sigma = (float) options.noiseSigma();
        int start = (int) (planeSeed & (NOISE_SIZE - 1));
        byte[] out = new byte[pixels];
        for (int i = 0; i < pixels; i++) {
            float v = canvas[i] * gain + offset + sigma * NOISE[(start + i) & (NOISE_SIZE - 1)];
            out[i] = (byte) (v <= 0 ? 0 : v >= 255 ? 255 : (int) (v + 0.5f));
        }
        return out;
    }

    private EmbryoAppearance appearance(EmbryoTimeline timeline) {
        synchronized (appearances) {
            return appearances.computeIfAbsent(timeline, EmbryoAppearance::new);
        }
    }

    /** Medium with vignetting and a faint illumination gradient. */
    private float[] background(FrameGeometry g) {
        synchronized (backgrounds) {
            return backgrounds.computeIfAbsent(g, geometry -> {
                int w = geometry.width(), h = geometry.height();
                double half = Math.hypot(w, h) / 2;
                float[] bg = new float[w * h];
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        double d = Math.hypot(x - w / 2.0, y - h / 2.0) / half;
                        bg[y * w + x] = (float) (MEDIUM * (1 - 0.16 * d * d) + 6.0 * (x - y) / (w + h));
                    }
                }
                return bg;
            });
        }
    }

    private static <K, V> Map<K, V> lru(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    private static float[] gaussianTable(int size) {
        SplittableRandom rnd = new SplittableRandom(0x5E45_0A1EL);
        float[] t = new float[size];
        for (int i = 0; i < size; i++) {
            t[i] = (float) rnd.nextGaussian();
        }
        return t;
    }

    /** SplitMix64 finaliser: spreads nearby inputs (consecutive hours, planes) over unrelated seeds. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** One frame's drawing: embryo coordinates (zona radius 1, depth in µm) to pixels, with defocus per object. */
    private static final class Scene {
        private final Painter painter;
        private final FrameGeometry g;
        private final EmbryoAppearance a;
        private final EmbryoTimeline t;
        private final double hours;
        private final int plane;
        private final double cx;
        private final double cy;
        private final double radiusPx;
        private final double cos;
        private final double sin;
        private final double pxScale;
        private final Phase stage;
        /** 0 until an arrested embryo starts to degenerate, then up to 1: darker, coarser cells. */
        private final double degeneration;

        Scene(Painter painter, FrameGeometry g, EmbryoAppearance a, EmbryoTimeline t, double hours, int plane,
              SplittableRandom frameRnd) {
            this.painter = painter;
            this.g = g;
            this.a = a;
            this.t = t;
            this.hours = hours;
            this.plane = plane;
            this.radiusPx = g.zonaRadiusPx();
            this.pxScale = radiusPx / REFERENCE_RADIUS_PX;
            double[] ph = a.wobblePhase;
            double rotation = a.rotation0 + 0.6 * Math.sin(hours / 19 + ph[0]) + 0.25 * Math.sin(hours / 4.1 + ph[1])
                    + 0.015 * frameRnd.nextGaussian();
            this.cos = Math.cos(rotation);
            this.sin = Math.sin(rotation);
            this.cx = g.centreX() + radiusPx * (0.035 * Math.sin(hours / 11 + ph[2]) + 0.006 * frameRnd.nextGaussian());
            this.cy = g.centreY() + radiusPx * (0.035 * Math.sin(hours / 13 + ph[3]) + 0.006 * frameRnd.nextGaussian());
            this.stage = t.stageAt(hours);
            boolean last = stage != null && (stage == Phase.THB || Double.isInfinite(t.stageStart(Phase.values()[stage.ordinal() + 1])));
            this.degeneration = last && t.abnormalities().contains(Abnormality.ARREST)
                    ? Math.min(1, Math.max(0, (hours - t.stageStart(stage) - 12) / 36)) : 0;
        }

        void draw() {
            debris();
            double expansion = isAtLeast(Phase.TEB) ? (stage == Phase.THB ? 1 : Math.min(1, (hours - t.stageStart(Phase.TEB)) / 8)) : 0;
            double zonaOuter = 1 + 0.07 * expansion;
            double zonaInner = zonaOuter - (0.13 - 0.07 * expansion);
            object(0, 0, 0, zonaOuter, new Look(ZONA, 5, 0, 0, 0, 45, 30, 1));
            object(0, 0, 0, zonaInner, new Look(PERIVITELLINE, 2, 0, 0, 0, 35, -22, 1));
            if (!isAtLeast(Phase.TM)) {
                polarBodies();
            }
            if (!isAtLeast(Phase.T2)) {
                zygote();
            } else if (!isAtLeast(Phase.TM)) {
                cleavage();
            } else if (stage == Phase.TM || stage == Phase.TSB) {
                morula();
            } else {
                blastocyst(zonaInner, zonaOuter);
            }
        }

        private boolean isAtLeast(Phase p) {
            return stage != null && stage.ordinal() >= p.ordinal();
        }

        private Look cell(float fill, float texture, float rim) {
            float dark = (float) (40 * degeneration);
            return new Look(fill - dark, texture * a.granularity * (float) (1 + degeneration), 1, a.textureX, a.textureY, rim, 28, 1);
        }

        private void zygote() {
            // syngamy: the zygote elongates between pronuclear fading and the first cleavage
            double elongation = stage == Phase.TPNF ? 1 + 0.12 * t.progress(Phase.TPNF, hours) : 1;
            double r = EmbryoAppearance.ZYGOTE_RADIUS;
            ellipse(0, 0, 0, r * Math.sqrt(elongation), r / Math.sqrt(elongation), 0, cell(CYTOPLASM, 11, 40));
            if (stage == Phase.TPNA) {
                double p = t.progress(Phase.TPNA, hours);
                double grow = Math.min(1, 0.6 + 3 * p);
                float fade = (float) (p > 0.85 ? 1 - 4 * (p - 0.85) : 1);
                for (double[] pn : a.pronuclei) {
                    object(pn[0], pn[1], pn[2], pn[3] * grow, new Look(158, 2, 0, a.textureX, a.textureY, 60 * fade, 20 * fade, fade));
                }
                for (double[] n : a.nucleoli) {
                    object(n[0], n[1], n[2], n[3] * grow, new Look(95, 0, 0, 0, 0, 10, 0, 0.8f * fade));
                }
            }
        }

        private void polarBodies() {
            double[] first = a.polarBodies[0];
            object(first[0], first[1], first[2], first[3], cell(136, 5, 35));
            if (stage != null) {
                double[] second = a.polarBodies[1];
                double extrusion = 0.6 + 0.4 * Math.min(1, hours - t.stageStart(Phase.TPB2));
                object(second[0], second[1], second[2], second[3] * extrusion, cell(136, 5, 35));
            }
        }

        private void cleavage() {
            int count = Math.min(EmbryoAppearance.MAX_LAID_OUT, t.cellCount(hours));
            // boundaries fade as t9+ approaches compaction
            float boundaries = stage == Phase.T9_PLUS ? (float) (1 - 0.5 * t.progress(Phase.T9_PLUS, hours)) : 1;
            cells(a.layouts[count], 1, cell(CYTOPLASM, 11, 42 * boundaries));
            fragments();
        }

        private void morula() {
            double compaction = Math.min(1, (hours - t.stageStart(Phase.TM)) / 2);
            double mass = stage == Phase.TSB ? 0.6 + 0.1 * t.progress(Phase.TSB, hours) : 0.66 - 0.06 * compaction;
            object(0, 0, 0, mass, cell(CYTOPLASM - 4, 10, 40));
            cells(a.layouts[EmbryoAppearance.MAX_LAID_OUT], mass / 0.8, cell(CYTOPLASM - 4, 0, (float) (22 * (1 - 0.8 * compaction))).withOpacity(0.5f));
            if (stage == Phase.TSB) {
                double p = t.progress(Phase.TSB, hours);
                double r = (0.15 + 0.35 * p) * mass;
                double d = mass - r - 0.08;
                object(Math.cos(a.cavityAngle) * d, Math.sin(a.cavityAngle) * d, 0, r, new Look(166, 2, 1, a.textureX, a.textureY, 18, 10, 1));
            }
            fragments();
        }

        private void blastocyst(double zonaInner, double zonaOuter) {
            double rb = stage == Phase.TB ? 0.68 + 0.1 * t.progress(Phase.TB, hours) : zonaInner - 0.01;
            double cavity = rb * 0.9;
            object(0, 0, 0, rb, cell(CYTOPLASM, 8, 35));
            object(0, 0, 0, cavity, new Look(166, 2, 1, a.textureX, a.textureY, 15, -12, 1));
            double icm = 0.3 * rb;
            double d = cavity - icm * 0.9;
            ellipse(Math.cos(a.icmAngle) * d, Math.sin(a.icmAngle) * d, 0, icm, icm * 0.75, a.icmAngle, cell(CYTOPLASM - 14, 14, 25));
            if (stage == Phase.THB) {
                double p = Math.min(1, (hours - t.stageStart(Phase.THB)) / 10);
                double r = 0.12 + 0.2 * p;
                double at = zonaOuter + r * (0.5 * p - 0.4);
                double x = Math.cos(a.hatchAngle) * at, y = Math.sin(a.hatchAngle) * at;
                object(x, y, 0, r, cell(CYTOPLASM, 8, 35));
                object(x, y, 0, r * 0.85, new Look(166, 2, 1, a.textureX, a.textureY, 15, -12, 1));
            }
        }

        /** Cells of a layout, farthest from focus first so the sharp ones lie on top. */
        private void cells(double[][] layout, double scale, Look look) {
            double[][] order = layout.clone();
            Arrays.sort(order, Comparator.comparingDouble(c -> -Math.abs(plane - c[2])));
            for (int i = 0; i < order.length; i++) {
                double[] c = order[i];
                ellipse(c[0] * scale, c[1] * scale, c[2], c[3] * scale * 1.04, c[3] * scale * 0.96, c[0] * 3 + c[1] * 5,
                        look.withTextureOffset(a.textureX + 97 * i, a.textureY + 61 * i));
            }
        }

        private void fragments() {
            for (double[] f : a.fragments) {
                object(f[0], f[1], f[2], f[3], cell(CYTOPLASM - 12, 6, 30));
            }
        }

        /** Debris and bubbles lie in the medium: they do not follow the embryo's drift or rotation. */
        private void debris() {
            for (double[] d : a.debris) {
                double x = g.centreX() + d[0] * radiusPx, y = g.centreY() + d[1] * radiusPx;
                Look look = d[2] > 0 ? new Look(182, 0, 0, 0, 0, 80, 30, 1) : new Look(80, 0, 0, 0, 0, 10, 0, 0.9f);
                painter.disc(x, y, d[3] * radiusPx, blurPx(Math.abs(plane)), look);
            }
        }

        private void object(double x, double y, double depth, double r, Look look) {
            ellipse(x, y, depth, r, r, 0, look);
        }

        /** Places an object given in embryo coordinates, softening and flattening it by its distance from focus. */
        private void ellipse(double x, double y, double depth, double rx, double ry, double angle, Look look) {
            double defocus = Math.abs(plane - depth);
            float detail = (float) (1 / (1 + defocus / 25));
            float edge = (float) (1 / (1 + defocus / 20));
            int level = defocus < 12 ? 0 : defocus < 28 ? 1 : 2;
            Look seen = new Look(look.fill(), look.texture() * detail, Math.max(level, look.textureLevel()),
                    look.textureX(), look.textureY(), look.rim() * edge, look.relief() * edge, look.opacity());
            double px = cx + radiusPx * (x * cos - y * sin);
            double py = cy + radiusPx * (x * sin + y * cos);
            painter.ellipse(px, py, rx * radiusPx, ry * radiusPx, angle + Math.atan2(sin, cos), blurPx(defocus), seen);
        }

        private double blurPx(double defocus) {
            return (0.6 + 0.07 * defocus) * pxScale;
        }
    }
}
