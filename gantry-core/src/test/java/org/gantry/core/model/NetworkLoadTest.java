package org.gantry.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.gantry.config.Config;
import org.gantry.core.TestConfigs;
import org.junit.jupiter.api.Test;

class NetworkLoadTest {

    static float[] output(Network n, GanModel model) {
        try (NDArray x = model.manager().create(new float[] {0.3f, -0.7f, 1.1f, 0.2f}, new Shape(2, 2))) {
            return n.forward(x, false).toFloatArray();
        }
    }

    /**
     * DJL's parameter store keeps the arrays it handed out first; a network that ran before it was
     * loaded once went on computing with (and training) its initial weights.
     */
    @Test
    void aNetworkThatRanBeforeItWasLoadedComputesWithTheLoadedWeights() throws IOException {
        Config a = TestConfigs.tiny("seed=1");
        Config b = TestConfigs.tiny("seed=2");
        try (GanModel source = new GanModel(a, new int[] {2}); GanModel target = new GanModel(b, new int[] {2})) {
            float[] before = output(target.discriminator(), target);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            source.discriminator().save(new DataOutputStream(bytes));
            target.discriminator().load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            float[] expected = output(source.discriminator(), source);
            assertThat(before).isNotEqualTo(expected);
            assertThat(output(target.discriminator(), target)).containsExactly(expected);
        }
    }
}
