package org.gantry.data;

/**
 * Images held in memory as one flat float array in channel-first order, pixels scaled to [−1, 1],
 * with optional integer class labels.
 */
public final class ImageDataset implements Dataset {
    private final String name;
    private final float[] pixels;
    private final int[] labels;
    private final int[] shape;
    private final int length;

    /**
     * @param shape channels, height, width
     * @param labels one per image, or null
     */
    public ImageDataset(String name, float[] pixels, int[] shape, int[] labels) {
        this.name = name;
        this.pixels = pixels;
        this.shape = shape.clone();
        this.length = shape[0] * shape[1] * shape[2];
        if (pixels.length == 0 || pixels.length % length != 0) {
            throw new IllegalArgumentException("pixel count is not a positive multiple of the image size");
        }
        if (labels != null && labels.length != pixels.length / length) {
            throw new IllegalArgumentException(labels.length + " labels for " + pixels.length / length + " images");
        }
        this.labels = labels;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return pixels.length / length;
    }

    @Override
    public int[] exampleShape() {
        return shape.clone();
    }

    @Override
    public void fill(int[] indices, float[] out) {
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * length, out, i * length, length);
        }
    }

    public boolean hasLabels() {
        return labels != null;
    }

    public int label(int index) {
        if (labels == null) {
            throw new IllegalStateException(name + " has no labels");
        }
        return labels[index];
    }
}
