package org.gantry.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gantry.config.Config;
import org.gantry.config.ConfigBuilder;
import org.gantry.core.model.GanModel;
import org.gantry.core.model.Network;
import org.gantry.core.run.GantrySchema;
import org.gantry.core.run.TrainingRun;
import org.gantry.core.train.GanTrainer;
import org.gantry.data.DataSets;
import org.gantry.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint of format 2 (written at commit 72f5a9d, before checkpoints keyed networks by name:
 * a 20-step dcgan-mnist run with narrow networks, Adam and an EMA generator; provenance.json beside
 * it) still loads, every network exactly as it was saved. The hashes are of each network's saved
 * state (parameters, batch-norm statistics, optimizer moments) as format 2's reader restored it
 * when the file was written; bytes restored from a file do not depend on the CPU.
 */
class LegacyCheckpointTest {
    static final String RESOURCE = "/org/gantry/core/checkpoint/format2-run";
    private static final Map<String, String> SAVED_STATE_SHA256 = Map.of(
            "generator", "1fe2ddcd005ecabc441b27db31c3e45bac3b0812e88cf3d642a5cb8df1a8301f",
            "discriminator", "4dc5a553e57106d10cd37efc3095310174587e6ed7bedab71716731849d0e564",
            "average generator", "e8ed004826f1040cdad230ce2091dd6d7f345bc60f57380683a24d35e0ce8498");

    @Test
    void aFormatTwoCheckpointRestoresEveryNetworkExactly() throws Exception {
        try (Restored r = restore(legacyRun().resolve("checkpoints/step-00000020.ckpt"), "train.ema=0.9")) {
            assertThat(r.trainer.step()).isEqualTo(20);
            assertThat(hashes(r.model)).isEqualTo(SAVED_STATE_SHA256);
        }
    }

    @Test
    void rewrittenInFormatThreeItHoldsTheSameNetworksByName(@TempDir Path dir) throws Exception {
        Path rewritten = dir.resolve("step-00000020.ckpt");
        String yaml = Files.readString(legacyRun().resolve("config.yaml"));
        try (Restored r = restore(legacyRun().resolve("checkpoints/step-00000020.ckpt"), "train.ema=0.9")) {
            new CheckpointStore(dir, 10).writeTo(rewritten, r.trainer, yaml);
        }
        try (Restored r = restore(rewritten, "train.ema=0.9")) {
            assertThat(r.trainer.step()).isEqualTo(20);
            assertThat(r.model.networks().keySet()).containsExactly("g", "d", "g_ema");
            assertThat(hashes(r.model)).isEqualTo(SAVED_STATE_SHA256);
        }
        // A run without the averaged generator is told which network the checkpoint has that it lacks.
        try (Restored r = new Restored(config(legacyRun(), "train.ema=0"))) {
            assertThatThrownBy(() -> CheckpointStore.read(rewritten, r.trainer)).isInstanceOf(IOException.class)
                    .hasMessageContaining("[g, d, g_ema]").hasMessageContaining("[g, d]").hasMessageContaining("train.ema");
        }
    }

    private static Path mnist() {
        return Path.of(System.getProperty("gantry.shared", "../shared"), "data", "mnist");
    }

    private static Path legacyRun() throws Exception {
        assumeTrue(Files.isDirectory(mnist()), "shared MNIST not present");
        return Path.of(LegacyCheckpointTest.class.getResource(RESOURCE).toURI());
    }

    private static Config config(Path run, String... sets) {
        ConfigBuilder b = TrainingRun.configOf(run, new ConfigBuilder(GantrySchema.create())).set("data.path=" + mnist());
        for (String set : sets) {
            b.set(set);
        }
        return b.build();
    }

    private static Restored restore(Path checkpoint, String... sets) throws Exception {
        Restored r = new Restored(config(legacyRun(), sets));
        try {
            CheckpointStore.read(checkpoint, r.trainer);
            return r;
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e;
        }
    }

    /** A model and trainer built from a configuration, closed together. */
    private static final class Restored implements AutoCloseable {
        final GanModel model;
        final GanTrainer trainer;

        Restored(Config config) {
            Dataset data = DataSets.create(config);
            model = new GanModel(config, data.exampleShape());
            trainer = GanTrainer.create(config, model, data);
        }

        @Override
        public void close() {
            trainer.close();
            model.close();
        }
    }

    private static Map<String, String> hashes(GanModel model) throws IOException, GeneralSecurityException {
        Map<String, String> got = new LinkedHashMap<>();
        got.put("generator", sha256(model.generator()));
        got.put("discriminator", sha256(model.discriminator()));
        got.put("average generator", sha256(model.averageGenerator()));
        return got;
    }

    private static String sha256(Network network) throws IOException, GeneralSecurityException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            network.save(out);
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
    }
}
