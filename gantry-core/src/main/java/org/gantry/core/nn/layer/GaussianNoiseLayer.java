package org.gantry.core.nn.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.gantry.core.engine.StagingBuffer;
import org.gantry.random.Rng;

/**
 * Adds independent N(0, σ²) noise to every value while training and passes values through
 * unchanged otherwise: the regulariser of the semi-supervised GAN's discriminator (Salimans et
 * al. 2016: σ 0.3 on the input, 0.5 after each hidden layer). The noise comes from a stream the
 * trainer hands over ({@link #drawFrom}), the run's latent stream, so it is seeded and a resumed
 * run draws what an uninterrupted one would; a training pass without a stream is an error rather
 * than an unseeded draw.
 */
public final class GaussianNoiseLayer extends Layer {
    private final float sigma;
    private Rng rng;
    private StagingBuffer staging;

    public GaussianNoiseLayer(double sigma) {
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("noise standard deviation must be positive, got " + sigma);
        }
        this.sigma = (float) sigma;
    }

    /** Gives every noise layer in {@code block} the stream it draws from. */
    public static void drawFrom(Block block, Rng rng) {
        for (Block b : Layers.descendants(block)) {
            if (b instanceof GaussianNoiseLayer noise) {
                noise.rng = rng;
            }
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        if (!training) {
            return inputs;
        }
        if (rng == null) {
            throw new IllegalStateException("a Gaussian noise layer ran a training pass without a noise stream: "
                    + "the trainer hands it one (GanModel.drawLayerNoiseFrom)");
        }
        NDArray x = inputs.singletonOrThrow();
        return new NDList(x.add(noiseLike(x)));
    }

    /**
     * σ·ε with ε drawn here, as a tensor libtorch owns: the values go through one reused native
     * buffer and are cloned out of it at once, so no later fill can reach a tensor autograd holds.
     */
    private NDArray noiseLike(NDArray x) {
        float[] values = new float[Math.toIntExact(x.size())];
        rng.fillGaussian(values);
        for (int i = 0; i < values.length; i++) {
            values[i] *= sigma;
        }
        if (staging == null || !staging.shape().equals(x.getShape())) {
            staging = new StagingBuffer(x.getShape());
        }
        try (NDArray wrapped = staging.wrap(x.getManager(), values)) {
            return wrapped.duplicate();
        }
    }
}
