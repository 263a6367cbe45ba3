package org.gantry.core.nn;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.gantry.config.ValueType;

/** Hidden-layer non-linearities by configuration name. */
public final class ActivationName {
    private static final Map<String, Function<NDList, NDList>> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("relu", Activation::relu);
        BY_NAME.put("leaky_relu", x -> Activation.leakyRelu(x, 0.2f));
        BY_NAME.put("tanh", Activation::tanh);
        BY_NAME.put("elu", x -> Activation.elu(x, 1f));
        BY_NAME.put("softplus", Activation::softPlus);
    }

    private ActivationName() {}

    public static final ValueType<String> TYPE = ValueType.choice(BY_NAME::keySet);

    public static Function<NDList, NDList> of(String name) {
        Function<NDList, NDList> f = BY_NAME.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown activation " + name);
        }
        return f;
    }
}
