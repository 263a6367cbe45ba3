package org.gantry.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageDatasetTest {
    @Test
    void bytesBecomeFloatsInMinusOneToOneChannelFirst() {
        // Two 2-channel 1×2 images; bytes 0, 255 and 51 map to −1, 1 and 51/127.5 − 1 = −0.6.
        byte[] px = {0, (byte) 255, 51, 0, /* image 1 */ (byte) 255, (byte) 255, 0, 0};
        ImageDataset d = new ImageDataset("t", px, new int[] {2, 1, 2}, new int[] {4, 1});
        assertThat(d.size()).isEqualTo(2);
        assertThat(d.exampleLength()).isEqualTo(4);
        float[] out = new float[8];
        d.fill(new int[] {1, 0}, out);
        assertThat(out).containsExactly(1f, 1f, -1f, -1f, -1f, 1f, 51 / 127.5f - 1f, -1f);
        assertThat(out[6]).isEqualTo(-0.6f);
        assertThat(d.hasLabels()).isTrue();
        assertThat(d.label(0)).isEqualTo(4);
        assertThat(d.classCount()).isEqualTo(5);
    }

    @Test
    void unlabelledAndMalformedInputs() {
        ImageDataset d = new ImageDataset("u", new byte[4], new int[] {1, 2, 2}, null);
        assertThat(d.hasLabels()).isFalse();
        assertThat(d.classCount()).isZero();
        assertThatThrownBy(() -> d.label(0)).isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("u");
        assertThatThrownBy(() -> new ImageDataset("x", new byte[5], new int[] {1, 2, 2}, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImageDataset("x", new byte[8], new int[] {1, 2, 2}, new int[] {1}))
                .hasMessageContaining("1 labels for 2 images");
    }
}
