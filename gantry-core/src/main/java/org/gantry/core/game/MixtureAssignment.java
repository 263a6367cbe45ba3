package org.gantry.core.game;

/**
 * Which member of a mixture each point goes to, from the members' assignment-critic logits. Critic
 * k's logit estimates log p_data(x)/p_k(x), so r_k(x) = exp(−logit) estimates how much more likely
 * member k makes x than the data does. Each r_k is normalised over the points being assigned,
 * r_k(x) / Σ_x' r_k(x'), before the largest is taken (Locatello et al. 2018): at the critics'
 * optimum every normaliser is the same and this is the member with the largest density ratio, and
 * before it, a member whose critic finds every point surely real is not shut out for good, which
 * is how members that lost all their points come back.
 */
public final class MixtureAssignment {
    private MixtureAssignment() {}

    /**
     * @param logits row-major {@code [points, members]}
     * @return each point's member
     */
    public static long[] of(float[] logits, int members) {
        int points = logits.length / members;
        double[] normaliser = new double[members];
        for (int k = 0; k < members; k++) {
            // log Σ_x exp(−logit), shifted by its largest term so that nothing overflows.
            double largest = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < points; i++) {
                largest = Math.max(largest, -logits[i * members + k]);
            }
            double sum = 0;
            for (int i = 0; i < points; i++) {
                sum += Math.exp(-logits[i * members + k] - largest);
            }
            normaliser[k] = largest + Math.log(sum);
        }
        long[] member = new long[points];
        for (int i = 0; i < points; i++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < members; k++) {
                double score = -logits[i * members + k] - normaliser[k];
                if (score > best) {
                    best = score;
                    member[i] = k;
                }
            }
        }
        return member;
    }
}
