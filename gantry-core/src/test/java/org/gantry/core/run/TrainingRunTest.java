package org.gantry.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gantry.config.Config;
import org.gantry.config.ConfigBuilder;
import org.gantry.config.ConfigException;
import org.gantry.core.TestConfigs;
import org.gantry.core.checkpoint.CheckpointStore;
import org.gantry.core.engine.Provenance;
import org.gantry.core.engine.TorchEngine;
import org.gantry.core.train.DivergenceException;
import org.gantry.core.train.TrainingListener;
import org.gantry.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingRunTest {

    static Map<String, Object> train(Config c, Path dir) throws IOException {
        return TrainingRun.create(c, dir, List.of()).run();
    }

    @Test
    void writesTheRunDirectory(@TempDir Path dir) throws IOException {
        Map<String, Object> s = train(TestConfigs.tiny(), dir);
        assertThat(s).containsKeys("steps", "wall_seconds", "steps_per_second", "modes", "hq_fraction", "reverse_kl");
        assertThat(s.get("steps")).isEqualTo(20L);
        JsonNode summary = Json.mapper().readTree(dir.resolve("summary.json").toFile());
        assertThat(summary.get("status").asText()).isEqualTo("completed");
        assertThat(summary.get("steps_per_second").asDouble()).isPositive();
        List<String> metrics = Files.readAllLines(dir.resolve("metrics.jsonl"));
        assertThat(metrics).hasSize(2);
        assertThat(Json.mapper().readTree(metrics.get(1)).get("step").asLong()).isEqualTo(20);
        assertThat(dir.resolve("config.yaml")).exists();
        JsonNode provenance = Json.mapper().readTree(dir.resolve("provenance.json").toFile());
        assertThat(provenance.get("libtorch_version").asText()).startsWith("2.");
        // Which CPU and which kernels: a result from another CPU must never pass for one from this.
        assertThat(provenance.get("cpu").asText()).isEqualTo(Provenance.cpu()).isNotEqualTo("unknown");
        assertThat(provenance.get("cpu_capability").asText()).isIn("DEFAULT", "AVX2", "AVX512");
        assertThat(provenance.get("blas").asText()).contains("Math Kernel Library");
        // oneDNN is on only where its convolutions passed the start-up check, and provenance says which.
        assertThat(provenance.get("onednn").asText().endsWith("(off)")).isNotEqualTo(TorchEngine.oneDnnEnabled());
        assertThat(provenance.get("convolutions").asText()).startsWith(TorchEngine.oneDnnEnabled() ? "oneDNN" : "ATen");
        assertThat(provenance.get("nnpack").asText()).isEqualTo("off");
        assertThat(dir.resolve("samples/step-00000010.png")).exists();
        assertThat(dir.resolve("samples/final.png")).exists();
        assertThat(new CheckpointStore(dir.resolve("checkpoints"), 2).list()).extracting(p -> p.getFileName().toString())
                .containsExactly("step-00000010.ckpt", "step-00000020.ckpt");
        assertThatThrownBy(() -> train(TestConfigs.tiny(), dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("already holds a run");
    }

    @Test
    void sameSeedSameRunOtherSeedOtherRun(@TempDir Path dir) throws IOException {
        Map<String, Object> a = train(TestConfigs.tiny("seed=3"), dir.resolve("a"));
        Map<String, Object> b = train(TestConfigs.tiny("seed=3"), dir.resolve("b"));
        Map<String, Object> c = train(TestConfigs.tiny("seed=4"), dir.resolve("c"));
        assertThat(b.get("d_loss")).isEqualTo(a.get("d_loss"));
        assertThat(b.get("g_loss")).isEqualTo(a.get("g_loss"));
        assertThat(Files.readString(dir.resolve("b/metrics.jsonl"))).isEqualTo(Files.readString(dir.resolve("a/metrics.jsonl")));
        assertThat(c.get("g_loss")).isNotEqualTo(a.get("g_loss"));
    }

    @Test
    void resumeContinuesExactlyLikeAnUninterruptedRun(@TempDir Path dir) throws IOException {
        resumesExactly(dir, "train.ema=0.9");
    }

    /** Historical averages are checkpointed; consensus and RK4 keep no state of their own. */
    @Test
    void resumeIsExactWithHistoricalAveragingAndJointDynamics(@TempDir Path dir) throws IOException {
        resumesExactly(dir.resolve("ha"), "train.historical_averaging=0.1");
        resumesExactly(dir.resolve("consensus"), "dynamics.name=consensus");
        resumesExactly(dir.resolve("ode"), "dynamics.name=ode");
    }

    /**
     * Weight norm's data-dependent lengths and virtual batch norm's reference are set at the first
     * step and must come back from the checkpoint, not be set again from a later batch.
     */
    @Test
    void resumeIsExactWithNormalisationsInitialisedFromTheFirstBatch(@TempDir Path dir) throws IOException {
        resumesExactly(dir.resolve("weight"), "train.ema=0.9", "g.norm=weight", "d.norm=weight");
        resumesExactly(dir.resolve("virtual"), "train.ema=0.9", "g.norm=virtual_batch", "d.norm=virtual_batch",
                "g.reference_batch=16", "d.reference_batch=8");
        resumesExactly(dir.resolve("ghost"), "g.norm=ghost_batch", "d.norm=ghost_batch", "d.ghost_batch=8");
    }

    /** The discriminator's training noise is drawn from the checkpointed latent stream. */
    @Test
    void resumeIsExactWithTrainingNoiseAndTheNoiseChangesTheRun(@TempDir Path dir) throws IOException {
        resumesExactly(dir.resolve("noise"), "d.input_noise=0.3", "d.hidden_noise=0.5");
        String[] common = {"train.steps=10", "eval.every=10"};
        Map<String, Object> quiet = train(TestConfigs.tiny(common), dir.resolve("quiet"));
        Map<String, Object> noisy = train(TestConfigs.tiny(concat(common, "d.input_noise=0.3")), dir.resolve("noisy"));
        assertThat(noisy.get("d_loss")).isNotEqualTo(quiet.get("d_loss"));
    }

    private static void resumesExactly(Path dir, String... extra) throws IOException {
        String[] common = concat(new String[] {"train.steps=30", "eval.every=10", "output.checkpoint_every=10"}, extra);
        Map<String, Object> full = train(TestConfigs.tiny(common), dir.resolve("full"));
        Path part = dir.resolve("part");
        train(TestConfigs.tiny(concat(common, "train.steps=20")), part);
        // Simulate a crash after the step-20 checkpoint that had already logged a later evaluation.
        Files.writeString(part.resolve("metrics.jsonl"), "{\"step\":25,\"modes\":1}\n",
                java.nio.file.StandardOpenOption.APPEND);
        Config resumed = TrainingRun.configOf(part, new ConfigBuilder(GantrySchema.create())).set("train.steps=30").build();
        Map<String, Object> rest = TrainingRun.resume(resumed, part, List.of()).run();
        assertThat(rest.get("g_loss")).isEqualTo(full.get("g_loss"));
        assertThat(rest.get("d_loss")).isEqualTo(full.get("d_loss"));
        assertThat(rest.get("hq_fraction")).isEqualTo(full.get("hq_fraction"));
        assertThat(Files.readAllLines(part.resolve("metrics.jsonl"))).hasSize(3);
    }

    @Test
    void aTruncatedCheckpointIsNamedAndPassedOverForTheNewestIntactOne(@TempDir Path dir) throws IOException {
        train(TestConfigs.tiny(), dir);
        List<Path> kept = new CheckpointStore(dir.resolve("checkpoints"), 2).list();
        assertThat(kept).hasSize(2);
        Path last = kept.get(1);
        byte[] bytes = Files.readAllBytes(last);
        Files.write(last, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Config more = TrainingRun.configOf(dir, new ConfigBuilder(GantrySchema.create())).set("train.steps=30").build();
        List<String> notices = new java.util.ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onNotice(String message) {
                notices.add(message);
            }
        };
        assertThat(TrainingRun.resume(more, dir, List.of(listener)).run().get("steps")).isEqualTo(30L);
        assertThat(notices).anyMatch(n -> n.contains(last.toString()) && n.contains("damaged or cut short")
                && n.contains("resuming from " + kept.get(0).getFileName()));
        // With no intact checkpoint left, the error names each damaged one.
        for (Path p : new CheckpointStore(dir.resolve("checkpoints"), 2).list()) {
            Files.write(p, new byte[] {1, 2, 3});
        }
        Config again = TrainingRun.configOf(dir, new ConfigBuilder(GantrySchema.create())).set("train.steps=40").build();
        assertThatThrownBy(() -> TrainingRun.resume(again, dir, List.of()).run()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("has no intact checkpoint").hasMessageContaining("is not a Gantry checkpoint");
    }

    @Test
    void resumeRefusesAChangedConfiguration(@TempDir Path dir) throws IOException {
        train(TestConfigs.tiny(), dir);
        Config changed = TrainingRun.configOf(dir, new ConfigBuilder(GantrySchema.create()))
                .set("train.steps=40").set("g.lr=0.01").build();
        assertThatThrownBy(() -> TrainingRun.resume(changed, dir, List.of()).run())
                .isInstanceOf(ConfigException.class).hasMessageContaining("g.lr");
        Config notLonger = TrainingRun.configOf(dir, new ConfigBuilder(GantrySchema.create())).build();
        assertThatThrownBy(() -> TrainingRun.resume(notLonger, dir, List.of()).run())
                .hasMessageContaining("raise train.steps");
    }

    @Test
    void divergenceStopsTheRunAndKeepsTheLastGoodCheckpoint(@TempDir Path dir) throws IOException {
        // One point at 3.4e38 overflows the discriminator when its batch comes up: a NaN loss mid-run.
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            csv.append(i % 7 * 0.1).append(',').append(i % 5 * 0.1).append('\n');
        }
        csv.append("3.4e38,-3.4e38\n");
        Path data = dir.resolve("points.csv");
        Files.writeString(data, csv);
        Path run = dir.resolve("run");
        Config c = TestConfigs.tiny("data.name=csv", "data.path=" + data, "train.steps=200", "output.checkpoint_every=1",
                "output.keep_checkpoints=1000", "eval.every=0");
        assertThatThrownBy(() -> train(c, run)).isInstanceOf(DivergenceException.class).hasMessageContaining("diverged");
        JsonNode summary = Json.mapper().readTree(run.resolve("summary.json").toFile());
        assertThat(summary.get("status").asText()).isEqualTo("diverged");
        long divergedAt = summary.get("steps").asLong();
        List<Path> kept = new CheckpointStore(run.resolve("checkpoints"), 1000).list();
        assertThat(kept).isNotEmpty();
        assertThat(CheckpointStore.stepOf(kept.get(kept.size() - 1))).isEqualTo(divergedAt - 1);
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
