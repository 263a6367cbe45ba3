package org.gantry.core.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.gantry.core.engine.TorchEngine;
import org.gantry.core.nn.layer.DataInitialisation;
import org.gantry.core.nn.layer.GaussianNoiseLayer;
import org.gantry.core.nn.layer.Initialisation;
import org.gantry.core.nn.layer.LayerSequence;
import org.gantry.core.nn.layer.Layers;
import org.gantry.core.optim.StatefulOptimizer;
import org.gantry.random.Rng;

/**
 * One player: a block, the manager that owns its parameters, and (when it is trained) a
 * parameter store wired to its own optimizer (see {@link DeferredParameterServer}).
 */
public final class Network implements AutoCloseable {
    private final Block block;
    private final NDManager manager;
    private ParameterStore store;
    private StatefulOptimizer optimizer;
    /** The store's parameter server, which hands the optimizer all parameters at each update. */
    private DeferredParameterServer server;
    private final List<Parameter> parameters = new ArrayList<>();
    private final Map<String, String> idToName = new LinkedHashMap<>();
    private final Map<String, String> nameToId = new LinkedHashMap<>();
    private final int pack;
    private final int[] exampleShape;
    private final int referenceRows;
    private HistoricalAverage history;
    private Boolean stackedApart;

    public Network(Block block, int[] inputShape, NDManager parent, StatefulOptimizer optimizer, Rng initRng) {
        this(block, inputShape, 1, parent, optimizer, initRng);
    }

    /**
     * @param block built for {@link #packedShape}{@code (exampleShape, pack)}
     * @param pack how many consecutive examples of a batch the network judges as one input, stacked
     *     along their first axis (PacGAN's packing, Lin et al. 2018); 1 for one at a time
     */
    public Network(Block block, int[] exampleShape, int pack, NDManager parent, StatefulOptimizer optimizer,
            Rng initRng) {
        this.block = block;
        this.manager = parent.newSubManager();
        this.optimizer = optimizer;
        this.pack = pack;
        this.exampleShape = exampleShape.clone();
        this.referenceRows = DataInitialisation.prepare(block, packedShape(exampleShape, pack));
        block.initialize(manager, DataType.FLOAT32, batchShape(2, packedShape(exampleShape, pack)));
        Initialisation.pytorchDefault(block, initRng);
        for (Pair<String, Parameter> p : block.getParameters()) {
            parameters.add(p.getValue());
            idToName.put(p.getValue().getId(), p.getKey());
            nameToId.put(p.getKey(), p.getValue().getId());
        }
        store = newStore();
    }

    /**
     * A parameter store wired to the optimizer. DJL's store keeps the arrays it first handed out,
     * so a store that served a forward before {@link #load} would go on serving (and updating) the
     * arrays loading replaced: load makes a new one.
     */
    private ParameterStore newStore() {
        ParameterStore s = new ParameterStore(manager, false);
        if (optimizer != null) {
            optimizer.nameParameters(idToName);
            server = new DeferredParameterServer(optimizer);
            s.setParameterServer(server, new Device[] {manager.getDevice()});
        }
        return s;
    }

    /**
     * Wires a network built without an optimizer to {@code optimizer}, before its first training
     * step: how a network is first built, initialised, and only then trained.
     */
    public void trainWith(StatefulOptimizer optimizer) {
        if (this.optimizer != null) {
            throw new IllegalStateException("this network already has an optimizer");
        }
        this.optimizer = optimizer;
        store = newStore();
    }

    /** The shape of a batch of {@code batch} examples of shape {@code example}. */
    public static Shape batchShape(long batch, int[] example) {
        long[] shape = new long[example.length + 1];
        shape[0] = batch;
        for (int i = 0; i < example.length; i++) {
            shape[i + 1] = example[i];
        }
        return new Shape(shape);
    }

    /**
     * The shape of {@code pack} examples stacked along their first axis: channels for images
     * ({@code [3, 32, 32]} packed by 2 is {@code [6, 32, 32]}), features for points.
     */
    public static int[] packedShape(int[] example, int pack) {
        int[] shape = example.clone();
        shape[0] = Math.multiplyExact(shape[0], pack);
        return shape;
    }

    public NDArray forward(NDArray x, boolean training) {
        return block.forward(store, new NDList(packed(x)), training).singletonOrThrow();
    }

