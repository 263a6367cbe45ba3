package org.gantry.eval;

/**
 * What a {@link FeatureNetwork} says about a set of images: one feature row per image, and, when
 * the network has a class head, one row of class probabilities (softmax) per image.
 *
 * @param probabilities null when the network gives features only
 */
public record Embedding(FeatureMatrix features, FeatureMatrix probabilities) {
    public Embedding {
        if (probabilities != null && probabilities.rows() != features.rows()) {
            throw new IllegalArgumentException("features and probabilities must have one row per image: "
                    + features.rows() + " vs " + probabilities.rows());
        }
    }

    public int count() {
        return features.rows();
    }

    public boolean hasProbabilities() {
        return probabilities != null;
    }
}
