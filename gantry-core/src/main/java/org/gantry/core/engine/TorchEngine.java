package org.gantry.core.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;

/**
 * The one place that configures DJL's PyTorch engine and reaches into its internals. Gantry ships
 * the CPU libtorch from Maven Central, so the engine must never try to download: offline mode and
 * the CPU flavour are set here, before the engine class loads.
 */
public final class TorchEngine {
    private static Engine engine;

    private TorchEngine() {}

    /**
     * Loads the engine (once per JVM) and sets the number of intra-op threads.
     *
     * @param threads intra-op threads; 0 means one per available core
     */
    public static synchronized Engine start(int threads) {
        if (engine == null) {
            System.setProperty("ai.djl.offline", "true");
            System.setProperty("PYTORCH_FLAVOR", "cpu");
            System.setProperty("ai.djl.default_engine", "PyTorch");
            engine = Engine.getEngine("PyTorch");
        }
        JniUtils.setNumThreads(threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
        return engine;
    }

    public static int threads() {
        return JniUtils.getNumThreads();
    }

    public static String libtorchVersion() {
        return start0().getVersion();
    }

    public static String djlVersion() {
        return Engine.getDjlVersion();
    }

    /**
     * Zeroes a parameter's accumulated gradient in place. PyTorch accumulates gradients across
     * backward passes and DJL's collector does not clear them, so every player step ends here.
     */
    public static void zeroGradient(Parameter parameter) {
        if (parameter.requiresGradient() && parameter.isInitialized()) {
            JniUtils.zeroGrad((PtNDArray) parameter.getArray());
        }
    }

    /**
     * Makes {@code target} hold a copy of {@code source}'s values, keeping the target object (parameter
     * stores and optimizer state refer to it) and its gradient tracking. DJL's {@code set} and
     * {@code copyTo} go through a Java buffer and a deprecated libtorch guard; this swaps in a
     * native clone instead.
     */
    public static void assign(NDArray target, NDArray source) {
        if (!target.getShape().equals(source.getShape()) || target.getDataType() != source.getDataType()) {
            throw new IllegalArgumentException("cannot assign " + source.getShape() + " " + source.getDataType()
                    + " to " + target.getShape() + " " + target.getDataType());
        }
        boolean tracked = target.hasGradient();
        ((PtNDArray) target).intern(source.duplicate());
        if (tracked) {
            target.setRequiresGradient(true);
        }
    }

    /**
     * The gradient of {@code output} (summed over all its elements) with respect to {@code input},
     * itself differentiable: libtorch's backward with {@code create_graph}, so a penalty built from
     * it back-propagates to the parameters (double back-propagation, METHODS.md §2). That backward
     * also accumulates into the parameters' gradients; they are zeroed here, so the caller's later
     * backward finds them clean. The input's gradient is part of the new graph and is not touched.
     *
     * @param input an array whose gradient tracking was switched on before {@code output} was
     *     computed from it, inside a gradient collector
     * @return an array of {@code input}'s shape, owned by {@code input}'s manager
     */
    public static NDArray inputGradient(NDArray output, NDArray input, List<Parameter> parameters) {
        try (NDArray ones = output.onesLike()) {
            JniUtils.backward((PtNDArray) output, (PtNDArray) ones, true, true);
        }
        PtNDArray gradient = JniUtils.getGradient((PtNDArray) input);
        if (gradient == null) {
            throw new IllegalStateException("the input has no gradient: switch its tracking on before the forward pass");
        }
        for (Parameter p : parameters) {
            zeroGradient(p);
        }
        return gradient;
    }

    private static Engine start0() {
        return engine != null ? engine : start(0);
    }
}
