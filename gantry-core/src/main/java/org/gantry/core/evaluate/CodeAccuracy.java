package org.gantry.core.evaluate;

import org.gantry.core.model.GanModel;
import org.gantry.core.model.LatentSpace;
import org.gantry.eval.BestMatching;
import org.gantry.eval.Embedding;
import org.gantry.eval.FeatureNetwork;
import org.gantry.random.Rng;

/**
 * InfoGAN's unsupervised accuracy of a categorical code (Chen et al. 2016, section 7.1): samples
 * are generated for each value of the code, the rest of the latent vector drawn from its prior,
 * and labelled by a classifier of the real data; each code value is then matched one to one to a
 * class so that the most samples agree (best matching), and the accuracy is the share of samples
 * whose class is their code value's match. A generator that ignores the code scores about 1/K.
 *
 * @param accuracy the share of samples labelled with their code value's matched class
 * @param codeToClass the matched class of each code value
 * @param counts samples of each code value (rows) labelled with each class (columns)
 */
public record CodeAccuracy(double accuracy, int[] codeToClass, long[][] counts) {

    /**
     * @param code which categorical code of the model's latent space
     * @param classifier a feature network with a softmax head over at least as many classes as the code has values
     */
    public static CodeAccuracy measure(GanModel model, int code, FeatureNetwork classifier, int samplesPerValue,
            Rng rng) {
        LatentSpace space = model.latentSpace();
        int values = space.categorical().get(code);
        int classes = classifier.classCount();
        if (classes < values) {
            throw new IllegalArgumentException("a code of " + values + " values cannot be matched one to one with "
                    + classes + " classes");
        }
        long[][] counts = new long[values][classes];
        float[] z = new float[samplesPerValue * space.size()];
        for (int value = 0; value < values; value++) {
            space.draw(rng, z);
            for (int row = 0; row < samplesPerValue; row++) {
                space.setCategorical(z, row, code, value);
            }
            float[] images = model.generate(z, samplesPerValue);
            Embedding e = classifier.embed(images, samplesPerValue);
            for (int i = 0; i < samplesPerValue; i++) {
                counts[value][argmax(e, i, classes)]++;
            }
        }
        return fromCounts(counts);
    }

    /** The best one-to-one matching of code values (rows) to classes (columns) and its accuracy. */
    public static CodeAccuracy fromCounts(long[][] counts) {
        double[][] weight = new double[counts.length][];
        double total = 0;
        for (int v = 0; v < counts.length; v++) {
            weight[v] = new double[counts[v].length];
            for (int c = 0; c < counts[v].length; c++) {
                weight[v][c] = counts[v][c];
                total += counts[v][c];
            }
        }
        int[] match = BestMatching.maximise(weight);
        return new CodeAccuracy(BestMatching.total(weight, match) / total, match, counts);
    }

    private static int argmax(Embedding e, int row, int classes) {
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (e.probabilities().get(row, c) > e.probabilities().get(row, best)) {
                best = c;
            }
        }
        return best;
    }
}
