package org.gantry.core.engine;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * libtorch's process-wide settings that DJL has no binding for, reached through JNA: the switches
 * for oneDNN and NNPACK (Python's {@code torch.backends.mkldnn.enabled} and
 * {@code torch.backends.nnpack}) and the level of libtorch's own log. NNPACK stays off: it would
 * otherwise take over forward convolutions with batches of 16 or more on the CPUs it supports
 * (Winograd transforms, another rounding, never checked). oneDNN is off unless
 * {@link ConvolutionPath} finds its convolutions right on this CPU; with it off, every
 * single-precision convolution and all its derivatives take ATen's own im2col and matrix-product
 * path, the path libtorch takes for double precision.
 *
 * <p>Why: the oneDNN 3.7.1 inside DJL's CPU libtorch 2.7.1 computes wrong convolutions on some CPUs.
 * On an AMD EPYC (Zen 5, AVX-512 with BF16; its hypervisor reports no cache topology) measured
 * against a brute-force sum and the double-precision convolution, with oneDNN on:
 * <ul>
 *   <li>the input gradient (oneDNN's backward-data, jit:avx512_core and jit:avx2 alike) is wrong
 *       whenever the kernel is larger than 1 × 1 and the output channels are not a multiple of the
 *       channel block (16 floats; 8 with AVX2): with one output channel only the first kernel tap
 *       reaches the gradient, and lanes of the padded block that nobody wrote are read, so the
 *       result is NaN when that memory happens to hold a NaN pattern. Every generator whose last
 *       layer has 1 or 3 channels back-propagated garbage: the random NaN of dcgan-mnist;
 *   <li>the forward output is wrong with more than 16 input channels that are not a multiple of 16;
 *   <li>double back-propagation through a 1 × 1 convolution (a penalty on an input gradient) is
 *       wrong at some spatial sizes even with channel counts that are multiples of 16, and autograd's
 *       double backward convolves with the batch as channels, so no padding of the layer's own
 *       channels can keep every internal convolution off the faulty kernels.
 * </ul>
 * The same build gave right answers on the Intel Xeons this project ran on before; the weight
 * gradient was right in every case measured. The cause, found later (issue 19): oneDNN's copy of
 * Xbyak read that machine's cache sizes as 1 byte per level from a CPUID leaf its hypervisor leaves
 * empty, and oneDNN blocked its kernels for them; {@link OneDnnCacheSizes} corrects them, after
 * which the same shapes were right. The checks stay, for faults of other kinds.
 *
 * <p>libtorch's warnings (for example "Could not initialize NNPACK! Reason: Unsupported hardware")
 * go to the terminal of whoever runs Gantry; they are kept to errors unless the user sets
 * {@code TORCH_CPP_LOG_LEVEL} themselves.
 */
final class LibtorchContext {
    private static final String GLOBAL_CONTEXT = "_ZN2at13globalContextEv";
    private static final String SET_ONEDNN = "_ZN2at7Context20setUserEnabledMkldnnEb";
    private static final String ONEDNN = "_ZNK2at7Context17userEnabledMkldnnEv";
    private static final String SET_NNPACK = "_ZN2at7Context20setUserEnabledNNPACKEb";
    private static final String NNPACK = "_ZNK2at7Context17userEnabledNNPACKEv";
    /** c10's minimum severity to print: 0 info, 1 warning, 2 error, 3 fatal. */
    private static final String LOG_LEVEL = "FLAGS_caffe2_log_level";
    private static final int ERROR = 2;

    private LibtorchContext() {}

    /** libgomp's busy-wait before a waiting thread sleeps, in spins; its own default is 300,000. */
    static final String SPIN_COUNT = "1000";

    /**
     * Makes libtorch's OpenMP threads sleep soon after they run out of work, unless the user set
     * {@code OMP_WAIT_POLICY} or {@code GOMP_SPINCOUNT}. Must run before libtorch (and with it
     * libgomp, which reads the setting once when it loads) is loaded.
     *
     * <p>Why: with libgomp's default, an idle thread spins for about a millisecond at each barrier.
     * Two trainings side by side on two cores, two threads each, then spent their time spinning
     * against each other: 4.9 steps/s each instead of about 50 alone (the MLP ring). With a short
     * spin each ran at two thirds of its speed alone, and alone it ran about a quarter slower
     * (docs/RESULTS.md, "Under contention"). The spin count changes when threads sleep, never what
     * they compute: results stay bit-identical. {@link AdaptiveSpin} lengthens the spin again while
     * no other process uses this process's CPUs.
     */
    static void sleepWhenIdle() {
        if (spinCountChosen()) {
            NativeLibrary libc = NativeLibrary.getInstance("c");
            int rc = libc.getFunction("setenv").invokeInt(new Object[] {"GOMP_SPINCOUNT", SPIN_COUNT, 0});
            if (rc != 0) {
                throw new IllegalStateException("setenv GOMP_SPINCOUNT failed");
            }
        }
    }

    /** Whether Gantry chose libgomp's spin count: the user set neither OpenMP wait setting. */
    static boolean spinCountChosen() {
        return System.getenv("OMP_WAIT_POLICY") == null && System.getenv("GOMP_SPINCOUNT") == null;
    }

    /** Turns oneDNN and NNPACK off (and checks that libtorch took it); the engine must be loaded. */
    static void useAtenConvolutions() {
        set(SET_ONEDNN, false);
        set(SET_NNPACK, false);
        if (oneDnnEnabled() || nnpackEnabled()) {
            throw new IllegalStateException("libtorch did not take the setting: oneDNN " + oneDnnEnabled()
                    + ", NNPACK " + nnpackEnabled());
        }
    }

    /** Sets oneDNN's switch. */
    static void setOneDnn(boolean enabled) {
        set(SET_ONEDNN, enabled);
    }

    static boolean oneDnnEnabled() {
        return get(ONEDNN);
    }

    static boolean nnpackEnabled() {
        return get(NNPACK);
    }

    /** Keeps libtorch's log to errors, unless the user chose a level with {@code TORCH_CPP_LOG_LEVEL}. */
    static void quietWarnings() {
        if (System.getenv("TORCH_CPP_LOG_LEVEL") == null) {
            Pointer level = NativeLibraries.loaded(NativeLibraries.C10).getGlobalVariableAddress(LOG_LEVEL);
            level.setInt(0, Math.max(level.getInt(0), ERROR));
        }
    }

    /** The instruction set ATen's own kernels dispatch to on this CPU ("AVX512", "AVX2", "DEFAULT"). */
    static String cpuCapability() {
        return buildString("_ZN2at18get_cpu_capabilityB5cxx11Ev");
    }

    /** The math library libtorch was built with for matrix products (Intel MKL and its version). */
    static String mklVersion() {
        return buildString("_ZN2at15get_mkl_versionB5cxx11Ev");
    }

    /** The oneDNN built into libtorch (used for convolutions only where they pass the check: see above). */
    static String oneDnnVersion() {
        return buildString("_ZN2at18get_mkldnn_versionB5cxx11Ev");
    }

    static String openMpVersion() {
        return buildString("_ZN2at18get_openmp_versionB5cxx11Ev");
    }

    /** One of libtorch's build descriptions (a C++ function without arguments returning a string). */
    private static String buildString(String symbol) {
        return NativeLibraries.cxxString(NativeLibraries.loaded(NativeLibraries.TORCH), symbol);
    }

    private static void set(String setter, boolean enabled) {
        NativeLibrary torch = NativeLibraries.loaded(NativeLibraries.TORCH);
        torch.getFunction(setter).invokeVoid(new Object[] {context(torch), (byte) (enabled ? 1 : 0)});
    }

    private static boolean get(String getter) {
        NativeLibrary torch = NativeLibraries.loaded(NativeLibraries.TORCH);
        // A C++ bool comes back in the low byte of the return register.
        return (torch.getFunction(getter).invokeInt(new Object[] {context(torch)}) & 0xff) != 0;
    }

    private static Pointer context(NativeLibrary torch) {
        return torch.getFunction(GLOBAL_CONTEXT).invokePointer(new Object[0]);
    }
}
