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

    /** Squared distance from point {@code index} of the row-major {@code points} to mode {@code mode}'s mean. */
    public double squaredDistance(float[] points, int index, int mode) {
        int d = dimension();
        double s = 0;
        for (int j = 0; j < d; j++) {
            double diff = points[index * d + j] - means[mode][j];
            s += diff * diff;
        }
        return s;
    }

    /** The mode whose mean is nearest to point {@code index}; −1 for a point with a NaN coordinate. */
    public int nearestMode(float[] points, int index) {
        int nearest = -1;
        double best = Double.POSITIVE_INFINITY;
        for (int m = 0; m < means.length; m++) {
            double s = squaredDistance(points, index, m);
            if (s < best) {
                best = s;
                nearest = m;
            }
        }
        return nearest;
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
