package org.gantry.eval;

/**
 * Improved precision and recall (Kynkäänniemi et al. 2019, "Improved Precision and Recall Metric
 * for Assessing Generative Models"). Each set's manifold is the union of balls around its samples
 * reaching to their k-th nearest neighbour in the same set. Precision is the share of generated
 * samples inside the real manifold (quality); recall is the share of real samples inside the
 * generated manifold (diversity). Inside means distance ≤ radius, as in the authors' code.
 */
public record PrecisionRecall(double precision, double recall) {
    public static final int DEFAULT_K = 3;

    public static PrecisionRecall of(FeatureMatrix real, FeatureMatrix generated) {
        return of(real, generated, DEFAULT_K);
    }

    public static PrecisionRecall of(FeatureMatrix real, FeatureMatrix generated, int k) {
        return of(KthNeighbourRadii.of(real, k), KthNeighbourRadii.of(generated, k));
    }

    /** From balls computed beforehand, so the real set's radii can be reused across evaluations. */
    public static PrecisionRecall of(KthNeighbourRadii real, KthNeighbourRadii generated) {
        MutualMembership m = real.mutual(generated);
        return new PrecisionRecall(m.otherInThese().fractionOfQueriesInAnyBall(),
                m.theseInOther().fractionOfQueriesInAnyBall());
    }
}
