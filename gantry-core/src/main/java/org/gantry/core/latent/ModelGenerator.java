package org.gantry.core.latent;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.gantry.core.engine.TorchEngine;
import org.gantry.core.model.GanModel;
import org.gantry.core.model.Network;

/** A run's evaluation generator (its average when train.ema is on) in inference mode, as a {@link GeneratorMap}. */
public final class ModelGenerator implements GeneratorMap {
    private final GanModel model;

    public ModelGenerator(GanModel model) {
        this.model = model;
    }

    @Override
    public int latentSize() {
        return model.latentSize();
    }

    @Override
    public int exampleLength() {
        return model.exampleLength();
    }

    @Override
    public float[] generate(float[] z, int count) {
        return model.generate(z, count);
    }

    @Override
    public float[] pullBack(float[] z, int count, float[] v) {
        Network g = model.evaluationGenerator();
        try (NDManager m = g.manager().newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray latent = m.create(z, new Shape(count, model.latentSize()));
            latent.setRequiresGradient(true);
            NDArray x = g.forward(latent, false);
            NDArray weights = m.create(v, x.getShape());
            NDArray inner = x.mul(weights).sum();
            return TorchEngine.gradients(inner, List.of(latent), false).singletonOrThrow().toFloatArray();
        }
    }
}
