package org.gantry.eval;

import java.util.ServiceLoader;

/** {@link FloatProducts#fastest}, looked up once: the service lookup scans the class path. */
final class FastestProducts {
    static final FloatProducts INSTANCE =
            ServiceLoader.load(FloatProducts.class).findFirst().orElseGet(JavaFloatProducts::new);

    private FastestProducts() {}
}
