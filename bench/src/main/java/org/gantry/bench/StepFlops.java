package org.gantry.bench;

import java.util.List;

/**
 * Floating-point work of one training step of a preset, counted from the layer shapes of its two
 * networks (the literal networks of {@code presets/dcgan-mnist.yaml} and {@code presets/pacgan-ring.yaml}).
 *
 * <p>Only the dense and convolution layers are counted: batch normalisation, activations, maxout's
 * maximum, the loss and the optimizer are a few element-wise passes each and are left out. A
 * multiply-add (MAC) is two FLOPs. A nearest up-sampling followed by a convolution counts as that
 * convolution at the up-sampled resolution, i.e. the network as written, which is what the PyTorch
 * peer computes. Gantry folds a 3 × 3 pair into 2 × 2 phase kernels at the low resolution
 * ({@code NearestUpConv}), 16 MACs per output pixel and channel pair instead of 36, at (H/2 + 1)²
 * positions; {@link #gantryStepFlops} is that work, so a report can say how much of the counted
 * work Gantry actually does.
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
 *
 * @param preset        the preset whose step this counts
 * @param batch         its batch size
 * @param generator     G's weight layers
 * @param discriminator D's weight layers
 */
record StepFlops(String preset, int batch, List<Layer> generator, List<Layer> discriminator) {

    /**
     * G: z64 → dense 128·7·7 → (BN, ReLU, reshape, up ×2) → conv3 128→64 at 14² → (BN, ReLU, up ×2)
     * → conv3 64→1 at 28² → (tanh). D: conv4 s2 1→64 to 14² → (LReLU) → conv4 s2 64→128 to 7² →
     * (BN, LReLU, flatten) → dense 6272→1.
     */
    static final StepFlops DCGAN_MNIST = new StepFlops("dcgan-mnist", 64,
            List.of(new Layer("dense z→128·7·7", Kind.DENSE, 64, 128 * 7 * 7, 1, 1),
                    new Layer("up×2, conv3×3 128→64", Kind.CONV, 128, 64, 3, 14),
                    new Layer("up×2, conv3×3 64→1", Kind.CONV, 64, 1, 3, 28)),
            List.of(new Layer("conv4×4 s2 1→64", Kind.CONV, 1, 64, 4, 14),
                    new Layer("conv4×4 s2 64→128", Kind.CONV, 64, 128, 4, 7),
                    new Layer("dense 6272→1", Kind.DENSE, 128 * 7 * 7, 1, 1, 1)));

    /**
     * G: z2 → 4 × (dense 400, BN, ReLU) → dense 2. D: 3 × maxout of 200 units with 5 pieces (a dense
     * layer to 200·5 features, then the maximum over each unit's pieces) → dense 1.
     */
    static final StepFlops PACGAN_RING = new StepFlops("pacgan-ring", 100,
            List.of(new Layer("dense 2→400", Kind.DENSE, 2, 400, 1, 1),
                    new Layer("dense 400→400", Kind.DENSE, 400, 400, 1, 1),
                    new Layer("dense 400→400", Kind.DENSE, 400, 400, 1, 1),
                    new Layer("dense 400→400", Kind.DENSE, 400, 400, 1, 1),
                    new Layer("dense 400→2", Kind.DENSE, 400, 2, 1, 1)),
            List.of(new Layer("maxout 2→200×5", Kind.DENSE, 2, 1000, 1, 1),
                    new Layer("maxout 200→200×5", Kind.DENSE, 200, 1000, 1, 1),
                    new Layer("maxout 200→200×5", Kind.DENSE, 200, 1000, 1, 1),
                    new Layer("dense 200→1", Kind.DENSE, 200, 1, 1, 1)));

    /** The presets whose steps the bench can time against a PyTorch peer. */
    static final List<StepFlops> PRESETS = List.of(DCGAN_MNIST, PACGAN_RING);

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

        /** As Gantry computes it: a 3 × 3 convolution after up-sampling as four 2 × 2 phase kernels. */
        long gantryMacPerExample() {
            if (!name.startsWith("up×2") || kernel != 3) {
                return macPerExample();
            }
            long positions = outputSize / 2 + 1;
            return 4 * out * 4 * in * positions * positions;
        }
    }

    /** The count for {@code preset}, or null when the bench has none. */
    static StepFlops of(String preset) {
        return PRESETS.stream().filter(f -> f.preset.equals(preset)).findFirst().orElse(null);
    }

    long generatorForwardMac() {
        return sum(generator);
    }

    long discriminatorForwardMac() {
        return sum(discriminator);
    }

    /** Multiply-adds of one training step per example: 4 F_G + 9 F_D (see the class comment). */
    long stepMacPerExample() {
        return 4 * generatorForwardMac() + 9 * discriminatorForwardMac();
    }

    /** FLOPs of one training step of the whole batch: 2 · MAC · batch. */
    double stepFlops() {
        return 2.0 * stepMacPerExample() * batch;
    }

    /** FLOPs of one training step as Gantry computes it (folded up-sampling convolutions). */
    double gantryStepFlops() {
        long g = generator.stream().mapToLong(Layer::gantryMacPerExample).sum();
        long d = discriminator.stream().mapToLong(Layer::gantryMacPerExample).sum();
        return 2.0 * (4 * g + 9 * d) * batch;
    }

    /** Whether any layer is a convolution (the report then says how up-sampling was counted). */
    boolean hasConvolutions() {
        return generator.stream().anyMatch(l -> l.kind == Kind.CONV) || discriminator.stream().anyMatch(l -> l.kind == Kind.CONV);
    }

    private static long sum(List<Layer> layers) {
        return layers.stream().mapToLong(Layer::macPerExample).sum();
    }
}
