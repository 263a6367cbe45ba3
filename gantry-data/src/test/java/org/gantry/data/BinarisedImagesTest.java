package org.gantry.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gantry.config.ConfigException;
import org.junit.jupiter.api.Test;

class BinarisedImagesTest {

    @Test
    void pixelsFromMiddleGreyOnAreWhiteAndTheRestBlack() {
        byte[] pixels = {0, 1, 127, (byte) 128, (byte) 200, (byte) 255};
        ImageDataset images = new ImageDataset("tiny", pixels, new int[] {1, 2, 3}, new int[] {4});
        BinarisedImages binary = new BinarisedImages(images);
        float[] out = new float[6];
        binary.fill(new int[] {0}, out);
        assertThat(out).containsExactly(-1, -1, -1, 1, 1, 1);
        assertThat(binary.hasLabels()).isTrue();
        assertThat(binary.label(0)).isEqualTo(4);
    }

    @Test
    void pointsAreRefusedNamingTheKey() {
        PointDataset points = new PointDataset("csv", new float[] {0.5f, 1}, 2, null);
        assertThatThrownBy(() -> new BinarisedImages(points)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("data.binarise");
    }
}
