package org.gantry.core.nn.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import org.gantry.core.engine.Scalars;
import org.gantry.core.engine.TorchEngine;
import org.gantry.random.Rng;

/**
 * A layer with a weight whose first axis is the output and a bias; the weight is used as it is,
 * spectrally normalised, or weight-normalised (see {@link WeightForm}).
 */
abstract class WeightLayer extends Layer implements SelfInitialising {
    private final Parameter weight;
    private final Parameter bias;
    private final SpectralNorm spectral;
    private final Parameter gain;
    private boolean initialiseOnNextBatch;

    WeightLayer(Shape weightShape, WeightForm form) {
        this(weightShape, form, (byte) 1);
    }

    /** @param version the block version its checkpoints carry (a layer whose storage changed) */
    WeightLayer(Shape weightShape, WeightForm form, byte version) {
        super(version);
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(weightShape).optInitializer(Initializer.ZEROS).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(weightShape.get(0))).build());
        spectral = form == WeightForm.SPECTRAL ? new SpectralNorm(addParameter(SpectralNorm.vector(weightShape.get(0))))
                : null;
        gain = form == WeightForm.WEIGHT_NORM ? addParameter(Parameter.builder().setName("weight_norm_g")
                .setType(Parameter.Type.OTHER).optShape(new Shape(weightShape.get(0))).optInitializer(Initializer.ONES)
                .build()) : null;
    }

    /** The layer's output for input {@code x}, weight {@code w} and bias {@code b}. */
    abstract NDArray apply(NDArray x, NDArray w, NDArray b);

    @Override
    protected final NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (initialiseOnNextBatch) {
            initialiseOnNextBatch = false;
            return new NDList(initialiseOn(store, x));
        }
        return new NDList(apply(x, weight(store, x, training), bias(store, x, training)));
    }

    /**
     * Weight normalisation starts with each unit's length equal to its direction's norm, so the
     * layer computes what the default initialisation gave until {@link #initialiseOnNextBatch} runs.
     */
    @Override
    public void initialise(Rng rng) {
        if (spectral != null) {
            spectral.initialise(rng);
        }
        if (gain != null) {
            try (NDManager m = weight.getArray().getManager().newSubManager()) {
                NDArray v = weight.getArray().reshape(weight.getArray().getShape().get(0), -1);
                v.attach(m);
                TorchEngine.assign(gain.getArray(), v.norm(new int[] {1}));
            }
        }
    }

    /** Whether each training pass moves state the next pass reads: spectral normalisation's power iteration. */
    boolean advancesEachPass() {
        return spectral != null;
    }

    /** Whether this layer sets its parameters from the first batch it sees (weight normalisation). */
    boolean initialisesFromData() {
        return gain != null;
    }

    /** Makes the next forward pass set the unit lengths and biases from its batch. */
    void initialiseOnNextBatch() {
        initialiseOnNextBatch = gain != null;
    }

    /**
     * Salimans &amp; Kingma's data-dependent initialisation: with t the output of the unit-length
     * directions and no bias, g = 1/σ[t] and b = −μ[t]/σ[t] over the batch (and positions), σ with
     * ε = 1e-10 under the root, so each
     * unit's output on this batch has zero mean and unit variance; returns that output.
     */
    private NDArray initialiseOn(ParameterStore store, NDArray x) {
        NDManager scope = x.getManager();
        NDArray v = store.getValue(weight, x.getDevice(), false);
        long units = v.getShape().get(0);
        NDArray rows = v.reshape(units, -1);
        rows.attach(scope);
        NDArray direction = rows.div(rows.norm(new int[] {1}, true)).reshape(v.getShape());
        NDArray t = apply(x, direction, scope.zeros(new Shape(units)));
        int[] axes = new int[t.getShape().dimension() - 1];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i == 0 ? 0 : i + 1;
        }
        NDArray mean = Layers.mean(t, axes);
        NDArray centred = t.sub(mean);
        // Salimans & Kingma's ε keeps a unit whose output is constant on the batch finite.
        NDArray std = Scalars.plus(Layers.mean(centred.square(), axes), 1e-10).sqrt();
        TorchEngine.assign(gain.getArray(), scope.ones(std.getShape()).div(std).reshape(units));
        TorchEngine.assign(bias.getArray(), mean.neg().div(std).reshape(units));
        return centred.div(std);
    }

    Parameter biasParameter() {
        return bias;
    }

    /** The weight to compute with: spectrally or weight-normalised when that is on. */
    NDArray weight(ParameterStore store, NDArray x, boolean training) {
        NDArray w = store.getValue(weight, x.getDevice(), training);
        if (spectral != null) {
            return spectral.normalise(w, store.getValue(spectral.parameter(), x.getDevice(), training), x.getManager(),
                    training);
        }
        if (gain != null) {
            Shape shape = w.getShape();
            NDArray rows = w.reshape(shape.get(0), -1);
            rows.attach(x.getManager());
            NDArray g = store.getValue(gain, x.getDevice(), training).reshape(shape.get(0), 1);
            g.attach(x.getManager());
            return rows.mul(g.div(rows.norm(new int[] {1}, true))).reshape(shape);
        }
        return w;
    }

    NDArray bias(ParameterStore store, NDArray x, boolean training) {
        return store.getValue(bias, x.getDevice(), training);
    }
}
