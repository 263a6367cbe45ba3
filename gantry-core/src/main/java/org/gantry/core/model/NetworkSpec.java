package org.gantry.core.model;

import ai.djl.nn.Block;
import org.gantry.core.optim.StatefulOptimizer;

/**
 * A network a game adds beside the generator and the discriminator: a second discriminator, a Q
 * head. It is saved and loaded under its name.
 *
 * @param name its name in checkpoints and in the game's objectives, e.g. {@code d2}
 * @param block built for {@link Network#packedShape}{@code (inputShape, pack)}
 * @param inputShape one example going in, without the batch axis
 * @param pack examples judged as one input (PacGAN packing), 1 for one at a time
 * @param optimizer the optimizer that trains it
 */
public record NetworkSpec(String name, Block block, int[] inputShape, int pack, StatefulOptimizer optimizer) {}
