package org.gantry.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.gantry.config.Config;
import org.gantry.config.GlobalSettings;
import org.gantry.config.Setting;
import org.gantry.core.nn.Architecture;
import org.gantry.core.nn.Architectures;
import org.gantry.core.nn.layer.ComponentGenerators;
import org.gantry.core.nn.layer.ParallelCritics;
import org.gantry.core.optim.OptimizerSettings;
import org.gantry.random.Rng;

/**
 * The networks of one run: the generator, the discriminator, the optional averaged generator and
 * whatever networks its game adds, each under its name.
 */
public final class GanModel implements AutoCloseable {
    private final NDManager manager;
    private final LatentSpace latent;
    private final int[] exampleShape;
    private final int exampleLength;
    private final Network generator;
    private final Network discriminator;
    /** The averages' network names, reserved whether on or off, and the keys that turn them on. */
    private static final Map<String, Setting<Double>> AVERAGES = new java.util.TreeMap<>(Map.of(
            "g_ema", NetworkAverage.GENERATOR_DECAY, "d_ema", NetworkAverage.CRITIC_DECAY));
    private final NetworkAverage ema;
    private final NetworkAverage criticEma;
    private final Map<String, Network> networks;
    private final java.util.Set<String> featureHeads = new java.util.HashSet<>();
    private final int criticOutputs;
    private final GeneratorOutput generatorOutput;
    private final CriticInput criticInput;
    private final boolean generatorTanh;
    private final int components;
    private final int criticMembers;
    private java.util.function.UnaryOperator<NDArray> comparator;

    /** @param exampleShape the shape of one training example, e.g. {@code [2]} or {@code [1, 28, 28]} */
    public GanModel(Config config, int[] exampleShape) {
        this(config, exampleShape, ModelSpec.STANDARD);
    }

    /**
     * @param exampleShape the shape of one training example, e.g. {@code [2]} or {@code [1, 28, 28]}
     * @param spec the networks, latent codes and output forms the run's game asks for
     */
    public GanModel(Config config, int[] exampleShape, ModelSpec spec) {
        List<NetworkSpec> extraNetworks = spec.extraNetworks();
        int criticOutputs = spec.criticOutputs();
        this.generatorOutput = spec.generatorOutput();
        this.criticInput = spec.criticInput();
        this.manager = NDManager.newBaseManager();
        this.latent = new LatentSpace(config.get(Architectures.Z_DIM),
                config.get(Architectures.Z_DISTRIBUTION).equals("uniform"), spec.categoricalCodes(),
                spec.continuousCodes());
        int latentSize = latent.size();
        this.exampleShape = exampleShape.clone();
        this.exampleLength = Architecture.product(exampleShape);
        int[] latentShape = {latentSize};
        this.criticOutputs = criticOutputs;
        int[] logitShape = {criticOutputs};
        Architecture g = Architectures.GENERATORS.create(config.get(Architectures.G_ARCH), config);
        Architecture d = Architectures.DISCRIMINATORS.create(config.get(Architectures.D_ARCH), config);
        this.generatorTanh = g.tanhOutput();
        long seed = config.get(GlobalSettings.SEED);
        this.components = spec.components();
        int noise = config.get(Architectures.Z_DIM);
        java.util.function.Supplier<ai.djl.nn.Block> gBlock = () -> components == 1 ? g.build(latentShape, exampleShape)
                : new ComponentGenerators(noise, java.util.stream.IntStream.range(0, components)
                        .mapToObj(k -> g.build(new int[] {noise}, exampleShape)).toList());
        int[] criticShape = Network.packedShape(criticInput == CriticInput.CODES ? latentShape : exampleShape,
                config.get(Architectures.D_PACK));
        this.criticMembers = spec.criticMembers();
        java.util.function.Supplier<ai.djl.nn.Block> dBlock = () -> criticMembers == 1 ? d.build(criticShape, logitShape)
                : new ParallelCritics(java.util.stream.IntStream.range(0, criticMembers)
                        .mapToObj(k -> d.build(criticShape, new int[] {1})).toList());
        generator = new Network(gBlock.get(), latentShape, manager,
                OptimizerSettings.GENERATOR.create(config), Rng.forPurpose(seed, "init-generator"));
        int pack = config.get(Architectures.D_PACK);
        int[] judged = criticInput == CriticInput.CODES ? latentShape : exampleShape;
        discriminator = criticInput == CriticInput.NONE ? null : new Network(dBlock.get(), judged, pack, manager,
                OptimizerSettings.DISCRIMINATOR.create(config),
                Rng.forPurpose(seed, "init-discriminator"));
        double decay = config.get(NetworkAverage.GENERATOR_DECAY);
        ema = decay > 0 ? new NetworkAverage(generator, new Network(gBlock.get(), latentShape,
                manager, null, Rng.forPurpose(seed, "init-ema")), decay) : null;
        double criticDecay = config.get(NetworkAverage.CRITIC_DECAY);
        criticEma = criticDecay > 0 && discriminator != null ? new NetworkAverage(discriminator, new Network(
                dBlock.get(), judged, pack, manager, null,
                Rng.forPurpose(seed, "init-d-ema")), criticDecay) : null;
        Map<String, Network> all = new LinkedHashMap<>();
        all.put("g", generator);
        if (discriminator != null) {
            all.put("d", discriminator);
        }
        if (ema != null) {
            all.put("g_ema", ema.network());
        }
        if (criticEma != null) {
            all.put("d_ema", criticEma.network());
        }
        for (NetworkSpec extra : extraNetworks) {
            if (all.containsKey(extra.name()) || AVERAGES.containsKey(extra.name())) {
                throw new IllegalArgumentException("network name '" + extra.name() + "' is taken");
            }
            if (extra.inputShape() == null) {
                featureHeads.add(extra.name());
            }
            int[] input = extra.inputShape() != null ? extra.inputShape() : discriminator.featureShape();
            all.put(extra.name(), new Network(extra.build().apply(Network.packedShape(input, extra.pack())), input,
                    extra.pack(), manager, extra.optimizer(), Rng.forPurpose(seed, "init-" + extra.name())));
        }
        networks = Collections.unmodifiableMap(all);
    }

