package org.gantry.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.List;
import org.gantry.config.Setting;
import org.gantry.config.ValueType;
import org.gantry.core.engine.TorchEngine;

/**
 * An exponential moving average of a network's weights, kept in a second copy of the network and
 * used for evaluation: avg ← d·avg + (1−d)·w after every training step. Batch-norm running
 * statistics and other untrained values are copied, not averaged. The generator's (train.ema,
 * Yazıcı et al. 2019) evaluates samples; the discriminator's (train.d_ema) evaluates the
 * discriminator itself where a run reports on it, as Salimans et al.'s semi-supervised code
 * reports the test error of its average discriminator (decay 0.9999).
 */
public final class NetworkAverage {
    public static final Setting<Double> GENERATOR_DECAY = Setting.of("train.ema", ValueType.real(0, 0.999999), 0.0,
            "Decay of an exponential moving average of the generator's weights, used for evaluation; 0 turns it off.");
    public static final Setting<Double> CRITIC_DECAY = Setting.of("train.d_ema", ValueType.real(0, 0.999999), 0.0,
            "Decay of an exponential moving average of the discriminator's weights, used where the discriminator "
                    + "itself is evaluated (the semi-supervised GAN's test_error; Salimans et al. use 0.9999); 0 turns "
                    + "it off.");

    private final Network source;
    private final Network average;
    private final float decay;

    NetworkAverage(Network source, Network average, double decay) {
        this.source = source;
        this.average = average;
        this.decay = (float) decay;
        copyAll();
    }

    /** Makes the average equal the network again, as after an initialisation from data. */
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
