package org.gantry.core.model;

import ai.djl.nn.Block;
import java.util.function.Function;
import org.gantry.core.optim.StatefulOptimizer;

/**
 * A network a game adds beside the generator and the discriminator: a second discriminator, a Q
 * head. It is saved and loaded under its name.
 *
 * @param name its name in checkpoints and in the game's objectives, e.g. {@code d2}
 * @param build builds the block for one input example of the given shape (packed by {@code pack})
 * @param inputShape one example going in, without the batch axis; null for a head on the
 *     discriminator's last hidden features, whose shape the model finds out
 * @param pack examples judged as one input (PacGAN packing), 1 for one at a time
 * @param optimizer the optimizer that trains it
 */
public record NetworkSpec(String name, Function<int[], Block> build, int[] inputShape, int pack,
        StatefulOptimizer optimizer) {

    /** A head on the discriminator's last hidden features. */
    public static NetworkSpec onDiscriminatorFeatures(String name, Function<int[], Block> build,
            StatefulOptimizer optimizer) {
        return new NetworkSpec(name, build, null, 1, optimizer);
    }
}
