package org.gantry.data;

import java.util.Optional;

/**
 * Images held in memory as unsigned bytes, channel-first (CHW) image after image, with optional
 * integer class labels. Bytes rather than floats keep CIFAR-10 (50,000 × 3,072) at 150 MB instead
 * of 600 MB; {@link #fill} scales each pixel p from [0, 255] to [−1, 1] as p / 127.5 − 1, so 0 and
 * 255 map exactly to −1 and 1.
 */
public final class ImageDataset implements Dataset {
    private final String name;
    private final byte[] pixels;
    private final int[] labels;
    private final int classCount;
    private final int[] shape;
    private final int length;
    private boolean testSplit;
    private String classifierData;

    /**
     * @param pixels unsigned bytes, CHW per image, images one after the other; kept, not copied
     * @param shape channels, height, width
     * @param labels one non-negative label per image, or null; the class count is the largest plus one
     */
    public ImageDataset(String name, byte[] pixels, int[] shape, int[] labels) {
        if (shape.length != 3 || shape[0] <= 0 || shape[1] <= 0 || shape[2] <= 0) {
            throw new IllegalArgumentException("shape must be channels, height, width");
        }
        this.name = name;
        this.pixels = pixels;
        this.shape = shape.clone();
        this.length = shape[0] * shape[1] * shape[2];
        if (pixels.length == 0 || pixels.length % length != 0) {
            throw new IllegalArgumentException("pixel count is not a positive multiple of the image size");
        }
        int largest = -1;
        if (labels != null) {
            if (labels.length != pixels.length / length) {
                throw new IllegalArgumentException(labels.length + " labels for " + pixels.length / length + " images");
            }
            for (int y : labels) {
                if (y < 0) {
                    throw new IllegalArgumentException("negative label " + y);
                }
                largest = Math.max(largest, y);
            }
        }
        this.labels = labels;
        this.classCount = largest + 1;
    }

    /**
     * This data set (sharing its pixels) as one half of a published train/test split, and the
     * labelled data set whose Gantry classifier gives its features (null for none).
     */
    public ImageDataset withFixedSplits(String classifierData) {
        ImageDataset d = new ImageDataset(name, pixels, shape, labels);
        d.testSplit = true;
        d.classifierData = classifierData;
        return d;
    }

    @Override
    public boolean hasTestSplit() {
        return testSplit;
    }

    @Override
    public Optional<String> classifierData() {
        return Optional.ofNullable(classifierData);
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
            copyImage(indices[i], out, i * length);
        }
    }

    /** Writes image {@code index}, scaled to [−1, 1], into {@code out} from {@code offset} on. */
    void copyImage(int index, float[] out, int offset) {
        int from = index * length;
        for (int k = 0; k < length; k++) {
            out[offset + k] = (pixels[from + k] & 0xff) / 127.5f - 1f;
        }
    }

    @Override
    public boolean hasLabels() {
        return labels != null;
    }

    @Override
    public int label(int index) {
        if (labels == null) {
            throw new UnsupportedOperationException(name + " has no labels");
        }
        return labels[index];
    }

    @Override
    public int classCount() {
        return classCount;
    }
}
