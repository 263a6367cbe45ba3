package org.gantry.core;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A test that builds arrays by hand: the engine started as the tiny configuration starts it, and one manager per test. */
public abstract class ArrayTest {
    protected NDManager m;

    @BeforeEach
    void openManager() {
        TestConfigs.tiny();
        m = NDManager.newBaseManager();
    }

    @AfterEach
    void closeManager() {
        m.close();
    }
}
