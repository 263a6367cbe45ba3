package org.gantry.study.search;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.hipparchus.random.SobolSequenceGenerator;

/**
 * Sobol' points (Joe and Kuo's direction numbers, from Hipparchus) with Matoušek's random linear
 * scrambling and a digital shift, drawn from the seed. Hipparchus has no scrambling. Scrambling
 * keeps the net property (every elementary box of volume 2^-m holds its share of the first 2^m
 * points) while making the set a random one whose quality can be averaged over seeds, and it moves
 * the unscrambled sequence's first point off the origin.
 */
public final class ScrambledSobol implements PointSequence {
    /** Hipparchus produces each coordinate as a 52-bit integer over 2^52, so the digits are exact. */
    private static final int BITS = 52;
    private static final double SCALE = 0x1p52;

    private final int dimension;
    /** Per dimension, row k of the lower-triangular scrambling matrix: which input digits output digit k sums. */
    private final long[][] rows;
    private final long[] shifts;

    public ScrambledSobol(int dimension, long seed) {
        if (dimension < 1 || dimension > 1000) {
            throw new IllegalArgumentException("Sobol' points need 1 to 1000 dimensions, got " + dimension);
        }
        this.dimension = dimension;
        SplittableRandom random = new SplittableRandom(seed);
        rows = new long[dimension][BITS];
        shifts = new long[dimension];
        long all = (1L << BITS) - 1;
        for (int d = 0; d < dimension; d++) {
            for (int k = 0; k < BITS; k++) {
                int bit = BITS - 1 - k; // digit k + 1 after the binary point
                long above = all & ~((1L << (bit + 1)) - 1); // the more significant digits
                rows[d][k] = (1L << bit) | (random.nextLong() & above);
            }
            shifts[d] = random.nextLong() & all;
        }
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public List<double[]> first(int count) {
        SobolSequenceGenerator sobol = new SobolSequenceGenerator(dimension);
        List<double[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double[] raw = sobol.nextVector();
            double[] point = new double[dimension];
            for (int d = 0; d < dimension; d++) {
                point[d] = scramble(d, (long) (raw[d] * SCALE)) / SCALE;
            }
            out.add(point);
        }
        return out;
    }

    private long scramble(int d, long digits) {
        long out = 0;
        for (int k = 0; k < BITS; k++) {
            long parity = Long.bitCount(rows[d][k] & digits) & 1L;
            out |= parity << (BITS - 1 - k);
        }
        return out ^ shifts[d];
    }
}
