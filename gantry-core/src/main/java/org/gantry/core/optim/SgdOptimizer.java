package org.gantry.core.optim;

import ai.djl.ndarray.NDArray;

/** Stochastic gradient descent with PyTorch's momentum: b ← μb + g, w −= lr·b (μ = 0: w −= lr·g). */
public final class SgdOptimizer extends StatefulOptimizer {
    private final float lr;
    private final float momentum;

    public SgdOptimizer(double lr, double momentum) {
        super(1);
        this.lr = (float) lr;
        this.momentum = (float) momentum;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        nextCount(parameterId);
        NDArray direction = grad;
        if (momentum > 0) {
            direction = slots(parameterId, weight)[0].muli(momentum).addi(grad);
        }
        try (NDArray delta = direction.mul(lr)) {
            weight.subi(delta);
        }
    }
}
