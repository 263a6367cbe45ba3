package org.gantry.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.gantry.config.Config;
import org.gantry.config.ConfigBuilder;
import org.gantry.config.ConfigException;
import org.gantry.config.Schema;
import org.gantry.data.GaussianMixture;
import org.gantry.data.ImageDataset;
import org.gantry.data.PointDataset;
import org.gantry.random.Rng;
import org.junit.jupiter.api.Test;

/** The metric registry, reference caching and Stacked-MNIST counting through a stand-in feature network. */
class EvaluationPipelineTest {

    /** Reads a grey 28x28 image's "digit" from its mean brightness: bin k holds means in [k/5 - 1, (k+1)/5 - 1). */
    static final class BrightnessNetwork implements FeatureNetwork {
        int embedded;

        @Override
        public String identity() {
            return "brightness";
        }

        @Override
        public int[] inputShape() {
            return new int[] {1, 28, 28};
        }

        @Override
        public int featureDimension() {
            return 2;
        }

        @Override
        public int classCount() {
            return 10;
        }

        @Override
        public Embedding embed(float[] images, int count) {
            embedded += count;
            float[] f = new float[2 * count];
            float[] p = new float[10 * count];
            for (int i = 0; i < count; i++) {
                double mean = 0;
                for (int j = 0; j < 784; j++) {
                    mean += images[i * 784 + j] / 784.0;
                }
                f[2 * i] = (float) mean;
                f[2 * i + 1] = (float) (mean * mean);
                p[10 * i + Math.min(9, Math.max(0, (int) Math.floor((mean + 1) * 5)))] = 1;
            }
            return new Embedding(new FeatureMatrix(count, 2, f), new FeatureMatrix(count, 10, p));
        }

        @Override
        public void close() {}
    }

    /** Channel value that the brightness network reads as digit d. */
    private static float digitLevel(int d) {
        return (d + 0.5f) / 5f - 1f;
    }

    private static float[] stacked(int[] triples) {
        float[] out = new float[triples.length * 3 * 784];
        for (int i = 0; i < triples.length; i++) {
            int[] digits = {triples[i] / 100, triples[i] / 10 % 10, triples[i] % 10};
            for (int c = 0; c < 3; c++) {
                java.util.Arrays.fill(out, (i * 3 + c) * 784, (i * 3 + c + 1) * 784, digitLevel(digits[c]));
            }
        }
        return out;
    }

