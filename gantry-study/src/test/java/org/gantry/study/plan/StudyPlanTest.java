package org.gantry.study.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gantry.config.Config;
import org.gantry.config.ConfigException;
import org.gantry.config.GlobalSettings;
import org.gantry.core.loss.Losses;
import org.gantry.core.train.TrainSettings;
import org.gantry.study.spec.StudySpec;
import org.junit.jupiter.api.Test;

class StudyPlanTest {
    static StudySpec spec(String yaml) {
        return org.gantry.study.TestStudies.spec(yaml);
    }

    private static final String STUDY = """
            base: {preset: ring, set: {train.batch: 64}}
            factors:
              loss.name: [ns, hinge]
              g: {self_modulation: [false, true]}
            search:
              strategy: sobol
              points: 4
              space:
                g.lr: {log: [1.0e-5, 1.0e-3]}
                train.d_steps: {int: [1, 3]}
            seeds: 2
            steps: 300
            metric: {name: hq_fraction}
            """;

    @Test
    void crossesFactorsWithSearchPointsAndSeeds() {
        StudyPlan plan = StudyPlan.of(spec(STUDY));
        assertThat(plan.configurations()).hasSize(16);
        assertThat(plan.trials()).hasSize(32);
        assertThat(plan.steps()).isEqualTo(300);
        assertThat(plan.higherIsBetter()).isTrue();
        Configuration first = plan.configurations().get(0);
        assertThat(first.id()).isEqualTo("c0000");
        assertThat(first.settings()).containsKeys("loss.name", "g.self_modulation", "g.lr", "train.d_steps");
        Trial t = plan.trials().get(3);
        assertThat(t.id()).isEqualTo("c0001-s1");
        Config c = plan.config(t);
        assertThat(c.get(GlobalSettings.SEED)).isEqualTo(1L);
        assertThat(c.get(TrainSettings.STEPS)).isEqualTo(300);
        assertThat(c.get(TrainSettings.BATCH)).isEqualTo(64);
        assertThat(c.get(Losses.NAME)).isEqualTo(t.configuration().settings().get("loss.name"));
        for (Configuration k : plan.configurations()) {
            double lr = (Double) k.settings().get("g.lr");
            assertThat(lr).isBetween(1e-5, 1e-3);
            assertThat((Long) k.settings().get("train.d_steps")).isBetween(1L, 3L);
        }
    }

    @Test
    void anExtendedStudyKeepsItsConfigurationsIds() {
        StudyPlan small = StudyPlan.of(spec(STUDY));
        Map<String, String> known = new HashMap<>();
        small.configurations().forEach(c -> known.put(c.identity(), c.id()));
        StudyPlan larger = StudyPlan.of(spec(STUDY.replace("points: 4", "points: 8").replace("[ns, hinge]", "[ns, wgan, hinge]")),
                known);
        assertThat(larger.configurations()).hasSize(48);
        for (Configuration c : small.configurations()) {
            assertThat(larger.configurations()).filteredOn(k -> k.identity().equals(c.identity()))
                    .singleElement().extracting(Configuration::id).isEqualTo(c.id());
        }
        assertThat(larger.configurations().stream().map(Configuration::id).distinct()).hasSize(48);
    }

    @Test
    void badKeysAndValuesAreNamedBeforeAnythingRuns() {
        assertThatThrownBy(() -> spec("metric: {name: fid}\nseds: 3\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'seds'").hasMessageContaining("did you mean 'seeds'")
                .hasMessageContaining("gantry study describe");
        assertThatThrownBy(() -> StudyPlan.of(spec("metric: {name: hq_fraction}\nfactors: {loss.nme: [ns]}\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("loss.nme").hasMessageContaining("did you mean 'loss.name'")
                .hasMessageContaining("factors of");
        assertThatThrownBy(() -> StudyPlan.of(spec("metric: {name: hq_fraction}\nfactors: {loss.name: [ns, hinj]}\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("hinj");
        assertThatThrownBy(() -> StudyPlan.of(spec("metric: {name: hq_fraction}\nsearch: {space: {g.lr: {log: [0, 1]}}}\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("positive low end");
        assertThatThrownBy(() -> StudyPlan.of(spec("metric: {name: hq_fraction}\nsearch: {space: {g.lr: {lg: [1, 2]}}}\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'lg' is not a scale");
        assertThatThrownBy(() -> StudyPlan.of(spec("metric: {name: hq_fraction}\nsearch: {space: {g.lr: {linear: [-1, 1]}}}\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("g.lr");
        assertThatThrownBy(() -> spec("seeds: 3\n")).isInstanceOf(ConfigException.class).hasMessageContaining("metric.name");
        assertThatThrownBy(() -> StudyPlan.of(spec("metric: {name: hq_fracton}\n"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("did you mean 'hq_fraction'");
        assertThatThrownBy(() -> StudyPlan.of(spec("metric: {name: fid}\nsteps: 100\nstopping: {policy: racing, rungs: [50, 100]}\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("below the trials' 100 steps");
        assertThatThrownBy(() -> spec("metric: {name: fid}\nstopping: {policy: asha}\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("stopping.rungs");
        assertThatThrownBy(() -> spec("metric: {name: fid}\nfactors: {loss.name: ns}\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("non-empty list of levels");
        assertThatThrownBy(() -> spec("metric: {name: fid}\nfactors: {g.lr: [0.1]}\nsearch: {space: {g.lr: {log: [1, 2]}}}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("both in search.space and in factors");
    }

    @Test
    void theMetricsOwnDirectionUnlessTheStudySaysOtherwise() {
        assertThat(StudyPlan.of(spec("metric: {name: fid}\n")).higherIsBetter()).isFalse();
        assertThat(StudyPlan.of(spec("metric: {name: modes}\n")).higherIsBetter()).isTrue();
        assertThat(StudyPlan.of(spec("metric: {name: modes, direction: lower}\n")).higherIsBetter()).isFalse();
        assertThat(List.of(StudyPlan.of(spec("metric: {name: fid}\n")).trials().get(0).id())).containsExactly("c0000-s0");
    }

    @Test
    void studyKeysCanBeOverriddenFromTheCommandLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("s.yaml");
        java.nio.file.Files.writeString(file, STUDY);
        StudySpec spec = org.gantry.study.spec.StudyFile.read(file, List.of("search.seed=3", "seeds=4"));
        assertThat(spec.get(org.gantry.study.spec.StudySettings.SEARCH_SEED)).isEqualTo(3L);
        assertThat(StudyPlan.of(spec).trials()).hasSize(64);
        assertThat(spec.document()).containsEntry("search.seed", "3");
        assertThatThrownBy(() -> org.gantry.study.spec.StudyFile.read(file, List.of("factors.loss.name=ns")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("set in the study file");
        assertThatThrownBy(() -> org.gantry.study.spec.StudyFile.read(file, List.of("serch.seed=3")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("did you mean 'search.seed'");
    }
}
