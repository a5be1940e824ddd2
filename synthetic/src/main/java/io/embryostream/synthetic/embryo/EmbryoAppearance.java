package io.embryostream.synthetic.embryo;

import java.util.SplittableRandom;

/**
 * Everything about one embryo's looks that does not change with time, drawn once from its seed: blastomere
 * layouts for 1…16 cells (each made by dividing a cell of the previous layout, so cells stay where their
 * mother was), polar bodies, pronuclei, fragments, inner cell mass and hatching sites, debris in the medium,
 * and the phases of its slow rotation and drift. Lengths are in units of the zona's outer radius; depth is
 * in focal-plane units (µm, 0 = central plane).
 */
final class EmbryoAppearance {

    static final int MAX_LAID_OUT = 16;
    /** Radius of the zygote and of the sphere the blastomeres pack into. */
    static final double ZYGOTE_RADIUS = 0.72;
    private static final double CONTAINER = 0.8;
    /** Depth of the embryo in focal-plane units per unit of zona radius (zona ≈ 75 µm). */
    static final double DEPTH_PER_RADIUS = 75;

    /** layouts[n][i] = {x, y, depth, radius} of cell i when there are n cells. */
    final double[][][] layouts = new double[MAX_LAID_OUT + 1][][];
    final double[][] polarBodies;
    final double[][] pronuclei;
    final double[][] nucleoli;
    final double[][] fragments;
    final double[][] debris;
    final double icmAngle;
    final double hatchAngle;
    final double cavityAngle;
    final double rotation0;
    final double[] wobblePhase = new double[4];
    final float brightness;
    final float granularity;
    final int textureX;
    final int textureY;

    EmbryoAppearance(EmbryoTimeline timeline) {
        SplittableRandom rnd = new SplittableRandom(timeline.seed() ^ 0x5EED_A11EL);
        double unevenness = rnd.nextDouble(0.02, 0.14);
        layouts[1] = new double[][] {{0, 0, 0, ZYGOTE_RADIUS}};
        for (int n = 2; n <= MAX_LAID_OUT; n++) {
            layouts[n] = divide(layouts[n - 1], rnd, unevenness);
        }
        double pbAngle = rnd.nextDouble(0, 2 * Math.PI);
        polarBodies = new double[2][];
        for (int i = 0; i < 2; i++) {
            double a = pbAngle + (i == 0 ? 0 : rnd.nextDouble(0.25, 0.6));
            double r = rnd.nextDouble(0.075, 0.1);
            polarBodies[i] = new double[] {Math.cos(a) * (0.86 - r), Math.sin(a) * (0.86 - r), rnd.nextDouble(-15, 15), r};
        }
        int pnCount = timeline.pronuclei();
        double pnAngle = rnd.nextDouble(0, Math.PI);
        pronuclei = new double[pnCount][];
        nucleoli = new double[pnCount * 5][];
        for (int i = 0; i < pnCount; i++) {
            double a = pnAngle + i * 2 * Math.PI / pnCount;
            double offset = pnCount == 1 ? 0.05 : 0.13;
            double r = rnd.nextDouble(0.13, 0.16) * (pnCount == 3 ? 0.85 : 1);
            pronuclei[i] = new double[] {Math.cos(a) * offset, Math.sin(a) * offset, rnd.nextDouble(-6, 6), r};
            for (int j = 0; j < 5; j++) {
                double na = rnd.nextDouble(0, 2 * Math.PI);
                double nr = rnd.nextDouble(0, 0.6) * r;
                nucleoli[i * 5 + j] = new double[] {pronuclei[i][0] + Math.cos(na) * nr, pronuclei[i][1] + Math.sin(na) * nr,
                        pronuclei[i][2], rnd.nextDouble(0.015, 0.025)};
            }
        }
        double fragmentation = rnd.nextDouble() < 0.2 ? rnd.nextDouble(0.1, 0.35) : rnd.nextDouble(0, 0.08);
        fragments = new double[(int) Math.round(fragmentation * 40)][];
        for (int i = 0; i < fragments.length; i++) {
            double a = rnd.nextDouble(0, 2 * Math.PI);
            double d = rnd.nextDouble(0.35, 0.8);
            fragments[i] = new double[] {Math.cos(a) * d, Math.sin(a) * d, rnd.nextDouble(-30, 30), rnd.nextDouble(0.025, 0.06)};
        }
        debris = new double[rnd.nextInt(0, 6)][];
        for (int i = 0; i < debris.length; i++) {
            double a = rnd.nextDouble(0, 2 * Math.PI);
            double d = rnd.nextDouble(1.12, 2.6);
            boolean bubble = rnd.nextDouble() < 0.25;
            debris[i] = new double[] {Math.cos(a) * d, Math.sin(a) * d, bubble ? 1 : 0,
                    bubble ? rnd.nextDouble(0.05, 0.12) : rnd.nextDouble(0.012, 0.035)};
        }
        icmAngle = rnd.nextDouble(0, 2 * Math.PI);
        hatchAngle = rnd.nextDouble(0, 2 * Math.PI);
        cavityAngle = rnd.nextDouble(0, 2 * Math.PI);
        rotation0 = rnd.nextDouble(0, 2 * Math.PI);
        for (int i = 0; i < wobblePhase.length; i++) {
            wobblePhase[i] = rnd.nextDouble(0, 2 * Math.PI);
        }
        brightness = (float) rnd.nextDouble(-12, 12);
        granularity = (float) rnd.nextDouble(0.7, 1.3);
        textureX = rnd.nextInt(GranuleTexture.SIZE);
        textureY = rnd.nextInt(GranuleTexture.SIZE);
    }

