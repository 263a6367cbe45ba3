package org.gantry.study.search;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.hipparchus.random.HaltonSequenceGenerator;

/**
 * Halton points (radical inverses in the first primes, from Hipparchus) with a random permutation
 * of the digits at every position of every dimension, drawn from the seed. Hipparchus offers only
 * the fixed Faure-Lemieux weights; random permutations break the correlations between high
 * dimensions' large bases in the same way and give a family of sets to average over. Each
 * permutation keeps 0 in place, so the finite digit expansion of each index stays finite, and the
 * sequence starts at index 1 because index 0 would be the origin for every seed.
 */
public final class ScrambledHalton implements PointSequence {
    private final int dimension;
    private final long seed;

    public ScrambledHalton(int dimension, long seed) {
        if (dimension < 1 || dimension > 40) {
            throw new IllegalArgumentException("Halton points need 1 to 40 dimensions (the primes Hipparchus has), got "
                    + dimension);
        }
        this.dimension = dimension;
        this.seed = seed;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public List<double[]> first(int count) {
        HaltonSequenceGenerator halton = new Permuted(dimension, seed);
        halton.nextVector(); // index 0, the origin
        List<double[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(halton.nextVector());
        }
        return out;
    }

    /** Hipparchus's generator with its digit hook answering from seeded permutations. */
    private static final class Permuted extends HaltonSequenceGenerator {
        private static final int[] PRIMES = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71,
            73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167, 173};
        /** Digit positions of an int index in base 2, the most any base needs. */
        private static final int POSITIONS = 32;
        private final int[][][] permutations;

        Permuted(int dimension, long seed) {
            super(dimension, java.util.Arrays.copyOf(PRIMES, dimension), null);
            permutations = new int[dimension][POSITIONS][];
            SplittableRandom random = new SplittableRandom(seed);
            for (int d = 0; d < dimension; d++) {
                for (int j = 0; j < POSITIONS; j++) {
                    permutations[d][j] = permutationFixingZero(PRIMES[d], random);
                }
            }
        }

        @Override
        protected int scramble(int i, int j, int b, int digit) {
            return permutations[i][j][digit];
        }

        private static int[] permutationFixingZero(int base, SplittableRandom random) {
            int[] p = new int[base];
            for (int k = 0; k < base; k++) {
                p[k] = k;
            }
            for (int k = base - 1; k > 1; k--) { // Fisher-Yates over 1 .. base-1
                int other = 1 + random.nextInt(k);
                int t = p[k];
                p[k] = p[other];
                p[other] = t;
            }
            return p;
        }
    }
}
