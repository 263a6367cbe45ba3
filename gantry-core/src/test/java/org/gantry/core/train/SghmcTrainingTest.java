package org.gantry.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gantry.config.Config;
import org.gantry.core.TestConfigs;
import org.gantry.core.game.Games;
import org.gantry.core.model.GanModel;
import org.gantry.data.DataSets;
import org.gantry.data.Dataset;
import org.junit.jupiter.api.Test;

/**
 * SGHMC's noise follows each parameter's name, not DJL's random parameter ids or the order in
 * which its parameter server happens to update them: two identically seeded models, whose ids
 * differ, take identical steps.
 */
class SghmcTrainingTest {

    @Test
    void identicallySeededChainsWithDifferentParameterIdsTakeIdenticalSteps() {
        Config c = TestConfigs.tiny("game.name=bayesian", "game.generator_samples=2", "game.critic_samples=2",
                "g.optimizer=sghmc", "d.optimizer=sghmc", "g.lr=1e-6", "d.lr=1e-6", "g.posterior_scale=100",
                "d.posterior_scale=100");
        Dataset data = DataSets.create(c);
        List<float[]> first = run(c, data);
        List<float[]> second = run(c, data);
        assertThat(second).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i)).as("parameter array %d", i).containsExactly(first.get(i));
        }
    }

    private static List<float[]> run(Config c, Dataset data) {
        try (GanModel model = Games.model(c, data); GanTrainer t = GanTrainerTest.trainer(model, c, data)) {
            for (int i = 0; i < 3; i++) {
                assertThat(t.trainStep().finite()).isTrue();
            }
            List<float[]> values = new java.util.ArrayList<>();
            for (String name : List.of("g", "d")) {
                model.network(name).trainableArrays().forEach(a -> values.add(a.toFloatArray()));
            }
            return values;
        }
    }
}
