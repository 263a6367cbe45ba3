package org.gantry.core.features;

/**
 * How the classifier is trained: Adam (β = 0.9, 0.999) with a cosine learning-rate decay from
 * {@code learningRate} to 0 over all steps, mini-batches drawn without replacement in a fresh
 * seeded order each epoch, random shifts of up to {@code maxShift} pixels (background filled), and
 * dropout on the 128 features before the class layer.
 *
 * @param epochs passes over the training split
 * @param batch images per step (lowered to the split size when the split is smaller)
 * @param learningRate Adam's starting learning rate
 * @param maxShift largest random translation in pixels, each axis; 0 turns augmentation off
 * @param dropout probability of zeroing a feature in training; 0 turns dropout off
 */
public record ClassifierRecipe(int epochs, int batch, double learningRate, int maxShift, double dropout) {
    /** Epochs of the default recipe. */
    public static final int DEFAULT_EPOCHS = 4;

    public ClassifierRecipe {
        if (epochs < 1 || batch < 2 || !(learningRate > 0) || maxShift < 0 || !(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("bad classifier recipe: epochs " + epochs + ", batch " + batch
                    + ", learning rate " + learningRate + ", max shift " + maxShift + ", dropout " + dropout);
        }
    }

    /**
     * The recipe evaluations train their classifiers with: 4 epochs of 128 images, learning rate
     * 2·10⁻³, shifts of up to 1 pixel, dropout 0.25. With seed 0 and 2 threads it reached 99.46 %
     * test accuracy on MNIST and 91.17 % on Fashion-MNIST, about a minute each on 2 idle cores.
     */
    public static ClassifierRecipe defaults() {
        return new ClassifierRecipe(DEFAULT_EPOCHS, 128, 2e-3, 1, 0.25);
    }

    public ClassifierRecipe withEpochs(int n) {
        return new ClassifierRecipe(n, batch, learningRate, maxShift, dropout);
    }
}