    /**
     * 1, or how many generators g holds side by side ({@link ModelSpec#components}): g generates
     * each row with the member its first categorical code names.
     */
    public int components() {
        return components;
    }

    /** 1, or how many independent critics d holds side by side ({@link ModelSpec#criticMembers}). */
    public int criticMembers() {
        return criticMembers;
    }

    /**
     * Fills {@code z} with latent vectors for a training batch: as {@link #drawLatent}, except that
     * a mixture's rows are spread evenly over its components, so that each member trains on a
     * batch of about batch / components rows every step.
     */
    public void drawTrainingLatent(Rng rng, float[] z) {
        if (components == 1) {
            latent.draw(rng, z);
        } else {
            latent.drawBalanced(rng, z);
        }
    }

    /** Values the discriminator gives per example: 1, or one logit per class for a classifying game. */
    public int criticOutputs() {
        return criticOutputs;
    }

    /** What the generator's output is: examples, or the parameters they are drawn from. */
    public GeneratorOutput generatorOutput() {
        return generatorOutput;
    }

    /** What the discriminator judges: examples, codes, or nothing when the model has none. */
    public CriticInput criticInput() {
        return criticInput;
    }

    /**
     * Gives the model a frozen feature map of example batches, differentiable in its input, for
     * objectives that compare examples in its feature space (feature-space reconstruction). It is
     * not one of the model's networks: nothing trains it and checkpoints do not hold it.
     */
    public void compareWith(java.util.function.UnaryOperator<NDArray> features) {
        this.comparator = features;
    }

    /** Whether {@link #compareWith} gave the model a feature map. */
    public boolean hasComparator() {
        return comparator != null;
    }

    /** The feature map of {@link #compareWith}; an error when none was given. */
    public java.util.function.UnaryOperator<NDArray> comparator() {
        if (comparator == null) {
            throw new IllegalStateException("this model has no feature comparator: give it one with compareWith");
        }
        return comparator;
    }

    /** Whether the generator ends in tanh, so that its outputs lie in [−1, 1]. */
    public boolean generatorTanh() {
        return generatorTanh;
    }

    /** The length of the generator's input: the noise, then the game's latent codes. */
    public int latentSize() {
        return latent.size();
    }

