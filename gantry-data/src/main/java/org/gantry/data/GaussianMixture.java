package org.gantry.data;

import org.gantry.random.Rng;

/**
 * An equal-weight mixture of isotropic Gaussians, the generating distribution of the synthetic
 * benchmarks (BENCHMARKS.md, PacGAN protocol).
 *
 * @param means one row per mode
 * @param sigma standard deviation of every coordinate of every mode
 */
public record GaussianMixture(double[][] means, double sigma) {

    public int modes() {
        return means.length;
    }

    public int dimension() {
        return means[0].length;
    }

    /** {@code n} points: each picks a mode uniformly, then adds N(0, σ²I) noise. */
    public float[] sample(int n, Rng rng) {
        int d = dimension();
        float[] out = new float[n * d];
        for (int i = 0; i < n; i++) {
            double[] mean = means[rng.nextInt(means.length)];
            for (int j = 0; j < d; j++) {
                out[i * d + j] = (float) (mean[j] + sigma * rng.gaussian());
            }
        }
        return out;
    }

    /** {@code k} modes evenly spaced on a circle, the first at angle 0. */
    public static GaussianMixture ring(int k, double radius, double sigma) {
        double[][] means = new double[k][];
        for (int i = 0; i < k; i++) {
            double a = 2 * Math.PI * i / k;
            means[i] = new double[] {radius * Math.cos(a), radius * Math.sin(a)};
        }
        return new GaussianMixture(means, sigma);
    }

    /** Modes on the Cartesian grid {@code coords × coords}. */
    public static GaussianMixture grid(double[] coords, double sigma) {
        double[][] means = new double[coords.length * coords.length][];
        int m = 0;
        for (double x : coords) {
            for (double y : coords) {
                means[m++] = new double[] {x, y};
            }
        }
        return new GaussianMixture(means, sigma);
    }
}
