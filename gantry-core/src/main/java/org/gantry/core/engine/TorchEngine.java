package org.gantry.core.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that configures DJL's PyTorch engine and reaches into its internals. Gantry ships
 * the CPU libtorch from Maven Central, so the engine must never try to download: offline mode and
 * the CPU flavour are set here, before the engine class loads.
 */
public final class TorchEngine {
    private static volatile Engine engine;

    private TorchEngine() {}

    /**
     * Loads the engine (once per JVM) and sets the number of intra-op threads.
     *
     * @param threads intra-op threads; 0 means one per available core
     */
    public static synchronized Engine start(int threads) {
        if (engine == null) {
            // A bad setting fails before anything loads, so that a later start is not half done.
            ConvolutionPath.atenChosen(System.getenv(ConvolutionPath.ENV));
            OneDnnCacheSizes.keepAsRead(System.getenv(OneDnnCacheSizes.ENV));
            System.setProperty("ai.djl.offline", "true");
            System.setProperty("PYTORCH_FLAVOR", "cpu");
            System.setProperty("ai.djl.default_engine", "PyTorch");
            LibtorchContext.sleepWhenIdle();
            MklDispatch.chooseByInstructionSet();
            Engine loaded = Engine.getEngine("PyTorch");
            LibtorchContext.quietWarnings();
            // Before the first convolution: oneDNN sizes its kernels when it first creates them.
            OneDnnCacheSizes.correct();
            setThreads(threads);
            AdaptiveSpin.start();
            engine = loaded;
            // oneDNN's convolutions are wrong on some CPUs: used only where they pass the checks, which
            // run on the threads just set (oneDNN's kernels depend on them).
            ConvolutionPath.choose();
            return engine;
        }
        setThreads(threads);
        return engine;
    }

    private static volatile int threadsSet;

    private static void setThreads(int threads) {
        threadsSet = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        JniUtils.setNumThreads(threadsSet);
    }

    /**
     * The intra-op threads last set; unlike {@link #threads()}, right on any thread (libtorch keeps the
     * count per calling thread).
     */
    static int threadsSet() {
        return threadsSet;
    }

    /** Whether libtorch may use oneDNN: only where its convolutions passed the start-up check ({@link ConvolutionPath}). */
    public static boolean oneDnnEnabled() {
        start0();
        return LibtorchContext.oneDnnEnabled();
    }

    /** Whether libtorch may use NNPACK; always off: its Winograd convolutions are not checked. */
    public static boolean nnpackEnabled() {
        start0();
        return LibtorchContext.nnpackEnabled();
    }

    /**
     * What libtorch computes with on this machine: the instruction set ATen's kernels dispatch to,
     * the math libraries and their versions, and whether oneDNN and NNPACK are in use. Two runs that
     * differ here may round differently.
     */
    public static Map<String, Object> nativeMath() {
        start0();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu_capability", LibtorchContext.cpuCapability());
        m.put("blas", LibtorchContext.mklVersion());
        m.put("blas_code_path", MklDispatch.codePath());
        m.put("blas_kernel_choice", MklDispatch.choice());
        m.put("openmp", LibtorchContext.openMpVersion());
        m.put("openmp_spin_count", AdaptiveSpin.state());
        m.put("onednn", LibtorchContext.oneDnnVersion() + (LibtorchContext.oneDnnEnabled() ? "" : " (off)"));
        m.put("onednn_cache_sizes", OneDnnCacheSizes.state());
        m.put("nnpack", LibtorchContext.nnpackEnabled() ? "on" : "off");
        m.put("convolutions", ConvolutionPath.chosen());
        return m;
    }

