package org.gantry.core.engine;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;

/** What Gantry needs of a loaded TorchScript module beyond DJL's Block: its modes and a forward with autograd. */
public final class TorchScriptModules {
    private TorchScriptModules() {}

    /** DJL's option for {@code Model.load} that loads parameters as ordinary tensors, which autograd can save. */
    public static final String TRAINABLE_PARAMETERS = "trainParam";

    /** Puts the module in inference mode: batch norm reads its running statistics, dropout is off. */
    public static void inferenceMode(Block module) {
        JniUtils.enableInferenceMode((PtSymbolBlock) module);
    }

    /**
     * The module's forward with autograd on and the module left in its mode. DJL's own forward ties
     * the two together: its inference-mode forward runs without autograd.
     */
    public static NDList forwardWithGradient(Block module, NDList inputs) {
        return IValueUtils.forward((PtSymbolBlock) module, inputs, true);
    }
}
