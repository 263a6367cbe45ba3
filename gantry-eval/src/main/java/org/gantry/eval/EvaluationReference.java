package org.gantry.eval;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.gantry.data.Dataset;
import org.gantry.data.Subsets;
import org.gantry.random.Rng;

/**
 * The real side of an evaluation, fixed for a whole run: the training data (for known modes and
 * labels), the reference images that generated samples are compared with (a test split where the
 * data set has one), how many of them, and the feature network. The reference embedding and its
 * Gaussian statistics are computed on first need and then kept, so a run that evaluates every few
 * hundred steps embeds its 10,000 reference images once.
 */
public final class EvaluationReference {
    private final Dataset training;
    private final Dataset images;
    private final String imagesName;
    private final int count;
    private final FeatureNetwork network;
    private final long seed;
    private Embedding embedding;
    private GaussianStatistics statistics;
    private final Map<Integer, KthNeighbourRadii> radii = new HashMap<>();

    /**
     * @param training the data the generator learns
     * @param images the reference images (may be {@code training} itself)
     * @param imagesName how the reference is reported, e.g. {@code mnist test}
     * @param requested reference images wanted; fewer when {@code images} holds fewer
     * @param network the feature network, or null where none applies (points)
     * @param seed picks the reference subset when {@code images} holds more than requested
     */
    public EvaluationReference(Dataset training, Dataset images, String imagesName, int requested,
            FeatureNetwork network, long seed) {
        this.training = training;
        this.images = images;
        this.imagesName = imagesName;
        this.count = Math.min(requested, images.size());
        this.network = network;
        this.seed = seed;
    }

    public Dataset training() {
        return training;
    }

    /** All the reference examples (the test split where the data set has one), before any subset is drawn. */
    public Dataset images() {
        return images;
    }

    public Optional<FeatureNetwork> network() {
        return Optional.ofNullable(network);
    }

    /** Whether the feature network accepts images of the training data's shape. */
    public boolean hasImageFeatures() {
        return network != null && Arrays.equals(network.inputShape(), training.exampleShape());
    }

    /** Whether the feature network also classifies images of the training data's shape. */
    public boolean hasImageClasses() {
        return hasImageFeatures() && network.classCount() > 0;
    }

    /** Number of reference images the metrics compare against. */
    public int count() {
        return count;
    }

    public String imagesName() {
        return imagesName;
    }

    /** The reference images' features, computed once. */
    public synchronized Embedding embedding() {
        if (embedding == null) {
            embedding = requireNetwork().embed(referenceImages(), count);
        }
        return embedding;
    }

    /** Mean and covariance of the reference features, computed once (FID). */
    public synchronized GaussianStatistics statistics() {
        if (statistics == null) {
            statistics = GaussianStatistics.of(embedding().features());
        }
        return statistics;
    }

    /** Balls around the reference features reaching their k-th neighbour (precision/recall, density/coverage), computed once per k. */
    public synchronized KthNeighbourRadii radii(int k) {
        return radii.computeIfAbsent(k, kk -> KthNeighbourRadii.of(embedding().features(), kk));
    }

    /** Features of generated images through the same network. */
    public Embedding embed(float[] images, int n) {
        return requireNetwork().embed(images, n);
    }

    private FeatureNetwork requireNetwork() {
        if (network == null) {
            throw new IllegalStateException("no feature network for " + training.name());
        }
        return network;
    }

    /** All reference images when they are at most {@link #count()}, else a seeded subset of that many. */
    private float[] referenceImages() {
        return Subsets.draw(images, count, Rng.forPurpose(seed, "eval-reference"));
    }
}
