package org.gantry.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.gantry.core.engine.TorchEngine;

/**
 * Historical averaging (Salimans et al. 2016): a player's loss gets {@code λ‖θ − θ̄‖²}, with θ̄
 * the mean of its parameters over all its updates so far, the current one included. The
 * penalty's gradient {@code 2λ(θ − θ̄)} is added to the accumulated gradient just before each
 * optimizer step, with θ̄ treated as a constant as in the paper.
 */
final class HistoricalAverage {
    private final float weight;
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<NDArray> means = new ArrayList<>();
    private long count;

    HistoricalAverage(double weight, List<Parameter> all, NDManager owner) {
        this.weight = (float) weight;
        for (Parameter p : all) {
            if (p.requiresGradient()) {
                parameters.add(p);
                NDArray mean = p.getArray().duplicate();
                mean.attach(owner);
                means.add(mean);
            }
        }
    }

    /** Folds the current parameters into the mean and adds the penalty's gradient to theirs. */
    void beforeUpdate() {
        count++;
        float newWeight = 1f / count;
        for (int i = 0; i < parameters.size(); i++) {
            NDArray theta = parameters.get(i).getArray();
            NDArray mean = means.get(i);
            try (NDArray gap = theta.sub(mean);
                    NDArray meanStep = gap.mul(newWeight);
                    // θ − (θ̄ + gap/n) = gap·(1 − 1/n): no second pass over θ.
                    NDArray penalty = gap.mul(2 * weight * (1 - newWeight))) {
                mean.addi(meanStep);
                TorchEngine.addToGradient(theta, penalty);
            }
        }
    }

    void save(DataOutputStream out) throws IOException {
        out.writeLong(count);
        for (NDArray mean : means) {
            for (float v : mean.toFloatArray()) {
                out.writeFloat(v);
            }
        }
    }

    /** Reorders the means of parameters whose load reordered them (by parameter id), as their parameters were. */
    void reorder(Map<String, Consumer<NDArray>> reorders) {
        for (int i = 0; i < parameters.size(); i++) {
            Consumer<NDArray> r = reorders.get(parameters.get(i).getId());
            if (r != null) {
                r.accept(means.get(i));
            }
        }
    }

    void load(DataInputStream in) throws IOException {
        count = in.readLong();
        for (NDArray mean : means) {
            float[] v = new float[Math.toIntExact(mean.size())];
            for (int j = 0; j < v.length; j++) {
                v[j] = in.readFloat();
            }
            try (NDArray loaded = mean.getManager().create(v, mean.getShape())) {
                TorchEngine.assign(mean, loaded);
            }
        }
    }
}
