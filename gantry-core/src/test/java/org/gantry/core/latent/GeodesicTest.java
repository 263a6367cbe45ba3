package org.gantry.core.latent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GeodesicTest {

    /** For a linear generator the straight line is the geodesic: optimising leaves its energy and length. */
    @Test
    void aLinearGeneratorKeepsTheStraightLine() {
        GeneratorMap linear = new Analytic(false);
        Geodesic.Result r = new Geodesic(10, 300, 0.01).between(linear, new float[] {-1, 0.5f}, new float[] {2, -1});
        assertThat(r.geodesic().energy()).isLessThanOrEqualTo(r.straight().energy());
        assertThat(r.geodesic().energy()).isCloseTo(r.straight().energy(), within(1e-4 * r.straight().energy()));
        assertThat(r.lengthRatio()).isCloseTo(1.0, within(1e-3));
    }

    /**
     * A bump of height 3 in the data space above the latent origin: the straight path from (−2, 0.1)
     * to (2, 0.1) climbs over it (length about 7.8), the geodesic goes round. Its length lies between
     * the chord (the data-space distance of the ends, 4) and 80 % of the straight path's; its ends do
     * not move.
     */
    @Test
    void aBumpIsWalkedAroundNotOver() {
        GeneratorMap bump = new Analytic(true);
        float[] from = {-2, 0.1f};
        float[] to = {2, 0.1f};
        Geodesic.Result r = new Geodesic(24, 800, 0.02).between(bump, from, to);
        assertThat(r.geodesic().energy()).isLessThan(r.straight().energy());
        // The straight path's 24-piece length against its arc length by 100,000 pieces (a chord sum
        // never exceeds the arc, and 24 pieces on this smooth curve fall short by well under 2 %).
        double arc = new Geodesic(100_000, 0, 0.01).between(bump, from, to).straight().length();
        assertThat(r.straight().length()).isLessThanOrEqualTo(arc).isGreaterThan(0.98 * arc);
        assertThat(r.geodesic().length()).isGreaterThan(4).isLessThan(0.8 * r.straight().length());
        float[] z = r.geodesic().latent();
        assertThat(new float[] {z[0], z[1]}).containsExactly(from);
        assertThat(new float[] {z[z.length - 2], z[z.length - 1]}).containsExactly(to);
    }

    @Test
    void energyGradientMatchesFiniteDifferences() {
        float[] x = {0, 0, 1, 2, 3, 1, 4, 4};
        float[] g = Geodesic.energyGradient(x, 2);
        for (int at = 2; at < 6; at++) {
            double h = 1e-3;
            float[] up = x.clone();
            float[] down = x.clone();
            up[at] += (float) h;
            down[at] -= (float) h;
            double numeric = (energy(up, 2) - energy(down, 2)) / (2 * h);
            assertThat((double) g[at]).isCloseTo(numeric, within(1e-2));
        }
        assertThat(g[0]).isZero();
        assertThat(g[7]).isZero();
    }

    private static double energy(float[] x, int length) {
        double e = 0;
        for (int i = 0; i + length < x.length; i += length) {
            for (int j = 0; j < length; j++) {
                double d = x[i + length + j] - x[i + j];
                e += d * d;
            }
        }
        return e;
    }

    /** G(z) = (z₁ + z₂/2, z₂, b(z)) with b = 0 (linear) or a Gaussian bump 3·exp(−‖z‖²/(2·0.5²)). */
    private record Analytic(boolean bump) implements GeneratorMap {
        @Override
        public int latentSize() {
            return 2;
        }

        @Override
        public int exampleLength() {
            return 3;
        }

        private double height(double a, double b) {
            return bump ? 3 * Math.exp(-(a * a + b * b) / 0.5) : 0;
        }

        @Override
        public float[] generate(float[] z, int count) {
            float[] x = new float[3 * count];
            for (int i = 0; i < count; i++) {
                double a = z[2 * i];
                double b = z[2 * i + 1];
                x[3 * i] = (float) (a + b / 2);
                x[3 * i + 1] = (float) b;
                x[3 * i + 2] = (float) height(a, b);
            }
            return x;
        }

        @Override
        public float[] pullBack(float[] z, int count, float[] v) {
            float[] out = new float[2 * count];
            for (int i = 0; i < count; i++) {
                double a = z[2 * i];
                double b = z[2 * i + 1];
                double h = height(a, b);
                // ∂b/∂a = −2a/0.5 · h, ∂b/∂b = −2b/0.5 · h
                out[2 * i] = (float) (v[3 * i] + v[3 * i + 2] * (-4 * a * h));
                out[2 * i + 1] = (float) (v[3 * i] / 2 + v[3 * i + 1] + v[3 * i + 2] * (-4 * b * h));
            }
            return out;
        }
    }
}
