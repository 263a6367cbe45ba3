package org.gantry.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gantry.config.Config;
import org.gantry.config.Setting;
import org.gantry.core.sample.Samplers;
import org.gantry.core.train.GanModel;
import org.gantry.core.train.GantrySchema;
import org.gantry.data.DataSets;
import org.gantry.data.Dataset;
import org.gantry.eval.Metrics;
import org.gantry.eval.SampleMetric;
import org.gantry.random.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs over whole registries, so a newly registered entry is checked without a new test. */
class RegistryContractTest {

    @Test
    void everySettingIsDocumentedAndItsDefaultRoundTrips() {
        for (Setting<?> s : GantrySchema.create().settings()) {
            assertThat(s.description()).as(s.key()).isNotBlank();
            assertThat(s.key()).matches("[a-z0-9_]+(\\.[a-z0-9_]+)*");
            if (s.defaultValue() != null) {
                assertThat(roundTrip(s)).as(s.key()).isEqualTo(s.defaultValue());
            }
        }
    }

    private static <T> T roundTrip(Setting<T> s) {
        return s.type().parse(s.key(), s.type().toYaml(s.defaultValue()));
    }

    @Test
    void everyDataSetLoadsAndFills(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("p.csv");
        Files.writeString(csv, "0,1\n2,3\n");
        for (String name : DataSets.REGISTRY.names()) {
            Dataset d = DataSets.create(TestConfigs.tiny("data.name=" + name, "data.path=" + csv));
            assertThat(d.name()).isEqualTo(name);
            assertThat(d.size()).as(name).isPositive();
            float[] out = new float[2 * d.exampleLength()];
            d.fill(new int[] {0, d.size() - 1}, out);
            for (float v : out) {
                assertThat(v).as(name).isFinite();
            }
        }
    }

    @Test
    void everySamplerDrawsFiniteSamplesReproducibly() {
        Config c = TestConfigs.tiny();
        try (GanModel model = new GanModel(c, new int[] {2})) {
            for (String name : Samplers.REGISTRY.names()) {
                float[] a = Samplers.REGISTRY.create(name, c).sample(model, 50, new Rng(5));
                float[] b = Samplers.REGISTRY.create(name, c).sample(model, 50, new Rng(5));
                assertThat(a).as(name).hasSize(100).containsExactly(b);
            }
        }
    }

    @Test
    void everyMetricThatAppliesReturnsNamedFiniteValuesOnRealData() {
        Dataset ring = DataSets.create(TestConfigs.tiny("data.name=ring"));
        float[] real = new float[2 * 500];
        int[] idx = new int[500];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        ring.fill(idx, real);
        for (String name : Metrics.REGISTRY.names()) {
            SampleMetric m = Metrics.REGISTRY.create(name, TestConfigs.tiny());
            if (m.appliesTo(ring)) {
                Map<String, Double> values = m.evaluate(real, 500, ring);
                assertThat(values).as(name).isNotEmpty();
                values.values().forEach(v -> assertThat(v).as(name).isFinite());
            }
        }
    }
}
