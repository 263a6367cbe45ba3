package org.gantry.core.engine;

import java.util.List;
import org.gantry.config.ConfigException;

/**
 * Which code computes Gantry's convolutions in this process, chosen once when the engine starts:
 * libtorch's oneDNN where it computes them right on this CPU, ATen's im2col and matrix products
 * elsewhere.
 *
 * <p>oneDNN 3.7.1 (inside DJL's libtorch 2.7.1) computes wrong input gradients and outputs on one
 * AMD EPYC seen (Zen 5; {@link LibtorchContext} has the details), and right ones on the Intel Xeons
 * and the AMD Zen 4 measured, where it runs the dcgan-mnist step 1.5× as fast as ATen's path
 * (docs/RESULTS.md, issue 19). So at start-up {@link ConvolutionCheck} runs with oneDNN on, every
 * shape and derivative against the double-precision convolution, and oneDNN stays on only if none
 * fails. The Zen 5's wrong values were wrong in every run (up to 99 of the 144 shapes then
 * checked), so a check in each process catches that kind of fault where it exists; the stress bench
 * ({@code bench/stress}) hunts the intermittent kind under a poisoned allocator.
 *
 * <p>{@code GANTRY_CONVOLUTIONS=aten} skips the check and keeps ATen's path, the one double
 * precision takes on every CPU (and 0.4–1.7 s faster to start). Provenance records the choice.
 */
final class ConvolutionPath {
    static final String ENV = "GANTRY_CONVOLUTIONS";
    private static String chosen = "not chosen";

    private ConvolutionPath() {}

    /** Turns NNPACK off and oneDNN on or off as described above; the engine must be loaded. */
    static synchronized void choose() {
        String setting = System.getenv(ENV);
        if (setting != null && !setting.equals("checked") && !setting.equals("aten")) {
            throw new ConfigException("environment variable " + ENV + "=" + setting + " is not allowed: 'checked' (the"
                    + " default: oneDNN where it passes the convolution check at start-up) or 'aten' (always ATen's"
                    + " im2col path)");
        }
        LibtorchContext.useAtenConvolutions();
        if ("aten".equals(setting)) {
            chosen = "ATen im2col (" + ENV + "=aten)";
            return;
        }
        long started = System.nanoTime();
        List<String> wrong = ConvolutionCheck.failuresWithOneDnn();
        double seconds = (System.nanoTime() - started) / 1e9;
        if (wrong.isEmpty()) {
            LibtorchContext.setOneDnn(true);
            chosen = String.format("oneDNN (right in all %d shapes checked, %.1f s)", ConvolutionCheck.shapes(),
                    seconds);
        } else {
            chosen = String.format("ATen im2col (oneDNN wrong in %d of %d checks, e.g. %s)", wrong.size(),
                    ConvolutionCheck.shapes() * 5, wrong.get(0));
        }
    }

    /** The choice and why, for provenance. */
    static synchronized String chosen() {
        return chosen;
    }
}
