package org.gantry.core.train;

/**
 * An explicit Runge–Kutta method: stage i evaluates the field at {@code s + h Σ_j a[i][j] k_j}, and
 * the step is {@code s + h Σ_i b[i] k_i}.
 */
enum ButcherTableau {
    EULER(new double[][] {{}}, new double[] {1}),
    /** Heun's method, the trapezoidal RK2. */
    HEUN(new double[][] {{}, {1}}, new double[] {0.5, 0.5}),
    RK4(new double[][] {{}, {0.5}, {0, 0.5}, {0, 0, 1}}, new double[] {1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6});

    final double[][] a;
    final double[] b;

    ButcherTableau(double[][] a, double[] b) {
        this.a = a;
        this.b = b;
    }

    int stages() {
        return b.length;
    }
}
