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
 * kernels by instruction set only on Intel processors; on an AMD EPYC with AVX-512 it took generic
 * ones ("Intel(R) Architecture processors" in its own report) at about 75 GFLOP/s per core, where
 * its AVX-512 kernels reach about 180 on the same core. Every dense layer and, with oneDNN off
 * ({@link LibtorchContext}), every convolution is such a product, so MKL's choice set the speed of
 * every step on AMD processors (docs/RESULTS.md, issue 19).
 *
 * <p>On AMD processors Gantry loads a two-function shim (src/main/c/mkl_any_vendor.c, built when a C
 * compiler is present) with global symbol scope before libtorch: its answers to MKL's vendor check
 * win over MKL's own, and MKL then chooses by the CPU's instruction set as it does on Intel
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
        } else if (NativeLibraries.isLoaded(NativeLibraries.TORCH)) {
            state = "MKL's own (libtorch was loaded before Gantry set up the engine)";
        } else if ("vendor".equals(setting)) {
            state = "MKL's own (" + ENV + "=vendor)";
        } else if (!loadShim()) {
            state = "MKL's own (Gantry was built without a C compiler, so without its shim)";
            System.err.println("gantry: oneMKL runs its generic kernels on this AMD processor, about half the speed"
                    + " of its AVX-512 ones for dense layers and convolutions; rebuild Gantry on a machine with a C"
                    + " compiler (/usr/bin/cc) to let it choose by instruction set");
        } else {
            state = "by instruction set (Gantry's shim answers MKL's vendor check)";
        }
    }

    /** Loads the shim with global symbol scope; false when this build has none. */
    private static boolean loadShim() {
        try (InputStream in = MklDispatch.class.getResourceAsStream(SHIM)) {
            if (in == null) {
                return false;
            }
            Path file = Files.createTempFile("gantry-mkl", ".so");
            try {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                shim = NativeLibrary.getInstance(file.toString(), Map.of(Library.OPTION_OPEN_FLAGS, RTLD_NOW | RTLD_GLOBAL));
            } finally {
                // The loaded library stays mapped after its file is gone.
                Files.deleteIfExists(file);
            }
            return true;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write Gantry's MKL shim to a temporary file: " + e.getMessage(), e);
        }
    }

    /** How MKL's kernels were chosen in this process. */
    static synchronized String choice() {
        return state;
    }

    /**
     * The code path MKL reports for this process (for example "Intel(R) Advanced Vector Extensions 512
     * (Intel(R) AVX-512) ..." or, for its generic kernels, "Intel(R) Architecture processors"); the
     * engine must be loaded.
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
