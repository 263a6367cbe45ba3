package org.gantry.study.search;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Halton points (radical inverses of the index in the first primes) with a random permutation of
 * the digits at every digit position of every dimension, drawn from the seed (random digit
 * scrambling). It breaks the correlations between the large bases of high dimensions and gives a
 * family of sets to average over. Each permutation keeps 0 in place, so the finite digit expansion
 * of an index stays finite; the sequence starts at index 1 because index 0 is the origin for every
 * seed. The digits are computed here: Hipparchus's generator has a scrambling hook, but it passes
 * digit position 0 for every digit (4.0.2), so only one permutation per dimension could be used.
 */
public final class ScrambledHalton implements PointSequence {
    private static final int[] PRIMES = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71,
        73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167, 173};
    /** Digit positions of an int index in base 2, the most any base needs. */
    private static final int POSITIONS = 32;

    private final int dimension;
    private final int[][][] permutations;

    public ScrambledHalton(int dimension, long seed) {
        if (dimension < 1 || dimension > PRIMES.length) {
            throw new IllegalArgumentException("Halton points need 1 to " + PRIMES.length + " dimensions, got " + dimension);
        }
        this.dimension = dimension;
        permutations = new int[dimension][POSITIONS][];
        SplittableRandom random = new SplittableRandom(seed);
        for (int d = 0; d < dimension; d++) {
            for (int j = 0; j < POSITIONS; j++) {
                permutations[d][j] = permutationFixingZero(PRIMES[d], random);
            }
        }
    }

    /** The most dimensions a Halton sequence has here. */
    public static int maxDimension() {
        return PRIMES.length;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public List<double[]> first(int count) {
        List<double[]> out = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            double[] p = new double[dimension];
            for (int d = 0; d < dimension; d++) {
                p[d] = radicalInverse(i, d);
            }
            out.add(p);
        }
        return out;
    }

    /** The scrambled digits of {@code index} in dimension {@code d}'s base, mirrored behind the point. */
    private double radicalInverse(int index, int d) {
        int base = PRIMES[d];
        double scale = 1.0 / base;
        double value = 0;
        int rest = index;
        for (int j = 0; rest > 0; j++) {
            value += scale * permutations[d][j][rest % base];
            rest /= base;
            scale /= base;
        }
        return value;
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
