package org.gantry.core.optim;

import ai.djl.ndarray.NDArray;

/**
 * RMSProp (Tieleman & Hinton 2012) as PyTorch defines it: v ← ρv + (1−ρ)g², then
 * w −= lr·g/(√v + ε), or with momentum μ: b ← μb + g/(√v + ε), w −= lr·b.
 */
public final class RmsPropOptimizer extends StatefulOptimizer {
    private final float lr;
    private final float rho;
    private final float eps;
    private final float momentum;

    public RmsPropOptimizer(double lr, double rho, double eps, double momentum) {
        super(2);
        this.lr = (float) lr;
        this.rho = (float) rho;
        this.eps = (float) eps;
        this.momentum = (float) momentum;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        nextCount(parameterId);
        NDArray[] s = slots(parameterId, weight);
        NDArray v = s[0];
        try (NDArray g2 = grad.square()) {
            v.muli(rho).addi(g2.muli(1 - rho));
        }
        try (NDArray denom = v.sqrt(); NDArray step = grad.div(denom.addi(eps))) {
            if (momentum > 0) {
                s[1].muli(momentum).addi(step);
                try (NDArray delta = s[1].mul(lr)) {
                    weight.subi(delta);
                }
            } else {
                weight.subi(step.muli(lr));
            }
        }
    }
}
