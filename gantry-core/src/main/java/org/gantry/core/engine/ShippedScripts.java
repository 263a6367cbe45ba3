package org.gantry.core.engine;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.pytorch.engine.PtSymbolBlock;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The small TorchScript functions shipped in Gantry's jar beside this class ({@code gradients.pt},
 * {@code fused_adam.pt}; each written by a script in {@code src/main/python}), loaded once each and
 * kept, model and block, for the life of the JVM: every caller shares them, and DJL frees a module
 * whose model is collected.
 */
final class ShippedScripts {
    private static final Map<String, PtSymbolBlock> BLOCKS = new HashMap<>();
    private static final List<Model> MODELS = new ArrayList<>();

    private ShippedScripts() {}

    /** The function in resource {@code file}, loaded on first use. */
    static synchronized PtSymbolBlock load(String file) {
        PtSymbolBlock block = BLOCKS.get(file);
        if (block == null) {
            TorchEngine.start0();
            Model model = Model.newInstance("gantry-" + file, "PyTorch");
            try (InputStream in = ShippedScripts.class.getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalStateException(file + " is missing from the Gantry jar");
                }
                model.load(in, Map.of());
            } catch (IOException | MalformedModelException e) {
                model.close();
                throw new IllegalStateException("cannot load Gantry's " + file + ": " + e.getMessage(), e);
            }
            MODELS.add(model);
            block = (PtSymbolBlock) model.getBlock();
            BLOCKS.put(file, block);
        }
        return block;
    }
}
