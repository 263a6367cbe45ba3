package org.gantry.core.engine;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.gantry.config.ConfigException;

/**
 * Which kernels oneMKL, libtorch's matrix-product library, runs on this processor. MKL picks its
 * kernels by instruction set only on Intel processors; on AMD ones it takes kernels of its own. On
 * an AMD EPYC with AVX-512 those ran at about 75 GFLOP/s per core, where its AVX-512 kernels reach
 * about 180 on the same core; on a Zen 3 (AVX2, no AVX-512) its AVX2 kernels ran the metrics'
 * products (K = 128) at 135–160 GFLOP/s on two cores against 85–127 for its AMD ones. Every dense
 * layer and, with oneDNN off ({@link LibtorchContext}), every convolution is such a product, as are
 * the metrics' neighbour searches (docs/RESULTS.md, issue 19).
 *
 * <p>On AMD processors with AVX2 Gantry loads a two-function shim (src/main/c/mkl_any_vendor.c, built
 * when a C compiler is present) with global symbol scope before libtorch: its answers to MKL's vendor
 * check win over MKL's own, and MKL then chooses by the CPU's instruction set as it does on Intel
 * processors. Intel and AMD processors with the same instruction sets then run the same MKL kernels.
 * Setting {@code GANTRY_MKL_DISPATCH=vendor} keeps MKL's own choice.
 */
final class MklDispatch {
    static final String ENV = "GANTRY_MKL_DISPATCH";
    private static final String SHIM = "libgantry_mkl_any_vendor.so";
    private static final int RTLD_NOW = 0x2;
    private static final int RTLD_GLOBAL = 0x100;

    /** The shim stays open for the life of the process: MKL calls into it whenever it dispatches. */
    private static NativeLibrary shim;
    private static String state = "not loaded";

    private MklDispatch() {}

    /** Loads the shim on AMD processors unless the user kept MKL's own choice; before libtorch loads. */
    static synchronized void chooseByInstructionSet() {
        String vendor = CpuInfo.vendor();
        String setting = System.getenv(ENV);
        if (setting != null && !setting.equals("features") && !setting.equals("vendor")) {
            throw new ConfigException("environment variable " + ENV + "=" + setting + " is not allowed: 'features' (the"
                    + " default: MKL picks kernels by instruction set on AMD processors too) or 'vendor' (MKL's own choice)");
        }
        if (!"AuthenticAMD".equals(vendor)) {
            state = "MKL's own (" + vendor + ")";
        } else if (!CpuInfo.flags().contains("avx2")) {
            // Measured on AVX2 and AVX-512 processors only.
            state = "MKL's own (AMD without AVX2)";
        } else if ("vendor".equals(setting)) {
            state = "MKL's own (" + ENV + "=vendor)";
        } else if (NativeLibraries.isLoaded(NativeLibraries.TORCH)) {
            state = "MKL's own (libtorch was loaded before Gantry set up the engine)";
            warn("libtorch was loaded before Gantry set up the engine (start it with TorchEngine.start before any"
                    + " NDManager)");
        } else {
            String failure = loadShim();
            state = failure == null ? "by instruction set (Gantry's shim answers MKL's vendor check)"
                    : "MKL's own (" + failure + ")";
            if (failure != null) {
                warn(failure);
            }
        }
    }

    private static void warn(String why) {
        System.err.println("gantry: oneMKL runs its kernels for AMD on this processor, slower than those for its"
                + " instruction set (half the speed with AVX-512) for dense layers, convolutions and metrics: " + why);
    }

    /**
     * Loads the shim with global symbol scope; null when it is loaded, else why not. A failure only
     * costs speed, so it never stops the engine.
     */
    private static String loadShim() {
        try (InputStream in = MklDispatch.class.getResourceAsStream(SHIM)) {
            if (in == null) {
                return "this build has no shim (no C compiler at /usr/bin/cc when it was built; install one, then"
                        + " rebuild: mvn -B package, or delete gantry-cli/target/.gantry-built)";
            }
            Path file = Files.createTempFile("gantry-mkl", ".so");
            try {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                shim = NativeLibrary.getInstance(file.toString(), Map.of(Library.OPTION_OPEN_FLAGS, RTLD_NOW | RTLD_GLOBAL));
            } finally {
                // The loaded library stays mapped after its file is gone.
                Files.deleteIfExists(file);
            }
            return null;
        } catch (IOException | UnsatisfiedLinkError e) {
            return "its shim could not be loaded from the temporary directory (" + e.getMessage() + ")";
        }
    }

    /** How MKL's kernels were chosen in this process. */
    static synchronized String choice() {
        return state;
    }

    /**
     * The code path MKL reports for this process (for example "Intel(R) Advanced Vector Extensions 512
     * (Intel(R) AVX-512) ..." or, after a failed vendor check, "Intel(R) Architecture processors");
     * the engine must be loaded. MKL derives it from the same vendor check its matrix products ask, so
     * it shows whether the shim answers; the speed of the products is what bench/ring measures.
     */
    static String codePath() {
        // MKLVersion: three ints, then the product status, build, processor and platform strings.
        try (Memory version = new Memory(64)) {
            version.clear();
            NativeLibraries.loaded(NativeLibraries.TORCH).getFunction("mkl_serv_get_version")
                    .invokeVoid(new Object[] {version});
            Pointer processor = version.getPointer(32);
            if (processor == null) {
                throw new IllegalStateException("MKL reported no code path");
            }
            return processor.getString(0);
        }
    }
}
