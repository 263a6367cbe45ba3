package org.gantry.core.latent;

/**
 * Geodesic interpolation under the metric a generator induces on its latent space, M(z) = J_G(z)ᵀ
 * J_G(z) (Arvanitidis, Hansen & Hauberg 2018, METHODS.md §5): the curve from z₀ to z₁ is
 * discretised into {@code segments} pieces and its inner points move by Adam to minimise the
 * discretised energy {@code Σᵢ ‖G(zᵢ₊₁) − G(zᵢ)‖²}, starting from the straight line. Minimising the
 * energy also shortens the data-space length {@code Σᵢ ‖G(zᵢ₊₁) − G(zᵢ)‖} (Cauchy–Schwarz: length²
 * ≤ segments × energy, with equality at constant speed). The best curve seen is kept, so the result
 * never has a higher energy than the straight line.
 */
public final class Geodesic {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;
    private final int segments;
    private final int iterations;
    private final double learningRate;

    public Geodesic(int segments, int iterations, double learningRate) {
        if (segments < 2) {
            throw new IllegalArgumentException("a geodesic needs at least 2 segments, got " + segments);
        }
        this.segments = segments;
        this.iterations = iterations;
        this.learningRate = learningRate;
    }

    /** A curve's latent points (segments + 1 rows) and its energy and length in data space. */
    public record Curve(float[] latent, float[] examples, double energy, double length) {}

    /** The straight line and the geodesic between {@code from} and {@code to}. */
    public record Result(Curve straight, Curve geodesic, int iterations) {
        /** Geodesic length over straight length: below 1 when the straight line was not the shortest path. */
        public double lengthRatio() {
            return geodesic.length / straight.length;
        }
    }

    public Result between(GeneratorMap g, float[] from, float[] to) {
        int d = g.latentSize();
        int points = segments + 1;
        float[] z = new float[points * d];
        for (int i = 0; i < points; i++) {
            double t = (double) i / segments;
            for (int k = 0; k < d; k++) {
                z[i * d + k] = (float) ((1 - t) * from[k] + t * to[k]);
            }
        }
        Curve straight = curve(g, z.clone());
        Curve best = straight;
        double[] m = new double[z.length];
        double[] v = new double[z.length];
        for (int step = 1; step <= iterations; step++) {
            float[] x = g.generate(z, points);
            float[] gradient = g.pullBack(z, points, energyGradient(x, g.exampleLength()));
            // The ends stay where they are.
            for (int i = 1; i < segments; i++) {
                for (int k = 0; k < d; k++) {
                    int at = i * d + k;
                    m[at] = BETA1 * m[at] + (1 - BETA1) * gradient[at];
                    v[at] = BETA2 * v[at] + (1 - BETA2) * gradient[at] * gradient[at];
                    double mHat = m[at] / (1 - Math.pow(BETA1, step));
                    double vHat = v[at] / (1 - Math.pow(BETA2, step));
                    z[at] -= (float) (learningRate * mHat / (Math.sqrt(vHat) + EPSILON));
                }
            }
            Curve c = curve(g, z.clone());
            if (c.energy < best.energy) {
                best = c;
            }
        }
        return new Result(straight, best, iterations);
    }

    /** dE/dxᵢ = 2(xᵢ − xᵢ₋₁) − 2(xᵢ₊₁ − xᵢ) for E = Σ ‖xᵢ₊₁ − xᵢ‖², zero at the ends. */
    static float[] energyGradient(float[] x, int length) {
        int points = x.length / length;
        float[] grad = new float[x.length];
        for (int i = 1; i < points - 1; i++) {
            for (int j = 0; j < length; j++) {
                int at = i * length + j;
                grad[at] = 2 * (x[at] - x[at - length]) - 2 * (x[at + length] - x[at]);
            }
        }
        return grad;
    }

    private Curve curve(GeneratorMap g, float[] z) {
        int points = segments + 1;
        float[] x = g.generate(z, points);
        int length = g.exampleLength();
        double energy = 0;
        double total = 0;
        for (int i = 0; i < segments; i++) {
            double sq = 0;
            for (int j = 0; j < length; j++) {
                double diff = x[(i + 1) * length + j] - x[i * length + j];
                sq += diff * diff;
            }
            energy += sq;
            total += Math.sqrt(sq);
        }
        return new Curve(z, x, energy, total);
    }
}
