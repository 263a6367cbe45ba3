package org.gantry.eval;

import java.util.Map;
import org.gantry.data.Dataset;

/**
 * A quality measure of generated samples against the training data. Engine-free: samples arrive
 * as a flat float array, one example after another, in the data set's example shape.
 */
public interface SampleMetric {

    /** Whether this metric can judge samples of this data set (e.g. it needs known modes). */
    boolean appliesTo(Dataset data);

    /** Named values; each name is a key of {@code metrics.jsonl} and {@code summary.json}. */
    Map<String, Double> evaluate(float[] samples, int count, Dataset data);
}