    /**
     * The output of a mixture's critics ({@link org.gantry.core.nn.layer.ParallelCritics}) when each
     * example is judged by its own component's critic alone: {@code [batch, 1]}.
     *
     * @param components one-hot, {@code [batch, components]}
     */
    public NDArray forward(NDArray x, NDArray components, boolean training) {
        if (pack != 1) {
            throw new IllegalStateException("examples routed to components are judged one at a time, not in packs of " + pack);
        }
        return block.forward(store, new NDList(x, components), training).singletonOrThrow();
    }

    /**
     * A batch of B examples as B / pack packed inputs. Row-major layout makes this a reshape:
     * example j of pack p, channel c lands on channel j·C + c of input p.
     */
    private NDArray packed(NDArray x) {
        if (pack == 1) {
            return x;
        }
        long[] shape = x.getShape().getShape();
        if (shape[0] % pack != 0) {
            throw new IllegalArgumentException("a batch of " + shape[0] + " does not split into packs of " + pack);
        }
        long[] stacked = shape.clone();
        stacked[0] = shape[0] / pack;
        stacked[1] = shape[1] * pack;
        return x.reshape(new Shape(stacked));
    }

    /**
     * Whether the network sets parameters from a batch drawn before its first step (weight
     * normalisation's initialisation, virtual batch normalisation's reference): then
     * {@link #initialiseFromData} must run before the first step.
     */
    public boolean initialisesFromData() {
        return DataInitialisation.needed(block);
    }

    /** The examples (packs when packing) of the virtual batch normalisation reference; 0 without one. */
    public int referenceRows() {
        return referenceRows;
    }

    /** One example going in, without the batch axis (before packing). */
    public int[] exampleShape() {
        return exampleShape.clone();
    }

    /** How many examples the network judges as one input. */
    public int pack() {
        return pack;
    }

    /** Sets what {@link #initialisesFromData} names from the batch {@code x}; its arrays belong to the caller's scope. */
    public void initialiseFromData(NDArray x) {
        DataInitialisation.run(block, store, packed(x));
    }

    /**
     * The last hidden features of {@code x} (the input of the final layer), for networks built as a
     * layer sequence, as every Gantry discriminator is.
     */
    public NDArray features(NDArray x, boolean training) {
        return sequence().features(store, packed(x), training);
    }

    /** The last layer applied to {@code features}, last hidden features as {@link #features} gives them. */
    public NDArray outputOf(NDArray features, boolean training) {
        return sequence().last(store, features, training);
    }

    /**
     * {@link #features} together with the output they lead to, from one pass: what a head on the
     * network's last hidden features (InfoGAN's Q) needs beside the output.
     *
     * @return the features, then the output
     */
    public NDArray[] featuresAndOutput(NDArray x, boolean training) {
        return sequence().featuresAndOutput(store, packed(x), training);
    }

    /** The block as a layer sequence, the form whose last hidden features can be read. */
    private LayerSequence sequence() {
        if (!(block instanceof LayerSequence sequence)) {
            throw new IllegalStateException(block.getClass().getSimpleName() + " has no hidden features to read");
        }
        return sequence;
    }

