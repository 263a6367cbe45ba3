package org.gantry.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.List;

/**
 * Maxout layers (Goodfellow et al. 2013): each unit is the maximum of {@code pieces} linear
 * pieces, followed by a linear output. The PacGAN discriminator is three maxout layers of 200
 * units with 5 pieces.
 */
public final class MaxoutArchitecture implements Architecture {
    private final List<Integer> widths;
    private final int pieces;

    public MaxoutArchitecture(List<Integer> widths, int pieces) {
        this.widths = List.copyOf(widths);
        this.pieces = pieces;
    }

    @Override
    public Block build(int inputSize, int outputSize) {
        SequentialBlock net = new SequentialBlock();
        for (int width : widths) {
            net.add(Linear.builder().setUnits((long) width * pieces).build());
            net.add(list -> {
                NDArray x = list.singletonOrThrow();
                // Linear output feature u*pieces+p is piece p of unit u.
                return new NDList(x.reshape(x.getShape().get(0), width, pieces).max(new int[] {2}));
            });
        }
        net.add(Linear.builder().setUnits(outputSize).build());
        return net;
    }
}
