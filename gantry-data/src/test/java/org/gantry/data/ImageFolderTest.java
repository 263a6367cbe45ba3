package org.gantry.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntBinaryOperator;
import javax.imageio.ImageIO;
import org.gantry.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scaling, cropping and channel handling checked against values worked out by hand. */
class ImageFolderTest {

    static Path write(Path file, BufferedImage image) throws IOException {
        Files.createDirectories(file.getParent());
        String format = file.getFileName().toString().toLowerCase().endsWith(".png") ? "png" : "jpg";
        assertThat(ImageIO.write(image, format, file.toFile())).isTrue();
        return file;
    }

    /** A grey image (TYPE_BYTE_GRAY) whose pixel (x, y) is {@code value(x, y)}. */
    static BufferedImage grey(int w, int h, IntBinaryOperator value) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, value.applyAsInt(x, y));
            }
        }
        return img;
    }

    /** An image of {@code type} whose pixel (x, y) is the packed ARGB {@code value(x, y)}. */
    static BufferedImage packed(int w, int h, int type, IntBinaryOperator value) {
        BufferedImage img = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, value.applyAsInt(x, y));
            }
        }
        return img;
    }

    /** The bytes of the only image in {@code dir}, recovered from the scaled floats. */
    static int[] onlyImage(Path dir, int size, int channels) {
        ImageDataset d = ImageFolder.read("image_folder", dir, size, channels);
        assertThat(d.size()).isEqualTo(1);
        assertThat(d.exampleShape()).containsExactly(channels, size, size);
        assertThat(d.hasLabels()).isFalse();
        return bytes(d, 0);
    }

    static int[] bytes(Dataset d, int index) {
        float[] f = new float[d.exampleLength()];
        d.fill(new int[] {index}, f);
        int[] out = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = Math.round((f[i] + 1f) * 127.5f);
        }
        return out;
    }

    @Test
    void wideImageIsCentreCroppedWithoutScaling(@TempDir Path dir) throws IOException {
        // 4×2, left half black, right half white: shorter side is already 2, the crop keeps columns 1 and 2.
        write(dir.resolve("a.png"), packed(4, 2, BufferedImage.TYPE_INT_RGB, (x, y) -> x < 2 ? 0 : 0xffffff));
        ImageDataset d = ImageFolder.read("image_folder", dir, 2, 3);
        float[] out = new float[12];
        d.fill(new int[] {0}, out);
        assertThat(out).containsExactly(-1, 1, -1, 1, /* G */ -1, 1, -1, 1, /* B */ -1, 1, -1, 1);
    }

    @Test
    void shrinkingAveragesTheCoveredArea(@TempDir Path dir) throws IOException {
        // 4×4 grey, pixel 10x + 40y: each output pixel is the mean of a 2×2 block, 25 + 20X + 80Y.
        write(dir.resolve("g.png"), grey(4, 4, (x, y) -> 10 * x + 40 * y));
        assertThat(onlyImage(dir, 2, 1)).containsExactly(25, 45, 105, 125);
    }

    @Test
    void shrinkingThenCroppingAWideImage(@TempDir Path dir) throws IOException {
        // 8×4, pixel 10x: halved to 4×2 (pairs average to 5, 25, 45, 65), crop keeps columns 1 and 2.
        write(dir.resolve("w.png"), grey(8, 4, (x, y) -> 10 * x));
        assertThat(onlyImage(dir, 2, 1)).containsExactly(25, 45, 25, 45);
    }

    @Test
    void tallImageKeepsTheMiddleRows(@TempDir Path dir) throws IOException {
        write(dir.resolve("t.png"), grey(2, 6, (x, y) -> 30 * y));
        assertThat(onlyImage(dir, 2, 1)).containsExactly(60, 60, 90, 90);
    }

    @Test
    void enlargingInterpolatesBetweenPixelCentres(@TempDir Path dir) throws IOException {
        // Columns 0 and 200 doubled: centres at source x = −¼ (clamped), ¼, ¾, 1¼ (clamped).
        write(dir.resolve("u.png"), grey(2, 2, (x, y) -> 200 * x));
        int[] row = {0, 50, 150, 200};
        int[] expected = new int[16];
        for (int y = 0; y < 4; y++) {
            System.arraycopy(row, 0, expected, 4 * y, 4);
        }
        assertThat(onlyImage(dir, 4, 1)).containsExactly(expected);
    }

    @Test
    void greyIsReplicatedExactlyAndColourBecomesLuminance(@TempDir Path dir) throws IOException {
        // 128 must stay 128: Java2D's RGB view of a grey image would gamma-convert it.
        write(dir.resolve("grey.png"), grey(2, 2, (x, y) -> 128));
        assertThat(onlyImage(dir, 2, 3)).containsOnly(128);
        assertThat(onlyImage(dir, 2, 1)).containsOnly(128);
        Files.delete(dir.resolve("grey.png"));
        write(dir.resolve("rgb.png"), packed(2, 2, BufferedImage.TYPE_INT_RGB, (x, y) -> 0xc86432)); // 200, 100, 50
        assertThat(onlyImage(dir, 2, 3)).containsExactly(200, 200, 200, 200, 100, 100, 100, 100, 50, 50, 50, 50);
        // 0.299·200 + 0.587·100 + 0.114·50 = 124.2
        assertThat(onlyImage(dir, 2, 1)).containsOnly(124);
    }

    @Test
    void alphaIsDroppedNotBlended(@TempDir Path dir) throws IOException {
        write(dir.resolve("a.png"), packed(2, 2, BufferedImage.TYPE_INT_ARGB, (x, y) -> 0x00ff0000)); // transparent red
        assertThat(onlyImage(dir, 2, 3)).containsExactly(255, 255, 255, 255, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void jpegDecodesCloseToItsColour(@TempDir Path dir) throws IOException {
        write(dir.resolve("x.JPEG"), packed(16, 16, BufferedImage.TYPE_INT_RGB, (x, y) -> 0x646464));
        for (int v : onlyImage(dir, 8, 3)) {
            assertThat(v).isBetween(97, 103); // lossy, but a flat grey survives within a few levels
        }
    }

    @Test
    void filesAreFoundRecursivelyInOrderOfRelativePath(@TempDir Path dir) throws IOException {
        write(dir.resolve("b/2.png"), grey(2, 2, (x, y) -> 2));
        write(dir.resolve("b/10.png"), grey(2, 2, (x, y) -> 10));
        write(dir.resolve("A.PNG"), grey(2, 2, (x, y) -> 1));
        write(dir.resolve("c.JPG"), packed(2, 2, BufferedImage.TYPE_INT_RGB, (x, y) -> 0xffffff));
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        ImageDataset d = ImageFolder.read("image_folder", dir, 2, 1);
        assertThat(d.size()).isEqualTo(4);
        // "A.PNG" < "b/10.png" < "b/2.png" < "c.JPG" (string order of relative paths)
        assertThat(bytes(d, 0)).containsOnly(1);
        assertThat(bytes(d, 1)).containsOnly(10);
        assertThat(bytes(d, 2)).containsOnly(2);
        assertThat(bytes(d, 3)[0]).isGreaterThan(250);
    }

    @Test
    void undecodableFilesAndEmptyFoldersAreNamed(@TempDir Path dir) throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("readme.md"), "no images here");
        assertThatThrownBy(() -> ImageFolder.read("image_folder", empty, 8, 3)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(empty.toString()).hasMessageContaining("no .png");
        Path full = Files.createDirectories(dir.resolve("full"));
        write(full.resolve("ok.png"), grey(2, 2, (x, y) -> 0));
        Path broken = full.resolve("broken.png");
        Files.writeString(broken, "this is not a PNG");
        assertThatThrownBy(() -> ImageFolder.read("image_folder", full, 8, 3)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(broken.toString());
        assertThatThrownBy(() -> ImageFolder.read("image_folder", dir.resolve("nope"), 8, 3))
                .hasMessageContaining("nope").hasMessageContaining("not a directory");
    }
}