    /** The shape of one example's (one pack's) last hidden features, found by running two zero examples. */
    public int[] featureShape() {
        try (NDManager m = manager.newSubManager()) {
            Shape s = sequence().features(new ParameterStore(m, false), packed(m.zeros(batchShape(2 * pack, exampleShape))),
                    false).getShape();
            int[] shape = new int[s.dimension() - 1];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = (int) s.get(i + 1);
            }
            return shape;
        }
    }

    /** The arrays of the trained parameters, in parameter order: what the optimizer updates. */
    public List<NDArray> trainableArrays() {
        List<NDArray> out = new ArrayList<>();
        for (Parameter p : parameters) {
            if (p.requiresGradient()) {
                out.add(p.getArray());
            }
        }
        return out;
    }

    /** Applies the optimizer to the accumulated gradients, then clears them. */
    public void update() {
        if (history != null) {
            history.beforeUpdate();
        }
        if (server != null) {
            server.updateThrough(store);
        } else {
            store.updateAllParameters();
        }
        clearGradients();
    }

    /** Adds historical averaging with this weight to every later {@link #update()}. */
    public void averageHistory(double weight) {
        history = new HistoricalAverage(weight, parameters, manager);
    }

    public void clearGradients() {
        for (Parameter p : parameters) {
            TorchEngine.clearGradient(p);
        }
    }

    /**
     * Turns gradient tracking of the trained parameters off or on. The generator step freezes the
     * discriminator: its weight gradients would be computed only to be zeroed.
     */
    public void setTracking(boolean on) {
        for (Parameter p : parameters) {
            if (p.requiresGradient()) {
                p.getArray().setRequiresGradient(on);
            }
        }
    }

    public List<Parameter> parameters() {
        return Collections.unmodifiableList(parameters);
    }

    public NDManager manager() {
        return manager;
    }

    /**
     * The first layer that couples a batch's examples or adds noise ({@link Layers#couplingLayer}),
     * by class name; null when each example's output depends on that example alone.
     */
    public String couplingLayer() {
        return Layers.couplingLayer(block);
    }

    /**
     * Whether one training pass over two batches stacked gives each batch the outputs a pass of
     * its own would, up to the order of floating-point sums: no layer couples examples, draws
     * noise, or advances state from pass to pass (spectral normalisation's power iteration).
     */
    public boolean judgesStackedBatchesApart() {
        if (stackedApart == null) {
            stackedApart = Layers.couplingLayer(block) == null && Layers.passStateLayer(block) == null;
        }
        return stackedApart;
    }

    /** {@link Layers#inferenceCouplingLayer} of this network: null when its inference outputs are per example. */
    public String inferenceCouplingLayer() {
        return Layers.inferenceCouplingLayer(block);
    }

    /** The number of trained values. */
    public long trainableSize() {
        long n = 0;
        for (NDArray a : trainableArrays()) {
            n += a.size();
        }
        return n;
    }

    /** Gives this network's training-noise layers, if any, the stream they draw from. */
    public void drawNoiseFrom(Rng rng) {
        GaussianNoiseLayer.drawFrom(block, rng);
    }

    public boolean allFinite() {
        for (Parameter p : parameters) {
            NDArray a = p.getArray();
            try (NDArray bad = a.isNaN().logicalOr(a.isInfinite()).any()) {
                if (bad.getBoolean()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The parameters alone (batch-norm running statistics included), in DJL's encoding. */
    public void saveParameters(DataOutputStream out) throws IOException {
        block.saveParameters(out);
    }

    /**
     * Reads what {@link #saveParameters} wrote, refusing parameters of another shape, and starts a
     * new parameter store over the loaded arrays.
     */
    public void loadParameters(DataInputStream in) throws IOException {
        List<Shape> shapes = new ArrayList<>();
        for (Parameter p : parameters) {
            shapes.add(p.getArray().getShape());
        }
        try {
            block.loadParameters(manager, in);
        } catch (ai.djl.MalformedModelException e) {
            throw new IOException("the saved parameters do not match this network: " + e.getMessage(), e);
        }
        for (int i = 0; i < parameters.size(); i++) {
            Shape loaded = parameters.get(i).getArray().getShape();
            if (!loaded.equals(shapes.get(i))) {
                throw new IOException("parameter " + idToName.get(parameters.get(i).getId()) + " has shape " + loaded
                        + " where this network's has " + shapes.get(i));
            }
        }
        store = newStore();
        // Loading replaces the parameter arrays with fresh ones that autograd does not track yet.
        for (Parameter p : parameters) {
            if (p.requiresGradient()) {
                p.getArray().setRequiresGradient(true);
            }
        }
    }

    public void save(DataOutputStream out) throws IOException {
        saveParameters(out);
        out.writeBoolean(optimizer != null);
        if (optimizer != null) {
            optimizer.save(out, idToName);
        }
        // Present exactly when the configuration turns it on, and a resume checks the configuration.
        if (history != null) {
            history.save(out);
        }
    }

    public void load(DataInputStream in) throws IOException {
        loadParameters(in);
        // Parameters stored in an older layout were reordered; their per-parameter state follows.
        Map<String, Consumer<NDArray>> loadReorders = Layers.takeLoadReorders(block);
        boolean hasOptimizer = in.readBoolean();
        if (hasOptimizer != (optimizer != null)) {
            throw new IOException("checkpoint and network disagree on optimizer presence");
        }
        if (optimizer != null) {
            optimizer.load(in, nameToId, manager);
            optimizer.reorder(loadReorders);
        }
        if (history != null) {
            history.load(in);
            history.reorder(loadReorders);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
