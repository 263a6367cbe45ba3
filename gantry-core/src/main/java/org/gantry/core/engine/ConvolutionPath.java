package org.gantry.core.engine;

import java.util.List;
import java.util.function.Supplier;
import org.gantry.config.ConfigException;

/**
 * Which code computes Gantry's convolutions in this process, chosen once when the engine starts:
 * libtorch's oneDNN where it computes them right on this CPU, ATen's im2col and matrix products
 * elsewhere.
 *
 * <p>oneDNN 3.7.1 (inside DJL's libtorch 2.7.1) computed wrong input gradients and outputs on one
 * AMD EPYC seen (Zen 5; {@link LibtorchContext} has the details; right ones there once
 * {@link OneDnnCacheSizes} corrected the cache sizes it had read), and right ones on the Intel Xeons
 * and the AMD Zen 3 and Zen 4 measured, where it runs the dcgan-mnist step 1.4–1.6× as fast on one
 * thread as ATen's path (docs/RESULTS.md, issue 19). So oneDNN stays on only where {@link ConvolutionCheck}
 * finds nothing wrong with it: the small shapes at every start (the Zen 5's values were wrong in
 * every run, in up to 99 of 144 small shapes, so a check in each process catches that kind of
 * fault), and the standard networks' layers once per machine, CPU, library version and thread
 * count ({@link ConvolutionVerdicts}). The stress bench ({@code bench/stress}) hunts the
 * intermittent kind under a poisoned allocator. A check that cannot run at all leaves ATen's path.
 *
 * <p>TorchScript feature networks (the Inception network of FID, DeePSiM's feature loss) run on
 * the same path; their own layer shapes are not among those checked.
 *
 * <p>{@code GANTRY_CONVOLUTIONS=aten} skips the checks and keeps ATen's path, the one double
 * precision takes on every CPU. Provenance records the choice and why.
 */
final class ConvolutionPath {
    static final String ENV = "GANTRY_CONVOLUTIONS";
    private static String chosen = "not chosen";

    private ConvolutionPath() {}

    /** The path and the reason for it. */
    record Choice(boolean oneDnn, String description) {}

    /**
     * Turns NNPACK off and oneDNN on or off as described above; the engine must be loaded and its
     * threads set (oneDNN's kernels depend on them).
     */
    static synchronized void choose() {
        String setting = System.getenv(ENV);
        LibtorchContext.useAtenConvolutions();
        int batch = ConvolutionCheck.START_UP_BATCH;
        Choice choice = choose(setting,
                () -> ConvolutionCheck.withOneDnn(true, ConvolutionCheck::smallShapeFailures),
                () -> ConvolutionVerdicts.atDefaultLocation().get(
                        ConvolutionVerdicts.machineKey(ConvolutionCheck.networkLayerCheckId(batch)),
                        () -> ConvolutionCheck.withOneDnn(true, () -> ConvolutionCheck.networkLayerFailures(batch))));
        LibtorchContext.setOneDnn(choice.oneDnn());
        chosen = choice.description();
    }

    /**
     * The choice for the value of {@link #ENV} ({@code null} when unset), given the small-shape
     * check (run now, with oneDNN on) and the network-layer verdict; the latter is asked for only
     * if the former passes.
     */
    static Choice choose(String setting, Supplier<List<String>> smallShapes,
            Supplier<ConvolutionVerdicts.Verdict> networkLayers) {
        if (atenChosen(setting)) {
            return new Choice(false, "ATen im2col (" + ENV + "=aten)");
        }
        int quantities = ConvolutionCheck.checksPerShape();
        try {
            long started = System.nanoTime();
            List<String> wrong = smallShapes.get();
            double seconds = (System.nanoTime() - started) / 1e9;
            if (!wrong.isEmpty()) {
                return new Choice(false, String.format("ATen im2col (oneDNN wrong in %d of %d small-shape checks, e.g. %s)",
                        wrong.size(), ConvolutionCheck.smallShapes() * quantities, wrong.get(0)));
            }
            ConvolutionVerdicts.Verdict layers = networkLayers.get();
            String layerCheck = String.format("%d network layers at batch %d, %s, %.1f s, %s",
                    ConvolutionCheck.networkLayers(), ConvolutionCheck.START_UP_BATCH, layers.checkedAt(),
                    layers.seconds(), layers.source());
            if (!layers.passed()) {
                return new Choice(false, String.format("ATen im2col (oneDNN wrong in %d of %d checks of the %s; e.g. %s)",
                        layers.failures().size(), ConvolutionCheck.networkLayers() * quantities, layerCheck,
                        layers.failures().get(0)));
            }
            return new Choice(true, String.format("oneDNN (right in %d small shapes now, %.1f s; right in the %s)",
                    ConvolutionCheck.smallShapes(), seconds, layerCheck));
        } catch (RuntimeException e) {
            return new Choice(false, "ATen im2col (the convolution check could not run: " + e + ")");
        }
    }

    /**
     * Whether {@code setting}, the value of {@link #ENV} ({@code null} when unset), asks for ATen's path.
     *
     * @throws ConfigException for a value other than 'checked' and 'aten', naming both
     */
    static boolean atenChosen(String setting) {
        if (setting != null && !setting.equals("checked") && !setting.equals("aten")) {
            throw new ConfigException("environment variable " + ENV + "=" + setting + " is not allowed: 'checked' (the"
                    + " default: oneDNN where it passes the convolution checks) or 'aten' (always ATen's im2col path)");
        }
        return "aten".equals(setting);
    }

    /** The choice and why, for provenance. */
    static synchronized String chosen() {
        return chosen;
    }
}
