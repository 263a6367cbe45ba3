package org.gantry.core.evaluate;

import org.gantry.core.game.MixtureAssignment;
import org.gantry.core.model.Network;
import org.gantry.data.Dataset;

/**
 * A mixture's assignment of labelled examples to its members, read as a clustering: each example
 * goes to a member as in training ({@link MixtureAssignment}, normalised over the whole set), and the
 * clusters are scored against the labels. Purity is the share of examples whose cluster's most
 * common label is theirs; accuracy, where there are no more members than classes, the share
 * whose cluster's best one-to-one matched class is theirs.
 *
 * @param counts examples of each member (rows) with each label (columns)
 */
public record ClusterAssignment(long[][] counts) {
    private static final int CHUNK = 1000;

    /**
     * @param critics the mixture's assignment critics, one logit per member
     * @param members how many members, the critics' outputs
     */
    public static ClusterAssignment of(Network critics, int members, Dataset data) {
        if (!data.hasLabels() || data.size() == 0) {
            throw new IllegalArgumentException("'" + data.name() + "' has no labelled examples to cluster");
        }
        float[] logits = new float[data.size() * members];
        ExampleBatches.forEach(data, data.size(), CHUNK, critics.manager(), (start, values, examples) -> {
            float[] chunk = critics.forward(examples, false).toFloatArray();
            System.arraycopy(chunk, 0, logits, start * members, chunk.length);
        });
        long[] member = MixtureAssignment.of(logits, members);
        long[][] counts = new long[members][data.classCount()];
        for (int i = 0; i < member.length; i++) {
            counts[(int) member[i]][data.label(i)]++;
        }
        return new ClusterAssignment(counts);
    }

    public long total() {
        long n = 0;
        for (long[] row : counts) {
            for (long c : row) {
                n += c;
            }
        }
        return n;
    }

    /** The share of examples that carry their cluster's most common label. */
    public double purity() {
        long agree = 0;
        for (long[] row : counts) {
            long most = 0;
            for (long c : row) {
                most = Math.max(most, c);
            }
            agree += most;
        }
        return agree / (double) total();
    }

    /** Whether each member can be matched to a class of its own, so that {@link #accuracy} is defined. */
    public boolean matchable() {
        return counts.length <= counts[0].length;
    }

    /** The share of examples whose cluster's one-to-one matched class is their label. */
    public double accuracy() {
        if (!matchable()) {
            throw new IllegalStateException(counts.length + " clusters cannot be matched one to one with "
                    + counts[0].length + " classes");
        }
        return CodeAccuracy.fromCounts(counts).accuracy();
    }

    /** The share of the examples each member was given. */
    public double[] shares() {
        double[] shares = new double[counts.length];
        double n = total();
        for (int k = 0; k < counts.length; k++) {
            for (long c : counts[k]) {
                shares[k] += c / n;
            }
        }
        return shares;
    }
}
