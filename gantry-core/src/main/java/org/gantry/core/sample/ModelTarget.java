package org.gantry.core.sample;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.function.Function;
import org.gantry.config.ConfigException;
import org.gantry.core.engine.TorchEngine;
import org.gantry.core.game.Game;
import org.gantry.core.latent.GeneratorMap;
import org.gantry.core.model.CriticInput;
import org.gantry.core.model.GanModel;
import org.gantry.core.model.GeneratorOutput;
import org.gantry.core.model.LatentSpace;
import org.gantry.core.model.Network;
import org.gantry.random.Rng;

/**
 * A run's networks as a {@link SamplingTarget} and, for latent geometry, a {@link GeneratorMap}: the
 * evaluation generator (its average when train.ema is on) and the evaluation critic (its average
 * when train.d_ema is on), both in inference mode, with the game's logit of the critic's outputs.
 */
public final class ModelTarget implements SamplingTarget, GeneratorMap {
    private static final int CHUNK = 1024;
    private final GanModel model;
    private final Game game;
    private final HeldOutExamples heldOut;

    public ModelTarget(GanModel model, Game game, HeldOutExamples heldOut) {
        this.model = model;
        this.game = game;
        this.heldOut = heldOut;
    }

    @Override
    public LatentSpace latentSpace() {
        return model.latentSpace();
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
    public void draw(float[] outputs, Rng rng) {
        model.generatorOutput().draw(outputs, rng);
    }

    @Override
    public boolean outputsAreExamples() {
        return model.generatorOutput() == GeneratorOutput.EXAMPLES;
    }

    @Override
    public float[] logits(float[] examples, int count) {
        Network d = critic();
        float[] out = new float[count];
        int length = model.exampleLength();
        for (int start = 0; start < count; start += CHUNK) {
            int n = Math.min(CHUNK, count - start);
            try (NDManager m = d.manager().newSubManager()) {
                float[] x = new float[n * length];
                System.arraycopy(examples, start * length, x, 0, x.length);
                NDArray logit = game.logit(d.forward(m.create(x, Network.batchShape(n, model.exampleShape())), false));
                System.arraycopy(logit.toFloatArray(), 0, out, start, n);
            }
        }
        return out;
    }

    @Override
    public LatentLogits latentLogits(float[] z, int count) {
        Network d = critic();
        float[][] logitAndGradient = new float[1][];
        float[] gradient = latentGradient(z, count, x -> {
            NDArray logit = game.logit(d.forward(x, false));
            logitAndGradient[0] = logit.toFloatArray();
            return logit.sum();
        });
        return new LatentLogits(logitAndGradient[0], gradient);
    }

    @Override
    public float[] pullBack(float[] z, int count, float[] v) {
        return latentGradient(z, count, x -> x.mul(x.getManager().create(v, x.getShape())).sum());
    }

    @Override
    public int latentSize() {
        return model.latentSize();
    }

    /**
     * The gradient with respect to z of the scalar {@code f(G(z))}, through the evaluation generator in
     * inference mode; nothing is left in any parameter's gradient ({@code torch.autograd.grad}).
     */
    private float[] latentGradient(float[] z, int count, Function<NDArray, NDArray> f) {
        Network g = model.evaluationGenerator();
        try (NDManager m = g.manager().newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray latent = m.create(z, new Shape(count, model.latentSize()));
            latent.setRequiresGradient(true);
            NDArray scalar = f.apply(g.forward(latent, false));
            return TorchEngine.gradients(scalar, List.of(latent), false).singletonOrThrow().toFloatArray();
        }
    }

    @Override
    public float[] heldOut(int count, Rng rng) {
        return heldOut.draw(count, rng);
    }

    @Override
    public int heldOutAvailable() {
        return heldOut.available();
    }

    @Override
    public String heldOutDescription() {
        return heldOut.description();
    }

    @Override
    public void checkCritic() {
        critic();
    }

    private Network critic() {
        if (model.criticInput() != CriticInput.EXAMPLES) {
            throw new ConfigException("this run's game trains " + (model.criticInput() == CriticInput.NONE
                    ? "no discriminator" : "a discriminator of latent codes, not of examples") + ", so there is no "
                    + "logit of an example for a sampler to read; use sample.name=direct or truncation");
        }
        if (game.judgesReconstructions()) {
            throw new ConfigException("this run's d tells real examples from their reconstructions "
                    + "(game.adversarial_weight), not from the generator's samples, so its logit is no density ratio "
                    + "for a sampler to read; use sample.name=direct or truncation");
        }
        if (model.criticMembers() > 1) {
            throw new ConfigException("this run's d holds " + model.criticMembers() + " critics side by side (a "
                    + "mixture's members' critics, or a Bayesian GAN's discriminator samples), none of which gives the "
                    + "logit of the whole model's density ratio that a sampler reads; use sample.name=direct or "
                    + "truncation");
        }
        Network d = model.evaluationDiscriminator();
        if (d.pack() != 1) {
            throw new ConfigException("this run's discriminator judges packs of " + d.pack() + " examples (d.pack), so "
                    + "it gives no logit per example for a sampler to read; use sample.name=direct or truncation");
        }
        if (d.inferenceCouplingLayer() != null) {
            throw new ConfigException("this run's discriminator has " + d.inferenceCouplingLayer() + " (d.minibatch_kernels),"
                    + " so each logit depends on the rest of its batch and no sampler can read it as the ratio of one "
                    + "example; use sample.name=direct or truncation");
        }
        return d;
    }
}
