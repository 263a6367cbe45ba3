package org.gantry.bench;

import java.util.List;

/**
 * Floating-point work of one dcgan-mnist training step, counted from the layer shapes of the two
 * networks (the literal networks of the preset; see {@code presets/dcgan-mnist.yaml}).
 *
 * <p>Only the dense and convolution layers are counted: batch normalisation, activations, the
 * loss and the optimizer are a few element-wise passes each and are left out. A multiply-add (MAC)
 * is two FLOPs. A nearest up-sampling followed by a convolution counts as that convolution at the
 * up-sampled resolution, i.e. the network as written; Gantry folds the pair into one convolution at
 * the low resolution to four times the channels, which performs the same number of MACs.
 *
 * <p>Per training step (one D step, one G step), with F_G and F_D the forward work per example:
 * <ul>
 *   <li>D step: G forward without gradients (F_G), D forward on the real and on the fake batch
 *       (2 F_D), D backward through both (2 × 2 F_D, the usual "backward costs twice the forward");
 *   <li>G step: G forward (F_G), D forward (F_D), D backward (2 F_D), G backward (2 F_G).
 * </ul>
 * Together 4 F_G + 9 F_D per example, times the batch. The G step's D backward is counted in full
 * although only the gradient with respect to D's input is needed there; this is the conventional
 * count, the same for both implementations compared.
 */
final class DcganMnistFlops {
    private DcganMnistFlops() {}

    /** Batch size of the preset. */
    static final int BATCH = 64;

    enum Kind { DENSE, CONV }

    /**
     * One weight layer: {@code in} and {@code out} features or channels, a square kernel and the
     * square output size (1 for dense layers).
     */
    record Layer(String name, Kind kind, long in, long out, int kernel, int outputSize) {
        /** Multiply-adds for one example: in·out for a dense layer, out·in·k·k·H_out·W_out for a convolution. */
        long macPerExample() {
            return kind == Kind.DENSE ? in * out : out * in * kernel * kernel * (long) outputSize * outputSize;
        }
    }

    /**
     * G: z64 → dense 128·7·7 → (BN, ReLU, reshape, up ×2) → conv3 128→64 at 14² → (BN, ReLU, up ×2)
     * → conv3 64→1 at 28² → (tanh).
     */
    static final List<Layer> GENERATOR = List.of(
            new Layer("dense z→128·7·7", Kind.DENSE, 64, 128 * 7 * 7, 1, 1),
            new Layer("up×2, conv3×3 128→64", Kind.CONV, 128, 64, 3, 14),
            new Layer("up×2, conv3×3 64→1", Kind.CONV, 64, 1, 3, 28));

    /** D: conv4 s2 1→64 to 14² → (LReLU) → conv4 s2 64→128 to 7² → (BN, LReLU, flatten) → dense 6272→1. */
    static final List<Layer> DISCRIMINATOR = List.of(
            new Layer("conv4×4 s2 1→64", Kind.CONV, 1, 64, 4, 14),
            new Layer("conv4×4 s2 64→128", Kind.CONV, 64, 128, 4, 7),
            new Layer("dense 6272→1", Kind.DENSE, 128 * 7 * 7, 1, 1, 1));

    static long generatorForwardMac() {
        return sum(GENERATOR);
    }

    static long discriminatorForwardMac() {
        return sum(DISCRIMINATOR);
    }

    /** Multiply-adds of one training step per example: 4 F_G + 9 F_D (see the class comment). */
    static long stepMacPerExample() {
        return 4 * generatorForwardMac() + 9 * discriminatorForwardMac();
    }

    /** FLOPs of one training step of the whole batch: 2 · MAC · batch. */
    static double stepFlops() {
        return 2.0 * stepMacPerExample() * BATCH;
    }

    private static long sum(List<Layer> layers) {
        return layers.stream().mapToLong(Layer::macPerExample).sum();
    }
}
