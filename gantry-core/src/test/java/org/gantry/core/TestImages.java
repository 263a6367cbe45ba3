package org.gantry.core;

import org.gantry.data.Dataset;
import org.gantry.random.Rng;

/** Random images in [−1, 1] for architecture tests, independent of any data set on disk. */
public final class TestImages implements Dataset {
    private final int[] shape;
    private final float[] pixels;

    public TestImages(int count, int channels, int size, long seed) {
        shape = new int[] {channels, size, size};
        pixels = new float[count * channels * size * size];
        Rng rng = new Rng(seed);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) (2 * rng.uniform() - 1);
        }
    }

    @Override
    public String name() {
        return "test-images";
    }

    @Override
    public int size() {
        return pixels.length / exampleLength();
    }

    @Override
    public int[] exampleShape() {
        return shape.clone();
    }

    @Override
    public void fill(int[] indices, float[] out) {
        int n = exampleLength();
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * n, out, i * n, n);
        }
    }
}
