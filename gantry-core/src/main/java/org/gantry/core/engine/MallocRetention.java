package org.gantry.core.engine;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;

/**
 * Makes glibc's allocator keep the memory that libtorch frees between training steps, instead of
 * handing it back to the kernel and faulting it in again (zeroed page by page) at the next step.
 *
 * <p>Why: a dcgan-mnist step allocates and frees the same large buffers every time (im2col columns
 * of the convolutions, activations, gradients; up to tens of MiB). With glibc's defaults, freed
 * memory above 128 KiB at the top of a heap is trimmed, and blocks above the (adaptive) mmap
 * threshold are unmapped on free. On the AMD EPYC of issue 19, one thread, that cost 2.9 million
 * page faults and 21 s of kernel time in a 560-step bench/dcgan run, and made the step bimodal:
 * 268.8 ms median, interquartile range 229.7 ms. With the settings below: 198.9 ms, IQR 6.4 ms,
 * 0.19 million page faults (docs/RESULTS.md, issue 19). Where memory goes changes, never what is
 * computed: results stay bit-identical.
 *
 * <p>Settings (mallopt): blocks up to {@value #MMAP_THRESHOLD} bytes (glibc's maximum, 32 MiB) come
 * from the heap, so they are reused; up to {@value #TRIM_THRESHOLD} bytes free at a heap's top stay
 * mapped; a heap grows by {@value #TOP_PAD} bytes beyond a request. A process whose steps are larger
 * still unmaps its largest blocks, as before. Users who set glibc's allocator themselves
 * ({@code MALLOC_*_} variables or {@code GLIBC_TUNABLES}) keep their settings.
 */
final class MallocRetention {
    static final int MMAP_THRESHOLD = 32 << 20;
    static final int TRIM_THRESHOLD = 256 << 20;
    static final int TOP_PAD = 64 << 20;
    /** mallopt's parameter numbers in glibc's malloc.h. */
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_TOP_PAD = -2;
    private static final int M_MMAP_THRESHOLD = -3;

    private static String state = "glibc's defaults";

    private MallocRetention() {}

    /** Applies the settings unless the user chose the allocator's; must not fail a run where mallopt is missing. */
    static synchronized void keepFreedMemory() {
        if (userChose()) {
            state = "the user's (MALLOC_*_ or GLIBC_TUNABLES set)";
            return;
        }
        Function mallopt;
        try {
            mallopt = NativeLibrary.getInstance("c").getFunction("mallopt");
        } catch (UnsatisfiedLinkError e) {
            state = "the C library's defaults (it has no mallopt)";
            return;
        }
        boolean ok = set(mallopt, M_MMAP_THRESHOLD, MMAP_THRESHOLD) && set(mallopt, M_TRIM_THRESHOLD, TRIM_THRESHOLD)
                && set(mallopt, M_TOP_PAD, TOP_PAD);
        state = ok ? String.format("mmap threshold %d MiB, trim threshold %d MiB, top pad %d MiB",
                MMAP_THRESHOLD >> 20, TRIM_THRESHOLD >> 20, TOP_PAD >> 20) : "partly glibc's defaults (mallopt refused)";
    }

    /** Whether the user set glibc's allocator through its environment variables. */
    static boolean userChose() {
        return System.getenv().keySet().stream().anyMatch(k -> k.startsWith("MALLOC_"))
                || System.getenv("GLIBC_TUNABLES") != null;
    }

    /** What the allocator runs with in this process, for provenance. */
    static synchronized String settings() {
        return state;
    }

    private static boolean set(Function mallopt, int parameter, int value) {
        return mallopt.invokeInt(new Object[] {parameter, value}) == 1;
    }
}
