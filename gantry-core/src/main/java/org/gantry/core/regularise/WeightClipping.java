package org.gantry.core.regularise;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.List;
import org.gantry.config.Setting;
import org.gantry.core.engine.TorchEngine;
import org.gantry.config.ValueType;

/**
 * Weight clipping (Arjovsky et al. 2017): after each critic update every trainable weight is
 * clipped to [−c, c], a crude way to keep a Wasserstein critic Lipschitz.
 */
public final class WeightClipping implements Regulariser {
    public static final Setting<Double> BOUND = Setting.of("regulariser.clip", ValueType.real(1e-8, 1e6), 0.01,
            "Clipping bound c for regulariser.name=clip (WGAN: 0.01).");

    private final float bound;

    public WeightClipping(double bound) {
        this.bound = (float) bound;
    }

    @Override
    public void afterDiscriminatorUpdate(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            if (p.requiresGradient()) {
                NDArray w = p.getArray();
                try (NDArray clipped = w.clip(-bound, bound)) {
                    TorchEngine.assign(w, clipped);
                }
            }
        }
    }
}
