package org.gantry.core.game;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.gantry.config.Config;
import org.gantry.core.loss.AdversarialLoss;
import org.gantry.core.loss.NonSaturatingLoss;
import org.gantry.core.model.GanModel;
import org.gantry.core.model.NetworkSpec;
import org.gantry.core.nn.Architectures;
import org.gantry.core.nn.layer.ComponentRouting;
import org.gantry.core.nn.layer.ParallelCritics;
import org.gantry.core.optim.OptimizerSettings;
import org.gantry.random.Rng;

/**
 * Competitive training of a mixture of K independent generators (Locatello, Vincent, Tolstikhin,
 * Rätsch, Gelly, Schölkopf 2018). Two sets of K critics, both built like d (d.arch and its keys):
 * <ul>
 *   <li>the assignment critics {@code d}: D_k separates all real data from G_k's samples by
 *       logistic regression, whatever loss.name is, so its logit estimates log p_data/p_k. Each real point goes to the member whose D_k is least sure
 *       the point is real, relative to how sure D_k is of the batch's other points
 *       ({@link MixtureAssignment}): the member that explains it best. That assignment is a
 *       clustering of the data;
 *   <li>the adversaries {@code a} (optimizer keys {@code a.*}, following d's): A_k plays loss.name
 *       against G_k on the real points assigned to k only, so each member learns its own cluster.
 * </ul>
 * Each member's terms are its own batch means, summed over members, so a member's gradients are
 * those it would get trained alone. A member with fewer than two of the batch's points adds no
 * adversary term that step (its batch statistics need two rows; its adversary's optimizer still
 * runs, on a zero gradient), and for the first
 * {@code game.warmup_steps} steps the real points are spread over the members at random, so that
 * every member first learns the data as a whole (the paper's uniform pre-training). After it,
 * each step moves the members' sampling weights towards their shares of the batch's points, so
 * that samples of the mixture come from each member as often as the data falls in its cluster
 * (training still draws the members evenly, so that each keeps learning).
 */
final class CompetitiveMixtureGame implements Game {
    static final OptimizerSettings ADVERSARY_OPTIMIZER = OptimizerSettings.inheriting("a", "mixture's adversaries",
            OptimizerSettings.DISCRIMINATOR);

    /**
     * The assignment critics' loss: logistic regression, whose optimum logit is log p_data/p_k, the
     * ratio the assignment reads, whatever loss.name the adversaries play.
     */
    private static final AdversarialLoss LOGISTIC = new NonSaturatingLoss(1.0);

    /** How far the sampling weights move towards each batch's shares: a memory of about 100 steps. */
    static final double WEIGHT_RATE = 0.01;

    private final AdversarialLoss loss;
    private final int components;
    private final long warmupSteps;
    private long weightsMovedAt = -1;
    private final int noise;

    CompetitiveMixtureGame(AdversarialLoss loss, int components, long warmupSteps, int noise) {
        this.loss = loss;
        this.components = components;
        this.warmupSteps = warmupSteps;
        this.noise = noise;
    }

    /** Refuses what a mixture cannot build: packed critics, data-initialised norms. */
    static void check(Config config) {
        Games.requireUnpacked(config, "judges each point with the critic of one member");
        Games.requireNormsWithoutDataInitialisation(config, "routes each row to one member");
    }

    @Override
    public List<NetworkSpec> extraNetworks(Config config, int[] exampleShape) {
        return List.of(new NetworkSpec("a", input -> new ParallelCritics(IntStream.range(0, components)
                .mapToObj(k -> Architectures.DISCRIMINATORS.create(config.get(Architectures.D_ARCH), config)
                        .build(input, new int[] {1})).toList()), exampleShape, 1, ADVERSARY_OPTIMIZER.create(config)));
    }

    @Override
    public List<String> critics() {
        return List.of("d", "a");
    }

    @Override
    public int components() {
        return components;
    }

    @Override
    public int criticMembers() {
        return components;
    }

    @Override
    public boolean assignsExamples() {
        return true;
    }

    @Override
    public List<Integer> categoricalCodes() {
        return List.of(components);
    }

    @Override
    public int criticOutputs(int classes) {
        return components;
    }

