package org.gantry.core.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.gantry.config.Config;
import org.gantry.config.ConfigException;
import org.gantry.core.TestConfigs;
import org.gantry.core.engine.TorchEngine;
import org.gantry.core.model.CriticInput;
import org.gantry.core.model.GanModel;
import org.gantry.core.nn.Architectures;
import org.gantry.core.nn.Encoders;
import org.junit.jupiter.api.Test;

class AutoEncoderGamesTest {

    /** KL(N(μ, σ²) ‖ N(0, 1)) = ∫ q log(q/p) by Simpson's rule over μ ± 14σ. */
    private static double klByQuadrature(double mu, double sigma) {
        int steps = 20_000;
        double lo = mu - 14 * sigma;
        double h = 28 * sigma / steps;
        double sum = 0;
        for (int i = 0; i <= steps; i++) {
            double x = lo + i * h;
            double logQ = -0.5 * Math.pow((x - mu) / sigma, 2) - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI);
            double logP = -0.5 * x * x - 0.5 * Math.log(2 * Math.PI);
            double f = Math.exp(logQ) * (logQ - logP);
            sum += f * (i == 0 || i == steps ? 1 : i % 2 == 1 ? 4 : 2);
        }
        return sum * h / 3;
    }

    @Test
    void vaeKlTermIsTheGaussiansKlDivergenceAveragedOverTheBatch() {
        TorchEngine.start(1);
        float[] mean = {0f, 1.5f, -0.7f, 0.3f, 2f, -1f};
        float[] logVariance = {0f, -1.2f, 0.8f, 1.5f, -2.5f, 0.1f};
        double expected = 0;
        for (int i = 0; i < mean.length; i++) {
            expected += klByQuadrature(mean[i], Math.exp(logVariance[i] / 2));
        }
        expected /= 2; // two examples of three coordinates: KL adds over coordinates, averages over examples
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray kl = VariationalAutoEncoderGame.klDivergence(m.create(mean, new Shape(2, 3)),
                    m.create(logVariance, new Shape(2, 3)));
            assertThat(kl.getFloat()).isCloseTo((float) expected, within(2e-5f));
            // And zero exactly at the prior itself.
            NDArray zero = VariationalAutoEncoderGame.klDivergence(m.zeros(new Shape(4, 3)), m.zeros(new Shape(4, 3)));
            assertThat(zero.getFloat()).isZero();
        }
    }

    @Test
    void everyGeneratorArchitectureHasAMirroringEncoderOfTheCodeLength() {
        for (String arch : Architectures.GENERATORS.names()) {
            boolean image = !arch.equals("mlp");
            Config c = TestConfigs.tiny("g.arch=" + arch, "g.z_dim=5");
            int[] shape = image ? new int[] {1, 28, 28} : new int[] {2};
            try (NDManager m = NDManager.newBaseManager()) {
                var block = Encoders.mirroring(c).build(shape, new int[] {10});
                var net = new org.gantry.core.model.Network(block, shape, m, null, new org.gantry.random.Rng(1));
                NDArray x = m.zeros(org.gantry.core.model.Network.batchShape(3, shape));
                assertThat(net.forward(x, false).getShape()).as(arch).isEqualTo(new Shape(3, 10));
            }
        }
    }

    @Test
    void modelsHaveAnEncoderAndTheCriticTheirGameNeeds() {
        for (String[] game : new String[][] {{"vae", "NONE", "12"}, {"wae_mmd", "NONE", "6"}, {"wae_gan", "CODES", "6"}}) {
            Config c = TestConfigs.tiny("game.name=" + game[0], "g.z_dim=6");
            try (GanModel model = Games.model(c, new int[] {2})) {
                assertThat(model.criticInput()).as(game[0]).isEqualTo(CriticInput.valueOf(game[1]));
                assertThat(model.networks()).as(game[0]).containsKey("e");
                assertThat(model.networks().containsKey("d")).as(game[0]).isEqualTo(!game[1].equals("NONE"));
                try (NDManager m = model.manager().newSubManager()) {
                    NDArray out = model.network("e").forward(m.zeros(new Shape(4, 2)), false);
                    assertThat(out.getShape()).isEqualTo(new Shape(4, Integer.parseInt(game[2])));
                    if (game[1].equals("CODES")) {
                        assertThat(model.discriminator().forward(m.zeros(new Shape(4, 6)), false).getShape())
                                .isEqualTo(new Shape(4, 1));
                    }
                }
            }
        }
    }

    @Test
    void configurationsAGameCannotHonourAreRefusedByName() {
        assertThatThrownBy(() -> Games.create(TestConfigs.tiny("game.name=vae", "g.z_dist=uniform")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("g.z_dist=uniform");
        assertThatThrownBy(() -> Games.create(TestConfigs.tiny("game.name=wae_gan", "d.arch=dcgan")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("d.arch=dcgan").hasMessageContaining("mlp");
        assertThatThrownBy(() -> Games.create(TestConfigs.tiny("game.name=wae_gan", "d.pack=2")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("d.pack=2");
        assertThatThrownBy(() -> Games.create(TestConfigs.tiny("game.name=wae_mmd", "loss.name=hinge")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("loss.name=hinge");
    }
}
