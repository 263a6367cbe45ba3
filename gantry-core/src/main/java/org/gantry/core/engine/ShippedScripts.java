package org.gantry.core.engine;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small TorchScript functions shipped in Gantry's jar beside this class ({@code gradients.pt},
 * {@code fused_adam.pt}, {@code conv_transpose.pt}; each written by a script in {@code src/main/python}),
 * loaded once each and kept, model and block, for the life of the JVM: every caller shares them,
 * and DJL frees a module whose model is collected.
 */
final class ShippedScripts {
    private static final Map<String, PtSymbolBlock> BLOCKS = new HashMap<>();
    private static final List<Model> MODELS = new ArrayList<>();

    private ShippedScripts() {}

    /**
     * Runs the function in resource {@code file} with autograd on, as DJL runs a module in training.
     * Each argument is an array (one tensor argument) or a non-empty list of arrays (one TorchScript
     * list argument), in the function's order; the results belong to {@code manager}.
     *
     * <p>DJL builds a list argument from the arrays named {@code "name[]"}, one list per name in order
     * of first appearance, so each list's arrays are renamed for the call and given their own names
     * (parameters have them) back afterwards, also when the call fails.
     */
    static NDList forward(String file, NDManager manager, List<?> arguments) {
        PtSymbolBlock block = load(file);
        NDList args = new NDList();
        Map<NDArray, String> renamed = new IdentityHashMap<>();
        try {
            for (int k = 0; k < arguments.size(); k++) {
                Object argument = arguments.get(k);
                if (argument instanceof NDArray array) {
                    args.add(array);
                } else {
                    for (Object element : (List<?>) argument) {
                        NDArray array = (NDArray) element;
                        renamed.putIfAbsent(array, array.getName());
                        array.setName("list" + k + "[]");
                        args.add(array);
                    }
                }
            }
            return block.forward(new ParameterStore(manager, false), args, true);
        } finally {
            renamed.forEach(NDArray::setName);
        }
    }

    /** The function in resource {@code file}, loaded on first use. */
    private static synchronized PtSymbolBlock load(String file) {
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
