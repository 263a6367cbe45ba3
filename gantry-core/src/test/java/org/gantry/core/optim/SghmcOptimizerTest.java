package org.gantry.core.optim;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.gantry.core.engine.TorchEngine;
import org.gantry.core.KolmogorovSmirnov;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * SGHMC's stationary law on a one-dimensional Gaussian posterior: objective L(θ) = (θ − m)²/2 at
 * weight S and prior N(0, σ²) make the posterior N(S·m/(S + 1/σ²), 1/(S + 1/σ²)). 200 independent
 * chains (the coordinates of one parameter) from θ = 0, each updated with the exact gradient.
 */
class SghmcOptimizerTest {
    private static final double M = 1.5;
    private static final double S = 4;
    private static final double SIGMA = 1;
    private static final double POSTERIOR_MEAN = S * M / (S + 1 / (SIGMA * SIGMA));
    private static final double POSTERIOR_SD = Math.sqrt(1 / (S + 1 / (SIGMA * SIGMA)));

    private static float[] run(SghmcOptimizer sghmc, int chains, int burnIn, int steps, int thin, float[] kept) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray theta = m.zeros(new Shape(chains));
            int k = 0;
            for (int t = 1; t <= burnIn + steps; t++) {
                try (NDArray grad = theta.sub(m.full(new Shape(), (float) M))) {
                    sghmc.update("theta", theta, grad);
                }
                if (t > burnIn && (t - burnIn) % thin == 0 && kept != null) {
                    System.arraycopy(theta.toFloatArray(), 0, kept, k, chains);
                    k += chains;
                }
            }
            return theta.toFloatArray();
        }
    }

    /**
     * After burn-in, draws thinned far beyond the chains' correlation time (about 20 updates here)
     * follow the posterior: Kolmogorov–Smirnov at level 0.001 (critical 1.95/√n), and the same
     * draws are far from the prior N(0, 1), so the test can fail.
     */
    @Test
    void chainsSettleOnTheGaussianPosterior() {
        TorchEngine.start(1);
        int chains = 200;
        int thin = 250;
        float[] kept = new float[chains * 10];
        run(new SghmcOptimizer(1e-3, 0.1, SIGMA, S, 7, "test"), chains, 2000, 10 * thin, thin, kept);
        double critical = 1.95 / Math.sqrt(kept.length);
        assertThat(KolmogorovSmirnov.distance(kept, new NormalDistribution(POSTERIOR_MEAN, POSTERIOR_SD))).isLessThan(critical);
        assertThat(KolmogorovSmirnov.distance(kept, new NormalDistribution(0, 1))).isGreaterThan(critical);
    }

    @Test
    void theNoiseIsSeededSoAChainRepeatsExactlyAndAnotherSeedDiffers() {
        TorchEngine.start(1);
        float[] a = run(new SghmcOptimizer(1e-2, 1, 1e6, 1, 1, "x"), 50, 0, 100, 1, null);
        float[] b = run(new SghmcOptimizer(1e-2, 1, 1e6, 1, 1, "x"), 50, 0, 100, 1, null);
        float[] c = run(new SghmcOptimizer(1e-2, 1, 1e6, 1, 2, "x"), 50, 0, 100, 1, null);
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
    }

    /** Velocities and update counts are checkpointed; with the noise streams keyed by count, a resumed chain is the same chain. */
    @Test
    void aChainResumedFromSavedStateContinuesExactly() throws Exception {
        TorchEngine.start(1);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray[] whole = {m.create(new float[] {0.5f, -1f}), m.create(new float[] {2f})};
            NDArray[] part = {whole[0].duplicate(), whole[1].duplicate()};
            SghmcOptimizer a = new SghmcOptimizer(1e-2, 0.1, 1, 3, 5, "g");
            SghmcOptimizer b = new SghmcOptimizer(1e-2, 0.1, 1, 3, 5, "g");
            // As a network names them: noise streams follow the parameters' names, not DJL's ids.
            a.nameParameters(java.util.Map.of("a0", "w0", "a1", "w1"));
            b.nameParameters(java.util.Map.of("b0", "w0", "b1", "w1"));
            for (int t = 0; t < 5; t++) {
                a.update("a0", whole[0], whole[0]);
                a.update("a1", whole[1], whole[1]);
                b.update("b0", part[0], part[0]);
                b.update("b1", part[1], part[1]);
            }
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            b.save(new java.io.DataOutputStream(bytes), java.util.Map.of("b0", "w0", "b1", "w1"));
            SghmcOptimizer c = new SghmcOptimizer(1e-2, 0.1, 1, 3, 5, "g");
            c.load(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())),
                    java.util.Map.of("w0", "c0", "w1", "c1"), m);
            for (int t = 0; t < 5; t++) {
                a.update("a0", whole[0], whole[0]);
                a.update("a1", whole[1], whole[1]);
                c.update("c0", part[0], part[0]);
                c.update("c1", part[1], part[1]);
            }
            assertThat(part[0].toFloatArray()).containsExactly(whole[0].toFloatArray());
            assertThat(part[1].toFloatArray()).containsExactly(whole[1].toFloatArray());
        }
    }
}
