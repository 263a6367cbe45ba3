package org.gantry.core.game;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.gantry.core.engine.Scalars;

/**
 * The unbiased estimate of the squared maximum mean discrepancy between two samples under the
 * inverse multiquadratic kernel k(a, b) = C / (C + ‖a − b‖²), summed over the scales
 * C = base × {0.1, 0.2, 0.5, 1, 2, 5, 10} (Tolstikhin et al. 2018, WAE-MMD, with base 2·d_z·σ_z²
 * for a prior of variance σ_z² per coordinate). Its heavy tails keep a gradient for codes far
 * from the prior's mass, where a Gaussian kernel's vanishes.
 *
 * <p>Within-sample sums leave out each point paired with itself, which is what makes the estimate
 * unbiased: its expectation over samples is the population MMD², 0 when the two laws agree, and a
 * single estimate can be negative.
 */
final class InverseMultiquadraticMmd {
    static final List<Double> SCALES = List.of(0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0);

    private final double base;

    /** @param base the kernel's C before the scales: 2·d_z·σ_z² for the WAE paper's choice */
    InverseMultiquadraticMmd(double base) {
        if (!(base > 0)) {
            throw new IllegalArgumentException("kernel base must be positive: " + base);
        }
        this.base = base;
    }

    /** The base 2·d·σ² for codes of {@code dimensions} values and a prior of variance σ² per coordinate. */
    static InverseMultiquadraticMmd forPrior(int dimensions, double variance) {
        return new InverseMultiquadraticMmd(2.0 * dimensions * variance);
    }

    /**
     * The estimate between the rows of {@code a} ({@code [n, d]}, n ≥ 2) and those of {@code b}
     * ({@code [m, d]}, m ≥ 2), differentiable in both.
     */
    NDArray estimate(NDArray a, NDArray b) {
        long n = a.getShape().get(0);
        long m = b.getShape().get(0);
        if (n < 2 || m < 2) {
            throw new IllegalArgumentException("the unbiased MMD needs two points on each side: " + n + " and " + m);
        }
        NDArray withinA = offDiagonalSum(kernel(squaredDistances(a, a)));
        NDArray withinB = offDiagonalSum(kernel(squaredDistances(b, b)));
        NDArray across = kernel(squaredDistances(a, b)).sum();
        return Scalars.dividedBy(withinA, n * (n - 1.0)).add(Scalars.dividedBy(withinB, m * (m - 1.0)))
                .sub(Scalars.times(across, 2.0 / (n * (double) m)));
    }

    /** ‖a_i − b_j‖² for every pair, from the norms and the inner products; rounding below 0 is clipped. */
    private static NDArray squaredDistances(NDArray a, NDArray b) {
        NDArray aa = a.square().sum(new int[] {1}, true);
        NDArray bb = b.square().sum(new int[] {1}, true).transpose();
        return Scalars.atLeast(aa.add(bb).sub(Scalars.times(a.matMul(b.transpose()), 2)), 0);
    }

    private NDArray kernel(NDArray distances) {
        NDArray sum = null;
        for (double scale : SCALES) {
            double c = base * scale;
            NDArray k = Scalars.over(c, Scalars.plus(distances, c));
            sum = sum == null ? k : sum.add(k);
        }
        return sum;
    }

    private static NDArray offDiagonalSum(NDArray square) {
        long n = square.getShape().get(0);
        NDManager manager = square.getManager();
        try (NDArray eye = manager.eye((int) n); NDArray ones = manager.ones(square.getShape());
                NDArray mask = ones.sub(eye)) {
            return square.mul(mask).sum();
        }
    }
}
