package org.gantry.random;

import java.nio.charset.StandardCharsets;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * A seeded random stream whose state can be saved into a checkpoint and restored, so a resumed run
 * draws exactly the numbers an uninterrupted run would. Gantry draws all noise and data order on
 * the Java side from these streams, which keeps runs reproducible across engine versions.
 */
public final class Rng {
    private static final RandomSource SOURCE = RandomSource.XO_RO_SHI_RO_128_PP;
    private final RestorableUniformRandomProvider provider;
    private final NormalizedGaussianSampler gaussian;

    public Rng(long seed) {
        provider = SOURCE.create(seed);
        gaussian = ZigguratSampler.NormalizedGaussian.of(provider);
    }

    /** An independent stream for one purpose ("noise", "data", ...) derived from a run seed. */
    public static Rng forPurpose(long seed, String purpose) {
        long h = seed;
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h + b);
        }
        return new Rng(mix(h));
    }

    /** SplitMix64's finaliser: nearby inputs give unrelated outputs. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    public double gaussian() {
        return gaussian.sample();
    }

    /** {@code count} standard normal draws, in the order {@link #gaussian()} would give them. */
    public double[] gaussians(int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = gaussian.sample();
        }
        return out;
    }

    public void fillGaussian(float[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) gaussian.sample();
        }
    }

    public double uniform() {
        return provider.nextDouble();
    }

    public int nextInt(int bound) {
        return provider.nextInt(bound);
    }

    public long nextLong() {
        return provider.nextLong();
    }

    /** Fisher–Yates shuffle in place. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = provider.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    public byte[] saveState() {
        return ((RandomProviderDefaultState) provider.saveState()).getState();
    }

    public void restoreState(byte[] state) {
        provider.restoreState(new RandomProviderDefaultState(state));
    }
}
