package org.gantry.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.List;
import org.gantry.config.Setting;
import org.gantry.config.ValueType;
import org.gantry.core.engine.TorchEngine;

/**
 * Exponential moving average of the generator's weights (Yazıcı et al. 2019), kept in a second
 * copy of the generator and used for evaluation: ema ← d·ema + (1−d)·w after every generator step.
 * Batch-norm running statistics are copied, not averaged.
 */
public final class GeneratorEma {
    public static final Setting<Double> DECAY = Setting.of("train.ema", ValueType.real(0, 0.999999), 0.0,
            "Decay of an exponential moving average of the generator's weights, used for evaluation; 0 turns it off.");

    private final Network source;
    private final Network average;
    private final float decay;

    GeneratorEma(Network source, Network average, double decay) {
        this.source = source;
        this.average = average;
        this.decay = (float) decay;
        copyAll();
    }

    /** Makes the average equal the generator again, as after an initialisation from data. */
    void copyAll() {
        List<Parameter> src = source.parameters();
        List<Parameter> dst = average.parameters();
        for (int i = 0; i < src.size(); i++) {
            TorchEngine.assign(dst.get(i).getArray(), src.get(i).getArray());
        }
    }

    void update() {
        List<Parameter> src = source.parameters();
        List<Parameter> dst = average.parameters();
        for (int i = 0; i < src.size(); i++) {
            NDArray w = src.get(i).getArray();
            NDArray e = dst.get(i).getArray();
            if (src.get(i).requiresGradient()) {
                try (NDArray part = w.mul(1 - decay)) {
                    e.muli(decay).addi(part);
                }
            } else {
                TorchEngine.assign(e, w);
            }
        }
    }

    Network network() {
        return average;
    }
}
