package org.gantry.core.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.gantry.config.ConfigException;
import org.gantry.core.ArrayTest;
import org.gantry.core.TestConfigs;
import org.gantry.core.loss.NonSaturatingLoss;
import org.gantry.core.model.GanModel;
import org.gantry.random.Rng;
import org.junit.jupiter.api.Test;

class InfoGanGameTest extends ArrayTest {
    static InfoGanGame game(List<Integer> categorical, int continuous) {
        return new InfoGanGame(new StandardGame(new NonSaturatingLoss(1)), categorical, continuous, 1, 0.1, List.of(8), 2);
    }

    /** Codes of a batch drawn from the codes' priors: one-hot categorical codes, then continuous ones. */
    static float[] codes(List<Integer> categorical, int continuous, int rows, Rng rng) {
        float[] latent = new float[rows * (2 + 3 + 4 + continuous)];
        new org.gantry.core.model.LatentSpace(2, false, categorical, continuous).draw(rng, latent);
        int size = latent.length / rows;
        float[] out = new float[rows * (size - 2)];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(latent, r * size + 2, out, r * (size - 2), size - 2);
        }
        return out;
    }

    @Test
    void theBoundIsTheCodesEntropyWhenQIsExactAndZeroWhenQIsThePrior() {
        List<Integer> categorical = List.of(3, 4);
        int rows = 64;
        float[] c = codes(categorical, 0, rows, new Rng(3));
        InfoGanGame game = game(categorical, 0);
        // Exact Q: the logits single out the code the sample was made with (softmax of 40 vs 0 is 1 to float precision).
        float[] exact = new float[c.length];
        for (int i = 0; i < c.length; i++) {
            exact[i] = 40 * c[i];
        }
        NDArray codes = m.create(c, new Shape(rows, 7));
        double lExact = game.negativeLogLikelihoods(m.create(exact, new Shape(rows, 7)), codes)[0].getFloat();
        double entropy = Math.log(3) + Math.log(4);
        assertThat(entropy - lExact).isCloseTo(entropy, offset(1e-5));
        // Q that has learnt nothing predicts the prior, the uniform distribution: the bound is 0.
        double lPrior = game.negativeLogLikelihoods(m.zeros(new Shape(rows, 7)), codes)[0].getFloat();
        assertThat(entropy - lPrior).isCloseTo(0, offset(1e-5));
    }

    @Test
    void categoricalCrossEntropyAndContinuousGaussianLikelihoodMatchTheirClosedForms() {
        InfoGanGame game = game(List.of(3), 2);
        float[] q = {2f, -1f, 0.5f, 0.3f, -0.4f, /* row 2 */ 0f, 1f, 0f, -0.9f, 0.2f};
        float[] c = {0f, 0f, 1f, 0.5f, -0.5f, /* row 2 */ 1f, 0f, 0f, 0.1f, 0.9f};
        NDArray[] nll = game.negativeLogLikelihoods(m.create(q, new Shape(2, 5)), m.create(c, new Shape(2, 5)));
        double ce1 = -(0.5 - Math.log(Math.exp(2) + Math.exp(-1) + Math.exp(0.5)));
        double ce2 = -(0 - Math.log(1 + Math.E + 1));
        assertThat((double) nll[0].getFloat()).isCloseTo((ce1 + ce2) / 2, offset(1e-5));
        double halfLog2Pi = 0.5 * Math.log(2 * Math.PI);
        double g1 = 0.5 * (0.2 * 0.2 + 0.1 * 0.1) + 2 * halfLog2Pi;
        double g2 = 0.5 * (1.0 * 1.0 + 0.7 * 0.7) + 2 * halfLog2Pi;
        assertThat((double) nll[1].getFloat()).isCloseTo((g1 + g2) / 2, offset(1e-5));
    }

    @Test
    void theModelReadsNoiseThenCodesAndTheQHeadPredictsEveryCode() {
        var c = TestConfigs.tiny("game.name=infogan", "game.categorical_codes=10", "game.continuous_codes=2",
                "g.z_dim=5");
        try (GanModel model = Games.model(c, new int[] {2})) {
            assertThat(model.latentSize()).isEqualTo(5 + 10 + 2);
            assertThat(model.networks()).containsKeys("g", "d", "q");
            try (NDArray x = model.manager().zeros(new Shape(4, 2))) {
                NDArray f = model.discriminator().features(x, false);
                assertThat(model.network("q").forward(f, false).getShape()).isEqualTo(new Shape(4, 12));
            }
        }
    }

    @Test
    void packingAndSelfModulationAreRefusedWithTheReason() {
        assertThatThrownBy(() -> Games.create(TestConfigs.tiny("game.name=infogan", "d.pack=2")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("d.pack=2");
        assertThatThrownBy(() -> Games.create(TestConfigs.tiny("game.name=infogan", "g.self_modulation=true",
                "g.norm=batch"))).isInstanceOf(ConfigException.class).hasMessageContaining("g.self_modulation");
        assertThatThrownBy(() -> Games.create(TestConfigs.tiny("game.name=infogan", "game.categorical_codes=",
                "game.continuous_codes=0"))).isInstanceOf(ConfigException.class).hasMessageContaining("codes");
    }
}
