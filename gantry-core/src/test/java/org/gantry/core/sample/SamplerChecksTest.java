package org.gantry.core.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gantry.config.Config;
import org.gantry.config.ConfigException;
import org.gantry.core.TestConfigs;
import org.gantry.core.game.Games;
import org.gantry.core.model.GanModel;
import org.gantry.core.run.TrainingRun;
import org.gantry.data.DataSets;
import org.gantry.data.Dataset;
import org.gantry.random.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sampler that cannot draw from a run says so before the run trains, and small data sets still serve as held-out data. */
class SamplerChecksTest {

    @Test
    void aCriticWhoseLogitsDependOnTheBatchIsRefusedBeforeTraining(@TempDir Path dir) {
        Path run = dir.resolve("run");
        Config c = TestConfigs.tiny("sample.name=drs", "d.minibatch_kernels=4");
        assertThatThrownBy(() -> TrainingRun.create(c, run, List.of()).run()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("d.minibatch_kernels").hasMessageContaining("sample.name=direct");
        assertThat(run).doesNotExist();
    }

    @Test
    void autoEncodersRefuseEverySamplerThatReadsACriticOfExamples(@TempDir Path dir) {
        for (String game : List.of("vae", "wae_mmd", "wae_gan")) {
            for (String sampler : List.of("drs", "mh_gan", "rep_gan")) {
                Path run = dir.resolve(game + "-" + sampler);
                Config c = TestConfigs.tiny("game.name=" + game, "sample.name=" + sampler);
                assertThatThrownBy(() -> TrainingRun.create(c, run, List.of()).run()).as(game + "/" + sampler)
                        .isInstanceOf(ConfigException.class).hasMessageContaining(game.equals("wae_gan")
                                ? "latent codes" : "no discriminator").hasMessageContaining("sample.name=direct");
                assertThat(run).doesNotExist();
            }
        }
    }

    @Test
    void repGanRefusesUniformNoiseBeforeTraining(@TempDir Path dir) {
        Path run = dir.resolve("run");
        Config c = TestConfigs.tiny("sample.name=rep_gan", "g.z_dist=uniform");
        assertThatThrownBy(() -> TrainingRun.create(c, run, List.of()).run()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("g.z_dist=normal");
        assertThat(run).doesNotExist();
    }

    /** Three held-out points and 20 chains: the chains' real starts are drawn three at a time. */
    @Test
    void mhGanStartsMoreChainsThanThereAreHeldOutExamples(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("p.csv");
        Files.writeString(csv, "0,1\n2,3\n4,5\n");
        Config c = TestConfigs.tiny("data.name=csv", "data.path=" + csv);
        Dataset data = DataSets.create(c);
        try (GanModel model = Games.model(c, data)) {
            ModelTarget target = new ModelTarget(model, Games.create(c), HeldOutExamples.of(c, data));
            Sampled s = new IndependentMetropolisSampler(true, 100, 4).sample(target, 20, new Rng(3));
            assertThat(s.examples()).hasSize(40);
            assertThat(s.proposals()).isGreaterThanOrEqualTo(80);
        }
    }
}
