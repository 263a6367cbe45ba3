package org.gantry.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.gantry.core.engine.Scalars;

/**
 * The eight f-divergences of f-GAN (Nowozin et al. 2016, table 2), each with its output activation
 * {@code g_f}, which maps the critic's raw output v into the domain of the convex conjugate
 * {@code f*}, and with {@code f*(g_f(v))} written in closed form: composing the two numerically
 * would overflow or lose every digit where the closed form does not (reverse KL's
 * {@code −1 − log(exp(−v))} is {@code v − 1}).
 */
public enum FDivergence {
    /** f(u) = u log u; g(v) = v; f*(t) = exp(t − 1). */
    KL("kl") {
        @Override
        public NDArray activation(NDArray v) {
            return v;
        }

        @Override
        public NDArray conjugate(NDArray t) {
            return t.sub(1).exp();
        }

        @Override
        public NDArray conjugateOfActivation(NDArray v) {
            return v.sub(1).exp();
        }
    },
    /** f(u) = −log u; g(v) = −exp(−v); f*(t) = −1 − log(−t). */
    REVERSE_KL("reverse_kl") {
        @Override
        public NDArray activation(NDArray v) {
            return v.neg().exp().neg();
        }

        @Override
        public NDArray conjugate(NDArray t) {
            return t.neg().log().neg().sub(1);
        }

        @Override
        public NDArray conjugateOfActivation(NDArray v) {
            return v.sub(1);
        }
    },
    /** f(u) = (u − 1)²; g(v) = v; f*(t) = t²/4 + t. */
    PEARSON("pearson") {
        @Override
        public NDArray activation(NDArray v) {
            return v;
        }

        @Override
        public NDArray conjugate(NDArray t) {
            return Scalars.times(t.square(), 0.25).add(t);
        }

        @Override
        public NDArray conjugateOfActivation(NDArray v) {
            return conjugate(v);
        }
    },
    /** f(u) = (1 − u)²/u; g(v) = 1 − exp(v); f*(t) = 2 − 2√(1 − t). */
    NEYMAN("neyman") {
        @Override
        public NDArray activation(NDArray v) {
            return v.exp().neg().add(1);
        }

        @Override
        public NDArray conjugate(NDArray t) {
            return Scalars.times(t.neg().add(1).sqrt(), -2).add(2);
        }

        @Override
        public NDArray conjugateOfActivation(NDArray v) {
            // √(1 − g(v)) = √exp(v) = exp(v/2).
            return Scalars.times(Scalars.times(v, 0.5).exp(), -2).add(2);
        }
    },
    /** f(u) = (√u − 1)²; g(v) = 1 − exp(−v); f*(t) = t/(1 − t). */
    SQUARED_HELLINGER("squared_hellinger") {
        @Override
        public NDArray activation(NDArray v) {
            return v.neg().exp().neg().add(1);
        }

        @Override
        public NDArray conjugate(NDArray t) {
            return t.div(t.neg().add(1));
        }

        @Override
        public NDArray conjugateOfActivation(NDArray v) {
            // (1 − e^−v)/e^−v.
            return v.exp().sub(1);
        }
    },
    /** f(u) = u log u − (u + 1) log((1 + u)/2); g(v) = log 2 − softplus(−v); f*(t) = −log(2 − exp(t)). */
    JENSEN_SHANNON("js") {
        @Override
        public NDArray activation(NDArray v) {
            return Activation.softPlus(v.neg()).neg().add(LOG_2);
        }

        @Override
        public NDArray conjugate(NDArray t) {
            return t.exp().neg().add(2).log().neg();
        }

        @Override
        public NDArray conjugateOfActivation(NDArray v) {
            // exp(g(v)) = 2σ(v), so 2 − exp(g(v)) = 2σ(−v) and −log of it is softplus(v) − log 2.
            return Activation.softPlus(v).sub(LOG_2);
        }
    },
    /** f(u) = u log u − (u + 1) log(u + 1); g(v) = −softplus(−v) = log σ(v); f*(t) = −log(1 − exp(t)). */
    GAN("gan") {
        @Override
        public NDArray activation(NDArray v) {
            return Activation.softPlus(v.neg()).neg();
        }

        @Override
        public NDArray conjugate(NDArray t) {
            return t.exp().neg().add(1).log().neg();
        }

        @Override
        public NDArray conjugateOfActivation(NDArray v) {
            // 1 − σ(v) = σ(−v), and −log σ(−v) = softplus(v).
            return Activation.softPlus(v);
        }
    },
    /** f(u) = ½|u − 1|; g(v) = ½ tanh(v); f*(t) = t on |t| ≤ ½. */
    TOTAL_VARIATION("total_variation") {
        @Override
        public NDArray activation(NDArray v) {
            return Scalars.times(v.tanh(), 0.5);
        }

        @Override
        public NDArray conjugate(NDArray t) {
            return t.duplicate();
        }

        @Override
        public NDArray conjugateOfActivation(NDArray v) {
            return activation(v);
        }
    };

    private static final double LOG_2 = Math.log(2);

    private final String key;

    FDivergence(String key) {
        this.key = key;
    }

    /** The configuration name (loss.divergence). */
    public String key() {
        return key;
    }

    /** The output activation g_f, elementwise: the critic's value T = g_f(v) for raw output v. */
    public abstract NDArray activation(NDArray v);

    /** The convex conjugate f*, elementwise, on points of its domain. */
    public abstract NDArray conjugate(NDArray t);

    /** f*(g_f(v)), elementwise, in a form that stays finite wherever both are. */
    public abstract NDArray conjugateOfActivation(NDArray v);

    public static FDivergence of(String key) {
        for (FDivergence d : values()) {
            if (d.key.equals(key)) {
                return d;
            }
        }
        throw new IllegalArgumentException("no f-divergence '" + key + "'");
    }

    public static java.util.List<String> keys() {
        return java.util.Arrays.stream(values()).map(FDivergence::key).toList();
    }
}
