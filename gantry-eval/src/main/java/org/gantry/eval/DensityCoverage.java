package org.gantry.eval;

/**
 * Density and coverage (Naeem et al. 2020, "Reliable Fidelity and Diversity Metrics for Generative
 * Models"), built on the real samples' k-NN balls only, so outliers among the generated samples do
 * not inflate them. With N real samples X, M generated samples Y and NND_k the distance to the k-th
 * nearest other real sample:
 * <pre>
 *   density  = 1/(k M) Σ_j Σ_i 1[Y_j ∈ B(X_i, NND_k(X_i))]   (about 1 when Y matches X; may exceed 1)
 *   coverage = 1/N Σ_i 1[∃ j: Y_j ∈ B(X_i, NND_k(X_i))]      (in [0, 1])
 * </pre>
 * Inside means distance ≤ radius; the authors' code uses {@code <}, which differs only on exact ties.
 */
public record DensityCoverage(double density, double coverage) {
    public static final int DEFAULT_K = 5;

    public static DensityCoverage of(FeatureMatrix real, FeatureMatrix generated) {
        return of(real, generated, DEFAULT_K);
    }

    public static DensityCoverage of(FeatureMatrix real, FeatureMatrix generated, int k) {
        return of(KthNeighbourRadii.of(real, k), generated);
    }

    /** From the real set's balls computed beforehand, so they can be reused across evaluations. */
    public static DensityCoverage of(KthNeighbourRadii real, FeatureMatrix generated) {
        if (generated.rows() == 0) {
            throw new IllegalArgumentException("density and coverage need at least one generated sample");
        }
        BallMembership m = real.membership(generated);
        double density = m.totalMemberships() / ((double) real.k() * generated.rows());
        return new DensityCoverage(density, m.fractionOfBallsWithAnyQuery());
    }
}
