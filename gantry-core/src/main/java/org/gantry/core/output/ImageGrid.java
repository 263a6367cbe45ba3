package org.gantry.core.output;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.gantry.io.AtomicFiles;

/**
 * Lays images out in a square-ish grid and writes a PNG, atomically. Pixels in [−1, 1]
 * (channel-first, grey or RGB) map linearly to [0, 255]; values outside are clipped. A one-pixel
 * mid-grey gutter separates the cells.
 */
public final class ImageGrid {
    private static final int GUTTER = 1;
    private static final int GUTTER_GREY = 128;

    private ImageGrid() {}

    /**
     * @param images count images, each {@code channels × size × size}, one after the other
     * @param shape channels, height, width
     */
    public static BufferedImage render(float[] images, int count, int[] shape) {
        return render(images, count, shape, (int) Math.ceil(Math.sqrt(count)));
    }

    /** As {@link #render(float[], int, int[])}, with {@code columns} images per row. */
    public static BufferedImage render(float[] images, int count, int[] shape, int columns) {
        int channels = shape[0];
        int h = shape[1];
        int w = shape[2];
        int rows = (count + columns - 1) / columns;
        int width = columns * (w + GUTTER) + GUTTER;
        int height = rows * (h + GUTTER) + GUTTER;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int grey = GUTTER_GREY * 0x010101;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out.setRGB(x, y, grey);
            }
        }
        int plane = h * w;
        for (int k = 0; k < count; k++) {
            int x0 = GUTTER + (k % columns) * (w + GUTTER);
            int y0 = GUTTER + (k / columns) * (h + GUTTER);
            int base = k * channels * plane;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int p = y * w + x;
                    int r = level(images[base + p]);
                    int g = channels == 3 ? level(images[base + plane + p]) : r;
                    int b = channels == 3 ? level(images[base + 2 * plane + p]) : r;
                    out.setRGB(x0 + x, y0 + y, (r << 16) | (g << 8) | b);
                }
            }
        }
        return out;
    }

    static int level(float v) {
        float scaled = (v + 1f) * 127.5f;
        return Math.max(0, Math.min(255, Math.round(scaled)));
    }

    public static void write(Path png, float[] images, int count, int[] shape) throws IOException {
        write(png, images, count, shape, (int) Math.ceil(Math.sqrt(count)));
    }

    /** As {@link #write(Path, float[], int, int[])}, with {@code columns} images per row. */
    public static void write(Path png, float[] images, int count, int[] shape, int columns) throws IOException {
        BufferedImage image = render(images, count, shape, columns);
        AtomicFiles.write(png, out -> ImageIO.write(image, "png", out));
    }
}
