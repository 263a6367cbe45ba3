package org.gantry.study.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.gantry.config.ConfigException;
import org.gantry.study.TestStudies;
import org.gantry.study.plan.Configuration;
import org.gantry.study.plan.StudyPlan;
import org.gantry.study.spec.StudySettings;
import org.gantry.study.spec.StudySpec;
import org.junit.jupiter.api.Test;

class StudyBuilderTest {

    /** The builder and the study file are two spellings of one study: the same plan, setting for setting. */
    @Test
    void builtInJavaAsFromAFile() {
        StudySpec built = Studies.builder().name("lr").preset("grid").set("train.batch", 64)
                .factor("loss.name", "ns", "hinge").range("g.lr", "log", 1e-5, 1e-3).choice("d.norm", "none", "spectral")
                .search("halton", 5, 3).seeds(2).steps(500).metric("hq_fraction").racing(0.1, 0.5, 100, 200).build();
        StudySpec read = TestStudies.spec("""
                name: lr
                base: {preset: grid, set: {train.batch: 64}}
                factors: {loss.name: [ns, hinge]}
                search:
                  strategy: halton
                  points: 5
                  seed: 3
                  space: {g.lr: {log: [1.0e-5, 1.0e-3]}, d.norm: {choice: [none, spectral]}}
                seeds: 2
                steps: 500
                metric: {name: hq_fraction}
                stopping: {policy: racing, delta: 0.1, keep: 0.5, rungs: [100, 200]}
                """);
        assertThat(built.settings().values()).isEqualTo(read.settings().values());
        StudyPlan a = StudyPlan.of(built);
        StudyPlan b = StudyPlan.of(read);
        assertThat(a.configurations()).hasSize(10);
        assertThat(a.configurations().stream().map(Configuration::identity).toList())
                .isEqualTo(b.configurations().stream().map(Configuration::identity).toList());
        assertThat(a.config(a.trials().get(7)).values()).isEqualTo(b.config(b.trials().get(7)).values());
        assertThat(built.get(StudySettings.RUNGS)).isEqualTo(List.of(100, 200));
    }

    @Test
    void theBuilderChecksAsTheFileDoes() {
        assertThatThrownBy(() -> StudyPlan.of(Studies.builder().factor("loss.nam", "ns").metric("fid").build()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("did you mean 'loss.name'");
        assertThatThrownBy(() -> Studies.builder().range("g.lr", "lg", 1, 2).metric("fid").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("'lg' is not a scale");
    }
}
