package org.gantry.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gantry.config.Config;
import org.gantry.config.ConfigException;
import org.gantry.core.TestConfigs;
import org.gantry.core.nn.layer.Layers;
import org.junit.jupiter.api.Test;

/** Training noise is built into the dense discriminators, off by default, and refused where it is not built. */
class DiscriminatorNoiseTest {

    @Test
    void denseDiscriminatorsBuildNoiseOnlyWhenAsked() {
        for (String arch : new String[] {"mlp", "maxout"}) {
            Config quiet = TestConfigs.tiny("d.arch=" + arch);
            Config noisy = TestConfigs.tiny("d.arch=" + arch, "d.input_noise=0.3");
            assertThat(Layers.couplingLayer(Architectures.DISCRIMINATORS.create(arch, quiet)
                    .build(new int[] {2}, new int[] {1}))).isNull();
            assertThat(Layers.couplingLayer(Architectures.DISCRIMINATORS.create(arch, noisy)
                    .build(new int[] {2}, new int[] {1}))).isEqualTo("GaussianNoiseLayer");
        }
    }

    @Test
    void otherDiscriminatorsRefuseTheNoiseKeys() {
        for (String arch : new String[] {"linear", "dcgan", "sndcgan", "resnet"}) {
            Config c = TestConfigs.tiny("d.arch=" + arch, "d.hidden_noise=0.5");
            assertThatThrownBy(() -> Architectures.DISCRIMINATORS.create(arch, c)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("d.hidden_noise=0.5").hasMessageContaining("d.arch=" + arch);
        }
    }
}
