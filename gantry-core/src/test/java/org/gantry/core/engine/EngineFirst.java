package org.gantry.core.engine;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Sets the engine up before any test class runs (registered for every test of this module through
 * JUnit's extension auto-detection). A test that made an NDManager first would otherwise load
 * libtorch through DJL's defaults, and the settings that must precede it (MKL's kernel choice,
 * libgomp's spin) would depend on which test the JVM happened to run first.
 */
public final class EngineFirst implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        TorchEngine.start0();
    }
}