    /** The latent space, a mixture's members drawn in proportion to their {@link #memberWeights} when these differ. */
    public LatentSpace latentSpace() {
        return components == 1 ? latent : latent.withFirstCodeWeights(memberWeights());
    }

    /** Fills {@code z} with latent vectors: noise from g.z_dist, codes from their priors. */
    public void drawLatent(Rng rng, float[] z) {
        latentSpace().draw(rng, z);
    }

    /**
     * The weight of each of g's generators side by side when sampling, in proportion (the
     * evaluation generator's {@link ComponentGenerators#WEIGHTS}); empty for a single generator.
     */
    public List<Double> memberWeights() {
        if (components == 1) {
            return List.of();
        }
        List<Double> out = new java.util.ArrayList<>();
        for (float w : memberWeightArray(evaluationGenerator()).toFloatArray()) {
            out.add((double) w);
        }
        return out;
    }

    /** The array of a generator's members' weights, to read or, for the training generator, to move. */
    public static NDArray memberWeightArray(Network generator) {
        for (ai.djl.nn.Parameter p : generator.parameters()) {
            if (p.getName().equals(ComponentGenerators.WEIGHTS)) {
                return p.getArray();
            }
        }
        throw new IllegalStateException("this generator holds no members side by side");
    }

    public int exampleLength() {
        return exampleLength;
    }

    public int[] exampleShape() {
        return exampleShape.clone();
    }

    public Network generator() {
        return generator;
    }

    /** The discriminator, or null for a game that trains none ({@link CriticInput#NONE}). */
    public Network discriminator() {
        return discriminator;
    }

    /** The averaged generator, or null when EMA is off. */
    public Network averageGenerator() {
        return ema == null ? null : ema.network();
    }

    /** The averaged discriminator, or null when train.d_ema is off. */
    public Network averageDiscriminator() {
        return criticEma == null ? null : criticEma.network();
    }

    /** The generator to evaluate and sample: its average when train.ema is on. */
    public Network evaluationGenerator() {
        return ema != null ? ema.network() : generator;
    }

    /** The discriminator to evaluate: its average when train.d_ema is on. */
    public Network evaluationDiscriminator() {
        return criticEma != null ? criticEma.network() : discriminator;
    }

    public NDManager manager() {
        return manager;
    }

    /** Moves the averages (train.ema, train.d_ema) after a training step. */
    public void afterStep() {
        if (ema != null) {
            ema.update();
        }
        if (criticEma != null) {
            criticEma.update();
        }
    }

    /**
     * Runs the evaluation generator (the average when EMA is on) in inference mode on latent
     * vectors {@code z} (count × latent size, row-major) and returns the samples, row-major.
     */
    public float[] generate(float[] z, int count) {
        Network g = evaluationGenerator();
        float[] out = new float[count * exampleLength];
        // About a million output values per forward: a convolutional generator's activations are
        // tens of times its output, and 10,000 images at once would need gigabytes.
        int chunk = Math.max(64, Math.min(4096, (1 << 20) / exampleLength));
        int latentSize = latent.size();
        for (int start = 0; start < count; start += chunk) {
            int n = Math.min(chunk, count - start);
            try (NDManager m = manager.newSubManager()) {
                float[] zc = new float[n * latentSize];
                System.arraycopy(z, start * latentSize, zc, 0, zc.length);
                NDArray x = g.forward(m.create(zc, new Shape(n, latentSize)), false);
                System.arraycopy(x.toFloatArray(), 0, out, start * exampleLength, n * exampleLength);
            }
        }
        return out;
    }

    /** Whether any network sets parameters from a batch drawn before the first step ({@link Network#initialiseFromData}). */
    public boolean initialisesFromData() {
        return networks.values().stream().anyMatch(Network::initialisesFromData);
    }

