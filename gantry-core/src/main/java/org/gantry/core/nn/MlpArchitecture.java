package org.gantry.core.nn;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import java.util.List;

/**
 * A multi-layer perceptron: for each hidden width a linear layer, optional batch norm, and the
 * activation; then a linear output layer. Used as generator (PacGAN: 4 × 400, ReLU, BN) and as
 * discriminator.
 */
public final class MlpArchitecture implements Architecture {
    private final List<Integer> widths;
    private final String activation;
    private final boolean batchNorm;

    public MlpArchitecture(List<Integer> widths, String activation, boolean batchNorm) {
        this.widths = List.copyOf(widths);
        this.activation = activation;
        this.batchNorm = batchNorm;
    }

    @Override
    public Block build(int inputSize, int outputSize) {
        SequentialBlock net = new SequentialBlock();
        for (int width : widths) {
            net.add(Linear.builder().setUnits(width).build());
            if (batchNorm) {
                net.add(BatchNorm.builder().build());
            }
            net.add(ActivationName.of(activation));
        }
        net.add(Linear.builder().setUnits(outputSize).build());
        return net;
    }
}