    /** The largest cell divides unevenly along a mostly horizontal axis; then the cells are relaxed apart. */
    private static double[][] divide(double[][] cells, SplittableRandom rnd, double unevenness) {
        int n = cells.length;
        int parent = 0;
        for (int i = 1; i < n; i++) {
            if (cells[i][3] * (1 + 0.1 * rnd.nextDouble()) > cells[parent][3]) {
                parent = i;
            }
        }
        double[][] next = new double[n + 1][];
        for (int i = 0; i < n; i++) {
            next[i] = cells[i].clone();
        }
        double[] p = cells[parent];
        double volume = p[3] * p[3] * p[3];
        double share = 0.5 + rnd.nextDouble(-unevenness, unevenness);
        double ax = rnd.nextGaussian(), ay = rnd.nextGaussian(), az = 0.4 * rnd.nextGaussian();
        double norm = Math.sqrt(ax * ax + ay * ay + az * az);
        double step = 0.5 * p[3] / norm;
        next[parent] = new double[] {p[0] + ax * step, p[1] + ay * step, p[2] + az * step * DEPTH_PER_RADIUS, Math.cbrt(volume * share)};
        next[n] = new double[] {p[0] - ax * step, p[1] - ay * step, p[2] - az * step * DEPTH_PER_RADIUS, Math.cbrt(volume * (1 - share))};
        relax(next);
        return next;
    }

    /** Pushes overlapping cells apart (they may overlap a little: blastomeres flatten against each other) and keeps them in the container. */
    private static void relax(double[][] cells) {
        for (int iteration = 0; iteration < 40; iteration++) {
            for (int i = 0; i < cells.length; i++) {
                for (int j = i + 1; j < cells.length; j++) {
                    double dx = cells[j][0] - cells[i][0], dy = cells[j][1] - cells[i][1];
                    double dz = (cells[j][2] - cells[i][2]) / DEPTH_PER_RADIUS;
                    double d = Math.sqrt(dx * dx + dy * dy + dz * dz) + 1e-9;
                    double overlap = 0.88 * (cells[i][3] + cells[j][3]) - d;
                    if (overlap > 0) {
                        double push = 0.5 * overlap / d;
                        cells[i][0] -= dx * push;
                        cells[i][1] -= dy * push;
                        cells[i][2] -= dz * push * DEPTH_PER_RADIUS;
                        cells[j][0] += dx * push;
                        cells[j][1] += dy * push;
                        cells[j][2] += dz * push * DEPTH_PER_RADIUS;
                    }
                }
            }
            for (double[] c : cells) {
                double z = c[2] / DEPTH_PER_RADIUS;
                double d = Math.sqrt(c[0] * c[0] + c[1] * c[1] + z * z);
                double max = CONTAINER - c[3];
                if (d > max && d > 0) {
                    double f = max / d;
                    c[0] *= f;
                    c[1] *= f;
                    c[2] *= f;
                }
            }
        }
    }
}
