package org.gantry.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
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
        Path mnist = Path.of(System.getProperty("gantry.shared", "../shared"), "data", "mnist");
        assumeTrue(Files.isDirectory(mnist), "shared MNIST not present");
        Path run = Path.of(LegacyCheckpointTest.class.getResource(RESOURCE).toURI());
        Config config = TrainingRun.configOf(run, new ConfigBuilder(GantrySchema.create()))
                .set("data.path=" + mnist).build();
        Dataset data = DataSets.create(config);
        try (GanModel model = new GanModel(config, data.exampleShape());
                GanTrainer trainer = GanTrainer.create(config, model, data)) {
            CheckpointStore.read(run.resolve("checkpoints/step-00000020.ckpt"), trainer);
            assertThat(trainer.step()).isEqualTo(20);
            Map<String, String> got = new LinkedHashMap<>();
            got.put("generator", sha256(model.generator()));
            got.put("discriminator", sha256(model.discriminator()));
            got.put("average generator", sha256(model.averageGenerator()));
            assertThat(got).isEqualTo(SAVED_STATE_SHA256);
        }
    }

    private static String sha256(Network network) throws IOException, GeneralSecurityException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            network.save(out);
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
    }
}
