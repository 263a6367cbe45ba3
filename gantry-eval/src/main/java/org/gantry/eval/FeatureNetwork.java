package org.gantry.eval;

/**
 * A fixed network that maps images to features (for FID, KID, precision/recall, density/coverage)
 * and, when it is a classifier, to class probabilities (for the Inception-style score and mode
 * counting). Images arrive as the data sets give them: floats in [-1, 1], laid out
 * [channels, height, width] one image after another. Implementations live with the engine; the
 * metrics only see this interface.
 */
public interface FeatureNetwork extends AutoCloseable {

    /**
     * What the values were computed with: a name and the SHA-256 of the weights, e.g.
     * {@code gantry-classifier mnist sha256:1a2b3c…}. Reported next to every metric value, since
     * values from different feature networks are not comparable.
     */
    String identity();

    /** The image shape the network accepts, [channels, height, width]. */
    int[] inputShape();

    /** Length of one feature row. */
    int featureDimension();

    /** Number of classes of the softmax head; 0 when the network gives features only. */
    int classCount();

    /** Features (and class probabilities when {@link #classCount()} > 0) of {@code count} images. */
    Embedding embed(float[] images, int count);

    @Override
    void close();
}
