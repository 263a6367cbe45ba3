package org.gantry.core.nn.layer;

import org.gantry.random.Rng;

/** A layer whose parameters start from its own rule, applied after the default initialisation. */
interface SelfInitialising {

    void initialise(Rng rng);
}
