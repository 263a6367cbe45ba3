package org.gantry.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gantry.config.Config;
import org.gantry.config.Setting;
import org.gantry.core.model.GanModel;
import org.gantry.core.run.GantrySchema;
import org.gantry.core.engine.TorchEngine;
import org.gantry.core.game.Games;
import org.gantry.core.model.Network;
import org.gantry.core.sample.HeldOutExamples;
import org.gantry.core.sample.ModelTarget;
import org.gantry.core.sample.Sampled;
import org.gantry.core.sample.SamplingTarget;
import org.gantry.core.sample.Samplers;
import org.gantry.data.DataSets;
import org.gantry.data.Dataset;
import org.gantry.eval.EvaluationReference;
import org.gantry.eval.GeneratedSamples;
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

    /** A small file or folder each data set can read; data sets on ../shared/data are skipped without it. */
    private static String samplePath(String name, Path dir) throws IOException {
        Path shared = Path.of(System.getProperty("gantry.shared", "../shared"), "data");
        switch (name) {
            case "mnist", "stacked_mnist":
                return shared.resolve("mnist").toString();
            case "fashion_mnist":
                return shared.resolve("fashion-mnist").toString();
            case "cifar10": {
                Path batches = Files.createDirectories(dir.resolve("cifar-10-batches-bin"));
                byte[] record = new byte[3073];
                for (int i = 0; i < record.length; i++) {
                    record[i] = (byte) (i % 10);
                }
                for (String f : new String[] {"data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4",
                    "data_batch_5", "test_batch"}) {
                    Files.write(batches.resolve(f + ".bin"), record);
                }
                return batches.toString();
            }
            case "image_folder": {
                Path images = Files.createDirectories(dir.resolve("images"));
                java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(6, 4,
                        java.awt.image.BufferedImage.TYPE_INT_RGB);
                img.setRGB(1, 1, 0xff8040);
                javax.imageio.ImageIO.write(img, "png", images.resolve("a.png").toFile());
                return images.toString();
            }
            default: {
                Path csv = dir.resolve("p.csv");
                Files.writeString(csv, "0,1\n2,3\n");
                return csv.toString();
            }
        }
    }

    @Test
    void everyDataSetLoadsAndFills(@TempDir Path dir) throws IOException {
        for (String name : DataSets.REGISTRY.names()) {
            String path = samplePath(name, dir);
            if (!Files.exists(Path.of(path))) {
                continue;
            }
            Dataset d = DataSets.create(TestConfigs.tiny("data.name=" + name, "data.path=" + path,
                    "data.stacked_images=100", "data.image_size=8"));
            assertThat(d.name()).isEqualTo(name);
            assertThat(d.size()).as(name).isPositive();
            float[] out = new float[2 * d.exampleLength()];
            d.fill(new int[] {0, d.size() - 1}, out);
            for (float v : out) {
                assertThat(v).as(name).isFinite();
                if (d.exampleShape().length == 3) {
                    assertThat(v).as("pixels of %s", name).isBetween(-1f, 1f);
                }
            }
        }
    }

    @Test
    void everySamplerDrawsFiniteSamplesReproduciblyAndCountsItsCost() {
        Config c = TestConfigs.tiny("sample.steps=3", "sample.burn_in=200", "sample.calibration_samples=200");
        Dataset ring = DataSets.create(c);
        try (GanModel model = new GanModel(c, new int[] {2})) {
            SamplingTarget target = new ModelTarget(model, Games.create(c), HeldOutExamples.of(c, ring));
            for (String name : Samplers.REGISTRY.names()) {
                Sampled a = Samplers.REGISTRY.create(name, c).sample(target, 50, new Rng(5));
                Sampled b = Samplers.REGISTRY.create(name, c).sample(target, 50, new Rng(5));
                assertThat(a.examples()).as(name).hasSize(100).containsExactly(b.examples());
                for (float v : a.examples()) {
                    assertThat(v).as(name).isFinite();
                }
                assertThat(a.count()).as(name).isEqualTo(50);
                assertThat(a.proposals()).as(name).isGreaterThanOrEqualTo(50);
                assertThat(a.acceptanceRate()).as(name).isBetween(0.0, 1.0);
                // Sampling leaves no gradient behind in any network (REP-GAN differentiates through G and D).
                for (Network n : model.networks().values()) {
                    for (var p : n.parameters()) {
                        assertThat(TorchEngine.hasGradient(p)).as("%s: %s", name, p.getName()).isFalse();
                    }
                }
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
        EvaluationReference reference = new EvaluationReference(ring, ring, "ring", 500, null, 0);
        for (String name : Metrics.REGISTRY.names()) {
            SampleMetric m = Metrics.REGISTRY.create(name, TestConfigs.tiny());
            if (m.appliesTo(reference)) {
                Map<String, Double> values = m.evaluate(new GeneratedSamples(real, 500, reference), reference);
                assertThat(values.keySet()).as(name).containsExactlyElementsOf(m.valueNames());
                values.values().forEach(v -> assertThat(v).as(name).isFinite());
            }
        }
    }
}
