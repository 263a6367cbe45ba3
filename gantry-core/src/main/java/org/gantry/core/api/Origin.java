package org.gantry.core.api;

import java.nio.file.Path;
import java.util.Optional;
import org.gantry.data.GaussianMixture;

/**
 * Where samples or curves of a trained run came from: the data set it learned and the checkpoint
 * and seed they were drawn with.
 *
 * @param data the data set's name
 * @param shape one example's shape, e.g. {@code [2]} or {@code [1, 28, 28]}
 * @param modes the data set's generating mixture, for the 2D data sets
 * @param checkpoint the checkpoint file read
 * @param step the step it was written at
 * @param seed the seed of the draw
 */
public record Origin(String data, int[] shape, Optional<GaussianMixture> modes, Path checkpoint, long step, long seed) {
}
