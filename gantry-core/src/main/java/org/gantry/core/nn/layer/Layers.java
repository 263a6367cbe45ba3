package org.gantry.core.nn.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Parameter-free layers, and the one rule for calling a layer that may want the latent batch. */
public final class Layers {
    private static final Shape TWO = new Shape(2, 2);
    private static final Shape ZERO = new Shape(0, 0);

    private Layers() {}

    /**
     * The first layer that makes the block's output for an example depend on other examples or on
     * a random draw (batch statistics of batch, ghost or virtual batch normalisation, minibatch
     * features, training noise), by its class name; null when each example is judged alone.
     */
    public static String couplingLayer(Block block) {
        for (Block b : descendants(block)) {
            if (b instanceof BatchNormLayer || b instanceof GhostBatchNormLayer || b instanceof VirtualBatchNormLayer
                    || b instanceof MinibatchDiscrimination || b instanceof GaussianNoiseLayer) {
                return b.getClass().getSimpleName();
            }
        }
        return null;
    }

    /**
     * The first layer that couples a batch's examples even in inference mode (minibatch
     * discrimination; batch norms then use their running or reference statistics, noise is off),
     * by class name; null when each example's inference output depends on that example alone.
     */
    public static String inferenceCouplingLayer(Block block) {
        for (Block b : descendants(block)) {
            if (b instanceof MinibatchDiscrimination) {
                return b.getClass().getSimpleName();
            }
        }
        return null;
    }

    /**
     * The first layer whose training pass changes state that its next pass reads (spectral
     * normalisation's power iteration), by class name; null when a pass leaves nothing behind.
     */
    public static String passStateLayer(Block block) {
        for (Block b : descendants(block)) {
            if (b instanceof WeightLayer w && w.advancesEachPass()) {
                return b.getClass().getSimpleName();
            }
        }
        return null;
    }

    /**
     * The reorders the last load applied to parameters stored in an older layout ({@link
     * MaxoutPieces#takeReorders}), by parameter id, taken from every layer under {@code block}.
     */
    public static Map<String, Consumer<NDArray>> takeLoadReorders(Block block) {
        Map<String, Consumer<NDArray>> all = new HashMap<>();
        for (Block b : descendants(block)) {
            if (b instanceof MaxoutPieces m) {
                all.putAll(m.takeReorders());
            }
        }
        return all;
    }

    /** The block and every block under it, breadth first. */
    static List<Block> descendants(Block block) {
        List<Block> out = new ArrayList<>();
        out.add(block);
        for (int i = 0; i < out.size(); i++) {
            out.addAll(out.get(i).getChildren().values());
        }
        return out;
    }

    static NDArray apply(Block layer, ParameterStore store, NDArray x, NDArray z, boolean training) {
        if (layer instanceof LatentConditioned conditioned) {
            return conditioned.forward(store, x, z, training);
        }
        return layer.forward(store, new NDList(x), training).singletonOrThrow();
    }

    /**
     * The mean over {@code axes}, keeping them as length 1. One axis at a time, since DJL's PyTorch
     * engine reduces over one axis per call; every slice counts alike, so the mean of means is the mean.
     */
    static NDArray mean(NDArray x, int... axes) {
        int[] sorted = axes.clone();
        java.util.Arrays.sort(sorted);
        for (int i = sorted.length - 1; i >= 0; i--) {
            x = x.mean(new int[] {sorted[i]}, true);
        }
        return x;
    }

    private static Block of(java.util.function.UnaryOperator<NDArray> f) {
        return new LambdaBlock(list -> new NDList(f.apply(list.singletonOrThrow())));
    }

    public static Block relu() {
        return of(x -> x.getNDArrayInternal().relu());
    }

    public static Block leakyRelu(float slope) {
        return of(x -> x.getNDArrayInternal().leakyRelu(slope));
    }

    public static Block tanh() {
        return of(x -> x.getNDArrayInternal().tanh());
    }

    /** Reshapes each example to {@code shape} (batch axis kept). */
    public static Block reshape(long... shape) {
        long[] full = new long[shape.length + 1];
        full[0] = -1;
        System.arraycopy(shape, 0, full, 1, shape.length);
        Shape target = new Shape(full);
        return of(x -> x.reshape(target));
    }

    /**
     * Reshapes each example to a (c, h, w) map, stored {@link ChannelsLast} when that is in use: the
     * entry of a network kept so.
     */
    public static Block image(long c, long h, long w) {
        Shape target = new Shape(-1, c, h, w);
        return of(x -> ChannelsLast.of(x.reshape(target)));
    }

    /**
     * Flattens each example's (c, h, w) map in that order, as {@link #flatten}, at the exit of a
     * network kept {@link ChannelsLast}: the gradient goes back into the map channels-last, so the
     * layers before see one layout in both passes.
     */
    public static Block flattenImage() {
        return of(x -> ChannelsLast.of(x).reshape(x.getShape().get(0), -1));
    }

    public static Block flatten() {
        return of(x -> x.reshape(x.getShape().get(0), -1));
    }

    /** Nearest-neighbour up-sampling by 2 in height and width. */
    public static Block upsampleNearest() {
        return of(Layers::upsample);
    }

    static NDArray upsample(NDArray x) {
        Shape s = x.getShape();
        return x.getNDArrayInternal().interpolation(new long[] {s.get(2) * 2, s.get(3) * 2}, 0, false);
    }

    /**
     * Depth-to-space by 2 (Shi et al. 2016): channel {@code 4c + 2i + j} becomes pixel (i, j) of
     * each 2 × 2 cell of output channel c, the layout of PyTorch's {@code pixel_shuffle}.
     */
    public static Block pixelShuffle() {
        return of(Layers::shuffle);
    }

    static NDArray shuffle(NDArray x) {
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1) / 4;
        long h = s.get(2);
        long w = s.get(3);
        return x.reshape(n, c, 2, 2, h, w).transpose(0, 1, 4, 2, 5, 3).reshape(n, c, 2 * h, 2 * w);
    }

    public static Block averagePool() {
        return of(Layers::pool);
    }

    static NDArray pool(NDArray x) {
        return x.getNDArrayInternal().avgPool(TWO, TWO, ZERO, false, true);
    }

    /** Sums over height and width (the SNGAN ResNet discriminator's global pooling). */
    public static Block sumPool() {
        return of(x -> x.sum(new int[] {2, 3}));
    }
}
