package org.gantry.data;

import java.util.ArrayList;
import java.util.List;
import org.gantry.config.ConfigException;
import org.gantry.random.Rng;

/**
 * The few training examples whose labels a semi-supervised learner may read: the same number of
 * each class (Salimans et al. 2016: 100 MNIST digits, 10 per class; where the count does not
 * divide, the first classes hold one more), drawn without replacement
 * from a seeded stream, and batches of them from an {@link EpochSampler} of its own, whose state
 * checkpoints save. Every other example counts as unlabelled.
 */
public final class LabelledSubset {
    private final Dataset data;
    private final int[] indices;
    private final EpochSampler sampler;

    /**
     * @param count labelled examples in all, at least one per class
     * @param choice picks which examples of each class are labelled
     * @param order orders the batches drawn from them
     */
    public LabelledSubset(Dataset data, int count, Rng choice, Rng order) {
        if (!data.hasLabels()) {
            throw new ConfigException("data set '" + data.name() + "' has no labels, and a semi-supervised game needs "
                    + count + " labelled examples: use a labelled data set (mnist, fashion_mnist, cifar10, ring, grid)");
        }
        int classes = data.classCount();
        if (count < classes) {
            throw new ConfigException(count + " labelled examples cannot show each of the " + classes
                    + " classes of '" + data.name() + "': use at least " + classes);
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < data.size(); i++) {
            byClass.get(data.label(i)).add(i);
        }
        this.data = data;
        this.indices = new int[count];
        int at = 0;
        for (int k = 0; k < classes; k++) {
            int perClass = count / classes + (k < count % classes ? 1 : 0);
            int[] members = byClass.get(k).stream().mapToInt(Integer::intValue).toArray();
            if (members.length < perClass) {
                throw new ConfigException("class " + k + " of '" + data.name() + "' has " + members.length
                        + " examples, fewer than the " + perClass + " labelled ones asked for per class");
            }
            choice.shuffle(members);
            System.arraycopy(members, 0, indices, at, perClass);
            at += perClass;
        }
        this.sampler = new EpochSampler(count, order);
    }

    /** The labelled examples' positions in the data set, class by class. */
    public int[] indices() {
        return indices.clone();
    }

    /**
     * Fills the next batch: examples one after another into {@code examples}, their labels into
     * {@code labels} (both sized for {@code labels.length} examples).
     */
    public void next(float[] examples, int[] labels) {
        int[] picks = new int[labels.length];
        sampler.next(picks);
        for (int i = 0; i < picks.length; i++) {
            picks[i] = indices[picks[i]];
            labels[i] = data.label(picks[i]);
        }
        data.fill(picks, examples);
    }

    public byte[] saveState() {
        return sampler.saveState();
    }

    public void restoreState(byte[] state) {
        sampler.restoreState(state);
    }
}
