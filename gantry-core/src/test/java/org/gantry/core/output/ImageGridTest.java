package org.gantry.core.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ImageGridTest {

    @Test
    void pixelsMapLinearlyFromMinusOneOneToBytesAndClip() {
        assertThat(ImageGrid.level(-1f)).isZero();
        assertThat(ImageGrid.level(1f)).isEqualTo(255);
        assertThat(ImageGrid.level(0f)).isEqualTo(128);
        assertThat(ImageGrid.level(-3f)).isZero();
        assertThat(ImageGrid.level(7f)).isEqualTo(255);
    }

    @Test
    void colourImagesLandInTheirCellsWithGutters() {
        // Two 3×1×2 images: image 0 red/green pixels, image 1 blue/white.
        float[] images = {1, -1, -1, 1, -1, -1, /* image 1 */ -1, 1, -1, 1, 1, 1};
        BufferedImage g = ImageGrid.render(images, 2, new int[] {3, 1, 2});
        // ceil(sqrt(2)) = 2 columns, 1 row: width 2·(2+1)+1, height 1·(1+1)+1.
        assertThat(g.getWidth()).isEqualTo(7);
        assertThat(g.getHeight()).isEqualTo(3);
        assertThat(g.getRGB(0, 0) & 0xffffff).isEqualTo(0x808080);
        assertThat(g.getRGB(1, 1) & 0xffffff).isEqualTo(0xff0000);
        assertThat(g.getRGB(2, 1) & 0xffffff).isEqualTo(0x00ff00);
        assertThat(g.getRGB(4, 1) & 0xffffff).isEqualTo(0x0000ff);
        assertThat(g.getRGB(5, 1) & 0xffffff).isEqualTo(0xffffff);
    }
}
