package org.gantry.core.model;

import java.util.List;
import org.gantry.random.Rng;

/**
 * What the generator reads: a noise vector (normal or uniform per coordinate) followed by latent
 * codes, each categorical code one-hot over its classes and each continuous code uniform on
 * [−1, 1] (InfoGAN, Chen et al. 2016). Without codes it is the noise alone.
 *
 * @param noise the noise vector's length (g.z_dim)
 * @param uniformNoise uniform U(−1, 1) noise instead of N(0, I)
 * @param categorical the number of classes of each categorical code
 * @param continuous the number of continuous codes
 * @param firstCodeWeights how likely each value of the first categorical code is drawn, in
 *     proportion (a mixture's members' shares of the data); empty for all alike
 */
public record LatentSpace(int noise, boolean uniformNoise, List<Integer> categorical, int continuous,
        List<Double> firstCodeWeights) {

    public LatentSpace {
        categorical = List.copyOf(categorical);
        firstCodeWeights = List.copyOf(firstCodeWeights);
        if (!firstCodeWeights.isEmpty() && (categorical.isEmpty() || firstCodeWeights.size() != categorical.get(0)
                || firstCodeWeights.stream().anyMatch(w -> !(w >= 0)) || firstCodeWeights.stream()
                        .mapToDouble(Double::doubleValue).sum() <= 0)) {
            throw new IllegalArgumentException("weights " + firstCodeWeights + " for a first code of " + categorical
                    + " values");
        }
    }

    /** Codes whose values are all alike. */
    public LatentSpace(int noise, boolean uniformNoise, List<Integer> categorical, int continuous) {
        this(noise, uniformNoise, categorical, continuous, List.of());
    }

    /**
     * This space with the first categorical code's values drawn in proportion to {@code weights}.
     * Weights all alike are no weights: the draw stays the uniform one, stream included (a
     * Bayesian GAN's samples, a mixture in warm-up).
     */
    public LatentSpace withFirstCodeWeights(List<Double> weights) {
        LatentSpace weighted = new LatentSpace(noise, uniformNoise, categorical, continuous, weights); // checks them
        return weights.stream().distinct().count() == 1 ? this.withoutWeights() : weighted;
    }

    private LatentSpace withoutWeights() {
        return new LatentSpace(noise, uniformNoise, categorical, continuous);
    }

    /** Noise alone. */
    public static LatentSpace noiseOnly(int noise, boolean uniformNoise) {
        return new LatentSpace(noise, uniformNoise, List.of(), 0);
    }

    /** The length of one latent vector: noise, then one-hot categorical codes, then continuous codes. */
    public int size() {
        return noise + codeSize();
    }

    /** The length of the codes part, which follows the noise. */
    public int codeSize() {
        return categorical.stream().mapToInt(Integer::intValue).sum() + continuous;
    }

    public boolean hasCodes() {
        return codeSize() > 0;
    }

    /** Fills {@code out} (a whole number of latent vectors, row-major) with independent draws. */
    public void draw(Rng rng, float[] out) {
        if (!hasCodes()) {
            fillNoise(rng, out);
            return;
        }
        int rows = out.length / size();
        // The noise of the whole batch comes first, so the stream reads as it would without codes.
        float[] z = new float[rows * noise];
        fillNoise(rng, z);
        for (int r = 0; r < rows; r++) {
            int at = r * size();
            System.arraycopy(z, r * noise, out, at, noise);
            at += noise;
            for (int code = 0; code < categorical.size(); code++) {
                int classes = categorical.get(code);
                int c = code == 0 && !firstCodeWeights.isEmpty() ? weighted(rng) : rng.nextInt(classes);
                for (int k = 0; k < classes; k++) {
                    out[at + k] = k == c ? 1f : 0f;
                }
                at += classes;
            }
            for (int j = 0; j < continuous; j++) {
                out[at++] = (float) (2 * rng.uniform() - 1);
            }
        }
    }

    /**
     * Fills {@code out} as {@link #draw} does, then spreads the first categorical code's values
     * evenly over the rows: each value on {@code rows / classes} rows or one more, the extra rows'
     * values and the order drawn at random. A mixture's training batch, in which every member gets rows.
     */
    public void drawBalanced(Rng rng, float[] out) {
        if (categorical.isEmpty()) {
            throw new IllegalStateException("a latent space without a categorical code has nothing to balance");
        }
        draw(rng, out);
        int rows = out.length / size();
        int classes = categorical.get(0);
        int[] value = new int[rows];
        int[] extra = new int[classes];
        for (int c = 0; c < classes; c++) {
            extra[c] = c;
        }
        shuffle(extra, rng);
        for (int r = 0; r < rows; r++) {
            // Whole rounds of every value first, then the leftover rows take distinct random values.
            value[r] = r < rows - rows % classes ? r % classes : extra[r - (rows - rows % classes)];
        }
        shuffle(value, rng);
        for (int r = 0; r < rows; r++) {
            setCategorical(out, r, 0, value[r]);
        }
    }

    /** A value of the first code drawn in proportion to its weight. */
    private int weighted(Rng rng) {
        double total = 0;
        for (double w : firstCodeWeights) {
            total += w;
        }
        double u = rng.uniform() * total;
        for (int k = 0; k < firstCodeWeights.size(); k++) {
            u -= firstCodeWeights.get(k);
            if (u < 0) {
                return k;
            }
        }
        return firstCodeWeights.size() - 1;
    }

    private static void shuffle(int[] a, Rng rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Sets categorical code {@code code} of latent vector {@code row} in {@code z} to {@code value}. */
    public void setCategorical(float[] z, int row, int code, int value) {
        int classes = categorical.get(code);
        if (value < 0 || value >= classes) {
            throw new IllegalArgumentException("code " + code + " has values 0 to " + (classes - 1) + ", not " + value);
        }
        int at = row * size() + noise;
        for (int i = 0; i < code; i++) {
            at += categorical.get(i);
        }
        for (int k = 0; k < classes; k++) {
            z[at + k] = k == value ? 1f : 0f;
        }
    }

    /** Sets continuous code {@code code} of latent vector {@code row} in {@code z} to {@code value}. */
    public void setContinuous(float[] z, int row, int code, float value) {
        if (code < 0 || code >= continuous) {
            throw new IllegalArgumentException("there are " + continuous + " continuous codes, no code " + code);
        }
        z[row * size() + size() - continuous + code] = value;
    }

    private void fillNoise(Rng rng, float[] out) {
        if (uniformNoise) {
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (2 * rng.uniform() - 1);
            }
        } else {
            rng.fillGaussian(out);
        }
    }
}