    private static ImageDataset images(String name, int channels, int n) {
        byte[] pixels = new byte[n * channels * 784];
        Rng rng = new Rng(1);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) rng.nextInt(256);
        }
        return new ImageDataset(name, pixels, new int[] {channels, 28, 28}, null);
    }

    private static Config config(String... sets) {
        Schema s = new Schema();
        s.add(Metrics.NAMES, Metrics.SAMPLES, Metrics.REFERENCE_SAMPLES).addAll(Metrics.REGISTRY.settings());
        ConfigBuilder b = new ConfigBuilder(s);
        for (String set : sets) {
            b.set(set);
        }
        return b.build();
    }

    @Test
    void stackedMnistCountsEveryTripleThroughTheChannelClassifier() {
        ImageDataset data = images("stacked_mnist", 3, 10);
        EvaluationReference ref = new EvaluationReference(data, data, "stacked", 10, new BrightnessNetwork(), 0);
        List<SampleMetric> metrics = Metrics.create(config(), List.of("auto"), ref);
        assertThat(metrics).singleElement().isInstanceOf(StackedMnistMetric.class);

        int[] all = new int[1000];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        Map<String, Double> v = Metrics.evaluateAll(metrics, new GeneratedSamples(stacked(all), 1000, ref), ref);
        assertThat(v).containsEntry("stacked_modes", 1000.0);
        assertThat(v.get("stacked_kl")).isCloseTo(0.0, within(1e-12));

        int[] ten = new int[500];
        for (int i = 0; i < ten.length; i++) {
            ten[i] = 111 * (i % 10) % 1000; // 000, 111, ..., 999 equally often
        }
        v = Metrics.evaluateAll(metrics, new GeneratedSamples(stacked(ten), 500, ref), ref);
        assertThat(v).containsEntry("stacked_modes", 10.0);
        assertThat(v.get("stacked_kl")).isCloseTo(Math.log(100), within(1e-12));
    }

    @Test
    void autoPicksTheCheapImageMetricsAndTheReferenceIsEmbeddedOnce() {
        ImageDataset data = images("mnist", 1, 300);
        BrightnessNetwork net = new BrightnessNetwork();
        EvaluationReference ref = new EvaluationReference(data, data, "mnist", 200, net, 0);
        List<SampleMetric> metrics = Metrics.create(config("eval.kid_block=50"), List.of("auto", "pr"), ref);
        assertThat(metrics.stream().flatMap(m -> m.valueNames().stream()))
                .containsExactly("fid", "kid", "kid_block_std", "is", "is_split_std", "precision", "recall");
        float[] gen = new float[100 * 784];
        data.fill(java.util.stream.IntStream.range(0, 100).toArray(), gen);
        for (int r = 0; r < 3; r++) {
            Map<String, Double> v = Metrics.evaluateAll(metrics, new GeneratedSamples(gen, 100, ref), ref);
            assertThat(v.keySet()).containsExactly("fid", "kid", "kid_block_std", "is", "is_split_std", "precision",
                    "recall");
        }
        // 200 reference images once, then 100 generated images per evaluation, shared by all metrics.
        assertThat(net.embedded).isEqualTo(200 + 3 * 100);
        assertThat(ref.count()).isEqualTo(200);
    }

    @Test
    void aNamedMetricThatDoesNotApplyIsAnErrorThatSaysWhy() {
        PointDataset ring = new PointDataset("ring", new float[] {0, 1, 1, 0}, 2, GaussianMixture.ring(8, 1.0, 0.01));
        EvaluationReference points = new EvaluationReference(ring, ring, "ring", 2, null, 0);
        assertThat(Metrics.create(config(), List.of("auto"), points)).singleElement().isInstanceOf(ModeCoverage.class);
        assertThatThrownBy(() -> Metrics.create(config(), List.of("fid"), points)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'fid'").hasMessageContaining("no feature network");
        assertThatThrownBy(() -> config("eval.metrics=fid,nope")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("eval.metrics");
    }

    @Test
    void everyMetricDeclaresTheDirectionAndRoleOfItsValues() {
        List<SampleMetric> all = Metrics.REGISTRY.names().stream().map(n -> Metrics.REGISTRY.create(n, config()))
                .toList();
        assertThat(Metrics.value(all, "fid")).hasValueSatisfying(v -> assertThat(v.higherIsBetter()).isFalse());
        assertThat(Metrics.value(all, "precision")).hasValueSatisfying(v -> assertThat(v.higherIsBetter()).isTrue());
        assertThat(Metrics.value(all, "stacked_modes")).hasValueSatisfying(v -> assertThat(v.higherIsBetter()).isTrue());
        assertThat(Metrics.value(all, "reverse_kl")).hasValueSatisfying(v -> assertThat(v.higherIsBetter()).isFalse());
        assertThat(Metrics.value(all, "kid_block_std")).hasValueSatisfying(v -> assertThat(v.spread()).isTrue());
        assertThat(Metrics.value(all, "nope")).isEmpty();
        // Each metric offers at most one value to pick the best checkpoint, and no name is reported twice.
        for (SampleMetric m : all) {
            assertThat(m.values().stream().filter(MetricValue::picksBest).count()).isLessThanOrEqualTo(1);
        }
        assertThat(all.stream().flatMap(m -> m.valueNames().stream()).toList()).doesNotHaveDuplicates();
        assertThat(all.stream().filter(m -> !m.automatic()).map(m -> m.getClass().getSimpleName()).toList())
                .containsExactly("PrecisionRecallMetric", "DensityCoverageMetric");
    }
}
