package org.gantry.core.game;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.gantry.core.model.GanModel;
import org.gantry.core.model.Network;
import org.gantry.random.Rng;

/**
 * One round of a game as its objectives see it: a real batch (drawn only when an objective asks
 * for it, so that a generator step that needs none leaves the data stream where it was), a
 * generated batch, and each network's outputs on them, computed once and shared by every
 * objective of the round.
 */
public final class Play {
    private final GanModel model;
    private final Supplier<NDArray> realSource;
    private final NDArray latent;
    private final NDArray output;
    private final NDArray fake;
    private final Rng noise;
    private Supplier<LabelledBatch> labelledSource;
    private long step;
    private NDArray real;
    private LabelledBatch labelled;
    private final Map<String, NDArray> onReal = new HashMap<>();
    private final Map<String, NDArray> onFake = new HashMap<>();
    private final Map<String, NDArray> featuresOnFake = new HashMap<>();

    /**
     * @param latent the generator's input that made {@code fake}: noise, then the game's codes
     * @param fake the generated batch; with graph back to the generator when its objective is
     *     differentiated, without it in a critic step
     * @param noise the trainer's checkpointed stream, for the objectives' own randomness
     */
    public Play(GanModel model, Supplier<NDArray> realSource, NDArray latent, NDArray fake, Rng noise) {
        this(model, realSource, latent, fake, fake, noise);
    }

    /**
     * A play whose generator's output is not itself the examples the critics judge.
     *
     * @param output the generator's output on {@code latent}, with its graph when the generator's
     *     objective is differentiated (discrete BGAN's Bernoulli probabilities)
     * @param fake the generated examples, drawn from {@code output}
     */
    public Play(GanModel model, Supplier<NDArray> realSource, NDArray latent, NDArray output, NDArray fake, Rng noise) {
        this.model = model;
        this.realSource = realSource;
        this.latent = latent;
        this.output = output;
        this.fake = fake;
        this.noise = noise;
    }

    /**
     * A play whose networks' outputs are already at hand: objectives evaluated on given critic
     * values, as the tests of a game's optimum do. Asking for an output not given is an error.
     */
    public static Play ofOutputs(Map<String, NDArray> onReal, Map<String, NDArray> onFake) {
        Play play = new Play(null, () -> {
            throw new IllegalStateException("this play has critic outputs only");
        }, null, null, null, null);
        play.onReal.putAll(onReal);
        play.onFake.putAll(onFake);
        return play;
    }

    public GanModel model() {
        return model;
    }

    public NDArray real() {
        if (real == null) {
            real = realSource.get();
        }
        return real;
    }

    /** Sets how many steps were trained before this play's; returns this play. */
    public Play atStep(long step) {
        this.step = step;
        return this;
    }

    /** How many steps were trained before this play's (0 unless the trainer set it). */
    public long step() {
        return step;
    }

    /** Where {@link #labelled} draws from, for games that read labels; returns this play. */
    public Play withLabelled(Supplier<LabelledBatch> source) {
        this.labelledSource = source;
        return this;
    }

    /** A batch of the labelled examples, drawn on first request. */
    public LabelledBatch labelled() {
        if (labelled == null) {
            if (labelledSource == null) {
                throw new IllegalStateException("this play has no labelled examples: the game declares none");
            }
            labelled = labelledSource.get();
        }
        return labelled;
    }

    /** The generated examples, what the critics judge. */
    public NDArray fake() {
        if (fake == null) {
            throw new IllegalStateException("this play has no generated batch: its game plays none");
        }
        return fake;
    }

    /** The generator's output they were drawn from; the examples themselves unless the generator outputs a distribution. */
    public NDArray generatorOutput() {
        return output;
    }

    public NDArray latent() {
        return latent;
    }

    public Rng noise() {
        return noise;
    }

    /** Network {@code name}'s output on the real batch, in training mode. */
    public NDArray onReal(String name) {
        NDArray out = onReal.get(name);
        if (out == null) {
            out = model.network(name).forward(real(), true);
            onReal.put(name, out);
        }
        return out;
    }

    /** Network {@code name}'s output on the generated batch, in training mode. */
    public NDArray onFake(String name) {
        NDArray out = onFake.get(name);
        if (out == null) {
            out = model.network(name).forward(fake(), true);
            onFake.put(name, out);
        }
        return out;
    }

    /**
     * Network {@code name}'s outputs on the real and on the generated batch, in training mode, as
     * {@link #onReal} and {@link #onFake} give them. When the network judges two batches stacked as
     * it would judge each alone ({@link Network#judgesStackedBatchesApart}), both come from one pass
     * over the real batch followed by the generated one: one matrix product per layer where there
     * were two, which on small networks halves the per-operation cost. The outputs then differ from
     * two passes' only in the order of the floating-point sums the CPU's kernels choose.
     *
     * @return the output on the real batch, then on the generated batch
     */
    public NDArray[] onRealAndFake(String name) {
        Network network = onReal.containsKey(name) || onFake.containsKey(name) ? null : model.network(name);
        if (network != null && network.judgesStackedBatchesApart()) {
            long realRows = real().getShape().get(0) / network.pack();
            NDArray both = network.forward(real().concat(fake(), 0), true);
            onReal.put(name, both.get(new NDIndex("0:" + realRows)));
            onFake.put(name, both.get(new NDIndex(realRows + ":")));
        }
        return new NDArray[] {onReal(name), onFake(name)};
    }

    /**
     * Network {@code name}'s last hidden features on the generated batch, in training mode. Asked
     * before {@link #onFake}, both come from one pass.
     */
    public NDArray featuresOnFake(String name) {
        NDArray out = featuresOnFake.get(name);
        if (out == null) {
            if (onFake.containsKey(name)) {
                out = model.network(name).features(fake(), true);
            } else {
                NDArray[] both = model.network(name).featuresAndOutput(fake(), true);
                out = both[0];
                onFake.put(name, both[1]);
            }
            featuresOnFake.put(name, out);
        }
        return out;
    }
}
