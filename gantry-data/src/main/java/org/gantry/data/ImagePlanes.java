package org.gantry.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * The pixels of a decoded image as 1 (grey) or 3 (red, green, blue) float planes in [0, 255],
 * row-major. Alpha is dropped, not blended. Grey images are read from the raster itself: asking
 * Java2D for their RGB values would pass them through a linear-to-sRGB conversion and change them.
 */
final class ImagePlanes {
    // ITU-R BT.601 luma weights, as in PIL's convert("L") and torchvision's Grayscale.
    private static final float RED = 0.299f;
    private static final float GREEN = 0.587f;
    private static final float BLUE = 0.114f;

    private ImagePlanes() {}

    /** {@code channels} planes (1 or 3) of {@code image}'s width × height pixels. */
    static float[][] of(BufferedImage image, int channels) {
        boolean grey = image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && !(image.getColorModel() instanceof IndexColorModel);
        if (grey) {
            float[] g = greyFromRaster(image);
            return channels == 1 ? new float[][] {g} : new float[][] {g, g, g};
        }
        float[][] rgb = rgb(image);
        if (channels == 3) {
            return rgb;
        }
        float[] luma = new float[rgb[0].length];
        for (int i = 0; i < luma.length; i++) {
            luma[i] = RED * rgb[0][i] + GREEN * rgb[1][i] + BLUE * rgb[2][i];
        }
        return new float[][] {luma};
    }

    private static float[] greyFromRaster(BufferedImage image) {
        Raster raster = image.getRaster();
        int w = image.getWidth();
        int h = image.getHeight();
        // 1-, 2-, 4-, 8- or 16-bit grey: rescale the sample range onto [0, 255].
        float scale = 255f / ((1 << image.getColorModel().getComponentSize(0)) - 1);
        float[] out = new float[w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                out[y * w + x] = row[x] * scale;
            }
        }
        return out;
    }

    private static float[][] rgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[][] out = new float[3][w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                out[0][y * w + x] = (p >> 16) & 0xff;
                out[1][y * w + x] = (p >> 8) & 0xff;
                out[2][y * w + x] = p & 0xff;
            }
        }
        return out;
    }
}
