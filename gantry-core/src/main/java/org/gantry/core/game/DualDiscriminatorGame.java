package org.gantry.core.game;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.nn.Activation;
import java.util.List;
import org.gantry.config.Config;
import org.gantry.core.engine.Scalars;
import org.gantry.core.model.NetworkSpec;
import org.gantry.core.nn.Architectures;
import org.gantry.core.optim.OptimizerSettings;

/**
 * D2GAN (Nguyen, Le, Vu, Phung 2017): two discriminators with positive outputs D = softplus(v).
 * D1 rewards real data (L_D1 = −α E log D1(x) + E D1(G(z))), D2 rewards generated data
 * (L_D2 = E D2(x) − β E log D2(G(z))), and the generator minimises −E D1(G(z)) + β E log D2(G(z)).
 * At the optimal discriminators D1 = α p/q and D2 = β q/p, the generator minimises
 * α KL(P‖Q) + β KL(Q‖P): the reverse KL term punishes mass where the data has none, the forward
 * KL term missing modes. The second discriminator {@code d2} is built like {@code d} (d.arch and
 * its keys, d.pack) and has its own optimizer keys {@code d2.*}, which follow d's when unset.
 */
final class DualDiscriminatorGame implements Game {
    static final OptimizerSettings D2_OPTIMIZER = OptimizerSettings.inheriting("d2", "second discriminator",
            OptimizerSettings.DISCRIMINATOR);
    /** Below this, log softplus(v) is v to float precision, and softplus itself would underflow further down. */
    private static final double LINEAR_BELOW = -15;

    private final double alpha;
    private final double beta;

    DualDiscriminatorGame(double alpha, double beta) {
        this.alpha = alpha;
        this.beta = beta;
    }

    @Override
    public List<NetworkSpec> extraNetworks(Config config, int[] exampleShape) {
        int pack = config.get(Architectures.D_PACK);
        return List.of(new NetworkSpec("d2", input -> Architectures.DISCRIMINATORS
                .create(config.get(Architectures.D_ARCH), config).build(input, new int[] {1}), exampleShape, pack,
                D2_OPTIMIZER.create(config)));
    }

    @Override
    public boolean usesLoss() {
        return false;
    }

    @Override
    public List<String> critics() {
        return List.of("d", "d2");
    }

    @Override
    public Objective criticObjective(Play play) {
        NDArray[] d1 = play.onRealAndFake("d");
        NDArray[] d2 = play.onRealAndFake("d2");
        // −α E log D1(x) + E D2(x): what the real batch costs the two discriminators.
        NDArray realTerm = Scalars.times(logPositive(d1[0]).mean(), -alpha).add(positive(d2[0]).mean());
        NDArray fakeTerm = positive(d1[1]).mean().sub(Scalars.times(logPositive(d2[1]).mean(), beta));
        return Objective.ofRealAndFake(realTerm, fakeTerm);
    }

    @Override
    public Objective generatorObjective(Play play) {
        NDArray d1 = positive(play.onFake("d")).mean();
        NDArray logD2 = logPositive(play.onFake("d2")).mean();
        return Objective.of(Scalars.times(logD2, beta).sub(d1));
    }

    /** A discriminator's positive output softplus(v). */
    static NDArray positive(NDArray v) {
        return Activation.softPlus(v);
    }

    /** log softplus(v), finite with a finite gradient for every finite v. */
    static NDArray logPositive(NDArray v) {
        // The clamped branch keeps log away from softplus's underflow to 0; where reads v itself there.
        NDArray exact = Activation.softPlus(Scalars.atLeast(v, LINEAR_BELOW)).log();
        try (NDArray below = v.lt(LINEAR_BELOW)) {
            return NDArrays.where(below, v, exact);
        }
    }
}