    @Override
    public Objective criticObjective(Play play) {
        NDManager m = play.real().getManager();
        NDArray assignLogits = play.onReal("d");
        NDArray fakeComponents = componentsOf(play);
        long[] fakeComponent = ComponentRouting.components(fakeComponents);
        NDArray ownOnFake = play.model().network("d").forward(play.fake(), fakeComponents, true);
        NDArray realTerm = null;
        NDArray fakeTerm = null;
        for (int k = 0; k < components; k++) {
            realTerm = plus(realTerm, LOGISTIC.realTerm(assignLogits.get(":, " + k + ":" + (k + 1))));
            if (ComponentRouting.has(fakeComponent, k)) {
                fakeTerm = plus(fakeTerm, LOGISTIC.fakeTerm(ComponentRouting.rowsOf(ownOnFake, fakeComponent, k)));
            }
        }
        long[] assigned = play.step() < warmupSteps ? random(play.noise(), assignLogits.getShape().get(0))
                : MixtureAssignment.of(assignLogits.toFloatArray(), components);
        int[] count = new int[components];
        for (long k : assigned) {
            count[(int) k]++;
        }
        // Only members with two or more points this batch play on the adversaries' side.
        long[] playing = IntStream.range(0, assigned.length).filter(i -> count[(int) assigned[i]] >= 2)
                .mapToLong(i -> i).toArray();
        Map<String, NDArray> terms = new LinkedHashMap<>();
        terms.put("d_loss_real", realTerm);
        terms.put("d_loss_fake", fakeTerm);
        NDArray total = realTerm.add(fakeTerm);
        if (playing.length > 0) {
            long[] playingComponent = new long[playing.length];
            for (int i = 0; i < playing.length; i++) {
                playingComponent[i] = assigned[(int) playing[i]];
            }
            NDArray real = playing.length == assigned.length ? play.real()
                    : play.real().get(new NDIndex("{}", m.create(playing)));
            NDArray onReal = play.model().network("a").forward(real, oneHot(m, playingComponent), true);
            NDArray onFake = play.model().network("a").forward(play.fake(), fakeComponents, true);
            NDArray aReal = null;
            NDArray aFake = null;
            for (int k = 0; k < components; k++) {
                if (count[k] >= 2) {
                    aReal = plus(aReal, loss.realTerm(ComponentRouting.rowsOf(onReal, playingComponent, k)));
                    if (ComponentRouting.has(fakeComponent, k)) {
                        aFake = plus(aFake, loss.fakeTerm(ComponentRouting.rowsOf(onFake, fakeComponent, k)));
                    }
                }
            }
            if (aReal != null && aFake != null) {
                terms.put("a_loss_real", aReal);
                terms.put("a_loss_fake", aFake);
                total = total.add(aReal).add(aFake);
            }
        }
        if (play.step() >= warmupSteps && play.step() != weightsMovedAt) {
            // Dynamics that evaluate the objective several times a step (ODE's stages) move them once.
            weightsMovedAt = play.step();
            moveWeights(play.model(), count, assigned.length);
        }
        int largest = java.util.Arrays.stream(count).max().orElse(0);
        terms.put("largest_share", m.create((float) largest / assigned.length));
        return new Objective(total, terms);
    }

    @Override
    public Objective generatorObjective(Play play) {
        NDArray fakeComponents = componentsOf(play);
        long[] fakeComponent = ComponentRouting.components(fakeComponents);
        NDArray onFake = play.model().network("a").forward(play.fake(), fakeComponents, true);
        NDArray total = null;
        for (int k = 0; k < components; k++) {
            if (ComponentRouting.has(fakeComponent, k)) {
                total = plus(total, loss.generatorLoss(ComponentRouting.rowsOf(onFake, fakeComponent, k)));
            }
        }
        return Objective.of(total);
    }

    /** The one-hot component of each generated row: the latent code after the noise. */
    private NDArray componentsOf(Play play) {
        return play.latent().get(":, " + noise + ":" + (noise + components));
    }

    private static NDArray plus(NDArray sum, NDArray term) {
        return sum == null ? term : sum.add(term);
    }

    /**
     * Moves the members' sampling weights a step {@link #WEIGHT_RATE} towards their shares of this
     * batch's points (scaled to sum to the number of members, as the initial ones do): a running
     * estimate of each member's share of the data, as Locatello et al. weight the mixture.
     */
    private void moveWeights(GanModel model, int[] count, int points) {
        float[] target = new float[components];
        for (int k = 0; k < components; k++) {
            target[k] = (float) (WEIGHT_RATE * components * count[k] / points);
        }
        NDArray weights = GanModel.memberWeightArray(model.generator());
        try (NDArray step = weights.getManager().create(target)) {
            weights.muli(1 - WEIGHT_RATE).addi(step);
        }
    }

    private long[] random(Rng rng, long rows) {
        long[] out = new long[(int) rows];
        for (int i = 0; i < out.length; i++) {
            out[i] = rng.nextInt(components);
        }
        return out;
    }

    private NDArray oneHot(NDManager m, long[] component) {
        float[] values = new float[component.length * components];
        for (int i = 0; i < component.length; i++) {
            values[i * components + (int) component[i]] = 1f;
        }
        return m.create(values, new Shape(component.length, components));
    }
}