    /**
     * Initialises every network that wants it from a batch drawn before the first step: the generator from the latent
     * batch, the discriminator and critics like it from the real batch, heads on the
     * discriminator's features from its features of the real batch; then the averages start
     * again from their networks.
     */
    public void initialiseFromData(NDArray real, NDArray latent) {
        for (Map.Entry<String, Network> e : networks.entrySet()) {
            Network n = e.getValue();
            if (!n.initialisesFromData() || isAverage(n)) {
                continue;
            }
            if (n == generator || n == discriminator && criticInput == CriticInput.CODES) {
                // A critic of codes judges prior draws, which is what the latent batch is.
                n.initialiseFromData(latent);
            } else if (featureHeads.contains(e.getKey())) {
                n.initialiseFromData(discriminator.features(real, false));
            } else if (java.util.Arrays.equals(n.exampleShape(), exampleShape)) {
                n.initialiseFromData(real);
            } else {
                throw new IllegalStateException("network '" + e.getKey() + "' initialises from data, but takes neither "
                        + "the latent batch, nor examples, nor the discriminator's features");
            }
        }
        if (ema != null) {
            ema.copyAll();
        }
        if (criticEma != null) {
            criticEma.copyAll();
        }
    }

    private boolean isAverage(Network n) {
        return ema != null && n == ema.network() || criticEma != null && n == criticEma.network();
    }

    /**
     * Gives the noise layers of every network (d.input_noise, d.hidden_noise) the stream they draw
     * from while training: the trainer's latent stream, which checkpoints keep.
     */
    public void drawLayerNoiseFrom(Rng rng) {
        for (Network n : networks.values()) {
            n.drawNoiseFrom(rng);
        }
    }

    public boolean allFinite() {
        return networks().values().stream().allMatch(Network::allFinite);
    }

    /** The network called {@code name}, as in {@link #networks()}. */
    public Network network(String name) {
        Network n = networks.get(name);
        if (n == null) {
            throw new IllegalArgumentException("this model has no network '" + name + "': it has " + networks().keySet());
        }
        return n;
    }

    /** The networks by name, in a fixed order: g, d, g_ema and d_ema when they are on, then the game's own. */
    public Map<String, Network> networks() {
        return networks;
    }

    /** Every network under its name, each as one length-prefixed record. */
    public void save(DataOutputStream out) throws IOException {
        Map<String, Network> all = networks();
        out.writeInt(all.size());
        for (Map.Entry<String, Network> e : all.entrySet()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream record = new DataOutputStream(bytes)) {
                e.getValue().save(record);
            }
            out.writeUTF(e.getKey());
            out.writeLong(bytes.size());
            bytes.writeTo(out);
        }
    }

    /** Reads what {@link #save} wrote: the stored networks must be exactly this model's, by name. */
    public void load(DataInputStream in) throws IOException {
        Map<String, Network> all = networks();
        int count = in.readInt();
        if (count < 0 || count > 1000) {
            throw new IOException("checkpoint lists " + count + " networks");
        }
        Map<String, byte[]> stored = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            long size = in.readLong();
            if (size < 0 || size > Integer.MAX_VALUE - 8) {
                throw new IOException("checkpoint network '" + name + "' claims " + size + " bytes");
            }
            byte[] record = new byte[(int) size];
            in.readFully(record);
            stored.put(name, record);
        }
        if (!stored.keySet().equals(all.keySet())) {
            throw new IOException("checkpoint holds networks " + stored.keySet() + " and this run has " + all.keySet()
                    + AVERAGES.entrySet().stream().filter(a -> stored.containsKey(a.getKey()) != all.containsKey(a.getKey()))
                            .map(a -> " (they disagree on " + a.getValue().key() + ")").collect(Collectors.joining()));
        }
        for (Map.Entry<String, Network> e : all.entrySet()) {
            try (DataInputStream record = new DataInputStream(new ByteArrayInputStream(stored.get(e.getKey())))) {
                e.getValue().load(record);
                if (record.available() > 0) {
                    throw new IOException("checkpoint network '" + e.getKey() + "' holds more than this run's network");
                }
            }
        }
    }

    /** Reads checkpoint formats 1 and 2, which stored g, d and the optional g_ema one after another. */
    public void loadPositional(DataInputStream in) throws IOException {
        if (discriminator == null) {
            throw new IOException("checkpoint formats 1 and 2 hold a discriminator, and this run's game trains none");
        }
        generator.load(in);
        discriminator.load(in);
        if (in.readBoolean() != (ema != null)) {
            throw new IOException("checkpoint and configuration disagree on train.ema");
        }
        if (ema != null) {
            ema.network().load(in);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
