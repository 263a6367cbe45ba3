package org.gantry.core.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gantry.core.engine.Scalars;
import org.gantry.core.engine.TorchEngine;

/**
 * ODE-GAN (Qin, Wiese, Rezende et al. 2020, "Training GANs by solving ordinary differential
 * equations"): the parameters {@code s = (θ, ψ)} follow {@code ds/dt = −v(s)}, the joint field of
 * plain gradients (no optimizer), integrated with an explicit Runge–Kutta method; every stage
 * evaluates the field on fresh batches. The discriminator's field at the first stage also gets
 * {@code λ∇_ψ‖∇_θ L_G‖²}, which keeps the generator's gradient small.
 */
final class OdeUpdates implements TrainingDynamics {
    private final ButcherTableau method;
    private final double stepSize;
    private final long warmupSteps;
    private final double warmupStepSize;
    private final double lambda;

    OdeUpdates(ButcherTableau method, double stepSize, long warmupSteps, double warmupStepSize, double lambda) {
        this.method = method;
        this.stepSize = stepSize;
        this.warmupSteps = warmupSteps;
        this.warmupStepSize = warmupStepSize;
        this.lambda = lambda;
    }

    @Override
    public boolean simultaneous() {
        return true;
    }

    /** The parameters move by the integrator alone. */
    @Override
    public boolean usesOptimizers() {
        return false;
    }

    @Override
    public Map<String, Double> step(Players p, StepInputs in, long step) {
        float h = (float) (step < warmupSteps ? warmupStepSize : stepSize);
        List<NDArray> state = new ArrayList<>(p.generator().trainableArrays());
        state.addAll(p.criticArrays());
        Map<String, Double> values = null;
        try (NDManager m = p.manager().newSubManager()) {
            List<NDArray> start = new ArrayList<>();
            for (NDArray w : state) {
                NDArray copy = w.duplicate();
                copy.attach(m);
                start.add(copy);
            }
            List<NDList> k = new ArrayList<>();
            for (int i = 0; i < method.stages(); i++) {
                if (i > 0) {
                    move(state, start, k, method.a[i], h, m);
                }
                try (NDManager stage = m.newSubManager()) {
                    NDList field = new NDList();
                    Map<String, Double> l = descentDirection(p, in, stage, i == 0 && lambda > 0, field);
                    if (values == null) {
                        values = l;
                    }
                    field.attach(m);
                    k.add(field);
                }
            }
            move(state, start, k, method.b, h, m);
        }
        p.constrainCritics();
        return values;
    }

    /** Sets the parameters to {@code start + h Σ_j weights[j] k_j}. */
    private static void move(List<NDArray> state, List<NDArray> start, List<NDList> k, double[] weights, float h,
            NDManager m) {
        try (NDManager scratch = m.newSubManager()) {
            for (int n = 0; n < state.size(); n++) {
                NDArray value = start.get(n).duplicate();
                value.attach(scratch);
                for (int j = 0; j < weights.length; j++) {
                    if (weights[j] != 0) {
                        value = value.add(Scalars.times(k.get(j).get(n), h * weights[j]));
                    }
                }
                TorchEngine.assign(state.get(n), value);
            }
        }
    }

    /** Fills {@code out} with −v (generator parts, then discriminator parts); returns the losses' values. */
    private Map<String, Double> descentDirection(Players p, StepInputs in, NDManager m, boolean regularise, NDList out) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            JointGradients v = JointGradients.compute(p, in, m, regularise);
            NDList dParts = v.discriminator();
            if (regularise) {
                NDArray penalty = Scalars.times(SquaredNorm.of(v.generator()), lambda);
                NDList extra = TorchEngine.gradients(penalty, p.criticArrays(), false);
                NDList sum = new NDList(dParts.size());
                for (int i = 0; i < dParts.size(); i++) {
                    sum.add(dParts.get(i).add(extra.get(i)));
                }
                dParts = sum;
            }
            for (NDArray g : v.generator()) {
                out.add(g.stopGradient().neg());
            }
            for (NDArray g : dParts) {
                out.add(g.stopGradient().neg());
            }
            return v.values();
        }
    }
}
