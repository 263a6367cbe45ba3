package org.gantry.data;

/**
 * Resizes one image plane separably (rows, then columns): area averaging when shrinking — each
 * output pixel is the exact mean of the source area it covers, so no detail aliases — and bilinear
 * interpolation between pixel centres when enlarging. Plain arithmetic rather than Java2D, so the
 * result does not depend on the JDK's rendering pipeline or colour management.
 */
final class Resampler {
    private Resampler() {}

    /**
     * Resizes a {@code width × height} plane (row-major) to {@code newWidth × newHeight} and keeps
     * only the window of {@code cropWidth × cropHeight} output pixels starting at {@code (cropX, cropY)}.
     */
    static float[] resizeAndCrop(float[] plane, int width, int height, int newWidth, int newHeight, int cropX,
            int cropY, int cropWidth, int cropHeight) {
        Axis horizontal = Axis.of(width, newWidth, cropX, cropWidth);
        Axis vertical = Axis.of(height, newHeight, cropY, cropHeight);
        float[] rows = new float[height * cropWidth];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < cropWidth; x++) {
                rows[y * cropWidth + x] = (float) horizontal.apply(plane, y * width, 1, x);
            }
        }
        float[] out = new float[cropHeight * cropWidth];
        for (int x = 0; x < cropWidth; x++) {
            for (int y = 0; y < cropHeight; y++) {
                out[y * cropWidth + x] = (float) vertical.apply(rows, x, cropWidth, y);
            }
        }
        return out;
    }

    /** For each output position along one axis: the first source index and the source weights. */
    static final class Axis {
        private final int[] first;
        private final double[][] weights;

        private Axis(int[] first, double[][] weights) {
            this.first = first;
            this.weights = weights;
        }

        /** Output positions {@code from … from + count − 1} of a {@code source → target} resize. */
        static Axis of(int source, int target, int from, int count) {
            int[] first = new int[count];
            double[][] weights = new double[count][];
            double scale = (double) source / target;
            for (int k = 0; k < count; k++) {
                int j = from + k;
                if (scale > 1) {
                    // Output pixel j covers source interval [j·scale, (j+1)·scale).
                    double lo = j * scale;
                    double hi = Math.min(source, (j + 1) * scale);
                    int i0 = (int) Math.floor(lo);
                    int i1 = Math.min(source - 1, (int) Math.ceil(hi) - 1);
                    double[] w = new double[i1 - i0 + 1];
                    for (int i = i0; i <= i1; i++) {
                        w[i - i0] = (Math.min(hi, i + 1) - Math.max(lo, i)) / scale;
                    }
                    first[k] = i0;
                    weights[k] = w;
                } else {
                    // Pixel centres line up: output centre j + ½ sits at source coordinate (j + ½)·scale.
                    double x = Math.max(0, Math.min(source - 1, (j + 0.5) * scale - 0.5));
                    int i0 = (int) Math.floor(x);
                    double f = x - i0;
                    first[k] = i0;
                    weights[k] = f == 0 ? new double[] {1} : new double[] {1 - f, f};
                }
            }
            return new Axis(first, weights);
        }

        /** Output position {@code k} from the source values at {@code offset + i·stride}. */
        double apply(float[] source, int offset, int stride, int k) {
            double[] w = weights[k];
            int i0 = first[k];
            double sum = 0;
            for (int t = 0; t < w.length; t++) {
                sum += w[t] * source[offset + (i0 + t) * stride];
            }
            return sum;
        }
    }
}