    /**
     * The spin count libgomp's idle threads wait with now ({@link AdaptiveSpin}), or -1 where Gantry
     * cannot read it (the user chose it, or the library is not one Gantry knows).
     */
    public static long openMpSpinCount() {
        start0();
        return AdaptiveSpin.current();
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
     * Drops a parameter's accumulated gradient, as PyTorch's {@code zero_grad(set_to_none=True)}.
     * PyTorch accumulates gradients across backward passes and DJL's collector does not clear them,
     * so every player step ends here. Dropped rather than zeroed, the next backward pass hands its
     * gradient over instead of adding it to a zero-filled one, which saves a fill and an addition over
     * every parameter each update (1.8 % of the PacGAN ring's one-thread step; docs/RESULTS.md, issue
     * 19). DJL's JNI cannot reset {@code .grad}, so the array takes over a detached alias of its own
     * storage (same values, version counter and tracking, no gradient); the Java object stays the one
     * that stores and optimizers hold. A graph that still refers to the old tensor keeps it alive
     * (libtorch counts references), but a later backward through such a graph would accumulate into
     * the dropped gradient: clear only after the update that consumed it.
     */
    public static void clearGradient(Parameter parameter) {
        if (parameter.requiresGradient() && parameter.isInitialized()) {
            PtNDArray array = (PtNDArray) parameter.getArray();
            boolean tracked = JniUtils.requiresGrad(array);
            array.intern(JniUtils.detachGradient(array));
            if (tracked) {
                JniUtils.attachGradient(array, true);
            }
        }
    }

    /**
     * Adds {@code term} to the gradient accumulated in {@code parameter}, in place, as if a backward
     * pass had contributed it; does nothing when no backward reached the parameter (it has no
     * gradient yet, so its optimizer will not move it either). DJL's {@code getGradient} would hand
     * back a fresh zero array in that case, so the native gradient is read directly.
     */
    public static void addToGradient(NDArray parameter, NDArray term) {
        try (PtNDArray gradient = JniUtils.getGradient((PtNDArray) parameter)) {
            if (gradient != null) {
                gradient.addi(term);
            }
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
     * An (n, c, h, w) array with the same values stored channels-last, as (n, h, w, c), with the
     * channels' stride 1: libtorch reads that layout from the strides. A view when {@code x} is stored
     * so already, else one copy. Its gradient likewise comes back channels-last, copied only when it
     * arrives in another layout. DJL has no memory-format argument, so the layout is made from
     * views: a copy happens only where libtorch's reshape cannot view.
     */
    public static NDArray channelsLast(NDArray x) {
        Shape s = x.getShape();
        return x.transpose(0, 2, 3, 1).reshape(-1).reshape(s.get(0), s.get(2), s.get(3), s.get(1)).transpose(0, 3, 1, 2);
    }

    /**
     * The gradient of {@code output} (summed over all its elements) with respect to {@code input},
     * itself differentiable, so a penalty built from it back-propagates to the parameters (double
     * back-propagation, METHODS.md §2).
     *
     * @param input an array whose gradient tracking was switched on before {@code output} was
     *     computed from it, inside a gradient collector
     * @return an array of {@code input}'s shape, owned by {@code output}'s manager
     */
    public static NDArray inputGradient(NDArray output, NDArray input) {
        return gradients(output, List.of(input), true).singletonOrThrow();
    }

    /**
     * The gradients of {@code output} (summed over all its elements) with respect to each of
     * {@code wrt} (inputs or parameters), in order, without touching any {@code .grad} field. With
     * {@code differentiable} they carry their own graph, so a penalty built from them
     * back-propagates further (double back-propagation, METHODS.md §2); an array the output does
     * not depend on gets zeros. The output's graph is kept either way: it may still be
     * back-propagated.
     *
     * <p>They come from {@code torch.autograd.grad} in a tiny TorchScript function shipped with
     * Gantry ({@code gradients.pt}, written by {@code src/main/python/make_gradients.py}). DJL's
     * only other route, backward with {@code create_graph}, stores each gradient in the array's
     * {@code .grad}, whose graph leads back to the array: a reference cycle libtorch never frees
     * (about 6 MB per step on the PacGAN MLP).
     *
     * @param wrt arrays that require gradients and were used, inside a gradient collector, to
     *     compute {@code output}
     * @return one array per {@code wrt} entry, of its shape, owned by {@code output}'s manager
     */
    public static NDList gradients(NDArray output, List<NDArray> wrt, boolean differentiable) {
        try (NDArray flag = output.getManager().create(new boolean[] {differentiable})) {
            return ShippedScripts.forward("gradients.pt", output.getManager(), List.of(output, wrt, flag));
        }
    }

    /** Whether libtorch holds a gradient for the parameter at all (DJL would hand back zeros when it has none). */
    public static boolean hasGradient(Parameter parameter) {
        try (PtNDArray g = JniUtils.getGradient((PtNDArray) parameter.getArray())) {
            return g != null;
        }
    }

    /**
     * Whether a parameter's gradient carries autograd history (it was made by a backward with
     * {@code create_graph} and is part of a graph); false for a plain gradient or none.
     */
    public static boolean gradientHasHistory(Parameter parameter) {
        // A tensor with history requires grad; a plain gradient does not. (libtorch's grad_fn name
        // is not asked for: DJL's call for it crashes on a tensor without one.)
        try (PtNDArray g = JniUtils.getGradient((PtNDArray) parameter.getArray())) {
            return g != null && JniUtils.requiresGrad(g);
        }
    }

    static Engine start0() {
        return engine != null ? engine : start(0);
    }
}
